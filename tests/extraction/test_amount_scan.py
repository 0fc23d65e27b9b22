"""The fast amount scan finds exactly what scanning every position finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extraction.money import _AMOUNT, amounts_in

# The characters amounts are written with, and some that end or break them.
_PIECES = ["NOK", "nok", "kr", "kr.", "USD", "US$", "$", "€", "£", "EUR", "kroner",
           "norske kroner", "dollars", "million", "mill.", "mrd", "thousand", ",-", ",–",
           " ", "\u00a0", "\n", ".", ",", "0", "1", "25", "250", "000", "1 250", "a", "x",
           "Fee", "total", "(", ")", "/"]


def _spans(text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in _AMOUNT.finditer(text)]


def _fast(text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in amounts_in(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_the_amount_scan_finds_what_every_position_would(text: str) -> None:
    assert _fast(text) == _spans(text)


def test_amounts_as_contracts_write_them() -> None:
    text = ("Samlet verdi NOK 1 250 000,- eks. mva. The fee is US$ 12,500.00 per year, "
            "5 000 norske kroner per month, kr. 250 000 and EUR 1.250.000,50; section 4.2.")
    assert _fast(text) == _spans(text)
    assert [m.group(0) for m in amounts_in(text)][:3] == [
        "NOK 1 250 000,-", "US$ 12,500.00", "5 000 norske kroner"]
