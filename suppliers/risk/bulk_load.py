"""The initial load from Enhetsregisteret's bulk download of entities (`enheter`): a gzipped
JSON array of entities with the API's fields, or its CSV variant. Millions of entities, of
which we buy from a few hundred: the file is read as a stream, one entity at a time, and
only the suppliers we know (by org number) are updated, through the same `keep_answer` as a
refresh, so a status flag found here alerts like one found by the API.

Only status flags and entity facts come from the file; key figures stay as kept (the bulk
download has none), and a supplier first seen here is still looked up by the next refresh
for its accounts.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import gzip
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.models import Supplier, SupplierRegisterRecord
from suppliers.risk.brreg import Brreg, entity_answer
from suppliers.risk.figures import YearFigures
from suppliers.risk.refresh import keep_answer

CHUNK = 64 * 1024
_TRUE = {"true", "j", "ja", "1", "yes"}
# CSV headers, compared without case and punctuation, to the API's field names.
_CSV_FIELDS = {
    "organisasjonsnummer": "organisasjonsnummer",
    "navn": "navn",
    "konkurs": "konkurs",
    "underavvikling": "underAvvikling",
    "undertvangsavviklingellertvangsopplosning": "underTvangsavviklingEllerTvangsopplosning",
    "slettedato": "slettedato",
    "registrertimvaregisteret": "registrertIMvaregisteret",
    "registrertiforetaksregisteret": "registrertIForetaksregisteret",
    "sisteinnsendteaarsregnskap": "sisteInnsendteAarsregnskap",
    "organisasjonsformkode": "organisasjonsform.kode",
}
_FLAG_FIELDS = {"konkurs", "underAvvikling", "underTvangsavviklingEllerTvangsopplosning",
                "registrertIMvaregisteret", "registrertIForetaksregisteret"}


@dataclasses.dataclass
class LoadSummary:
    read: int = 0  # entities in the file
    matched: int = 0  # suppliers of ours updated
    changes: int = 0  # risk changes recorded (each raises alerts)
    skipped: int = 0  # entities we do not buy from


def load_register(session: Session, path: Path, now: dt.datetime) -> LoadSummary:
    known = {number: supplier_id for number, supplier_id in session.execute(
        select(Supplier.org_number, Supplier.id).where(
            Supplier.org_number.is_not(None), func.length(Supplier.org_number) == 9,
            (Supplier.country == "NO") | Supplier.country.is_(None)))}
    summary = LoadSummary()
    with _text(path) as text:
        for entity in entities(text):
            summary.read += 1
            orgnr = re.sub(r"\D", "", str(entity.get("organisasjonsnummer") or ""))
            supplier_id = known.get(orgnr)
            if supplier_id is None:
                summary.skipped += 1
                continue
            entity["organisasjonsnummer"] = orgnr
            if _update(session, supplier_id, entity, now):
                summary.changes += 1
            summary.matched += 1
    return summary


def _update(session: Session, supplier_id: int, entity: dict[str, Any],
            now: dt.datetime) -> bool:
    record = session.scalar(select(SupplierRegisterRecord).where(
        SupplierRegisterRecord.supplier_id == supplier_id,
        SupplierRegisterRecord.register == Brreg.name))
    if record is None:
        record = SupplierRegisterRecord(supplier_id=supplier_id, register=Brreg.name,
                                        identifier=entity["organisasjonsnummer"], entity={},
                                        status_flags=[], accounts=[], failures=0)
        session.add(record)
    answer = entity_answer(entity, [YearFigures.from_json(y) for y in record.accounts])
    outcome = keep_answer(session, record, answer.status_flags, {
        **answer.facts, "name": answer.name,
        "next_accounts_due": answer.next_accounts_due.isoformat()
        if answer.next_accounts_due else None}, now)
    return outcome.change_recorded


class _Text:
    """The file as text, gunzipped when it is gzip (by its magic bytes, not its name)."""

    def __init__(self, path: Path) -> None:
        self._raw = path.open("rb")
        gzipped = self._raw.read(2) == b"\x1f\x8b"
        self._raw.seek(0)
        binary = cast(IO[bytes], gzip.GzipFile(fileobj=self._raw) if gzipped else self._raw)
        self.stream = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")

    def __enter__(self) -> IO[str]:
        return self.stream

    def __exit__(self, *_: object) -> None:
        self.stream.close()
        self._raw.close()


def _text(path: Path) -> _Text:
    return _Text(path)


def entities(text: IO[str]) -> Iterator[dict[str, Any]]:
    """The entities of a JSON array or a CSV file, one at a time."""
    start = text.read(1)
    while start.isspace():
        start = text.read(1)
    if start == "[":
        yield from _json_array(text)
    elif start:
        yield from _csv_rows(start, text)


def _json_array(text: IO[str]) -> Iterator[dict[str, Any]]:
    """The elements of a JSON array whose '[' was read, decoded one by one from a buffer
    that never holds more than a chunk and the element being read."""
    decoder = json.JSONDecoder()
    buffer, position, ended = "", 0, False
    while True:
        while position < len(buffer) and buffer[position] in " \t\r\n,":
            position += 1
        if position < len(buffer) and buffer[position] == "]":
            return
        try:
            if position >= len(buffer):
                raise json.JSONDecodeError("need more", buffer, position)
            element, position = decoder.raw_decode(buffer, position)
        except json.JSONDecodeError as error:
            if ended:
                raise ValueError(f"the file is not a JSON array of entities: {error}") from error
            more = text.read(CHUNK)
            ended = not more
            buffer, position = buffer[position:] + more, 0
            if ended and not buffer.strip():
                raise ValueError("the JSON array of entities ends without ']'") from error
            continue
        if not isinstance(element, dict):
            raise ValueError("the JSON array holds something other than entities")
        yield element


def _csv_rows(first: str, text: IO[str]) -> Iterator[dict[str, Any]]:
    lines = _prefixed(first, text)
    header = next(lines, "")
    delimiter = ";" if header.count(";") > header.count(",") else ","
    names = [_CSV_FIELDS.get(re.sub(r"[^a-z]", "", name.lower().replace("ø", "o")))
             for name in next(csv.reader([header], delimiter=delimiter))]
    if "organisasjonsnummer" not in names:
        raise ValueError("the CSV file has no organisasjonsnummer column")
    for row in csv.reader(lines, delimiter=delimiter):
        entity: dict[str, Any] = {}
        for name, value in zip(names, row, strict=False):
            if name is None or value == "":
                continue
            if name in _FLAG_FIELDS:
                entity[name] = value.strip().lower() in _TRUE
            elif name == "organisasjonsform.kode":
                entity["organisasjonsform"] = {"kode": value}
            else:
                entity[name] = value
        if entity.get("organisasjonsnummer"):
            yield entity


def _prefixed(first: str, text: IO[str]) -> Iterator[str]:
    """The text's lines, with the character already read put back in front."""
    reader = iter(text)
    head = next(reader, "")
    yield first + head
    yield from reader
