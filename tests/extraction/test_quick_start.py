"""A pattern with its quick start finds exactly what the pattern alone finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import extraction.engine  # noqa: F401  (loads every rule module, and so their patterns)
from extraction.quick_start import SPED_UP, quick_start

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# Words and marks the rules' patterns are made of, letters whose case folds oddly (the Kelvin
# sign folds to k, the long s to s, the Ångström sign to å, dotted and dotless i), and
# separators, so that random texts reach deep into the patterns.
_PIECES = [
    "days", "day's", "weeks", "months", "Month", "years", "YEAR", "dager", "måneder", "år",
    "uke", "mnd.", "three", "(3)", "thirty", "30", "2024", "1.", "mars", "March", "1st",
    "fifth", "anniversary", "term", "Term", "of", "the", "this", "Agreement", "shall",
    "continue", "until", "terminated", "in", "full", "force", "and", "effect", "perpetual",
    "governed", "by", "laws", "State", "New", "York", "courts", "court", "located", "in",
    "Oslo", "tingrett", "renew", "successive", "annual", "periods", "from", "Effective",
    "Date", "on", "or", "2/3/2024", "03.01.2024", "2024-03-01", "-", "/", ".", ",", ";",
    "(", ")", "'", "’", " ", "  ", "\n", "\u212a", "\u017f", "\u212b", "\u0130", "\u0131",
    "Å", "ø", "x", "Q",
]


Found = list[tuple[tuple[int, int], tuple[str | None, ...]]]


def _found(pattern: re.Pattern[str], text: str) -> Found:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def test_the_rules_hot_patterns_are_sped_up() -> None:
    assert len(SPED_UP) >= 10


@pytest.mark.parametrize("index", range(len(SPED_UP)))
def test_a_quick_pattern_finds_the_same_in_real_contracts(index: int) -> None:
    original, quick = SPED_UP[index]
    texts = [path.read_text() for path in sorted(FIXTURES.rglob("*.txt"))]
    assert texts
    for text in texts:
        assert _found(quick, text) == _found(original, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map(" ".join),
       st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_a_quick_pattern_finds_the_same_in_any_text(spaced: str, run_together: str) -> None:
    for original, quick in SPED_UP:
        for text in (spaced, run_together):
            assert _found(quick, text) == _found(original, text), original.pattern[:60]


def test_the_lookahead_names_the_first_characters() -> None:
    quick = quick_start(re.compile(r"\b(?:days?|weeks?)|(?<!\w)\d+\s*x", re.IGNORECASE))
    assert quick.pattern.startswith("(?=[")
    assert quick.pattern[4:quick.pattern.index("]")] == r"\ddw"


@pytest.mark.parametrize("source", [
    r"a*", r"(?:x|)", r".foo", r"[^a]b", r"(?i:org)\s+nr", r"(?=a)", r"x?y?",
])
def test_a_pattern_whose_start_cannot_be_told_is_left_as_it_is(source: str) -> None:
    pattern = re.compile(source)
    assert quick_start(pattern) is pattern


@pytest.mark.parametrize(("source", "text"), [
    ("kr", "\u212ar"), ("sek", "\u017fek"), ("år", "\u212br"), ("in", "\u0130n"), ("in", "\u0131n"),
])
def test_case_folding_letters_are_found_as_the_pattern_finds_them(source: str, text: str) -> None:
    original = re.compile(rf"\b(?:{source})\b", re.IGNORECASE)
    assert _found(quick_start(original), text) == _found(original, text)
