"""Whether a contract runs until terminated: the clause that says so, if there is one.

Both the date rules (no end date when open-ended) and the term rules (the notice of an
open-ended contract) ask, so the answer is kept for the last contracts read.
"""

from __future__ import annotations

import functools
import re

from extraction.quick_start import quick_start
from extraction.text import ContractText

_I = re.IGNORECASE

# Words that make a clause one about this contract's own term (the date rules ask too).
# Norwegian compounds carry the word at their end: "Rammeavtalen", "Leieperioden", "Avropet".
TERM_WORD = re.compile(
    r"\b(?:term|duration|agreement|contract|amendment|\w*avtale\w*|\w*kontrakt\w*|\w*periode\w*|oppdrag\w*"
    # "Festetiden er 80 år": a ground lease names its term as a lease names its "leietid".
    r"|avrop\w*|leieforhold\w*|leietid\w*|festetid\w*|abonnement\w*)\b",
    _I,
)
_PERPETUAL = quick_start(re.compile(
    r"\b(?:continu\w*\s+(?:in\s+(?:full\s+)?(?:force|effect)(?:\s+and\s+effect)?\s+)?"
    r"(?:thereafter\s+)?(?:indefinitely|in\s+perpetuity)"
    r"|(?:remain\w*\s+in\s+(?:full\s+)?(?:force|effect)|continu\w*)(?:\s+and\s+effect)?\s+"
    r"(?:from\s+the\s+effective\s+date\s+and\s+)?perpetually"
    r"|(?:remain|continue)\s+in\s+(?:full\s+)?(?:force|effect)(?:\s+and\s+effect)?\s+until"
    r"\s+(?:it\s+is\s+)?terminated"
    r"|(?:shall|will)\s+continue(?:\s*,[^,.;]{0,80},)?\s+until\s+(?:it\s+is\s+)?"
    r"(?:terminated|termination\b(?!\s+date)|full\s+performance)"
    r"|will\s+end\s+when\s+terminated"
    # "shall become effective as of the day first above written and shall govern the relations
    # between the parties hereto thereafter, unless terminated": from its start until ended.
    r"|(?:shall|will)\s+govern\b[^.;]{0,80}?\bthereafter,?\s+unless\s+(?:sooner\s+|earlier\s+)?"
    r"terminated"
    # "shall end on the 60th day following a written notice" of termination: no fixed end.
    r"|(?:end|terminate|expire)\s+on\s+the\s+\w+\s+day\s+(?:following|after)\s+"
    r"(?:(?:the\s+)?(?:receipt|giving|delivery)\s+of\s+)?(?:an?\s+|the\s+)?(?:prior\s+)?"
    r"(?:written\s+)?notice"
    r"|for\s+an?\s+(?:unlimited|indefinite|indeterminate)\s+(?:period|term|duration)"
    r"|(?:term|duration)\s+of\s+this\s+agreement\s+(?:shall|will)\s+be\s+perpetual"
    r"|shall\s+not\s+be\s+terminable"
    # "shall extend until the last date of expiration of the Intellectual Property rights
    # licensed": a term as long as the rights' lives names no calendar end.
    r"|(?:extend|continue|remain\s+in\s+(?:full\s+)?(?:force|effect))(?:\s+and\s+effect)?\s+"
    r"(?:in\s+(?:full\s+)?(?:force|effect)\s+)?until\s+(?:the\s+)?(?:last\s+(?:date\s+of\s+)?expiration"
    r"|expiration\s+of\s+the\s+last(?:[\s-]+to[\s-]+expire)?)\s+(?:of\s+)?(?:the\s+)?"
    r"[^.;]{0,60}?\b(?:patents?|intellectual\s+property|patent\s+rights|valid\s+claims?)\b"
    # Not "utløpet av den løpende avtaleperioden": the current one of a term's periods.
    r"|løpende\s+avtale(?!periode|tid|år)|avtalen\s+er\s+løpende"
    r"|(?:løper|gjelder|varer)(?:\s+\w+){0,3}?\s+(?:inntil|til)\s+(?:den|avtalen|kontrakten"
    r"|(?:en\s+av\s+)?partene)\s+(?:blir\s+)?(?:sies|sagt|sier\s+(?:den|avtalen)|skriftlig\s+sies)\s+opp"
    r"|(?:løper|gjelder|varer)(?:\s+\w+){0,3}?\s+(?:inntil|til)\s+(?:skriftlig\s+)?oppsigelse"
    r"|(?:shall|will)\s+(?:continue|remain\s+in\s+(?:full\s+)?(?:force|effect))\s+until\s+"
    r"(?:either|one|a)\s+(?:of\s+the\s+)?part(?:y|ies)\s+terminates"
    r"|tidsubegrenset|uten\s+tidsbegrensning|på\s+ubestemt\s+tid|inntil\s+videre)",
    _I,
))
# Duties that outlast the contract (confidentiality, a power of attorney, keeping records) may
# run "uten tidsbegrensning" or "inntil videre": the contract itself is not thereby open-ended.
_OUTLASTS_THE_CONTRACT = re.compile(
    r"\b(?:taushetsplikt\w*|konfidensialitet\w*|fortrolighet\w*|fullmakt\w*|oppbevar\w*)", _I
)
_DURATION_HINT = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|ett|to|tre|fire|fem)"
    r"\s*(?:\(\d+\)\s*)?-?\s*(?:years?|months?|år|måneder)\b",
    _I,
)


