"""Parties laid out side by side: in a table, or in two columns of plain text.

Norwegian contracts often put the parties in a grid rather than a sentence:
- a row per party under a header naming the fields: "| Rolle | Navn | Org.nr. | Adresse |"
  then "| Utleier | Storgata Eiendom AS | 890 937 861 | ... |";
- a column per party under a header of roles: "| Part | Oppdragsgiver | Leverandør |" then
  "| Navn | Fjellbygd kommune | Rein Tekstilservice AS |" and "| Org.nr. | ... | ... |";
- two columns of text under two role labels ("Oppdragsgiver          Oppdragstaker"), each
  party's name on the first line under its label and its org number further down.
The role label says who is who; the org number is read from the party's own cell or column,
where it is written without a label ("890 937 861") that the running-text reader needs.
"""

from __future__ import annotations

import re

from extraction.org_numbers import find_org_numbers, is_valid_norwegian_org_number
from extraction.parties.candidate import Candidate
from extraction.parties.words import NOT_NAME, ROLE_WORDS

_ROLE_CELL = re.compile(
    r"(?i:oppdragsgiver(?:en)?|oppdragstaker(?:en)?|kunde(?:n)?|leverandør(?:en)?"
    r"|konsulent(?:en)?|utleier(?:en)?|leietaker(?:en)?|lisensgiver(?:en)?|lisenstaker(?:en)?"
    r"|bestiller(?:en)?|kjøper(?:en)?|selger(?:en)?|entreprenør(?:en)?|byggherre(?:n)?)"
)
_NAME_HEADER = re.compile(r"(?i:navn|firma|foretak|virksomhet|selskap|part|name|company)")
_ORG_HEADER = re.compile(r"(?i:org|organisasjonsnummer|foretaksnummer)")
_SEPARATOR_ROW = re.compile(r"^[-:| \t]+$")
_COLUMN_GAP = re.compile(r"[ \t\xa0]{4,}")
_ORG_DIGITS = re.compile(r"(?<!\d)(\d{3})[ .]?(\d{3})[ .]?(\d{3})(?!\d)")
# The parties are listed near the top; a table further down is a price list or a signature.
_REACH = 3000


def table_parties(body: str) -> list[Candidate]:
    """The parties of the first party table or two-column block, if the contract has one."""
    return _table_parties(body) or _column_parties(body)


def _cells(line: str) -> list[str] | None:
    stripped = line.strip()
    if not (stripped.startswith("|") and stripped.endswith("|")):
        return None
    return [c.strip() for c in stripped[1:-1].split("|")]


# "Serviceleverandør", "Tjenestekjøper": Norwegian compounds end in the role they name; an
# "Underleverandør" (subcontractor) is no party.
_COMPOUND_ROLE_CELL = re.compile(rf"(?!under)[\wæøå]{{3,}}?-?(?P<role>{_ROLE_CELL.pattern})")


def _role_of(cell: str) -> str | None:
    key = cell.strip(" :*").lower()
    if not _ROLE_CELL.fullmatch(key):
        compound = _COMPOUND_ROLE_CELL.fullmatch(key)
        if compound is None:
            return None
        key = compound.group("role")
    return ROLE_WORDS.get(key) or ROLE_WORDS.get(re.sub(r"(?:en|n)$", "", key))


def _org_number(cell: str) -> str | None:
    digits = _ORG_DIGITS.search(cell)
    if digits is None:
        return None
    number = "".join(digits.groups())
    return number if is_valid_norwegian_org_number(number) else None


def _rows(body: str) -> list[tuple[int, list[str]]]:
    """(offset of the line, its cells) for every table row in the top of the contract."""
    rows: list[tuple[int, list[str]]] = []
    pos = 0
    for line in body[:_REACH].splitlines(keepends=True):
        cells = _cells(line)
        if cells is not None and not _SEPARATOR_ROW.match(line.strip()):
            rows.append((pos, cells))
        pos += len(line)
    return rows


def _table_parties(body: str) -> list[Candidate]:
    rows = _rows(body)
    for index, (_, header) in enumerate(rows):
        roles = [_role_of(c) for c in header]
        if sum(r is not None for r in roles) >= 2:
            found = _party_columns(body, rows[index + 1 : index + 6], header, roles)
        elif any(_NAME_HEADER.fullmatch(c) for c in header[1:]):
            found = _party_rows(body, rows[index + 1 : index + 8], header)
        else:
            continue
        if len(found) >= 2:
            return found
    return _role_rows(body, rows)


