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


def table_signing_date(body: str, dates: list[DateMatch]) -> DateMatch | None:
    """The latest date in the last signature table's date row, if the contract has one."""
    latest: DateMatch | None = None
    rows = [(m.start(), m.end()) for m in _DATE_ROW.finditer(body, len(body) // 2)]
    rows += [m.span("values") for m in _LABEL_ROW.finditer(body, len(body) // 2)]
    for start, end in sorted(rows):
        in_row = [d for d in dates if start <= d.start < end]
        if in_row:
            latest = max(in_row, key=lambda d: d.date)
    return latest
