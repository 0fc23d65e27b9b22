"""Price items from the price tables the PDF reader found.

The first row with text in most cells is the header: it says which column is the description
("Beskrivelse", "Description", "Rolle", "Tjeneste"), the unit ("Enhet", "Unit") and the price
("Pris", "Unit price", "Timepris", "Rate"); the currency is read from the header ("Pris (kr)",
"Unit price (USD)") or from the cells. A table without a price column is not a price table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extraction.model import Evidence, Finding, Language, PageTable, PriceItem
from extraction.money import currency_of, parse_amount

_I = re.IGNORECASE

_DESCRIPTION = re.compile(
    r"beskrivelse|description|tjeneste|rolle|kategori|item|service|role|produkt|product|vare"
    r"|ytelse|stilling|title|artikkel|article|navn|name|kompetanse|level|nivå",
    _I,
)
_UNIT = re.compile(r"^\s*(?:enhet|unit|uom|per|måleenhet|unit\s+of\s+measure|enh\.?)\s*$", _I)
_PRICE = re.compile(
    r"pris|price|rate|sats|beløp|amount|fee|cost|kostnad|honorar|NOK|USD|EUR|kr\b", _I
)
_CURRENCY_IN = re.compile(r"\b(NOK|USD|EUR|GBP|SEK|DKK|kr|kroner)\b|([$€£])", _I)
_CELL_AMOUNT = re.compile(r"\d[\d \u00a0.,]*")


def extract_price_items(
    tables: Sequence[PageTable], language: Language
) -> Finding[list[PriceItem]] | None:
    items: list[PriceItem] = []
    evidence: list[Evidence] = []
    for table in tables:
        rows = [[(cell or "").strip() for cell in row] for row in table.rows]
        header_index = _header_index(rows)
        if header_index is None:
            continue
        header = rows[header_index]
        columns = _columns(header)
        if columns is None:
            continue
        description_col, unit_col, price_col = columns
        table_currency = _currency(header[price_col]) or _currency(" ".join(header))
        for row in rows[header_index + 1 :]:
            if len(row) <= max(description_col, price_col):
                continue
            description = re.sub(r"\s+", " ", row[description_col])
            price_cell = row[price_col]
            amount_match = _CELL_AMOUNT.search(price_cell)
            if not description or amount_match is None:
                continue
            price = parse_amount(amount_match.group(0).strip())
            if price is None:
                continue
            unit = row[unit_col] if unit_col is not None and unit_col < len(row) else None
            items.append(
                PriceItem(
                    description=description,
                    unit=unit or None,
                    unit_price=price,
                    currency=_currency(price_cell) or table_currency,
                    page=table.page,
                )
            )
            quote = " | ".join(cell for cell in row if cell)
            evidence.append(Evidence(page=table.page, start=0, end=0, quote=quote[:400]))
    if not items:
        return None
    return Finding(value=items, confidence=0.8, evidence=evidence)


def _header_index(rows: list[list[str]]) -> int | None:
    for index, row in enumerate(rows[:3]):
        texts = [c for c in row if c]
        if len(texts) >= 2 and sum(1 for c in texts if re.search(r"[^\W\d_]", c)) >= 2:
            return index
    return None


def _columns(header: list[str]) -> tuple[int, int | None, int] | None:
    price_cols = [
        i for i, cell in enumerate(header) if _PRICE.search(cell) and not _UNIT.match(cell)
    ]
    if not price_cols:
        return None
    price_col = price_cols[-1]
    description_col = next(
        (i for i, cell in enumerate(header) if _DESCRIPTION.search(cell) and i != price_col), 0
    )
    if description_col == price_col:
        return None
    unit_col = next((i for i, cell in enumerate(header) if _UNIT.match(cell)), None)
    return description_col, unit_col, price_col


def _currency(text: str) -> str | None:
    m = _CURRENCY_IN.search(text)
    if m is None:
        return None
    return currency_of(m.group(1) or m.group(2))
