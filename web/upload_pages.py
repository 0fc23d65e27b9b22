"""Uploading PDFs and following their processing until each is ready or failed."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from contracts import service
from core.http import DbSession, files_of, jobs_of, settings_of
from core.ids import PathId, parse_id
from core.models import UNFINISHED_STATES, Contract, Document, Role, User, Visibility
from ingest.access import DocumentNotFoundError, visible_document
from ingest.retry import RetryPermissionError, RetryRefusedError, retry_document
from ingest.service import UploadRejectedError, UploadTooLargeError, accept_files, forget_stored
from ingest.upload_form import MAX_FILES_PER_UPLOAD, UploadForm, receive_upload_form
from web.common import (
    CSRF_FIELD,
    CsrfChecked,
    CsrfError,
    PageUser,
    check_csrf,
    error_page,
    flash,
    is_editor,
    redirect,
    render,
    t,
)

router = APIRouter()

REFRESH_SECONDS = 2


def _target_contract(session: Session, user: User, contract_id: str) -> Contract | None:
    if not contract_id.strip():
        return None
    parsed = parse_id(contract_id)
    if parsed is None:
        raise service.ContractNotFoundError(f"contract {contract_id!r} not found")
    return service.editable_contract(session, user, parsed)


class _PageRefusedError(Exception):
    """Refuses the upload while its body is being read; answered with this page."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status_code)
        self.response = response


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


@router.post("/upload", include_in_schema=False)
async def upload(request: Request, user: PageUser, session: DbSession) -> Response:
    """The form is read as it streams in (see `ingest.upload_form`), after the role check:
    the CSRF token and the target contract are checked as soon as their fields arrive (the
    form sends them before the files), and each file is refused once it passes the limit."""
    if not is_editor(user):
        return error_page(request, 403, "Only editors and admins can upload contracts.", user)
    store = files_of(request)
    chosen: dict[str, Contract | None] = {"contract": None}

    def check(name: str, value: str) -> None:
        if name == CSRF_FIELD:
            check_csrf(request, value)
        elif name == "contract_id":
            try:
                chosen["contract"] = _target_contract(session, user, value)
            except service.ContractNotFoundError as problem:
                raise _PageRefusedError(error_page(
                    request, 404, "There is no such contract, or you may not see it.", user,
                )) from problem
            except service.ContractPermissionError as problem:
                raise _PageRefusedError(error_page(request, 403, str(problem), user)) from problem

    try:
        form = await receive_upload_form(
            request.stream(), request.headers.get("content-type", ""), store,
            max_file_bytes=settings_of(request).max_upload_bytes,
            max_files=MAX_FILES_PER_UPLOAD, on_field=check,
        )
    except _PageRefusedError as refusal:
        return refusal.response
    except UploadRejectedError as problem:
        status_code = 413 if isinstance(problem, UploadTooLargeError) else 400
        return render(request, "upload.html",
                      {"contract": chosen["contract"],
                       "error": t(request, "Nothing was uploaded: %(problem)s",
                                  problem=t(request, str(problem)))},
                      user=user, status_code=status_code)
    try:
        if CSRF_FIELD not in form.fields:
            raise CsrfError
        return await run_in_threadpool(_store, request, session, user, form,
                                       chosen["contract"])
    finally:
        form.discard(store)


def _store(request: Request, session: Session, user: User, form: UploadForm,
           contract: Contract | None) -> Response:
    if not form.files:
        return render(request, "upload.html",
                      {"contract": contract, "error": t(request, "Choose one or more PDF files.")},
                      user=user, status_code=400)
    try:
        wanted = Visibility(form.fields.get("visibility", "organisation"))
    except ValueError:
        wanted = Visibility.ORGANISATION
    files = files_of(request)
    accepted = accept_files(
        session, files=files, jobs=jobs_of(request),
        uploads=[(f.filename, f.staged) for f in form.files], uploader=user,
        max_bytes=settings_of(request).max_upload_bytes, contract=contract, visibility=wanted,
    )
    try:
        session.commit()
    except BaseException:
        forget_stored(files, accepted)
        raise
    ids = [a.document.id for a in accepted]
    duplicates = [a.document.id for a in accepted if a.duplicate]
    query = "&".join([f"id={i}" for i in ids] + [f"duplicate={i}" for i in duplicates])
    return redirect(f"/upload/status?{query}")


@router.post("/upload/retry/{document_id}", include_in_schema=False,
             dependencies=[CsrfChecked])
def retry(request: Request, document_id: PathId, user: PageUser,
          session: DbSession) -> Response:
    try:
        document = visible_document(session, user, document_id)
        retry_document(session, jobs_of(request), document, user)
    except DocumentNotFoundError:
        return error_page(request, 404, "There is no such document, or you may not see it.",
                          user)
    except RetryPermissionError as problem:
        return error_page(request, 403, str(problem), user)
    except RetryRefusedError as problem:
        return error_page(request, 400, str(problem), user)
    session.commit()
    flash(request, "%(file)s is queued to be read again.", file=document.filename)
    return redirect(f"/upload/status?id={document_id}")


@router.get("/upload/status", response_class=HTMLResponse, include_in_schema=False)
def upload_status(request: Request, user: PageUser, session: DbSession) -> HTMLResponse:
    params = request.query_params
    ids = list(dict.fromkeys(i for v in params.getlist("id") if (i := parse_id(v))))
    duplicates = {i for v in params.getlist("duplicate") if (i := parse_id(v))}
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
         "may_retry": user.role is Role.ADMIN,
         "refresh": REFRESH_SECONDS if unfinished else None},
        user=user,
    )
