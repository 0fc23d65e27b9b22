"""The signed-in person's own account: their language, changing their password."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from core.http import DbSession, client_address, clock_of, login_throttle_of
from core.login import LoginThrottledError, check_current_password
from core.users import MIN_PASSWORD_LENGTH, UserError, change_password, set_language
from web.common import (
    CsrfChecked,
    PageUser,
    flash,
    redirect,
    render,
    said,
    sign_in,
    t,
    use_language_of,
    user_language,
)
from web.i18n import LANGUAGES

router = APIRouter()
TEMPLATE = "account_password.html"


@router.get("/account", response_class=HTMLResponse, include_in_schema=False)
def account_page(request: Request, user: PageUser) -> HTMLResponse:
    return render(request, "account.html", {
        "languages": LANGUAGES, "chosen": user.language or "",
        "default_language": LANGUAGES[user_language(request, None)],
    }, user=user)


@router.post("/account/language", include_in_schema=False, dependencies=[CsrfChecked])
def language_change(
    request: Request, user: PageUser, session: DbSession,
    language: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    if language and language not in LANGUAGES:
        flash(request, "Choose one of the languages offered.", "error")
        return redirect("/account")
    set_language(session, user, language or None)
    session.commit()
    use_language_of(request, user)  # the confirmation already in the new language
    flash(request, "Language saved.")
    return redirect("/account")


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
        return render(request, TEMPLATE,
                      {"min_length": MIN_PASSWORD_LENGTH, "error": t(request, message)},
                      user=user, status_code=status_code)

    try:
        right = check_current_password(session, login_throttle_of(request), user,
                                       current_password, address=client_address(request),
                                       now=now)
    except LoginThrottledError as error:
        response = again(t(request, "Too many wrong passwords. Try again in %(seconds)s seconds.",
                           seconds=error.retry_after), 429)
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
        return again(said(request, error) + ".", 422)
    # Every session ended, this browser's too; it gets a fresh one, the others stay out.
    sign_in(request, session, user)
    session.commit()
    flash(request, "Password changed. You were signed out everywhere else.")
    return redirect("/")
