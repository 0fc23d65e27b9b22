"""Signing in and out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from core.http import DbSession, optional_user, settings_of
from core.models import Role, User
from core.users import UserError, authenticate_password, create_user, has_users
from web.common import CsrfChecked, redirect, render, safe_next, sign_in

router = APIRouter()


def _first_run(request: Request, session: Session) -> bool:
    """The very first account may be made from the browser, on a development install only:
    anywhere else the first admin comes from `avtale user create`, so nobody who merely
    reaches a fresh server can make themselves its administrator."""
    return settings_of(request).environment == "development" and not has_users(session)


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_form(
    request: Request,
    session: DbSession,
    user: Annotated[User | None, Depends(optional_user)],
    next: str = "/",
) -> HTMLResponse:
    return render(request, "login.html",
                  {"next": safe_next(next), "email": "", "first_run": _first_run(request, session)},
                  user=user)


@router.post("/setup", response_class=HTMLResponse, include_in_schema=False,
             dependencies=[CsrfChecked])
def first_account(
    request: Request,
    session: DbSession,
    email: Annotated[str, Form(max_length=320)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    if not _first_run(request, session):
        return redirect("/login")
    try:
        user = create_user(session, email=email, role=Role.ADMIN, password=password)
    except UserError as error:
        return render(request, "login.html",
                      {"next": "/", "email": "", "first_run": True, "setup_email": email,
                       "setup_error": str(error)}, status_code=422)
    session.commit()
    sign_in(request, user)
    return redirect("/")


@router.post("/login", response_class=HTMLResponse, include_in_schema=False,
             dependencies=[CsrfChecked])
def login(
    request: Request,
    session: DbSession,
    email: Annotated[str, Form(max_length=320)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    user = authenticate_password(session, email, password) if email and password else None
    if user is None:
        return render(
            request, "login.html",
            {"next": safe_next(next), "email": email,
             "error": "Wrong e-mail or password."},
            status_code=401,
        )
    sign_in(request, user)
    return redirect(safe_next(next))


@router.post("/logout", include_in_schema=False, dependencies=[CsrfChecked])
def logout(request: Request) -> Response:
    request.session.clear()
    return redirect("/login")
