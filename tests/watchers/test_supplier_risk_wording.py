"""What a supplier risk alert says, in English and Norwegian, for a flag alone, a rise
alone and both."""

from __future__ import annotations

import datetime as dt

import pytest

from watchers.wording import event_label, what_to_do

ON = dt.date(2026, 6, 9)


@pytest.mark.parametrize(("facts", "language", "expected"), [
    ({"supplier": "Krise Bygg AS", "previous_level": "medium", "level": "medium",
      "flags": ["winding_up", "forced_dissolution"]}, "en",
     "the register reports Krise Bygg AS as in winding-up and under forced winding-up or "
     "dissolution: check what it means for the contract and whether you need a fallback"),
    ({"supplier": "Krise Bygg AS", "previous_level": "low", "level": "medium", "flags": []},
     "en", "the risk level of Krise Bygg AS rose from low to medium: check what it means for "
     "the contract and whether you need a fallback"),
    ({"supplier": "Krise Bygg AS", "previous_level": "medium", "level": "high", "flags": []},
     "nb", "risikonivået til Krise Bygg AS har steget fra middels til høy: vurder hva det "
     "betyr for avtalen, og om dere trenger en reserveløsning"),
    ({"supplier": "Krise Bygg AS", "previous_level": None, "level": "high",
      "flags": ["deleted"]}, "nb",
     "registeret melder at Krise Bygg AS er slettet: vurder hva det betyr for avtalen, og om "
     "dere trenger en reserveløsning"),
])
def test_supplier_risk_sentences(facts: dict[str, object], language: str,
                                 expected: str) -> None:
    assert what_to_do("supplier_risk", ON, facts, language) == expected


def test_supplier_risk_labels() -> None:
    assert event_label("supplier_risk", "en") == "Supplier risk"
    assert event_label("supplier_risk", "nb") == "Leverandørrisiko"
