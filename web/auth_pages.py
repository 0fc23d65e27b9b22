"""Signing in and out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from core.http import (
    DbSession,
    client_address,
    clock_of,
    login_throttle_of,
    optional_user,
    settings_of,
)
from core.login import LoginThrottledError, password_sign_in
from core.models import Role, User
from core.users import UserError, create_user, has_users
from web.common import CsrfChecked, redirect, render, safe_next, said, sign_in, sign_out, t

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
                       "setup_error": said(request, error)}, status_code=422)
    sign_in(request, session, user)
    session.commit()
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
    context = {"next": safe_next(next), "email": email}
    try:
        user = password_sign_in(session, login_throttle_of(request), email=email,
                                password=password, address=client_address(request),
                                now=clock_of(request)())
    except LoginThrottledError as error:
        response = render(request, "login.html",
                          context | {"error": t(
                              request, "Too many failed attempts. Try again in %(seconds)s "
                              "seconds.", seconds=error.retry_after)},
                          status_code=429)
        response.headers["Retry-After"] = str(error.retry_after)
        return response
    if user is None:
        # The failure is committed (a throttling audit entry may come with it).
        wrong = t(request, "Wrong e-mail or password.")
        return render(request, "login.html", context | {"error": wrong}, status_code=401)
    sign_in(request, session, user)
    session.commit()
    return redirect(safe_next(next))


@router.post("/logout", include_in_schema=False, dependencies=[CsrfChecked])
def logout(request: Request, session: DbSession) -> Response:
    sign_out(request, session)
    session.commit()
    return redirect("/login")
