"""A contract's events as the deadline engine stored them, and what each says to do."""

from __future__ import annotations

import datetime as dt
from typing import Any

from contracts import fields
from contracts.service import refresh_deadlines
from core.models import Contract
from watchers.events import events_of_contract

TODAY = dt.date(2026, 6, 1)


def contract(**values: Any) -> Contract:
    made = Contract(id=7, title="Test contract")
    for name, value in values.items():
        fields.set_on_contract(made, name, value)
    refresh_deadlines(made, TODAY)
    return made


def test_a_renewing_contract_has_notice_and_renewal_but_no_end() -> None:
    made = contract(effective_date="2024-01-01", initial_term={"count": 3, "unit": "year"},
                    auto_renewal=True, renewal_term={"count": 12, "unit": "month"},
                    notice_period={"count": 3, "unit": "month"})
    events = events_of_contract(made)
    assert [(e.kind, e.on) for e in events] == [
        ("notice", made.notice_deadline), ("renewal", made.next_renewal_date)]
    notice, renewal = events
    assert notice.what_to_do() == (
        "give notice by 30 September 2026 or the contract renews for 12 months")
    assert notice.what_to_do("nb") == (
        "si opp innen 30. september 2026, ellers fornyes avtalen for 12 måneder")
    assert renewal.what_to_do() == (
        "the contract renews for 12 months on 2 January 2027 unless notice is given by "
        "30 September 2026")


def test_a_fixed_term_contract_with_an_option_ends_unless_the_option_is_used() -> None:
    made = contract(effective_date="2024-01-01", end_date="2026-12-31",
                    notice_period={"count": 3, "unit": "month"},
                    extension_options=[{"count": 1, "unit": "year"}])
    by_kind = {e.kind: e for e in events_of_contract(made)}
    assert set(by_kind) == {"end", "notice", "option"}
    assert by_kind["end"].on == dt.date(2026, 12, 31)
    assert by_kind["end"].what_to_do() == (
        "the contract ends on 31 December 2026: renew, extend or replace it in time")
    assert by_kind["option"].what_to_do().startswith("exercise option 1 by ")
    assert "to extend the contract to 31 December 2027" in by_kind["option"].what_to_do()
    assert by_kind["notice"].what_to_do() == (
        f"give notice by {by_kind['notice'].on.day} September 2026 if the contract is to end "
        "on 31 December 2026")


def test_an_open_ended_contract_has_a_review_date() -> None:
    made = contract(effective_date="2024-01-01", perpetual=True)
    (review,) = events_of_contract(made)
    assert review.kind == "review" and review.on == made.review_date
    assert "open-ended contract is still needed" in review.what_to_do()
    assert review.label("nb") == "Gjennomgangsdato"  # the pages' word too


def test_a_contract_without_dates_has_no_events() -> None:
    assert events_of_contract(contract()) == []
