"""Spend use cases: import a file and match its lines, correct a file's column mapping,
remember a layout's mapping. No commits here: the entry point owns the transaction."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete
from sqlalchemy.orm import Session

from core.filestore import FileStore
from core.i18n import N_, MessageError, message
from core.models import SpendColumnMapping, SpendImport, SpendLine, User
from spend import headers as layout
from spend import matching, repository, rollup
from spend.importer import Progress, import_file
from spend.index_updates import reindexing_changed_contracts, reindexing_when_newest_moves


class SpendImportNotFoundError(LookupError):
    pass


class MappingError(MessageError):
    """A mapping that cannot be used; the message is safe to show."""


def import_and_match(session: Session, path: Path, *, file_name: str | None = None,
                     uploader: User | None = None, mapping: dict[str, str] | None = None,
                     progress: Progress | None = None) -> SpendImport:
    if mapping is not None:
        check_mapping(mapping)
    # Matched before they are summed into the rollup: summed once, not twice and taken out.
    # The lines the import matched to contracts are queued for the index by the rematch.
    with reindexing_when_newest_moves(session):
        record = import_file(session, path, file_name=file_name, uploader=uploader,
                             mapping=mapping, progress=progress, in_rollup=False)
        if record.rows_imported:
            matching.rematch(session, record.id, in_rollup=False)
    return record


def remap_import(session: Session, files: FileStore, import_id: int,
                 mapping: dict[str, str], user: User) -> SpendImport:
    """Import a stored file again under a corrected mapping. The lines the wrong mapping
    produced are removed first; otherwise their keys differ and they would stay twice."""
    check_mapping(mapping)
    previous = repository.spend_import(session, import_id)
    if previous is None:
        raise SpendImportNotFoundError(f"spend import {import_id} not found")
    path = files.path_for(previous.sha256)
    if not path.exists():
        raise SpendImportNotFoundError(
            f"the file of spend import {import_id} was not kept; upload it again")
    removed = SpendLine.import_id == previous.id
    with reindexing_when_newest_moves(session), \
            reindexing_changed_contracts(session, removed):
        rollup.compact(session, rollup.take_out(session, removed))
        session.execute(delete(SpendLine).where(removed))
        previous.status = "remapped"
        return import_and_match(session, path, file_name=previous.file_name, uploader=user,
                                mapping=mapping)


def check_mapping(mapping: dict[str, str]) -> None:
    unknown = sorted(set(mapping) - set(layout.FIELDS))
    if unknown:
        raise MappingError(message(N_("unknown spend fields: %(unknown)s; known: %(known)s"),
                                   unknown=", ".join(unknown), known=", ".join(layout.FIELDS)))
    missing = layout.missing_fields(mapping)
    if missing:
        raise MappingError(message(N_("a mapping needs a column for %(fields)s"),
                                   fields=", ".join(missing)))


def remember_mapping(session: Session, headers: list[str], mapping: dict[str, str],
                     user: User) -> SpendColumnMapping:
    check_mapping(mapping)
    absent = sorted(h for h in mapping.values() if h and h not in headers)
    if absent:
        raise MappingError(message(N_("not among the headers: %(columns)s"),
                                   columns=", ".join(absent)))
    return repository.remember_mapping(session, layout.header_signature(headers), headers,
                                       mapping, user)


def proposed_mapping(session: Session, headers: list[str]) -> tuple[str, dict[str, str]]:
    """The remembered mapping of this layout, else what the headers say."""
    signature = layout.header_signature(headers)
    remembered = repository.column_mapping(session, signature)
    return signature, dict(remembered.mapping) if remembered else layout.recognise(headers)
