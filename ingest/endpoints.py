"""HTTP API for documents: upload, status, and the original file."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from contracts.amendments import RELATIONS
from contracts.service import ContractNotFoundError, ContractPermissionError, editable_contract
from core.http import CurrentUser, DbSession, EditorUser, files_of, jobs_of, settings_of
from core.ids import PathId, parse_id
from core.models import Contract, Document, DocumentState, Role, User, Visibility
from core.response_headers import attachment_headers
from ingest.access import DocumentNotFoundError, visible_document
from ingest.retry import RetryRefusedError, retry_document, retry_hint
from ingest.service import MalformedUploadError, UploadTooLargeError, accept_files, forget_stored
from ingest.upload_form import MAX_FILES_PER_UPLOAD, UploadForm, receive_upload_form

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
    # Set when these bytes were uploaded before and failed: the upload did not try again.
    failed_duplicate: bool = False
    retry: str | None = Field(default=None, description="how to retry a failed document")
    ocr_pages: list[int] = Field(default_factory=list,
                                 description="pages (1-based) whose text was read by OCR")
    ocr_languages: dict[int, str] = Field(
        default_factory=dict,
        description="the tesseract languages each OCR'd page was read with, by page: "
                    "'nor+eng' until the document is clearly English, then 'eng'")
    relation: str | None = Field(
        default=None, description="amendment, appendix or renewal of its contract; null for "
                                  "the contract itself")
    relation_number: int | None = None
    searchable_pdf: str | None = Field(
        default=None, description="where to download the file with a text layer on its "
                                  "OCR'd pages; null when no page needed OCR")


class UploadResult(BaseModel):
    documents: list[DocumentStatus]


def document_status(document: Document, duplicate: bool = False) -> DocumentStatus:
    failed = document.state is DocumentState.FAILED
    return DocumentStatus(
        id=document.id, filename=document.filename, sha256=document.sha256,
        status=document.state.value, reason=document.failure_reason,
        contract_id=document.contract_id, page_count=document.page_count,
        language=document.language, duplicate=duplicate,
        failed_duplicate=duplicate and failed,
        retry=retry_hint(document.id) if failed else None,
        ocr_pages=document.ocr_pages or [],
        ocr_languages=document.ocr_languages_by_page(),
        relation=document.relation, relation_number=document.relation_number,
        searchable_pdf=searchable_pdf_path(document.id) if document.searchable_sha256 else None,
    )


def searchable_pdf_path(document_id: int) -> str:
    return f"/api/v1/documents/{document_id}/searchable.pdf"



# The body is read by `receive_upload_form`, not by FastAPI (which would receive all of it
# before the user was even authenticated), so its shape is declared here for the OpenAPI.
_UPLOAD_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "multipart/form-data": {"schema": {
        "type": "object",
        "required": ["files"],
        "properties": {
            "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                      "description": "one or more PDFs"},
            "contract_id": {"type": "integer", "minimum": 1,
                            "description": "attach the files to this contract"},
            "visibility": {"type": "string", "enum": ["organisation", "restricted"],
                           "default": "organisation"},
            "relation": {"type": "string", "enum": list(RELATIONS),
                         "description": "what the files are to the contract of contract_id "
                                        "(else read from each file's heading)"},
        },
    }},
}}}


class _UploadOptions:
    """The form's fields, checked as each arrives: a contract the user may not change
    refuses the upload before the files after it are read."""

    def __init__(self, session: Session, user: User) -> None:
        self.session = session
        self.user = user
        self.contract: Contract | None = None
        self.visibility = Visibility.ORGANISATION
        self.relation: str | None = None

    def check(self, name: str, value: str) -> None:
        if name == "contract_id" and value.strip():
            contract_id = parse_id(value)
            if contract_id is None:
                raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                                    f"contract_id must be a contract's id, not {value[:40]!r}")
            try:
                self.contract = editable_contract(self.session, self.user, contract_id)
            except ContractNotFoundError as error:
                raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from error
            except ContractPermissionError as error:
                raise HTTPException(status.HTTP_403_FORBIDDEN, str(error)) from error
        elif name == "visibility":
            try:
                self.visibility = Visibility(value)
            except ValueError as error:
                raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                                    "visibility must be 'organisation' or 'restricted'") from error
        elif name == "relation" and value.strip():
            if value not in RELATIONS:
                raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                                    "relation must be one of " + ", ".join(RELATIONS))
            self.relation = value


@router.post(
    "", status_code=status.HTTP_202_ACCEPTED, response_model=UploadResult,
    openapi_extra=_UPLOAD_BODY,
    responses={400: {"description": "not a multipart/form-data upload"},
               413: {"description": "a file is larger than the upload limit"}},
)
async def upload_documents(user: EditorUser, session: DbSession, request: Request) -> UploadResult:
    """Upload one or more PDFs. Editors and admins only; the user is checked before any of
    the body is read, and each file is refused as soon as it passes the size limit."""
    settings = settings_of(request)
    store = files_of(request)
    options = _UploadOptions(session, user)
    try:
        form = await receive_upload_form(
            request.stream(), request.headers.get("content-type", ""), store,
            max_file_bytes=settings.max_upload_bytes, max_files=MAX_FILES_PER_UPLOAD,
            on_field=options.check,
        )
    except UploadTooLargeError as error:
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, str(error)) from error
    except MalformedUploadError as error:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, str(error)) from error
    try:
        if options.relation is not None and options.contract is None:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                                "relation needs the contract_id of the contract the files "
                                "belong to")
        if not form.files:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                                "send one or more PDF files in the 'files' field")
        return await run_in_threadpool(_store_uploads, request, session, user, form, options)
    finally:
        form.discard(store)


def _store_uploads(request: Request, session: Session, user: User, form: UploadForm,
                   options: _UploadOptions) -> UploadResult:
    files = files_of(request)
    accepted = accept_files(
        session, files=files, jobs=jobs_of(request),
        uploads=[(f.filename, f.staged) for f in form.files], uploader=user,
        max_bytes=settings_of(request).max_upload_bytes, contract=options.contract,
        visibility=options.visibility, relation=options.relation,
    )
    try:
        session.commit()
    except BaseException:
        forget_stored(files, accepted)
        raise
    return UploadResult(documents=[document_status(a.document, a.duplicate) for a in accepted])


@router.get("/{document_id}", response_model=DocumentStatus)
def get_document(document_id: PathId, user: CurrentUser, session: DbSession) -> DocumentStatus:
    try:
        return document_status(visible_document(session, user, document_id))
    except DocumentNotFoundError as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from error


@router.post("/{document_id}/retry", status_code=status.HTTP_202_ACCEPTED,
             response_model=DocumentStatus,
             responses={409: {"description": "the document has not failed"}})
def retry(document_id: PathId, user: CurrentUser, session: DbSession,
          request: Request) -> DocumentStatus:
    """Queue a failed document for processing again (admins only; audited)."""
    if user.role is not Role.ADMIN:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admins only")
    try:
        document = retry_document(session, jobs_of(request),
                                  visible_document(session, user, document_id), user)
    except DocumentNotFoundError as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from error
    except RetryRefusedError as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from error
    session.commit()
    return document_status(document)


@router.get("/{document_id}/file", response_class=FileResponse)
def get_original(
    document_id: PathId, user: CurrentUser, session: DbSession,
    request: Request,
) -> FileResponse:
    try:
        document = visible_document(session, user, document_id)
    except DocumentNotFoundError as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from error
    path = files_of(request).path_for(document.sha256)
    return FileResponse(path, media_type=document.content_type,
                        headers=attachment_headers(document.filename))


@router.get("/{document_id}/searchable.pdf", response_class=FileResponse,
            responses={404: {"description": "no such document, or none of its pages was "
                                            "OCR'd (the original has its text already)"}})
def get_searchable_pdf(
    document_id: PathId, user: CurrentUser, session: DbSession, request: Request,
) -> FileResponse:
    """The document with a text layer on its scanned pages (for those who may see it)."""
    try:
        document = visible_document(session, user, document_id)
    except DocumentNotFoundError as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from error
    if document.searchable_sha256 is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, _no_searchable_reason(document))
    path = files_of(request).path_for(document.searchable_sha256)
    return FileResponse(path, media_type="application/pdf",
                        headers=attachment_headers(_searchable_name(document.filename)))


def _no_searchable_reason(document: Document) -> str:
    if document.state is not DocumentState.READY:
        return (f"document {document.id} is {document.state.value}; a searchable PDF is "
                "made when its scanned pages have been read")
    return (f"document {document.id} needed no OCR: the original has its text already "
            f"(GET /api/v1/documents/{document.id}/file)")


def _searchable_name(filename: str) -> str:
    stem = filename.rsplit(".", 1)[0] if "." in filename else filename
    return f"{stem or 'document'} (searchable).pdf"
