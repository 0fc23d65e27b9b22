"""Signing dates in a signature table: "| Dato | 27.08.2024 | 29.08.2024 |".

Norwegian contracts often sign in a table, a column per party, a row per field (Sted, Dato,
Navn, Signatur), or a cell per party that starts "Sted og dato: Molde, 20.09.2024". The
agreement is made when the last party signs, so the latest date of the row is the signing date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from extraction.dates_parse import DateMatch

_I = re.IGNORECASE

# A row's first cell is a date label, or every cell opens with one.
_DATE_ROW = re.compile(
    r"^[ \t]*\|[ \t]*(?:dato|date|sted\s+og\s+dato|sted/dato|place\s+and\s+date)\b[^|\n]*\|[^\n]*$",
    _I | re.MULTILINE,
)


# A header row of labels only ("| Sted og dato | Sted og dato |"): the dates are in the row
# under it, one cell per party ("| Florø, 2024-02-12 | München, 2024-02-14 |").
_LABEL_ROW = re.compile(
    r"^[ \t]*\|(?:[ \t]*(?:dato|date|sted\s+og\s+dato|sted/dato|place\s+and\s+date)[ \t]*\|)+"
    r"[ \t]*\n(?:[ \t]*\|[-:| \t]+\|[ \t]*\n)?(?P<values>[ \t]*\|[^\n]*)$",
    _I | re.MULTILINE,
)


# A table with a row per signer ("| Part | Navn | Tittel | Signert |"), as signing services
# print it: the date sits in the column whose header says when the signer signed.
_SIGNED_COLUMN = re.compile(
    r"^[ \t]*(?:signert|signed|signert\s+dato|dato\s+signert|signeringsdato|tidspunkt"
    r"|signeringstidspunkt|date\s+signed|signed\s+on)[ \t]*$",
    _I,
)
_TABLE_RULE = re.compile(r"^[ \t]*\|[-:| \t]+\|[ \t]*$")


def _cells(line: str) -> list[str]:
    return line.strip().strip("|").split("|")


def _lines_from(body: str, start: int) -> Iterator[tuple[int, str]]:
    offset = start
    for line in body[start:].split("\n"):
        yield offset, line
        offset += len(line) + 1


def _signed_column_cells(body: str, start: int) -> list[tuple[int, int]]:
    """Spans of the date cells under every "Signert" column header after start."""
    spans: list[tuple[int, int]] = []
    columns: list[int] = []  # the "Signert" columns of the table being read, if any
    width = 0
    for offset, line in _lines_from(body, start):
        if not line.lstrip().startswith("|"):
            columns = []
            continue
        cells = _cells(line)
        if not columns:
            # Any pipe row may head a table; the first whose cells name the signing time does.
            columns = [k for k, cell in enumerate(cells) if _SIGNED_COLUMN.match(cell)]
            columns = columns if len(cells) >= 2 else []
            width = len(cells)
            continue
        if _TABLE_RULE.match(line) or len(cells) != width:
            continue
        cursor = offset + line.index("|") + 1
        for k, cell in enumerate(cells):
            if k in columns:
                spans.append((cursor, cursor + len(cell)))
            cursor += len(cell) + 1
    return spans


def table_signing_date(body: str, dates: list[DateMatch]) -> DateMatch | None:
    """The latest date in the last signature table's date row, if the contract has one."""
    latest: DateMatch | None = None
    rows = [(m.start(), m.end()) for m in _DATE_ROW.finditer(body, len(body) // 2)]
    rows += [m.span("values") for m in _LABEL_ROW.finditer(body, len(body) // 2)]
    column = [d for lo, hi in _signed_column_cells(body, len(body) // 2)
              for d in dates if lo <= d.start < hi]
    if column and not rows:
        return max(column, key=lambda d: d.date)
    for start, end in sorted(rows):
        in_row = [d for d in dates if start <= d.start < end]
        if in_row:
            latest = max(in_row, key=lambda d: d.date)
    return latest
