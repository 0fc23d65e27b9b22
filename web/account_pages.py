"""The signed-in person's own account: changing their password."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from core.http import DbSession, client_address, clock_of, login_throttle_of
from core.login import LoginThrottledError, check_current_password
from core.users import MIN_PASSWORD_LENGTH, UserError, change_password
from web.common import CsrfChecked, PageUser, flash, redirect, render, sign_in

router = APIRouter()
TEMPLATE = "account_password.html"


@router.get("/account/password", response_class=HTMLResponse, include_in_schema=False)
def password_form(request: Request, user: PageUser) -> HTMLResponse:
    return render(request, TEMPLATE, {"min_length": MIN_PASSWORD_LENGTH}, user=user)


@router.post("/account/password", include_in_schema=False, dependencies=[CsrfChecked])
def password_change(
    request: Request,
    user: PageUser,
    session: DbSession,
    current_password: Annotated[str, Form(max_length=1000)] = "",
    new_password: Annotated[str, Form(max_length=1000)] = "",
    repeat_password: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    now = clock_of(request)()

    def again(message: str, status_code: int) -> HTMLResponse:
        return render(request, TEMPLATE, {"min_length": MIN_PASSWORD_LENGTH, "error": message},
                      user=user, status_code=status_code)

    try:
        right = check_current_password(session, login_throttle_of(request), user,
                                       current_password, address=client_address(request),
                                       now=now)
    except LoginThrottledError as error:
        response = again(f"Too many wrong passwords. Try again in {error.retry_after} seconds.",
                         429)
        response.headers["Retry-After"] = str(error.retry_after)
        return response
    if not right:
        session.commit()  # the failure counts towards throttling
        return again("That is not your current password.", 403)
    if new_password != repeat_password:
        return again("The two new passwords differ.", 422)
    try:
        change_password(session, user, new_password, now=now)
    except UserError as error:
        return again(f"{error}.", 422)
    # Every session ended, this browser's too; it gets a fresh one, the others stay out.
    sign_in(request, session, user)
    session.commit()
    flash(request, "Password changed. You were signed out everywhere else.")
    return redirect("/")
