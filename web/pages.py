"""Mounting the server-rendered pages on the app: routes, static files, page errors."""

from __future__ import annotations

import mimetypes

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from web import (
    account_pages,
    admin_pages,
    auth_pages,
    calendar_pages,
    contract_pages,
    deadlines_pages,
    lifecycle_pages,
    review_pages,
    saved_search_pages,
    search_help,
    search_pages,
    spend_pages,
    supplier_pages,
    supplier_scorecard_pages,
    table_pages,
    upload_pages,
    watch_pages,
)
from web.common import WEB_DIR, CsrfError, LoginRequiredError, error_page, login_redirect


def mount(app: FastAPI) -> None:
    # pdf.js ships as ES modules (.mjs); browsers refuse a module served as anything but
    # JavaScript, and not every system's mime.types knows the extension.
    mimetypes.add_type("text/javascript", ".mjs")
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")
    for module in (auth_pages, account_pages, admin_pages, search_pages, table_pages,
                   contract_pages, lifecycle_pages, upload_pages, review_pages,
                   deadlines_pages, calendar_pages, spend_pages, saved_search_pages, search_help,
                   supplier_scorecard_pages, supplier_pages, watch_pages):
        app.include_router(module.router)

    @app.exception_handler(LoginRequiredError)
    def _to_login(_request: Request, error: LoginRequiredError) -> RedirectResponse:
        return login_redirect(error.next_url)

    @app.exception_handler(admin_pages.NotAdminError)
    def _not_admin(request: Request, _error: admin_pages.NotAdminError) -> HTMLResponse:
        return error_page(request, 403, "Only administrators may open this page.")

    @app.exception_handler(CsrfError)
    def _csrf_refused(request: Request, _error: CsrfError) -> HTMLResponse:
        return error_page(
            request, 403,
            "The form had expired or did not come from this site. Go back, reload the page "
            "and try again.",
        )
