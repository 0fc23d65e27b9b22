"""Values that follow from extracted ones, e.g. an end date from a start date and a term."""

from __future__ import annotations

import datetime as dt
import re

from contracts.deadlines.calendar import add_duration
from extraction.model import Duration, Extraction, Finding

# A derived value is never surer than the least sure value it rests on, and a little less
# sure than that: the arithmetic assumes the term runs from that start date.
DERIVED_CONFIDENCE_FACTOR = 0.9

# A term counted from the agreement's own date ("the first anniversary of the date of this
# Agreement", "two years from the date hereof", "fra signering") runs from the signing date
# even when the contract names another effective date.
_FROM_SIGNING = re.compile(
    r"\b(?:from|after|of|following)\s+(?:the\s+)?(?:date\s+(?:of\s+)?(?:this\s+agreement|hereof)"
    r"|date\s+(?:first\s+)?(?:above\s+)?written|execution|signing|signature)\b"
    r"|\bfra\s+(?:signering|undertegn\w*|kontraktsinngåelse|avtaleinngåelse)",
    re.IGNORECASE,
)


def _term_from_signing(term: Finding[Duration]) -> bool:
    return any(_FROM_SIGNING.search(evidence.quote) for evidence in term.evidence)


def with_derived_end_date(extraction: Extraction) -> Extraction:
    """`extraction` with `end_date` = end of the initial term, when that can be derived.

    A term counted from a start date ends on its anniversary: "three years from July 19, 2018"
    ends on the 3rd anniversary, 2021-07-19 (`add_duration`; a missing day of month clamps
    to the month's end: one month from 2024-01-31 ends 2024-02-29). That is how CUAD's
    annotators date it, and the legal reading of a period counted *from* a date (the start day
    is excluded; fristloven § 3 likewise). The deadline engine derives the same end from a
    start and a term, and counts notice from the day before it (the earlier reading).

    Derived only when no end date was found, the contract is not perpetual, and both a start
    (effective date, else signed date; the signed date when the term is counted from the
    agreement's own date) and an initial term are known. The derived finding's
    confidence is 0.9 x the lower of the two parts' confidences, its evidence is both parts'
    evidence, and its `derived_from` names the parts with their values, so that the contract,
    the deadline engine and the pages know the end is computed ("computed: 2024-04-01 +
    2 years") and not stated. Otherwise `extraction` is returned unchanged (the same object).
    """
    if extraction.end_date is not None:
        return extraction
    if extraction.perpetual is not None and extraction.perpetual.value:
        return extraction
    term = extraction.initial_term
    if term is None or term.value.count <= 0:
        return extraction
    start_field = "effective_date" if extraction.effective_date else "signed_date"
    if extraction.signed_date is not None and _term_from_signing(term):
        start_field = "signed_date"
    start = extraction.signed_date if start_field == "signed_date" else extraction.effective_date
    if start is None:
        return extraction
    try:
        end = add_duration(start.value, term.value)
    except OverflowError:
        return extraction
    derived: Finding[dt.date] = Finding(
        value=end,
        confidence=DERIVED_CONFIDENCE_FACTOR * min(start.confidence, term.confidence),
        evidence=[*start.evidence, *term.evidence],
        derived_from={start_field: start.value.isoformat(),
                      "initial_term": term.value.model_dump(mode="json")},
    )
    return extraction.model_copy(update={"end_date": derived})
