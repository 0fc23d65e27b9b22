"""Importing a supplier register (CSV or XLSX): each row creates a supplier or updates the one
it already is, so importing the same register again adds nothing.

A row is the supplier already known when it has the same org number, or the same name
(normalised, "Acme AS" = "ACME A/S") and one of the two has no org number. An empty cell
never blanks what is known: a register without a country column keeps the countries.
A row that cannot be taken (no name, an org number that fails its check, a name that belongs
to another supplier) is reported with its line and reason; the other rows are imported.
No commits here: the entry point owns the transaction.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy.orm import Session

from core.models import Supplier, User
from suppliers import repository, service
from suppliers.names import normalise_name
from suppliers.org_numbers import country_code, org_number
from suppliers.register_files import Row, UnreadableRegisterError, register_rows
from suppliers.register_headers import recognise
from suppliers.schemas import SupplierIn, SupplierPatch

# A title or notes above the header row are skipped; past this many rows there is none.
HEADER_SEARCH_ROWS = 20
# Every rejected row is counted; the listed ones stop here so a broken file stays readable.
MAX_LISTED_PROBLEMS = 200
MAX_NAME = 300
# Several other names in one cell: "Acme Trading; Acme Norge". Not commas: "Acme, Inc.".
_ALIAS_SEPARATORS = re.compile(r"[;|\n]")


@dataclasses.dataclass(frozen=True)
class RegisterProblem:
    line: int
    reason: str
    name: str = ""


@dataclasses.dataclass
class RegisterImportSummary:
    file_name: str
    columns: dict[str, str] = dataclasses.field(default_factory=dict)  # field -> header
    rows_read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    problems: list[RegisterProblem] = dataclasses.field(default_factory=list)

    def reject(self, line: int, reason: str, name: str = "") -> None:
        self.rejected += 1
        if len(self.problems) < MAX_LISTED_PROBLEMS:
            self.problems.append(RegisterProblem(line, reason, name))


class _RowRefusedError(ValueError):
    """A row that cannot be imported; the message is its reason."""


@dataclasses.dataclass(frozen=True)
class _Entry:
    name: str
    org_number: str | None
    country: str | None
    aliases: list[str]


def import_register_file(session: Session, path: Path, *, file_name: str | None = None,
                         actor: User | None = None) -> RegisterImportSummary:
    """Import one CSV or XLSX register file. Raises UnreadableRegisterError for a file that
    cannot be read at all (not CSV or XLSX, no header naming the supplier)."""
    with register_rows(path) as rows:
        return import_register(session, rows, file_name=file_name or path.name, actor=actor)


def import_register(session: Session, rows: Iterator[Row], *, file_name: str,
                    actor: User | None = None) -> RegisterImportSummary:
    summary = RegisterImportSummary(file_name=file_name)
    columns = _header(rows, summary)
    for line, cells in rows:
        if not any(cells):
            continue
        summary.rows_read += 1
        name = _cell(cells, columns.get("name"))
        try:
            entry = _entry(cells, columns)
            _apply(session, entry, actor, summary)
        except _RowRefusedError as refused:
            summary.reject(line, str(refused), name)
    return summary


def _header(rows: Iterator[Row], summary: RegisterImportSummary) -> dict[str, list[int]]:
    for line, cells in rows:
        columns = recognise(cells)
        if "name" in columns:
            summary.columns = {field: ", ".join(cells[i] for i in indexes)
                               for field, indexes in columns.items()}
            return columns
        if line >= HEADER_SEARCH_ROWS:
            break
    raise UnreadableRegisterError(
        "no column names the supplier: the header row needs a column such as name, navn, "
        "leverandør or supplier")


def _cell(cells: list[str], indexes: list[int] | None) -> str:
    if not indexes or indexes[0] >= len(cells):
        return ""
    return cells[indexes[0]].strip()


def _entry(cells: list[str], columns: dict[str, list[int]]) -> _Entry:
    name = _cell(cells, columns.get("name"))
    if not name:
        raise _RowRefusedError("no supplier name")
    if len(name) > MAX_NAME:
        raise _RowRefusedError(f"the name is longer than {MAX_NAME} characters")
    try:
        country = country_code(_cell(cells, columns.get("country")))
        number = org_number(_cell(cells, columns.get("org_number")), country)
    except ValueError as error:
        raise _RowRefusedError(str(error)) from error
    aliases: list[str] = []
    for index in columns.get("aliases", []):
        text = cells[index] if index < len(cells) else ""
        aliases += [a.strip() for a in _ALIAS_SEPARATORS.split(text) if a.strip()]
    if any(len(alias) > MAX_NAME for alias in aliases):
        raise _RowRefusedError(f"another name is longer than {MAX_NAME} characters")
    return _Entry(name, number, country, list(dict.fromkeys(aliases)))


def _normalised(name: str) -> str:
    return normalise_name(name) or name.strip().lower()


def _known(session: Session, entry: _Entry) -> Supplier | None:
    """The supplier this row already is, if any."""
    if entry.org_number is not None:
        by_number = repository.supplier_by_org_number(session, entry.org_number)
        if by_number is not None:
            return by_number
    by_name = repository.supplier_by_alias(session, _normalised(entry.name))
    if by_name is None:
        return None
    if by_name.org_number is None or entry.org_number is None:
        return by_name
    raise _RowRefusedError(
        f"the name {entry.name!r} belongs to supplier {by_name.id} with org number "
        f"{by_name.org_number}, not {entry.org_number}; correct the number, or merge the two")


def _check_names_free(session: Session, entry: _Entry, target: Supplier | None) -> None:
    for name in [entry.name, *entry.aliases]:
        owner = repository.supplier_by_alias(session, _normalised(name))
        if owner is not None and owner is not target:
            raise _RowRefusedError(f"the name {name!r} already belongs to supplier {owner.id} "
                              f"({owner.name}); merge the two if they are the same")


def _patch(supplier: Supplier, entry: _Entry) -> SupplierPatch:
    """What the row changes; empty when the supplier already says all of it."""
    changes: dict[str, object] = {}
    if entry.name != supplier.name:
        changes["name"] = entry.name
    if entry.country is not None and entry.country != supplier.country:
        changes["country"] = entry.country
    if entry.org_number is not None and supplier.org_number is None:
        changes["org_number"] = entry.org_number
    known = {alias.normalized for alias in supplier.aliases}
    new = [a for a in entry.aliases if _normalised(a) not in known]
    if new:
        changes["aliases"] = new
    return SupplierPatch.model_validate(changes)


def _apply(session: Session, entry: _Entry, actor: User | None,
           summary: RegisterImportSummary) -> None:
    target = _known(session, entry)
    _check_names_free(session, entry, target)
    patch = _patch(target, entry) if target is not None else None
    if patch is not None and not patch.model_fields_set:
        summary.unchanged += 1
        return
    # A row refused half-way (an org number that does not fit a new country) leaves nothing.
    savepoint = session.begin_nested()
    try:
        if target is None or patch is None:
            service.create_supplier(session, SupplierIn(
                name=entry.name, org_number=entry.org_number, country=entry.country,
                aliases=entry.aliases), actor)
        else:
            service.update_supplier(session, target, patch, actor)
    except ValueError as error:  # SupplierConflictError is one
        savepoint.rollback()
        raise _RowRefusedError(str(error)) from error
    savepoint.commit()
    if target is None:
        summary.created += 1
    else:
        summary.updated += 1
