"""What every page shares: templates, the signed-in user, CSRF tokens and flash messages.

Pages use the session cookie that `avtale.app` installs: it carries the id of a server-side
session (`core.sessions`), the CSRF token and a flash message, never who is signed in. A page
that needs a user redirects to /login (303) instead of answering 401, and every POST form
carries a per-session CSRF token that the route checks before doing anything: SameSite=lax
keeps the cookie off most cross-site POSTs, but not off every one (same-site subdomains,
older browsers).
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

import jinja2
from fastapi import Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from core.http import (
    CSRF_SESSION_KEY,
    SESSION_ID_KEY,
    clock_of,
    database_of,
    optional_user,
    session_id_of,
    settings_of,
)
from core.i18n import message_of
from core.models import Role, User
from core.sessions import end_session, start_session
from watchers.inbox import open_count
from web import i18n
from web.formatting import FILTERS

WEB_DIR = Path(__file__).resolve().parent
CSRF_FIELD = "csrf_token"
FLASH_KEY = "flash"
# Scripts only from this site's own files (the contract page's PDF viewer and its pdf.js
# worker), never inline: even if some text slipped through unescaped it could not execute.
# Styles and images only from this site.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; worker-src 'self'; object-src 'none'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

_environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(WEB_DIR / "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    extensions=["jinja2.ext.i18n"],
)
_environment.policies["ext.i18n.trimmed"] = True  # one msgid however a block is wrapped
_environment.filters.update(FILTERS)
# New-style gettext: `_("Page %(number)s", number=n)` escapes its values like any output.
_environment.install_gettext_callables(  # type: ignore[attr-defined]
    i18n.gettext, i18n.ngettext, newstyle=True,
)
templates = Jinja2Templates(env=_environment)


class LoginRequiredError(Exception):
    """Raised by `page_user` when nobody is signed in; answered with a redirect."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


class CsrfError(Exception):
    """A POST without the session's CSRF token; answered with 403."""


def today() -> dt.date:
    return dt.date.today()


def page_user(request: Request, user: Annotated[User | None, Depends(optional_user)]) -> User:
    if user is None:
        raise LoginRequiredError(local_url(str(request.url.path), request.url.query))
    use_language_of(request, user)
    return user


def user_language(request: Request, user: User | None) -> str:
    """The person's chosen language, else the organisation's."""
    chosen = i18n.known(user.language) if user is not None else None
    return chosen or settings_of(request).default_language


def use_language_of(request: Request, user: User | None) -> None:
    # request.state lives in the request's scope: the route after this dependency sees it.
    request.state.language = user_language(request, user)


def language_of(request: Request) -> str:
    chosen = getattr(request.state, "language", None)
    return i18n.known(chosen) or settings_of(request).default_language


def t(request: Request, message: str, **params: Any) -> str:
    """`message` in the request's language (see web/i18n.py)."""
    return i18n.translate(language_of(request), message, **params)


def said(request: Request, problem: Exception | i18n.Message) -> str:
    """What a lower layer says (an error, or a message: msgid and values, core/i18n.py), in
    the request's language; an error without a message is its text looked up in the
    catalogue."""
    said = problem if isinstance(problem, i18n.Message) else message_of(problem)
    return i18n.render(said, language_of(request))


PageUser = Annotated[User, Depends(page_user)]


def local_url(path: str, query: str = "") -> str:
    return path + (f"?{query}" if query else "")


def login_redirect(next_url: str) -> RedirectResponse:
    return RedirectResponse(f"/login?next={quote(next_url, safe='')}", status_code=303)


def safe_next(next_url: str | None) -> str:
    """Only redirect within this site after login (no open redirects)."""
    if (
        not next_url
        or not next_url.startswith("/")
        or next_url.startswith("//")
        or "\\" in next_url
        or any(ord(ch) < 32 for ch in next_url)
    ):
        return "/"
    return next_url


def csrf_token(request: Request) -> str:
    token = request.session.get(CSRF_SESSION_KEY)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        request.session[CSRF_SESSION_KEY] = token
    return token


def check_csrf(request: Request, csrf_token: Annotated[str, Form()] = "") -> None:
    """Dependency of every page POST: the form's token must equal the session's."""
    expected = request.session.get(CSRF_SESSION_KEY)
    if (
        not isinstance(expected, str)
        or not expected
        or not csrf_token
        or not hmac.compare_digest(expected.encode(), csrf_token.encode())
    ):
        raise CsrfError


CsrfChecked = Depends(check_csrf)


def is_editor(user: User | None) -> bool:
    return user is not None and user.role in (Role.ADMIN, Role.EDITOR)


def flash(request: Request, text: str, kind: str = "info", **params: Any) -> None:
    """Show `text` (an English msgid, with `%(name)s` filled from `params`) on the next page,
    in the reader's language."""
    request.session[FLASH_KEY] = {"kind": kind, "text": t(request, text, **params)}


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    user: User | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    message = request.session.pop(FLASH_KEY, None)
    language = user_language(request, user) if user is not None else language_of(request)
    i18n.set_current_language(language)
    base: dict[str, Any] = {
        "language": language,
        "inbox_count": _open_alerts(request, user),
        "user": user,
        "is_editor": is_editor(user),
        "csrf_token": csrf_token(request),
        "flash": message if isinstance(message, dict) else None,
    }
    response: HTMLResponse = templates.TemplateResponse(
        request, template, base | (context or {}), status_code=status_code,
        headers=PAGE_HEADERS,
    )
    return response


def _open_alerts(request: Request, user: User | None) -> int:
    """The open-alert count in the page header (0 when signed out)."""
    if user is None:
        return 0
    with database_of(request).session() as session:
        return open_count(session, user, today())


def error_page(request: Request, status_code: int, message: str,
               user: User | None = None) -> HTMLResponse:
    titles = {400: "Bad request", 403: "Not allowed", 404: "Not found"}
    return render(
        request, "error.html",
        {"title": t(request, titles.get(status_code, "Error")),
         "message": t(request, message)},
        user=user, status_code=status_code,
    )


def sign_in(request: Request, session: Session, user: User) -> None:
    # A fresh session on login: nothing from before the login (a planted token) survives.
    sign_out(request, session)
    lifetime = dt.timedelta(seconds=settings_of(request).session_max_age_seconds)
    request.session[SESSION_ID_KEY] = start_session(session, user, now=clock_of(request)(),
                                                    lifetime=lifetime)
    csrf_token(request)
    use_language_of(request, user)


def sign_out(request: Request, session: Session) -> None:
    """End the server-side session, so a copy of the cookie is worth nothing afterwards."""
    session_id = session_id_of(request)
    if session_id is not None:
        end_session(session, session_id, now=clock_of(request)())
    request.session.clear()


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)
