"""What the spend API takes and returns."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from core.models import SpendImport
from core.text import StorableText


class ImportProblem(BaseModel):
    file: str
    line: int
    reason: str
    rejected: bool


class ImportSummary(BaseModel):
    id: int
    file_name: str
    sha256: str
    status: str = Field(description="done | needs_mapping | failed | remapped")
    rows_read: int
    rows_imported: int
    rows_already_imported: int
    rows_rejected: int
    rows_without_date: int
    problem_counts: dict[str, int]
    problems: list[ImportProblem]
    headers: list[str]
    mapping: dict[str, str] = Field(description="spend field -> column header")
    mapping_remembered: bool


class ImportResult(BaseModel):
    imports: list[ImportSummary]


class MappingIn(StorableText):
    headers: list[str]
    mapping: dict[str, str] = Field(description="spend field -> column header")


class MappingOut(BaseModel):
    header_signature: str
    headers: list[str]
    mapping: dict[str, str]
    fields: list[str]
    missing: list[str]


def import_summary(record: SpendImport) -> ImportSummary:
    described: dict[str, Any] = record.mapping or {}
    return ImportSummary(
        id=record.id, file_name=record.file_name, sha256=record.sha256, status=record.status,
        rows_read=record.rows_read, rows_imported=record.rows_imported,
        rows_already_imported=record.rows_already_imported,
        rows_rejected=record.rows_rejected, rows_without_date=record.rows_without_date,
        problem_counts=dict(record.problem_counts or {}),
        problems=[ImportProblem(**p) for p in record.problems or []],
        headers=list(described.get("headers", [])),
        mapping=dict(described.get("fields", {})),
        mapping_remembered=bool(described.get("remembered", False)),
    )
