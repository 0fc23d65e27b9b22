"""Signing in and out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response

from core.http import DbSession, optional_user
from core.models import User
from core.users import authenticate_password
from web.common import CsrfChecked, redirect, render, safe_next, sign_in

router = APIRouter()


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_form(
    request: Request,
    user: Annotated[User | None, Depends(optional_user)],
    next: str = "/",
) -> HTMLResponse:
    return render(request, "login.html", {"next": safe_next(next), "email": ""}, user=user)


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
