"""Whole-engine checks on hand-written contracts (fixtures/*.txt with *.expected.json).

A fixture's pages are separated by a line holding only a form feed. Lines that start with `|`
are table rows: they stay in the page text (as a PDF's text layer would have them) and are
also handed to the engine as that page's `PageTable`, as the PDF reader would.

Every field of every fixture is its own test. The engine's result is completed with the
derived end date (start + initial term), as ingest and `avtale extract` do.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from contracts.derived import with_derived_end_date
from extraction.engine import extract
from extraction.model import FIELD_NAMES, Extraction, PageTable

FIXTURES = Path(__file__).parent / "fixtures"
NAMES = sorted(p.name.removesuffix(".txt") for p in FIXTURES.glob("*.txt"))

def load_fixture(name: str) -> tuple[list[str], list[PageTable], dict[str, Any]]:
    """Pages, tables and expected field values of one fixture."""
    raw = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    pages = [page.strip("\n") for page in raw.split("\f\n")]
    tables: list[PageTable] = []
    for number, page in enumerate(pages, start=1):
        rows = [
            [cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in page.splitlines()
            if line.startswith("|")
        ]
        if rows:
            tables.append(PageTable(page=number, rows=list(rows)))
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    return pages, tables, expected


_RESULTS: dict[str, Extraction] = {}


def _extraction(name: str) -> Extraction:
    if name not in _RESULTS:
        pages, tables, _ = load_fixture(name)
        _RESULTS[name] = with_derived_end_date(extract(pages, tables))
    return _RESULTS[name]


def _comparable(field: str, value: Any) -> Any:
    """JSON value in a form where equal meaning compares equal (amounts as Decimal, parties
    in any order)."""
    if value is None:
        return None
    if field == "contract_value":
        return {"per": None, **value, "amount": Decimal(str(value["amount"]))}
    if field == "price_items":
        return [
            {**item, "unit_price": None if item["unit_price"] is None
             else Decimal(str(item["unit_price"]))}
            for item in value
        ]
    if field == "parties":
        return sorted(value, key=lambda party: str(party["name"]))
    return value


def test_every_fixture_lists_every_field() -> None:
    assert len([n for n in NAMES if n.startswith("nb_")]) >= 4
    for name in NAMES:
        _, _, expected = load_fixture(name)
        assert set(expected) == set(FIELD_NAMES), name


@pytest.mark.parametrize("field", FIELD_NAMES)
@pytest.mark.parametrize("name", NAMES)
def test_fixture_field(name: str, field: str) -> None:
    _, _, expected = load_fixture(name)
    found = _extraction(name).finding(field)
    got = None if found is None else found.model_dump(mode="json")["value"]
    want = _comparable(field, expected[field])
    assert _comparable(field, got) == want
    if found is not None:
        assert found.evidence, f"{field} has no evidence"