# The recitals say what the parties want or had before this agreement ("E. The Parties
# envision the Joint Venture continuing in effect for an indefinite period"); its own term is
# set by the operative clauses after "NOW, THEREFORE".
_RECITALS_OPEN = re.compile(r"\b(?:WHEREAS|Whereas|RECITALS?|Recitals|BACKGROUND)\b")
_OPERATIVE_PART = re.compile(
    r"\bnow,?\s+therefore\b|\bagrees?\s+as\s+follows\b|\bparties\s+(?:hereby\s+)?agree\s*:", _I
)
_RECITALS_REACH = 4000


def _in_recitals(body: str, at: int) -> bool:
    opened = [m.end() for m in _RECITALS_OPEN.finditer(body, max(0, at - _RECITALS_REACH), at)]
    return bool(opened) and _OPERATIVE_PART.search(body, opened[-1], at) is None


# "This Agreement shall terminate as to the Remarketing Agent ... upon the earliest to occur of
# (a) the effective date of the resignation or removal of such Remarketing Agent, (b) ...": a
# contract that ends only on events has no end of its own, unless one of them is its term.
_ENDS_ON_EVENTS = quick_start(re.compile(
    r"\bthis\s+(?:[\w-]+\s+){0,3}?agreement\s+(?:shall|will)\s+(?:automatically\s+)?terminate\b"
    r"[^.;]{0,160}?\bupon\s+the\s+(?:earliest|earlier|first)\s+(?:to\s+occur\s+)?of\b",
    _I,
))
_FIXED_END = re.compile(
    r"\b(?:term|expir\w*|anniversary|years?|months?|days?|19\d\d|20\d\d)\b|\d+/\d+/\d+", _I
)


# "This Agreement shall terminate, subject to any extension required by law, upon either party
# giving at least one hundred twenty (120) days advance written notice": it ends only when
# somebody gives notice, unless the contract sets its term's length elsewhere.
_ENDS_ON_NOTICE = quick_start(re.compile(
    r"\bthis\s+(?:[\w-]+\s+){0,3}?agreement\s+(?:shall|will)\s+terminate\b[^.;]{0,120}?"
    r"\bupon\s+(?:either|any|one)\s+(?:of\s+the\s+)?part(?:y|ies)\s+(?:giving|providing|delivering"
    r"|serving)\b",
    _I,
))
_TERM_LENGTH = re.compile(
    r"\bterm\b[^.;]{0,100}?\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)"
    r"\s*(?:\(\d+\)\s*)?-?\s*(?:years?|months?)\b",
    _I,
)


# "11. Termination. Notwithstanding any provisions of this Agreement to the contrary, this
# Agreement shall terminate upon the Trust's payment to the Company of ...": the section that
# says when the contract ends names an event, so it runs until that happens. Only the section's
# opening sentence reads so; an event named further on is one of several ways it may end.
_TERMINATION_SECTION_ENDS_ON_AN_EVENT = re.compile(
    r"(?-i:Termination|TERMINATION)(?:\s+of\s+(?:this\s+|the\s+)?(?:[\w-]+\s+){0,2}?agreement)?"
    r"\s*[.:]\s+(?:notwithstanding\b[^,.;]{0,80}?,\s*)?"
    r"this\s+(?:[\w-]+\s+){0,3}?agreement\s+(?:shall|will)\s+(?:automatically\s+)?terminate\s+"
    r"(?:\(i\)\s+)?(?:upon|in\s+the\s+event\s+(?:of|that))\b",
    _I,
)
_SECTION_NUMBER_BEFORE = re.compile(r"(?:^|\n)[^\S\n]*(?:\d+(?:\.\d+)*\.?|\(?[a-z]\))?[^\S\n]*$")


def _ends_on_an_event_its_termination_section_names(text: ContractText) -> tuple[int, int] | None:
    body = text.text
    for match in _TERMINATION_SECTION_ENDS_ON_AN_EVENT.finditer(body):
        if not _SECTION_NUMBER_BEFORE.search(body[max(0, match.start() - 40) : match.start()]):
            continue
        start, end = text.sentence_around(match.end(), limit=600)
        if _FIXED_END.search(body, match.end(), end) or _TERM_LENGTH.search(body):
            return None
        return min(start, match.start()), max(end, match.end())
    return None


def _ends_only_when_something_happens(text: ContractText) -> tuple[int, int] | None:
    body = text.text
    for match in _ENDS_ON_EVENTS.finditer(body):
        start, end = text.sentence_around(match.start(), limit=600)
        events = body[match.end() : max(end, match.end())]
        if _FIXED_END.search(events) or _in_recitals(body, match.start()):
            continue
        return min(start, match.start()), max(end, match.end())
    for match in _ENDS_ON_NOTICE.finditer(body):
        if _TERM_LENGTH.search(body) or _in_recitals(body, match.start()):
            return None
        start, end = text.sentence_around(match.start(), limit=600)
        return min(start, match.start()), max(end, match.end())
    return _ends_on_an_event_its_termination_section_names(text)


@functools.lru_cache(maxsize=2)
def perpetual_clause(text: ContractText) -> tuple[int, int] | None:
    """Span of the clause saying the contract runs until terminated, if there is one."""
    body = text.text
    for match in _PERPETUAL.finditer(body):
        start, end = text.sentence_around(match.start(), limit=400)
        sentence = body[start:end]
        if not TERM_WORD.search(sentence):
            continue
        # "for five years and thereafter until terminated" is a renewing term, not perpetual.
        if _DURATION_HINT.search(sentence) or re.search(r"renew|fornye|forleng", sentence, _I):
            continue
        if _OUTLASTS_THE_CONTRACT.search(sentence):
            continue  # "Taushetsplikten gjelder også etter at avtalen er opphørt, uten ..."
        if _in_recitals(body, match.start()):
            continue
        return min(start, match.start()), max(end, match.end())
    return _ends_only_when_something_happens(text)
