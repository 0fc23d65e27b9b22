"""Pages for spend: upload files, see what each import added and refused, and confirm or
correct how a layout's columns are read."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile as StarletteUpload

from core.http import DbSession, files_of, settings_of
from core.table_files import UnreadableFileError
from spend import headers as layout
from spend import repository, service
from spend.schemas import import_summary
from spend.uploads import UploadTooLargeError, store_upload
from web.common import CsrfChecked, PageUser, error_page, is_editor, redirect, render, said, t
from web.i18n import N_
from web.spend_report_pages import router as report_router

router = APIRouter()
# The analysis pages live beside the import pages and are mounted with them.
router.include_router(report_router)

MAX_FILES = 50
FIELD_LABELS = {
    "date": N_("Date"), "supplier_name": N_("Supplier name"), "supplier_ref": N_("Supplier id"),
    "supplier_org_number": N_("Org number"), "amount": N_("Amount"),
    "currency": N_("Currency"), "category": N_("Category"), "account": N_("Account"),
    "description": N_("Description"), "quantity": N_("Quantity"), "unit": N_("Unit"),
    "unit_price": N_("Unit price"), "organisational_unit": N_("Organisational unit"),
    "reference": N_("Transaction / invoice no"),
}


async def chosen_files(request: Request) -> list[StarletteUpload]:
    form = await request.form()
    return [f for f in form.getlist("files") if isinstance(f, StarletteUpload) and f.filename]


@router.get("/spend/import", response_class=HTMLResponse, include_in_schema=False)
def import_form(request: Request, user: PageUser, session: DbSession) -> HTMLResponse:
    recent = [import_summary(r) for r in repository.recent_imports(session, 20)]
    return render(request, "spend_import.html", {"recent": recent}, user=user)


@router.post("/spend/import", include_in_schema=False, dependencies=[CsrfChecked])
def import_files(
    request: Request, user: PageUser, session: DbSession,
    files: Annotated[list[StarletteUpload], Depends(chosen_files)],
) -> Response:
    if not is_editor(user):
        return error_page(request, 403, "Only editors and admins can import spend.", user)
    if not files:
        return render(request, "spend_import.html",
                      {"recent": [], "error": t(request, "Choose one or more CSV or XLSX files.")},
                      user=user, status_code=400)
    ids: list[int] = []
    for upload in files[:MAX_FILES]:
        name = upload.filename or "spend.csv"
        try:
            path = store_upload(files_of(request), upload.file, name,
                                settings_of(request).max_upload_bytes)
            ids.append(service.import_and_match(session, path, file_name=name,
                                                uploader=user).id)
        except (UploadTooLargeError, UnreadableFileError) as problem:
            session.rollback()
            return render(request, "spend_import.html",
                          {"recent": [], "error": t(request, "Nothing was imported: %(problem)s",
                                                     problem=said(request, problem))},
                          user=user, status_code=422)
    session.commit()
    return redirect("/spend/imports?" + "&".join(f"id={i}" for i in ids))


@router.get("/spend/imports", response_class=HTMLResponse, include_in_schema=False)
def import_results(request: Request, user: PageUser, session: DbSession) -> HTMLResponse:
    ids = [int(v) for v in request.query_params.getlist("id") if v.isdigit()][:MAX_FILES]
    records = [r for r in (repository.spend_import(session, i) for i in ids) if r is not None]
    return render(request, "spend_imports.html", {
        "imports": [import_summary(r) for r in records],
        "fields": list(layout.FIELDS), "labels": FIELD_LABELS,
        "required": set(layout.REQUIRED_FIELDS),
    }, user=user)


@router.post("/spend/imports/{import_id}/mapping", include_in_schema=False,
             dependencies=[CsrfChecked])
async def correct_mapping(import_id: int, request: Request, user: PageUser,
                          session: DbSession) -> Response:
    if not is_editor(user):
        return error_page(request, 403, "Only editors and admins can import spend.", user)
    form = await request.form()
    mapping = {field: str(form.get(f"field_{field}") or "") for field in layout.FIELDS}
    mapping = {field: header for field, header in mapping.items() if header}
    try:
        record = service.remap_import(session, files_of(request), import_id, mapping, user)
    except service.SpendImportNotFoundError as problem:
        return error_page(request, 404, str(problem), user)
    except service.MappingError as problem:
        return error_page(request, 400, said(request, problem), user)
    session.commit()
    return redirect(f"/spend/imports?id={record.id}")
