"""An end date computed from a start and a term says so at every layer: the extraction, the
suggestion, the stored contract, the API, the deadline engine and the pages (en and nb). A
person's decision on the end date makes it stated; an end the text states is stated even when
it equals start + term (the engine no longer guesses).

The contract is a real upload (a PDF made here, read by the in-process worker). Its dates lie
in 2030-2032 so that today's date does not move what the engine concludes.
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import Actor, World
from page_client import Browser
from services_contract import (
    STATED_END_CLAUSE,
    TERM_CLAUSE,
    contract_of,
    field_of,
    lines_of,
    upload,
)

from contracts.deadlines import ContractTerms, DerivedEnd, compute_deadlines
from contracts.deadlines.calendar import notice_deadline_before
from contracts.derived import with_derived_end_date
from core.models import Contract, FieldValue, Role, User
from extraction.engine import extract
from extraction.model import Duration

START, END = dt.date(2030, 4, 1), dt.date(2032, 4, 1)
TWO_YEARS, THREE_MONTHS = Duration(count=2, unit="year"), Duration(count=3, unit="month")
# Notice before a computed (anniversary) end is counted from the day before it.
DERIVED_NOTICE = notice_deadline_before(END - dt.timedelta(days=1), THREE_MONTHS)
STATED_NOTICE = notice_deadline_before(END, THREE_MONTHS)
PARTS = {"effective_date": "2030-04-01", "initial_term": {"count": 2, "unit": "year"}}


@pytest.fixture
def editor(world: World) -> Actor:
    return world.make_user("editor@example.no", Role.EDITOR)


# --- extraction -----------------------------------------------------------------------------


def test_the_extraction_marks_a_computed_end_and_keeps_both_parts_evidence() -> None:
    extraction = with_derived_end_date(extract(["\n".join(lines_of(TERM_CLAUSE))]))
    end, start, term = extraction.end_date, extraction.effective_date, extraction.initial_term
    assert end is not None and start is not None and term is not None
    assert end.value == END
    assert end.derived_from == PARTS
    assert end.evidence == [*start.evidence, *term.evidence]
    output = extraction.fields_json()
    assert output["end_date"]["derived_from"] == PARTS
    # A value read in the text keeps the documented shape: no derived_from key.
    assert set(output["effective_date"]) == {"value", "confidence", "evidence"}


def test_an_end_the_text_states_is_not_marked() -> None:
    extraction = with_derived_end_date(extract(["\n".join(lines_of(STATED_END_CLAUSE))]))
    assert extraction.end_date is not None and extraction.end_date.value == END
    assert extraction.end_date.derived_from is None


# --- suggestion, contract, API, deadlines ----------------------------------------------------


def test_a_computed_end_is_marked_on_the_suggestion_the_contract_and_in_the_deadlines(
    world: World, editor: Actor
) -> None:
    contract = upload(world, editor, lines_of(TERM_CLAUSE))
    assert contract["end_date"] == END.isoformat()
    assert contract["end_date_derived"] is True
    assert contract["end_date_derived_from"] == PARTS
    suggestion = field_of(contract, "end_date")
    assert suggestion["review_state"] == "suggested"
    assert suggestion["derived_from"] == PARTS
    quotes = " ".join(e["quote"] for e in suggestion["evidence"])
    assert "April 1, 2030" in quotes and "two (2) years" in quotes
    assert field_of(contract, "effective_date")["derived_from"] is None
    with world.runtime.database.session() as session:
        stored = session.get(Contract, contract["id"])
        row = session.query(FieldValue).filter_by(contract_id=contract["id"],
                                                  field="end_date").one()
        assert stored is not None and stored.end_date_derived_from == PARTS
        assert row.derived_from == PARTS

    deadlines = contract["deadlines"]
    assert deadlines["end_date_derived"] == PARTS
    assert contract["notice_deadline"] == DERIVED_NOTICE.isoformat()
    first = deadlines["explanation"][0]
    assert first["text"] == ("Initial term ends 2032-04-01: 2 years from 2030-04-01 to the day, "
                             "as an end derived from the start and term is dated")
    assert first["sources"] == ["end_date", "effective_date", "initial_term"]


def test_accepting_the_computed_end_makes_it_stated(world: World, editor: Actor) -> None:
    contract = upload(world, editor, lines_of(TERM_CLAUSE))
    response = editor.client.post(
        f"/api/v1/contracts/{contract['id']}/fields/end_date/review",
        json={"decision": "accept"},
    )
    assert response.status_code == 200, response.text
    after = contract_of(editor, contract["id"])
    assert after["end_date"] == END.isoformat()
    assert after["end_date_derived"] is False and after["end_date_derived_from"] is None
    # The suggestion still says how the machine arrived at it.
    assert field_of(after, "end_date")["derived_from"] == PARTS
    assert after["notice_deadline"] == STATED_NOTICE.isoformat() != DERIVED_NOTICE.isoformat()
    assert after["deadlines"]["end_date_derived"] is None
    assert after["deadlines"]["explanation"][0]["text"] == "Initial term ends 2032-04-01 (stated)"


def test_an_end_the_text_states_equal_to_start_plus_term_is_stated(
    world: World, editor: Actor
) -> None:
    # "expires on April 1, 2032" with a two-year term beside it would have been guessed
    # derived before; read in the text, it is the last day.
    contract = upload(world, editor, lines_of(
        STATED_END_CLAUSE + " The initial term is two (2) years."))
    assert contract["end_date"] == END.isoformat()
    assert contract["initial_term"] == {"count": 2, "unit": "year"}
    assert contract["end_date_derived"] is False
    assert field_of(contract, "end_date")["derived_from"] is None
    assert contract["notice_deadline"] == STATED_NOTICE.isoformat()


def test_typed_by_hand_start_and_term_give_a_computed_end_and_a_typed_end_is_stated(
    editor: Actor,
) -> None:
    common = {"effective_date": START.isoformat(), "initial_term": {"count": 2, "unit": "year"},
              "auto_renewal": True, "renewal_term": {"count": 1, "unit": "year"},
              "notice_period": {"count": 3, "unit": "month"}}
    no_end = editor.client.post("/api/v1/contracts", json={"title": "By hand", **common})
    assert no_end.status_code == 201, no_end.text
    shown = no_end.json()
    assert shown["end_date"] is None and shown["end_date_derived"] is False
    assert shown["deadlines"]["end_date"] == END.isoformat()
    assert shown["deadlines"]["end_date_derived"] == PARTS  # computed by the engine
    assert shown["notice_deadline"] == DERIVED_NOTICE.isoformat()

    typed = editor.client.post("/api/v1/contracts", json={
        "title": "End typed", "end_date": END.isoformat(), **common})
    assert typed.status_code == 201, typed.text
    assert typed.json()["end_date_derived"] is False
    assert typed.json()["deadlines"]["end_date_derived"] is None
    assert typed.json()["notice_deadline"] == STATED_NOTICE.isoformat()


def test_the_engine_reads_the_mark_not_the_arithmetic() -> None:
    today = dt.date(2030, 6, 1)
    base = ContractTerms(effective_date=START, end_date=END, initial_term=TWO_YEARS,
                         notice_period=THREE_MONTHS)
    stated = compute_deadlines(base, today)
    marked = compute_deadlines(ContractTerms(
        **{**base.__dict__, "end_date_derived": DerivedEnd("effective_date", START, TWO_YEARS)}
    ), today)
    assert stated.notice_deadline == STATED_NOTICE and stated.end_date_derived is None
    assert marked.notice_deadline == DERIVED_NOTICE
    assert marked.end_date_derived == DerivedEnd("effective_date", START, TWO_YEARS)
    assert marked.to_json()["end_date_derived"] == PARTS


def test_the_mark_reads_back_only_from_its_own_shape() -> None:
    assert DerivedEnd.from_json(PARTS) == DerivedEnd("effective_date", START, TWO_YEARS)
    signed = {"signed_date": "2030-04-01", "initial_term": {"count": 2, "unit": "year"}}
    assert DerivedEnd.from_json(signed) == DerivedEnd("signed_date", START, TWO_YEARS)
    for unknown in (None, {}, {"effective_date": "2030-04-01"},
                    {"initial_term": {"count": 2, "unit": "year"}},
                    {"effective_date": "not a date", "initial_term": {"count": 2, "unit": "year"}},
                    {"effective_date": "2030-04-01", "initial_term": {"count": 2}}):
        assert DerivedEnd.from_json(unknown) is None, unknown


# --- pages ----------------------------------------------------------------------------------


def _in_norwegian(world: World, actor: Actor) -> None:
    with world.runtime.database.session() as session:
        user = session.get(User, actor.user.id)
        assert user is not None
        user.language = "nb"


def test_the_contract_and_review_pages_say_the_end_was_computed(
    world: World, editor: Actor
) -> None:
    contract = upload(world, editor, lines_of(TERM_CLAUSE))
    browser = Browser(world, editor)
    said = "2032-04-01, computed: 2030-04-01 + 2 years"
    page = browser.get(f"/contracts/{contract['id']}").text
    # In the terms table and in the deadlines' end of the initial term.
    assert page.count(said) == 2
    assert said in browser.get("/review").text

    _in_norwegian(world, editor)
    norsk = Browser(world, editor)
    page = norsk.get(f"/contracts/{contract['id']}").text
    assert page.count("01.04.2032, beregnet: 01.04.2030 + 2 år") == 2
    assert "computed" not in page
    assert "01.04.2032, beregnet: 01.04.2030 + 2 år" in norsk.get("/review").text


def test_once_accepted_the_pages_show_the_end_as_stated(world: World, editor: Actor) -> None:
    contract = upload(world, editor, lines_of(TERM_CLAUSE))
    browser = Browser(world, editor)
    accepted = browser.post(f"/contracts/{contract['id']}/fields/end_date/review",
                            {"decision": "accept"})
    assert accepted.status_code == 303
    page = browser.get(f"/contracts/{contract['id']}").text
    assert "2032-04-01" in page and "computed:" not in page


def test_a_computed_end_shows_a_quote_its_parts_share_once(
    world: World, editor: Actor
) -> None:
    # "effective as of April 1, 2030 and shall continue for two years" is the evidence of
    # both the start and the term: under the end date it is one quote, not the same twice.
    contract = upload(world, editor, lines_of(TERM_CLAUSE))
    page = Browser(world, editor).get(f"/contracts/{contract['id']}").text
    end_row = page[page.index('id="field-end_date"'):]
    end_row = end_row[:end_row.index('id="field-', 1)]
    assert end_row.count("Show on page") == 1
