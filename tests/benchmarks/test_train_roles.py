"""How candidates are labelled from CUAD's answers and clause texts for training."""

from __future__ import annotations

import datetime as dt

from benchmarks.extraction_eval import COLUMNS, LabelledContract
from benchmarks.train_roles import example, fit_role
from extraction.model import Duration

PAGE = (
    "This Agreement is made on January 5, 2020 between Acme Inc. and Beta LLC.\n\n"
    "2. TERM. The term shall commence on February 1, 2020 and continue for two (2) years. "
    "Either party may terminate on thirty (30) days notice. Confidentiality survives for "
    "three (3) years. Acme shall pay on February 1, 2020 the fee."
)


def _doc(**answers: str) -> LabelledContract:
    row = {f"{column} ({part})": "" for column in COLUMNS.values()
           for part in ("answer", "clause text")}
    for column, answer in answers.items():
        row[f"{column.replace('_', ' ')} (answer)"] = answer
    row["Effective Date (clause text)"] = repr(["The term shall commence on February 1, 2020"])
    return LabelledContract("a.pdf", [PAGE], row)


def test_a_date_is_positive_where_the_labelled_clause_writes_it() -> None:
    ex = example(_doc(Effective_Date="2/1/20", Expiration_Date="2/1/22", Agreement_Date="1/5/20"))
    dates = [c.value for c in ex.dates]
    assert dates == [dt.date(2020, 1, 5), dt.date(2020, 2, 1), dt.date(2020, 2, 1)]
    # The second February 1 is the payment date: the right day but not the labelled clause.
    assert ex.positive["effective_date"] == [False, True, False]
    assert ex.positive["signed_date"] == [True, False, False]
    assert ex.positive["end_date"] == [False, False, False]


def test_a_duration_is_the_initial_term_when_start_plus_it_is_the_labelled_end() -> None:
    ex = example(_doc(Effective_Date="2/1/20", Expiration_Date="2/1/22"))
    terms = {c.value: right for c, right in zip(ex.durations, ex.positive["initial_term"],
                                                strict=True)}
    assert terms == {Duration(count=2, unit="year"): True, Duration(count=30, unit="day"): False,
                     Duration(count=3, unit="year"): False}
    assert ex.labelled["initial_term"] and not ex.labelled["renewal_term"]


def test_a_fitted_role_prefers_what_it_was_shown() -> None:
    training = [example(_doc(Effective_Date="2/1/20", Expiration_Date="2/1/22"))] * 4
    weights = fit_role(training, "initial_term")
    from extraction.roles.model import BUCKETS, best

    pick = best(training[0].durations, weights, BUCKETS)
    assert pick is not None and pick[0].value == Duration(count=2, unit="year")
