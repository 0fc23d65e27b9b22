"""The supplier list (/suppliers, with filters, sortable columns, CSV and XLSX exports and
the register upload) and a supplier's page (/suppliers/{id}). Suppliers are organisation
data; the figures beside them count only the contracts the reader may see."""

from __future__ import annotations

import math
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.datastructures import QueryParams
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from starlette.datastructures import UploadFile as StarletteUpload

from core.http import DbSession, settings_of
from core.ids import PathId
from core.models import User
from core.principals import principals_of_user
from suppliers import service as supplier_service
from suppliers.list_export import csv_lines, xlsx_bytes
from suppliers.register_files import RegisterTooLargeError, UnreadableRegisterError, uploaded_file
from suppliers.register_import import RegisterImportSummary, import_register_file
from suppliers.risk.indicators import LEVELS
from suppliers.supplier_list import SORT_KEYS, SortKey, SupplierRow, supplier_rows
from suppliers.supplier_spend import spend_by_month
from web.bar_chart import bar_chart
from web.common import CsrfChecked, PageUser, error_page, is_editor, render, t, today
from web.i18n import N_
from web.spend_pages import chosen_files
from web.supplier_scorecard_pages import supplier_sections

router = APIRouter()

COLUMN_TITLES: dict[SortKey, str] = {
    "name": N_("Supplier"), "org_number": N_("Org number"), "country": N_("Country"),
    "active_contracts": N_("Active contracts"), "spend": N_("Spend last 12 months"),
    "risk": N_("Risk"), "score": N_("Last evaluation"),
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_FILES = 20
ROWS_PER_PAGE = 100


class ListForm:
    """The list's URL parameters: text and risk filters, sort column and direction."""

    def __init__(self, params: QueryParams) -> None:
        self.q = params.get("q", "").strip()[:200]
        risk = params.get("risk", "")
        self.risk = risk if risk in LEVELS else ""
        order = params.get("order", "")
        self.order: SortKey = next((k for k in SORT_KEYS if k == order), "name")
        self.descending = params.get("dir") == "desc"
        page = params.get("page", "")
        self.page = int(page) if page.isascii() and page.isdigit() and len(page) < 6 else 1

    def url(self, path: str = "/suppliers", **changes: str) -> str:
        """This list's URL with `changes`; the page number only where asked for, so an
        export or a new sort covers every row from the first."""
        values = {"q": self.q, "risk": self.risk, "order": self.order,
                  "dir": "desc" if self.descending else "asc", **changes}
        return path + "?" + urlencode({k: v for k, v in values.items()
                                       if v and not (k == "page" and v == "1")})

    def sort_url(self, column: str) -> str:
        flip = self.order == column and not self.descending
        return self.url(order=column, dir="desc" if flip else "asc")


def _rows(session: DbSession, user: User, form: ListForm) -> list[SupplierRow]:
    return supplier_rows(session, principals_of_user(user), today(), text=form.q,
                         risk=form.risk, order=form.order, descending=form.descending)


def _list_page(request: Request, session: DbSession, user: User,
               imports: list[RegisterImportSummary] | None = None, error: str | None = None,
               status_code: int = 200) -> HTMLResponse:
    form = ListForm(request.query_params)
    rows = _rows(session, user, form)
    pages = max(1, math.ceil(len(rows) / ROWS_PER_PAGE))
    page = min(form.page, pages)
    return render(request, "suppliers.html", {
        "form": form, "rows": rows[(page - 1) * ROWS_PER_PAGE:][:ROWS_PER_PAGE],
        "total": len(rows), "page": page, "pages": pages, "columns": COLUMN_TITLES,
        "levels": LEVELS, "imports": imports or [], "error": error,
    }, user=user, status_code=status_code)


@router.get("/suppliers", response_class=HTMLResponse, include_in_schema=False)
def supplier_list(request: Request, user: PageUser, session: DbSession) -> HTMLResponse:
    return _list_page(request, session, user)


@router.get("/suppliers/export.{extension}", include_in_schema=False)
def export(request: Request, extension: str, user: PageUser, session: DbSession) -> Response:
    """Exactly the rows the list shows, with the same filters and order."""
    if extension not in ("csv", "xlsx"):
        return error_page(request, 404, "Exports are .csv or .xlsx.", user)
    rows = _rows(session, user, ListForm(request.query_params))
    name = f"suppliers-{today().isoformat()}.{extension}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"',
               "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}
    if extension == "csv":
        return StreamingResponse(csv_lines(rows), headers=headers,
                                 media_type="text/csv; charset=utf-8")
    return Response(xlsx_bytes(rows), media_type=XLSX, headers=headers)


@router.post("/suppliers/import", response_class=HTMLResponse, include_in_schema=False,
             dependencies=[CsrfChecked])
def import_register(
    request: Request, user: PageUser, session: DbSession,
    files: Annotated[list[StarletteUpload], Depends(chosen_files)],
) -> HTMLResponse:
    if not is_editor(user):
        return error_page(request, 403, "Only editors and admins can import suppliers.", user)
    if not files:
        return _list_page(request, session, user, status_code=400,
                          error=t(request, "Choose one or more CSV or XLSX files."))
    limit = settings_of(request).max_upload_bytes
    summaries = []
    for upload in files[:MAX_FILES]:
        name = upload.filename or "suppliers.csv"
        try:
            with uploaded_file(upload.file, name, limit) as path:
                summaries.append(import_register_file(session, path, file_name=name,
                                                      actor=user))
        except (RegisterTooLargeError, UnreadableRegisterError) as problem:
            session.rollback()
            return _list_page(request, session, user, status_code=422, error=t(
                request, "Nothing was imported: %(problem)s", problem=f"{name}: {problem}"))
    session.commit()
    return _list_page(request, session, user, imports=summaries)


@router.get("/suppliers/{supplier_id}", response_class=HTMLResponse, include_in_schema=False)
def supplier_page(request: Request, supplier_id: PathId, user: PageUser,
                  session: DbSession) -> HTMLResponse:
    try:
        supplier = supplier_service.get_supplier(session, supplier_id)
    except supplier_service.SupplierNotFoundError:
        return error_page(request, 404, "There is no such supplier.", user)
    principals = principals_of_user(user)
    months = spend_by_month(session, supplier.id, principals)
    context: dict[str, Any] = {
        "supplier": supplier,
        "aliases": sorted(a.alias for a in supplier.aliases if a.alias != supplier.name),
        "contracts": supplier_service.visible_contracts(session, supplier.id, principals),
        "months": months, "chart": bar_chart(months),
        "spend_total": sum((amount for _, amount in months), start=0),
        **supplier_sections(session, user, supplier.id),
    }
    return render(request, "supplier.html", context, user=user)
