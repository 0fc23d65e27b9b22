"""An English term that starts on a named event whose date another clause states.

"The effective date of the start of the Term will be from the Launch Date" in the term clause,
"the launch date of the Co-Branded Site shall be September 1st, 1999" in another: the term, and
so the contract's effect, starts on that date. CUAD's annotators date such a contract's
effective date, and its end, from the event's date, not from the signing.
"""

from __future__ import annotations

import re

from extraction.date_clauses import DateHit, clause_around, lead_before
from extraction.dates_parse import DateMatch
from extraction.quick_start import quick_start
from extraction.text import ContractText

_I = re.IGNORECASE

# The dates that already name this contract's own start are read by the effective-date rules.
_OWN_START = r"(?!(?:effective|execution|signing|signature|commencement)\s+date\b)"
_EVENT = r"(?P<event>(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)\s+date\b"
_TERM_STARTS_ON = quick_start(re.compile(
    # "the start of the Term will be from the Launch Date"
    r"(?:\b(?:start|commencement|beginning)\s+of\s+the\s+(?:initial\s+)?term\s+(?:will|shall)\s+be"
    # "The Term shall commence on the Launch Date", "the term of this Agreement begins on the"
    r"|\bterm\b(?:\s+of\s+this\s+agreement)?\s+(?:(?:shall|will)\s+)?(?:commence|begin|start)s?)"
    r"\s+(?:on|as\s+of|from|upon)\s+the\s+" + _OWN_START + _EVENT,
    _I,
))


def _event_dated(body: str, date: DateMatch, event: str) -> bool:
    """Whether the contract states `date` as the date of `event`."""
    name = r"\s+".join(re.escape(word) for word in event.split())
    # "the launch date of the Co-Branded Site shall be September 1st, 1999"
    stated = (rf"\b{name}\s+date\b(?:\s+(?:of|for)\s+[^.;]{{0,60}}?)?\s*[\"”']?\s*"
              r"(?:shall\s+be|will\s+be|is|means|shall\s+mean|:)\s*(?:on\s+)?(?:the\s+)?$")
    if re.search(stated, lead_before(body, date, 160), _I):
        return True
    # "September 1, 1999 (the "Launch Date")"
    named = rf"\s*\(\s*(?:the\s+|hereinafter\s+)?[\"“”']*\s*{name}\s+date\s*[\"“”']*\s*\)"
    return re.match(named, body[date.end : date.end + 60], _I) is not None


def event_term_start(text: ContractText, dates: list[DateMatch]) -> DateHit | None:
    """The date the term starts on, where it starts on an event another clause dates."""
    body = text.text
    for starts in _TERM_STARTS_ON.finditer(body):
        event = starts.group("event").lower()
        for date in dates:
            if _event_dated(body, date, event):
                start, end = clause_around(text, date)
                return DateHit(date.date, start, end, 0.75, date.start)
    return None
