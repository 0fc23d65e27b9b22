"""HTTP API for spend: imports and column mappings. Spend is organisation data: anyone
signed in reads it, editors and admins import."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile, status

from core.http import CurrentUser, DbSession, EditorUser, files_of, settings_of
from core.ids import PathId
from core.table_files import UnreadableFileError
from spend import headers as layout
from spend import repository, service
from spend.schemas import ImportResult, ImportSummary, MappingIn, MappingOut, import_summary
from spend.uploads import UploadTooLargeError, store_upload

router = APIRouter(prefix="/spend", tags=["spend"])


def _mapping_from_form(text: str | None) -> dict[str, str] | None:
    if not text:
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                            f"mapping is not JSON: {error}") from error
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                            'mapping must be an object of field -> header, {"amount": "Beløp"}')
    return value


@router.post("/imports", response_model=ImportResult)
def import_spend(
    request_files: Annotated[list[UploadFile], File(alias="files")],
    user: EditorUser,
    session: DbSession,
    request: Request,
    mapping: Annotated[str | None, Form(description="JSON: spend field -> header")] = None,
) -> ImportResult:
    """Import CSV or XLSX spend files. Lines already imported (from this or an overlapping
    file) are not added again; refused rows are listed with their line and reason."""
    chosen = _mapping_from_form(mapping)
    settings = settings_of(request)
    summaries: list[ImportSummary] = []
    for upload in request_files:
        name = upload.filename or "spend.csv"
        try:
            path = store_upload(files_of(request), upload.file, name, settings.max_upload_bytes)
            record = service.import_and_match(session, path, file_name=name, uploader=user,
                                              mapping=chosen)
        except UploadTooLargeError as error:
            raise HTTPException(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, str(error)) from error
        except (service.MappingError, UnreadableFileError) as error:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from error
        summaries.append(import_summary(record))
    session.commit()
    return ImportResult(imports=summaries)


@router.get("/imports", response_model=list[ImportSummary])
def list_imports(_user: CurrentUser, session: DbSession) -> list[ImportSummary]:
    return [import_summary(r) for r in repository.recent_imports(session)]


@router.get("/imports/{import_id}", response_model=ImportSummary)
def get_import(import_id: PathId, _user: CurrentUser, session: DbSession) -> ImportSummary:
    record = repository.spend_import(session, import_id)
    if record is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"spend import {import_id} not found")
    return import_summary(record)


@router.post("/imports/{import_id}/mapping", response_model=ImportSummary)
def correct_import_mapping(import_id: PathId, body: MappingIn, user: EditorUser,
                           session: DbSession, request: Request) -> ImportSummary:
    """Import the file again with a corrected mapping, which is remembered for its layout."""
    try:
        record = service.remap_import(session, files_of(request), import_id, body.mapping, user)
    except service.SpendImportNotFoundError as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from error
    except service.MappingError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from error
    session.commit()
    return import_summary(record)


@router.post("/mappings/proposal", response_model=MappingOut)
def propose_mapping(body: MappingIn, _user: CurrentUser, session: DbSession) -> MappingOut:
    """What a file with these headers would be read as (remembered, else recognised)."""
    signature, mapping = service.proposed_mapping(session, body.headers)
    return MappingOut(header_signature=signature, headers=body.headers, mapping=mapping,
                      fields=list(layout.FIELDS), missing=layout.missing_fields(mapping))


@router.put("/mappings", response_model=MappingOut)
def confirm_mapping(body: MappingIn, user: EditorUser, session: DbSession) -> MappingOut:
    """Remember a layout's mapping for the next file with the same headers."""
    try:
        row = service.remember_mapping(session, body.headers, body.mapping, user)
    except service.MappingError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from error
    session.commit()
    return MappingOut(header_signature=row.header_signature, headers=row.headers,
                      mapping=row.mapping, fields=list(layout.FIELDS), missing=[])


@router.get("/mappings", response_model=list[MappingOut])
def list_mappings(_user: CurrentUser, session: DbSession) -> list[MappingOut]:
    return [MappingOut(header_signature=r.header_signature, headers=r.headers,
                       mapping=r.mapping, fields=list(layout.FIELDS),
                       missing=layout.missing_fields(r.mapping))
            for r in repository.column_mappings(session)]