def _role_rows(body: str, rows: list[tuple[int, list[str]]]) -> list[Candidate]:
    """A grid with no header, a row per party: "| Utleier | Alnabru Logistikk AS |", then
    rows with an empty first cell carrying its address and "Org.nr. 931 863 339"."""
    found: list[Candidate] = []
    for index, (at, cells) in enumerate(rows):
        if len(cells) < 2 or not cells[0]:
            continue
        role = _role_of(cells[0])
        if role is None or not _looks_like_name(cells[1]):
            continue
        found.append(_candidate(body, at, cells[1], role))
        for _, more in rows[index + 1 :]:
            if not more or more[0]:
                break
            org_number = _org_number(more[1]) if len(more) > 1 else None
            if org_number is not None:
                found[-1].org_number = org_number
                break
    return found if len({c.role for c in found}) >= 2 else []


def _party_columns(body: str, rows: list[tuple[int, list[str]]], header: list[str],
                   roles: list[str | None]) -> list[Candidate]:
    """A column per party: the "Navn" row (else the first row) names them."""
    names_row = next((r for r in rows if r[1] and _NAME_HEADER.fullmatch(r[1][0])), None)
    if names_row is None and rows:
        names_row = rows[0]
    if names_row is None:
        return []
    orgs_row = next((r for r in rows if r[1] and _ORG_HEADER.match(r[1][0])), None)
    found: list[Candidate] = []
    at, cells = names_row
    for column, role in enumerate(roles):
        if role is None or column >= len(cells) or not _looks_like_name(cells[column]):
            continue
        found.append(_candidate(body, at, cells[column], role))
        if orgs_row is not None and column < len(orgs_row[1]):
            found[-1].org_number = _org_number(orgs_row[1][column])
    return found


def _party_rows(body: str, rows: list[tuple[int, list[str]]], header: list[str]) -> list[Candidate]:
    """A row per party: the role in one cell, the name under the "Navn" header."""
    name_at = next(i for i, c in enumerate(header) if i > 0 and _NAME_HEADER.fullmatch(c))
    org_at = next((i for i, c in enumerate(header) if _ORG_HEADER.match(c)), None)
    found: list[Candidate] = []
    for at, cells in rows:
        role = next((r for r in map(_role_of, cells) if r is not None), None)
        if role is None or name_at >= len(cells) or not _looks_like_name(cells[name_at]):
            continue
        found.append(_candidate(body, at, cells[name_at], role))
        if org_at is not None and org_at < len(cells):
            found[-1].org_number = _org_number(cells[org_at])
    return found


def _column_parties(body: str) -> list[Candidate]:
    """Two role labels on one line, each party's block under its label."""
    lines = body[:_REACH].splitlines(keepends=True)
    pos = 0
    for index, line in enumerate(lines):
        parts = _COLUMN_GAP.split(line.strip())
        if len(parts) == 2 and all(_role_of(p) for p in parts) and "|" not in line:
            second_at = line.index(parts[1], line.index(parts[0]) + len(parts[0]))
            found = _under_labels(body, pos, lines[index + 1 : index + 8], parts, second_at)
            if len(found) == 2:
                return found
        pos += len(line)
    return []


def _under_labels(body: str, label_at: int, block: list[str], labels: list[str],
                  second_at: int) -> list[Candidate]:
    columns: list[list[tuple[int, str]]] = [[], []]
    pos = label_at + len(body[label_at:].split("\n", 1)[0]) + 1
    for line in block:
        if not line.strip():
            break
        left, right = line[:second_at], line[second_at:]
        columns[0].append((pos, left.strip()))
        columns[1].append((pos + second_at, right.strip()))
        pos += len(line)
    found: list[Candidate] = []
    for label, column in zip(labels, columns, strict=True):
        if not column or not _looks_like_name(column[0][1]):
            return []
        at, name = column[0]
        candidate = _candidate(body, at, name, _role_of(label))
        for _, cell in column[1:]:
            numbers = find_org_numbers(cell)
            if numbers:
                candidate.org_number = numbers[0].value
                break
        found.append(candidate)
    return found


def _looks_like_name(cell: str) -> bool:
    words = cell.split()
    # A labelled field ("Navn: Kari Eide", "Sted og dato: ...") is a signature line's.
    return bool(words) and cell[0].isupper() and len(words) <= 8 and not NOT_NAME.search(cell) \
        and not re.search(r"\d{3}|:", cell)


def _candidate(body: str, line_at: int, name: str, role: str | None) -> Candidate:
    start = body.find(name, line_at)
    return Candidate(name, start, start + len(name), role, confidence=0.85)
