"""The table view of a search (/table): sortable columns, a column chooser, CSV and XLSX
exports of exactly what the user may see, and bulk actions."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Annotated, cast
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.datastructures import QueryParams
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from contracts import service
from contracts.bulk import BULK_ACTIONS, BulkAction, apply_bulk
from contracts.table import COLUMN_TITLES, COLUMNS, MAX_ROWS, Column, TableRow, table_rows
from contracts.table_export import csv_lines, xlsx_bytes
from core.http import DbSession
from core.models import User
from core.principals import principals_of_user
from search_api.endpoints import search_index_of
from search_api.port import QuerySyntaxError
from web.common import (
    CsrfChecked,
    PageUser,
    error_page,
    flash,
    redirect,
    render,
    said,
    t,
    today,
)
from web.i18n import N_
from web.search_pages import SearchForm, query_of

router = APIRouter()

ROWS_PER_PAGE = 50
DEFAULT_COLUMNS: tuple[Column, ...] = (
    "title", "supplier", "status", "end_date", "notice_deadline", "value",
)
ACTION_TITLES: dict[BulkAction, str] = {
    "assign_owner": N_("Assign owner (e-mail)"),
    "visibility": N_("Change visibility (organisation / restricted)"),
    "category": N_("Set category (e.g. IT / Software)"),
    "archive": N_("Archive"),
    "accept_confident": N_("Accept suggested values of high confidence"),
}
# The table's column titles (contracts/table.py), for the catalogue: the page translates them.
COLUMN_MSGIDS = (N_("Title"), N_("Supplier"), N_("Category"), N_("Status"),
                 N_("Current term ends"), N_("Notice deadline"), N_("Value"), N_("Owner"),
                 N_("Spend, last 12 months"), N_("Supplier risk"), N_("Last evaluation score"))
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class TableForm:
    """The table's own URL parameters, beside the search's."""

    def __init__(self, params: QueryParams) -> None:
        chosen: list[Column] = [c for c in params.getlist("col") if c in COLUMNS]
        self.columns = list(dict.fromkeys(chosen)) or list(DEFAULT_COLUMNS)
        order = params.get("order", "")
        self.order: Column = order if order in COLUMNS else "title"
        self.descending = params.get("dir") == "desc"
        page = params.get("page", "")
        self.page = int(page) if page.isascii() and page.isdigit() and len(page) < 6 else 1

    def pairs(self, **changes: object) -> list[tuple[str, str]]:
        values = {"col": self.columns, "order": self.order,
                  "dir": "desc" if self.descending else "asc", "page": self.page, **changes}
        out: list[tuple[str, str]] = [("col", str(c)) for c in cast(list[str], values["col"])]
        out += [("order", str(values["order"])), ("dir", str(values["dir"]))]
        if values["page"] != 1:
            out.append(("page", str(values["page"])))
        return out


def _rows(request: Request, session: DbSession, user: User, form: SearchForm,
          table: TableForm) -> list[TableRow]:
    query = query_of(form, today())
    ids = search_index_of(request).matching_ids(query, principals_of_user(user), MAX_ROWS)
    return table_rows(session, user, ids, table.order, table.descending)


def _search_pairs(form: SearchForm) -> list[tuple[str, str]]:
    return [(k, v) for k, v in form.params(page=1) if k != "page"]


@router.get("/table", response_class=HTMLResponse, include_in_schema=False)
def table_page(request: Request, user: PageUser, session: DbSession) -> HTMLResponse:
    form, table = SearchForm.from_request(request), TableForm(request.query_params)
    try:
        rows = _rows(request, session, user, form, table)
    except QuerySyntaxError as problem:
        return error_page(request, 400, f"Your search could not be run: {problem}", user)
    pages = max(1, math.ceil(len(rows) / ROWS_PER_PAGE))
    page = min(table.page, pages)
    search = _search_pairs(form)

    def url(path: str = "/table", **changes: object) -> str:
        return path + "?" + urlencode(search + table.pairs(**changes))

    return render(request, "table.html", {
        "form": form, "table": table, "rows": rows[(page - 1) * ROWS_PER_PAGE:][:ROWS_PER_PAGE],
        "total": len(rows), "page": page, "pages": pages, "url": url,
        "column_titles": COLUMN_TITLES, "all_columns": COLUMNS, "capped": len(rows) >= MAX_ROWS,
        "actions": ACTION_TITLES, "search_query": urlencode(search),
        "search_pairs": search,
    }, user=user)


@router.get("/table/export.{extension}", include_in_schema=False)
def export(request: Request, extension: str, user: PageUser, session: DbSession) -> Response:
    if extension not in ("csv", "xlsx"):
        return error_page(request, 404, "Exports are .csv or .xlsx.", user)
    form, table = SearchForm.from_request(request), TableForm(request.query_params)
    try:
        rows = _rows(request, session, user, form, table)
    except QuerySyntaxError as problem:
        return error_page(request, 400, f"Your search could not be run: {problem}", user)
    name = f"contracts-{today().isoformat()}.{extension}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"',
               "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}
    if extension == "csv":
        return StreamingResponse(csv_lines(rows, table.columns), headers=headers,
                                 media_type="text/csv; charset=utf-8")
    return Response(xlsx_bytes(rows, table.columns), media_type=XLSX, headers=headers)


@router.post("/table/bulk", include_in_schema=False, dependencies=[CsrfChecked])
def bulk(
    request: Request, user: PageUser, session: DbSession,
    action: Annotated[str, Form()] = "", value: Annotated[str, Form(max_length=500)] = "",
    ids: Annotated[list[int] | None, Form()] = None,
    all_matching: Annotated[str, Form()] = "", search: Annotated[str, Form()] = "",
) -> Response:
    back = "/table?" + search
    if action not in BULK_ACTIONS:
        flash(request, "Choose an action.", "error")
        return redirect(back)
    chosen: Sequence[int] = [i for i in ids or [] if 0 < i < 2**31]
    if all_matching:
        form = SearchForm.from_query_string(search)
        try:
            chosen = search_index_of(request).matching_ids(
                query_of(form, today()), principals_of_user(user), MAX_ROWS)
        except QuerySyntaxError as problem:
            flash(request, "Your search could not be run: %(problem)s", "error",
                  problem=t(request, str(problem)))
            return redirect(back)
    if not chosen:
        flash(request, "Tick the contracts to change, or 'all matching'.", "error")
        return redirect(back)
    try:
        outcome = apply_bulk(session, user, chosen, action, value, today())
    except service.ContractInputError as problem:
        session.rollback()
        flash(request, "Nothing changed: %(problem)s", "error", problem=said(request, problem))
        return redirect(back)
    session.commit()
    parts = [t(request, "%(num)s changed", num=outcome.changed)]
    if outcome.unchanged:
        parts.append(t(request, "%(num)s already so", num=outcome.unchanged))
    if outcome.not_allowed:
        parts.append(t(request, "%(num)s skipped (you may not change them)",
                       num=outcome.not_allowed))
    flash(request, "%(summary)s.", summary=", ".join(parts))
    return redirect(back)
