"""Administration in the pages: users (add, role, deactivate), API tokens, the audit log,
the organisation's settings. Admins only; every change is audited by the core functions."""

from __future__ import annotations

import datetime as dt
import math
import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select

from core.audit_log import AuditFilter, audit_page
from core.http import DbSession, clock_of, settings_of
from core.models import ApiToken, Role, User
from core.tokens import TokenNotFoundError, revoke_token
from core.users import UserError, create_user, set_active, set_role
from web.common import CsrfChecked, PageUser, error_page, flash, redirect, render, said, t
from web.i18n import N_

router = APIRouter()
AUDIT_PAGE_SIZE = 100


class NotAdminError(Exception):
    pass


def admin_user(user: PageUser) -> User:
    if user.role is not Role.ADMIN:
        raise NotAdminError
    return user


AdminPageUser = Annotated[User, Depends(admin_user)]


def _users_page(request: Request, admin: User, session: DbSession, *,
                created: tuple[str, str] | None = None, error: str | None = None,
                entered: dict[str, str] | None = None, status_code: int = 200) -> HTMLResponse:
    """`entered`: the add-a-user form as it was sent, refilled when it is refused."""
    users = session.scalars(select(User).order_by(User.email)).all()
    return render(request, "admin_users.html", {
        "users": users, "roles": [r.value for r in Role], "created": created, "error": error,
        "entered": entered or {"email": "", "name": "", "role": "viewer"},
    }, user=admin, status_code=status_code)


@router.get("/admin/users", response_class=HTMLResponse, include_in_schema=False)
def users_page(request: Request, admin: AdminPageUser, session: DbSession) -> HTMLResponse:
    return _users_page(request, admin, session)


@router.post("/admin/users", include_in_schema=False, dependencies=[CsrfChecked])
def add_user(
    request: Request, admin: AdminPageUser, session: DbSession,
    email: Annotated[str, Form(max_length=320)] = "",
    role: Annotated[str, Form()] = "viewer", name: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    entered = {"email": email, "name": name, "role": role}
    if role not in {r.value for r in Role}:
        return _users_page(request, admin, session, error=t(request, "Choose a role."),
                           entered=entered, status_code=422)
    # Shown once on this page (never put in a cookie or a log); they change it at sign-in.
    password = secrets.token_urlsafe(12)
    try:
        user = create_user(session, email=email, role=Role(role), password=password,
                           name=name.strip(), actor_id=admin.id)
    except UserError as error:
        session.rollback()
        return _users_page(request, admin, session, entered=entered, status_code=422,
                           error=t(request, "Not added: %(problem)s.",
                                   problem=said(request, error)))
    session.commit()
    response = _users_page(request, admin, session, created=(user.email, password))
    response.headers["Cache-Control"] = "no-store"
    return response


@router.post("/admin/users/{user_id}", include_in_schema=False, dependencies=[CsrfChecked])
def change_user(
    request: Request, user_id: int, admin: AdminPageUser, session: DbSession,
    role: Annotated[str, Form()] = "", active: Annotated[str, Form()] = "",
) -> Response:
    user = session.get(User, user_id) if 0 < user_id < 2**31 else None
    if user is None:
        return error_page(request, 404, "There is no such user.", admin)
    try:
        if role:
            if role not in {r.value for r in Role}:
                raise UserError(N_("unknown role"))
            set_role(session, user, Role(role), actor=admin)
        if active in ("yes", "no"):
            set_active(session, user, active == "yes", actor=admin, now=clock_of(request)())
    except UserError as error:
        session.rollback()
        flash(request, "Not changed: %(problem)s.", "error", problem=said(request, error))
        return redirect("/admin/users")
    session.commit()
    flash(request, "%(email)s updated.", email=user.email)
    return redirect("/admin/users")


@router.get("/admin/tokens", response_class=HTMLResponse, include_in_schema=False)
def tokens_page(request: Request, admin: AdminPageUser, session: DbSession) -> HTMLResponse:
    tokens = session.execute(
        select(ApiToken, User.email).join(User, User.id == ApiToken.user_id)
        .order_by(ApiToken.id.desc())
    ).all()
    return render(request, "admin_tokens.html", {"tokens": tokens, "now": clock_of(request)()},
                  user=admin)


@router.post("/admin/tokens/{token_id}/revoke", include_in_schema=False,
             dependencies=[CsrfChecked])
def revoke(request: Request, token_id: int, admin: AdminPageUser,
           session: DbSession) -> Response:
    try:
        row = revoke_token(session, token_id, actor=admin, now=clock_of(request)())
    except TokenNotFoundError:
        return error_page(request, 404, "There is no such token.", admin)
    session.commit()
    flash(request, "Token %(prefix)s… revoked.", prefix=row.prefix)
    return redirect("/admin/tokens")


@router.get("/admin/audit", response_class=HTMLResponse, include_in_schema=False)
def audit_log_page(request: Request, admin: AdminPageUser, session: DbSession) -> HTMLResponse:
    params = request.query_params

    def day(name: str) -> dt.date | None:
        try:
            return dt.date.fromisoformat(params.get(name, ""))
        except ValueError:
            return None

    entity = params.get("entity_id", "")
    page_text = params.get("page", "")
    chosen = AuditFilter(
        actor_email=params.get("actor", "")[:320], action=params.get("action", "")[:100],
        entity_type=params.get("entity_type", "")[:50],
        entity_id=int(entity) if entity.isascii() and entity.isdigit() and len(entity) < 10
        else None,
        since=day("since"), until=day("until"),
    )
    page = int(page_text) if page_text.isascii() and page_text.isdigit() and len(
        page_text) < 6 else 1
    total, events = audit_page(session, chosen, max(page, 1), AUDIT_PAGE_SIZE)
    return render(request, "admin_audit.html", {
        "events": events, "total": total, "page": page, "chosen": chosen,
        "pages": max(1, math.ceil(total / AUDIT_PAGE_SIZE)),
        "params": {k: v for k, v in params.items() if k != "page"},
    }, user=admin)


@router.get("/admin/settings", response_class=HTMLResponse, include_in_schema=False)
def settings_page(request: Request, admin: AdminPageUser) -> HTMLResponse:
    settings = settings_of(request)
    shown = {
        name: getattr(settings, name) for name in (
            "environment", "base_url", "database_url", "broker_url", "search_backend",
            "smtp_host", "smtp_port", "smtp_tls", "mail_from", "max_upload_bytes",
            "max_pages", "max_ocr_pages", "parse_time_limit_seconds",
            "parse_memory_limit_mb", "worker_threads", "session_max_age_seconds",
        ) if hasattr(settings, name)
    }
    if shown.get("database_url"):
        shown["database_url"] = _without_password(str(shown["database_url"]))
    return render(request, "admin_settings.html", {"shown": shown}, user=admin)


def _without_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    if "@" in rest:
        credentials, _, host = rest.rpartition("@")
        return f"{scheme}{sep}{credentials.split(':', 1)[0]}:***@{host}"
    return url
