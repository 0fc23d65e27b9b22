"""A Norwegian term counted from an event whose date another clause states.

"Avtalen gjelder i tre år regnet fra driftsstart" in one clause, "Driftsstart er avtalt til
1.10.20" in another: the term, and so the contract's effect, starts on the event's date.
Likewise "Leieperioden er 10 år regnet fra overtakelse" with "Leieobjektet overtas
01.09.2024 («Overtakelsesdagen»)". A start event ("Leveringsstart er 1. januar 2025") dates
the start even when no term is counted from it.
"""

from __future__ import annotations

import re

from extraction.date_clauses import DateHit, clause_around, lead_before
from extraction.dates_parse import DateMatch
from extraction.text import ContractText

_I = re.IGNORECASE

# Each event by its stem, the forms a contract writes it in after the stem.
_EVENTS = {
    "driftsstart": r"driftsstart\w*",
    "leveringsstart": r"leveringsstart\w*",
    "oppstart": r"oppstart\w*",
    "levering": r"levering(?:en|sdato(?:en)?|sdag(?:en)?|stidspunkt(?:et)?)?",
    "overtakelse": r"overtakelse\w*",
    "idriftsettelse": r"idriftsett\w*",
    "tiltredelse": r"tiltredelse\w*",
}
# Events that are themselves the start of the deliveries, so date the start on their own.
_START_EVENTS = frozenset({"driftsstart", "leveringsstart", "oppstart"})
# The verb an event is written as: "Leieobjektet overtas av Leietaker 01.09.2024".
_EVENT_VERBS = {
    "overtakelse": r"overtas", "levering": r"leveres", "idriftsettelse": r"settes\s+i\s+drift",
}
_UNIT = r"(?:år|måneder|måneders|mnd\.?|uker)"


def _counted_from(body: str) -> set[str]:
    """The events a term is counted from: "36 måneder regnet fra leveringsdato"."""
    found: set[str] = set()
    for key, form in _EVENTS.items():
        # "36 måneder regnet fra", "60 måneder og regnes fra levering".
        pattern = (rf"\b{_UNIT}\s+(?:\([^)]{{0,20}}\)\s+)?(?:(?:og\s+)?regne[ts]\s+)?fra\s+"
                   r"(?:og\s+med\s+)?"
                   rf"(?:den\s+)?(?:dato(?:en)?\s+for\s+)?{form}\b")
        if re.search(pattern, body, _I):
            found.add(key)
    return found


def _event_of(body: str, date: DateMatch, events: set[str]) -> str | None:
    """The event this date is stated for, if any of `events`."""
    lead = lead_before(body, date, 80)
    after = body[date.end : date.end + 40]
    for key in events:
        form = _EVENTS[key]
        # "Driftsstart er avtalt til 1.10.20", "Leveringsdato er den 15. november".
        # "Levering og installasjon er avtalt til 15/3-2022": the event with its companion.
        # "... fra driftsstart, som er fastsatt til 1. september 2023": a relative clause.
        stated = (rf"\b{form}(?:\s+og\s+\w+)?(?:,?\s+som)?\s+(?:er|blir|skal\s+være)"
                  r"\s+(?:\w+\s+){0,2}?"
                  r"(?:til\s+)?(?:den\s+)?$")
        if re.search(stated, lead, _I):
            return key
        # "Overtakelse skal skje 1. mars 2025", "Tiltredelse finner sted den 2. mai": the
        # event is said to happen on the day; "skjer innen" would be a deadline instead.
        happens = (rf"\b{form}\s+(?:skal\s+|vil\s+)?(?:skje|skjer|finne\s+sted|finner\s+sted)"
                   r"\s+(?:den\s+|på\s+|pr\.?\s+|per\s+)?$")
        if re.search(happens, lead, _I):
            return key
        # "... 01.09.2024 («Overtakelsesdagen»)": the date defines the event's name.
        if re.match(rf"\s*\(?\s*[«\"“]\s*{form}\s*[»\"”]", after, _I):
            return key
        verb = _EVENT_VERBS.get(key)
        # Not "leveres innen 1. april": a deadline for the event, not its date.
        written = rf"\b{verb}(?:\s+av\s+(?:\w+\s+){{0,3}}?\w+)?\s+(?:den\s+)?$"
        if verb and re.search(written, lead, _I):
            return key
    return None


def event_start(text: ContractText, dates: list[DateMatch]) -> tuple[DateHit, bool] | None:
    """The start date an event gives the contract, and whether a term is counted from it."""
    body = text.text
    counted = _counted_from(body)
    for events, confidence in ((counted, 0.8), (_START_EVENTS - counted, 0.7)):
        if not events:
            continue
        for date in dates:
            if _event_of(body, date, set(events)) is not None:
                start, end = clause_around(text, date)
                return DateHit(date.date, start, end, confidence, date.start), events is counted
    return None
