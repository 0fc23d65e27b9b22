"""Signing dates in a signature table: "| Dato | 27.08.2024 | 29.08.2024 |".

Norwegian contracts often sign in a table, a column per party, a row per field (Sted, Dato,
Navn, Signatur), or a cell per party that starts "Sted og dato: Molde, 20.09.2024". The
agreement is made when the last party signs, so the latest date of the row is the signing date.
"""

from __future__ import annotations

import re

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


def _signed_column_cells(body: str, start: int) -> list[tuple[int, int]]:
    """Spans of the date cells under every "Signert" column header after start."""
    spans: list[tuple[int, int]] = []
    lines = body[start:].split("\n")
    offsets = []
    pos = start
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.lstrip().startswith("|"):
            i += 1
            continue
        header = _cells(line)
        columns = [k for k, cell in enumerate(header) if _SIGNED_COLUMN.match(cell)]
        if not columns or len(header) < 2:
            i += 1
            continue
        i += 1
        while i < len(lines) and lines[i].lstrip().startswith("|"):
            row = lines[i]
            if not _TABLE_RULE.match(row):
                cells = _cells(row)
                if len(cells) == len(header):
                    base = offsets[i] + row.index("|", 0) + 1
                    cursor = base
                    for k, cell in enumerate(cells):
                        if k in columns:
                            spans.append((cursor, cursor + len(cell)))
                        cursor += len(cell) + 1
            i += 1
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
