"""Uploading PDFs and following their processing until each is ready or failed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile as StarletteUpload

from contracts import service
from core.http import DbSession, files_of, jobs_of, settings_of
from core.models import UNFINISHED_STATES, Contract, Document, User, Visibility
from ingest.access import DocumentNotFoundError, visible_document
from ingest.service import UploadRejectedError, accept_file, read_upload
from web.common import CsrfChecked, PageUser, error_page, is_editor, redirect, render

router = APIRouter()

MAX_FILES_PER_UPLOAD = 200
REFRESH_SECONDS = 2


def _target_contract(session: Session, user: User, contract_id: str) -> Contract | None:
    if not contract_id.strip():
        return None
    if not contract_id.strip().isdigit():
        raise service.ContractNotFoundError(f"contract {contract_id!r} not found")
    return service.editable_contract(session, user, int(contract_id))


async def chosen_files(request: Request) -> list[StarletteUpload]:
    """The form's files. Read from the form itself because a browser sends an empty,
    nameless part when no file was chosen, which FastAPI's File() refuses with a 422."""
    form = await request.form()
    return [f for f in form.getlist("files") if isinstance(f, StarletteUpload) and f.filename]


@router.get("/upload", response_class=HTMLResponse, include_in_schema=False)
def upload_form(
    request: Request, user: PageUser, session: DbSession, contract_id: str = ""
) -> HTMLResponse:
    contract = None
    if is_editor(user):
        try:
            contract = _target_contract(session, user, contract_id)
        except (service.ContractNotFoundError, service.ContractPermissionError):
            contract = None
    return render(request, "upload.html", {"contract": contract}, user=user)


@router.post("/upload", include_in_schema=False, dependencies=[CsrfChecked])
def upload(
    request: Request,
    user: PageUser,
    session: DbSession,
    files: Annotated[list[StarletteUpload], Depends(chosen_files)],
    contract_id: Annotated[str, Form()] = "",
    visibility: Annotated[str, Form()] = "organisation",
) -> Response:
    if not is_editor(user):
        return error_page(request, 403, "Only editors and admins can upload contracts.", user)
    try:
        contract = _target_contract(session, user, contract_id)
    except service.ContractNotFoundError:
        return error_page(request, 404, "There is no such contract, or you may not see it.",
                          user)
    except service.ContractPermissionError as problem:
        return error_page(request, 403, str(problem), user)
    chosen = files[:MAX_FILES_PER_UPLOAD]
    if not chosen:
        return render(request, "upload.html",
                      {"contract": contract, "error": "Choose one or more PDF files."},
                      user=user, status_code=400)
    try:
        wanted = Visibility(visibility)
    except ValueError:
        wanted = Visibility.ORGANISATION
    settings = settings_of(request)
    ids: list[int] = []
    duplicates: list[int] = []
    try:
        for item in chosen:
            accepted = accept_file(
                session, files=files_of(request), jobs=jobs_of(request),
                filename=item.filename or "upload.pdf",
                data=read_upload(item.file, item.filename or "upload.pdf",
                                 settings.max_upload_bytes), uploader=user,
                max_bytes=settings.max_upload_bytes, contract=contract, visibility=wanted,
            )
            ids.append(accepted.document.id)
            if accepted.duplicate:
                duplicates.append(accepted.document.id)
    except UploadRejectedError as problem:
        session.rollback()
        return render(request, "upload.html",
                      {"contract": contract, "error": f"Nothing was uploaded: {problem}"},
                      user=user, status_code=413)
    session.commit()
    query = "&".join([f"id={i}" for i in ids] + [f"duplicate={i}" for i in duplicates])
    return redirect(f"/upload/status?{query}")


@router.get("/upload/status", response_class=HTMLResponse, include_in_schema=False)
def upload_status(request: Request, user: PageUser, session: DbSession) -> HTMLResponse:
    params = request.query_params
    ids = list(dict.fromkeys(int(v) for v in params.getlist("id") if v.isdigit()))
    duplicates = {int(v) for v in params.getlist("duplicate") if v.isdigit()}
    documents: list[Document] = []
    missing = 0
    for document_id in ids[:MAX_FILES_PER_UPLOAD]:
        try:
            documents.append(visible_document(session, user, document_id))
        except DocumentNotFoundError:
            missing += 1
    unfinished = any(d.state in UNFINISHED_STATES for d in documents)
    return render(
        request, "upload_status.html",
        {"documents": documents, "duplicates": duplicates, "missing": missing,
         "refresh": REFRESH_SECONDS if unfinished else None},
        user=user,
    )
