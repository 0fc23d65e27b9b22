"""HTTP API for documents: upload, status, and the original file."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile, status
from fastapi.responses import FileResponse
from pydantic import BaseModel

from contracts.service import ContractNotFoundError, ContractPermissionError, editable_contract
from core.http import CurrentUser, DbSession, EditorUser, files_of, jobs_of, settings_of
from core.models import Document, Visibility
from core.response_headers import attachment_headers
from ingest.access import DocumentNotFoundError, visible_document
from ingest.service import UploadRejectedError, accept_file, read_upload

router = APIRouter(prefix="/documents", tags=["documents"])


class DocumentStatus(BaseModel):
    id: int
    filename: str
    sha256: str
    status: Literal["queued", "processing", "ready", "failed"]
    reason: str | None
    contract_id: int | None
    page_count: int | None
    language: str | None
    duplicate: bool = False


class UploadResult(BaseModel):
    documents: list[DocumentStatus]


def document_status(document: Document, duplicate: bool = False) -> DocumentStatus:
    return DocumentStatus(
        id=document.id, filename=document.filename, sha256=document.sha256,
        status=document.state.value, reason=document.failure_reason,
        contract_id=document.contract_id, page_count=document.page_count,
        language=document.language, duplicate=duplicate,
    )


@router.post("", status_code=status.HTTP_202_ACCEPTED, response_model=UploadResult)
def upload_documents(
    request_files: Annotated[list[UploadFile], File(alias="files")],
    user: EditorUser,
    session: DbSession,
    request: Request,
    contract_id: Annotated[int | None, Form()] = None,
    visibility: Annotated[Literal["organisation", "restricted"], Form()] = "organisation",
) -> UploadResult:
    settings = settings_of(request)
    contract = None
    if contract_id is not None:
        try:
            contract = editable_contract(session, user, contract_id)
        except ContractNotFoundError as error:
            raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from error
        except ContractPermissionError as error:
            raise HTTPException(status.HTTP_403_FORBIDDEN, str(error)) from error
    results: list[DocumentStatus] = []
    for upload in request_files:
        filename = upload.filename or "upload.pdf"
        try:
            data = read_upload(upload.file, filename, settings.max_upload_bytes)
            accepted = accept_file(
                session, files=files_of(request), jobs=jobs_of(request),
                filename=filename, data=data, uploader=user,
                max_bytes=settings.max_upload_bytes, contract=contract,
                visibility=Visibility(visibility),
            )
        except UploadRejectedError as error:
            raise HTTPException(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, str(error)) from error
        results.append(document_status(accepted.document, accepted.duplicate))
    session.commit()
    return UploadResult(documents=results)


@router.get("/{document_id}", response_model=DocumentStatus)
def get_document(document_id: int, user: CurrentUser, session: DbSession) -> DocumentStatus:
    try:
        return document_status(visible_document(session, user, document_id))
    except DocumentNotFoundError as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from error


@router.get("/{document_id}/file", response_class=FileResponse)
def get_original(
    document_id: int, user: CurrentUser, session: DbSession,
    request: Request,
) -> FileResponse:
    try:
        document = visible_document(session, user, document_id)
    except DocumentNotFoundError as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from error
    path = files_of(request).path_for(document.sha256)
    return FileResponse(path, media_type=document.content_type,
                        headers=attachment_headers(document.filename))
