"""HTTP API for importing a supplier register (CSV or XLSX). Editors and admins import, as
they create and change suppliers (suppliers/endpoints.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, HTTPException, Request, UploadFile, status
from pydantic import BaseModel

from core.http import DbSession, EditorUser, settings_of
from suppliers.register_files import RegisterTooLargeError, UnreadableRegisterError, uploaded_file
from suppliers.register_import import RegisterImportSummary, import_register_file

router = APIRouter(prefix="/suppliers", tags=["suppliers"])


class RegisterProblemOut(BaseModel):
    line: int
    reason: str
    name: str


class RegisterImportOut(BaseModel):
    file_name: str
    columns: dict[str, str]
    rows_read: int
    created: int
    updated: int
    unchanged: int
    rejected: int
    problems: list[RegisterProblemOut]


class RegisterImportsOut(BaseModel):
    imports: list[RegisterImportOut]


def register_import_out(summary: RegisterImportSummary) -> RegisterImportOut:
    return RegisterImportOut(
        file_name=summary.file_name, columns=summary.columns, rows_read=summary.rows_read,
        created=summary.created, updated=summary.updated, unchanged=summary.unchanged,
        rejected=summary.rejected,
        problems=[RegisterProblemOut(line=p.line, reason=p.reason, name=p.name)
                  for p in summary.problems])


@router.post("/import", response_model=RegisterImportsOut)
def import_register(
    request_files: Annotated[list[UploadFile], File(alias="files")],
    user: EditorUser, session: DbSession, request: Request,
) -> RegisterImportsOut:
    """Import supplier registers (CSV or XLSX; columns such as name/navn, org number/orgnr,
    country/land, aliases). A supplier already known (same org number, or same name where
    one has no number) is updated, not added again; refused rows are listed with their line
    and reason, the others imported. A file that cannot be read imports nothing."""
    limit = settings_of(request).max_upload_bytes
    summaries = []
    for upload in request_files:
        name = upload.filename or "suppliers.csv"
        try:
            with uploaded_file(upload.file, name, limit) as path:
                summaries.append(import_register_file(session, path, file_name=name,
                                                      actor=user))
        except RegisterTooLargeError as error:
            raise HTTPException(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, str(error)) from error
        except UnreadableRegisterError as error:
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT,
                                f"{name}: {error}") from error
    session.commit()
    return RegisterImportsOut(imports=[register_import_out(s) for s in summaries])
