"""How much notice stops a contract's renewal or ends it, and the notice to terminate at will.

Where a contract has two notice periods, the one that stops renewal (or ends the term) is its
notice period, and a right to terminate at will is kept apart as the termination notice; the
at-will notice stands in for it only as a fallback (Norwegian contracts name one
"oppsigelsestid" for both) or when an open-ended contract's term clause names it.
"""

from __future__ import annotations

import re

from extraction.durations import duration_of, find_durations
from extraction.model import Duration, Finding
from extraction.text import ContractText

_I = re.IGNORECASE

# Words of renewal; the renewal term rules (terms) read the same words.
RENEWAL_WORD = re.compile(
    r"\b(?:renew\w*|extensions?|extend\w*|successive|year[\s-]+to[\s-]+year|month[\s-]+to[\s-]+month"
    r"|forny\w*|forleng\w*|prolong\w*|tacitly|stilltiende|automatic(?:ally)?\s+continue\w*)\b",
    _I,
)
# Words right after a duration that make it a notice period; the term rules skip such a duration.
NOTICE_AFTER = re.compile(
    r"\s*(?:\(\s*\d+\s*\)\s*)?(?:(?:prior|advance|written|advanced|previous|skriftlig|forutgående)"
    r"[\s,]+)*(?:notice|notification|prior|before|in\s+advance|preceding|varsel|oppsigelse"
    r"|frist|før)",
    _I,
)
_NOTICE_LEAD = re.compile(
    r"(?:\b(?:at\s+least|not\s+less\s+than|no\s+less\s+than|no\s+later\s+than|not\s+later\s+than"
    r"|minimum\s+of|upon|on|with|giving|by\s+giving|provides?|gives?|within|minst|med|innen)"
    r"|\b(?:oppsigelsestid(?:en)?|oppsigelsesfrist(?:en)?|varslingsfrist(?:en)?)"
    r"\s*(?:er|på|:|skal\s+være)?(?:\s+minst)?"
    # "si opp avtalen med en frist på 120 dager", "med skriftlig varsel på minst tre måneder".
    r"|\b(?:frist|(?:skriftlig\s+)?varsel)\s+på(?:\s+minst)?)"
    r"\s*(?:an?\s+)?(?:(?:prior|advance|written)\s+)?$",
    _I,
)
# The notice named before its figure, as Norwegian writes it: "oppsigelsesfristen tre (3)
# måneder", "si opp avtalen med en frist på 120 dager", "med skriftlig varsel på minst tre (3)
# måneder".
_NORWEGIAN_NOTICE_LEAD = re.compile(
    r"(?:(?:oppsigelsestid|oppsigelsesfrist|varslingsfrist)\w*\s*(?:er|på|:)?"
    r"|\b(?:frist|(?:skriftlig\s+)?varsel)\s+på)(?:\s+minst)?\s*$",
    _I,
)
_NOTICE_SENTENCE_RENEWAL = re.compile(
    r"\b(?:non-?renewal|not\s+to\s+renew|not\s+renew|not\s+to\s+extend|intention\s+not"
    r"|terminat\w*|renew\w*"
    r"|expir\w*|end\s+of\s+the\s+(?:initial\s+)?term|cancel\w*|forny\w*|forleng\w*)\b",
    _I,
)
# Insurance policies and option exercises have notice periods of their own.
_NOT_NOTICE_CONTEXT = re.compile(
    r"\b(?:polic(?:y|ies)|insurance|insurer|certificates?|coverages?|option|opsjon\w*|forsikring\w*"
    # "Leietaker har rett til å forlenge ... ved skriftlig varsel": an option's notice.
    r"|rett\s+til\s+å\s+(?:forlenge|fornye|utvide)\w*"
    # "Kunden skal gi skriftlig melding om forlengelse senest seks måneder før utløp",
    # "Forlengelse forutsetter at Leietaker gir melding senest 12 måneder før": the deadline
    # to take up an extension, not notice that ends the contract.
    r"|(?:melding|varsel)\s+om\s+(?:forlengelse|bruk\s+av\s+opsjon)|forlengelse\s+forutsetter"
    # "Forlengelse må varsles skriftlig senest tolv måneder før utløp": the extension is what
    # is notified, so the figure is the option's deadline ("ikke forlengelse" would end it).
    # "Forlengelse meddeles skriftlig senest fire måneder før" says the same without a modal.
    r"|(?<!ikke\s)\b(?:forlengelse|fornyelse)(?:n|en)?\s+(?:(?:må|skal)\s+)?(?:\w+\s+)?"
    r"(?:varsles|meldes|meddeles|kreves|påberopes)"
    # "I prøvetiden (prøveperioden) kan avtalen sies opp med 14 dagers varsel": notice while
    # on trial only
    # ("Etter prøvetiden ..." is the contract's notice).
    r"|(?:i|under|innenfor)\s+prøve(?:tid|period)\w*"
    # "in the event of cancellation, non-renewal or material change ... 30 days' notice": an
    # insurance certificate's wording even where the policy is named a sentence earlier.
    r"|cancel\w*,?\s+non-?renewal,?\s+or\s+material(?:ly)?\s+(?:change|modif|alter)\w*)\b", _I
)
# "upon a prior written notice of termination of not less than six (6) months": the notice word
# before the figure rather than after it.
_NOTICE_BEFORE = re.compile(
    r"\bnotice\b[^.;]{0,50}?(?:not\s+less\s+than|no\s+less\s+than|at\s+least|a\s+minimum\s+of)"
    r"\s*$",
    _I,
)
_UPPER_BOUND = re.compile(
    r"\b(?:(?:not|no)\s+more\s+than|maximum\s+of|up\s+to|(?:ikke\s+)?mer\s+enn|høyst|tidligst"
    r"|maks(?:imalt)?)\s*$",
    _I,
)
# "at least three (3) months but not more than six (6) months prior", "senest tre måneder og
# tidligst seks måneder før utløp": the shorter figure is the notice period.
_WINDOW_AFTER = re.compile(
    r"\s*(?:\(\s*\d+\s*\)\s*)?,?\s*(?:but|and|og|men)\s+(?:(?:not|no)\s+more\s+than|tidligst"
    r"|ikke\s+mer\s+enn)\s+[^.;]{1,40}?\b(?:prior|before|in\s+advance|preceding|før)\b",
    _I,
)
# "unless terminated by Reseller within sixty (60) days prior to the expiration of the Initial
# Term": a notice period even where the word notice is not written.
_BEFORE_EXPIRY = re.compile(
    r"\s*(?:\(\s*\d+\s*\)\s*)?(?:(?:prior|before|preceding)\s+(?:to\s+)?(?:the\s+)?"
    r"(?:expiration|expiry|end|termination|anniversary|renewal)"
    r"|før\s+(?:utløp\w*|avtaleperiodens\s+utløp|fornyelse\w*|forlengelse\w*))",
    _I,
)
_TERMINATED_BY = re.compile(
    r"\b(?:terminat\w*|cancel\w*|sies\s+opp|si\w*\s+opp|oppsig\w*)\b[^.;]{0,60}$", _I
)
_RENEWAL_REQUEST = re.compile(
    # "notice of your election to renew", "notice of its choice to renew": asking for a renewal.
    r"\b(?:desire|desires|wish|wishes|intention|intent|request\w*|election|choice|decision"
    r"|ønsker|ønske)\s+(?:\w+\s+){0,2}?"
    r"(?:to\s+)?(?:renew|extend|negotiate|enter\s+into|forny\w*|forleng\w*|forhandl\w*)"
    # "Reseller may elect a new distributor annually by notifying McDATA thirty (30) days prior
    # to renewal": notice of a choice made as the contract renews, which goes on renewing.
    r"|\b(?:elect|choose|select|appoint|designate)\s+(?:a\s+)?(?:new|another|different"
    r"|replacement|successor)\s+\w+",
    _I,
)
_STOPS_RENEWAL = re.compile(
    r"\bnon-?renewal|\bnot\s+(?:to\s+)?(?:renew|extend)|\bterminated\b|\bcancel(?:led|ed)?\b"
    r"|\b(?:to|may|shall|will)\s+(?:terminate|cancel)|\bnotice\s+of\s+(?:termination|cancel\w*)"
    r"|\bikke\s+(?:skal\s+)?(?:fornye\w*|forlenge\w*)|\bsi\w*\s+opp|\boppsig\w*",
    _I,
)
# "may terminate only during the Extended Term, with or without cause, upon six months' notice":
# at will, but only once the contract renews, so it is the notice that ends the renewal.
_DURING_RENEWAL = re.compile(
    r"\b(?:only\s+)?during\s+(?:the|any|each|a)\s+(?:renewal|extended|extension|additional)"
    r"\s+(?:term|period)",
    _I,
)
# "This agreement will be automatically renewed ... A six (6) months notice must be given": the
# notice is written in the sentence after the renewal it stops.
_AUTOMATIC_RENEWAL = re.compile(
    r"\bautomatic(?:ally)?\s+(?:be\s+)?(?:renew|extend)\w*|\b(?:renew|extend)\w*\s+automatically",
    _I,
)
# "fortsetter avtalen å løpe for ett år av gangen med mindre en av partene sier den opp":
# Norwegian renews by the contract running on a period at a time, without a renewal word.
_CONTINUES_BY_PERIOD = re.compile(
    r"\b(?:e[nt]t|én|ny|nye|\d+)\s+(?:år|måned\w*|periode\w*)\s+(?:av|om)\s+gangen\b", _I
)
# Norwegian's own words for terminating: "sier den opp", "si opp avtalen" (the object may stand
# between the verb and "opp"), "sies opp", "oppsigelsestid".
_NORWEGIAN_TERMINATION = re.compile(
    r"\bsi(?:e|er)?\s+(?:[\wæøå]+\s+){0,2}opp\b|\bsies\s+opp\b|\boppsig\w*", _I
)
_AT_WILL = re.compile(
    r"\bat\s+any\s+time|for\s+(?:any\s+reason|convenience|no\s+reason)|without\s+(?:cause|reason)",
    _I,
)
# "shall remain in effect until terminated by either Party upon thirty (30) days' notice": the
# term clause itself names the notice that ends a contract with no end date.
_UNTIL_TERMINATED = re.compile(
    r"\buntil\s+terminated\s+by\s+(?:either|any|one|each)\s+(?:of\s+the\s+)?part(?:y|ies)\b"
    r"[^.;]{0,40}?\b(?:upon|on|with|by\s+giving|giving)\b",
    _I,
)
_TABLE_OF_CONTENTS = re.compile(r"\.{5,}|…{2,}")
_NOTICE_WORD = re.compile(
    r"\b(?:notice|notif\w*|written|writing|varsel|varsl\w*|oppsig\w*|si\w*\s+opp|skriftlig)", _I
)
_CANCELLATION = re.compile(r"\bavbestill\w*", _I)
_TERMINATION_NOTICE = re.compile(
    r"\b(?:terminat\w*|cancel\w*|si\w*\s+opp|oppsig\w*|sies\s+opp|avslutt\w*)\b", _I
)


def notice_period(
    text: ContractText, fallback: bool, open_ended: tuple[int, int] | None
) -> Finding[Duration] | None:
    """Notice to stop renewal or end the term; notice to terminate at will only as fallback,
    or, in an open-ended contract, when its term clause (`open_ended`) names it."""
    renewal = _notice_in(text, renewal_only=True)
    if renewal is not None:
        return renewal
    if not (fallback or open_ended):
        # "Hver av partene kan si opp avtalen med 30 dagers skriftlig varsel" in a bilingual
        # contract counted as English: the Norwegian sentence names the one oppsigelsestid,
        # whatever language most of the contract is written in.
        return _notice_in(text, renewal_only=False, norwegian_only=True)
    found = _notice_in(text, renewal_only=False, near=None if fallback else open_ended)
    if found is None and fallback:
        # "Oppdragsgiver kan avbestille oppdraget med 14 dagers varsel": a Norwegian
        # assignment with no "oppsigelse" ends by the customer's cancellation (avbestilling,
        # as NS and SSA contracts name it), so its notice is the contract's.
        found = _notice_in(text, renewal_only=False, cancellation=True)
    return found


# How far past the term clause the sentence naming its notice may start.
_NEXT_SENTENCE = 300


def _next_sentence_start(text: ContractText, clause_end: int) -> int:
    """Where the sentence right after the term clause starts: notice named two sentences on
    ("Dragon may terminate without cause ...") is a right of its own, not the term's end."""
    body = text.text
    after = clause_end
    while after < len(body) and body[after].isspace():
        after += 1
    return min(after, clause_end + _NEXT_SENTENCE)


def _follows_renewal(text: ContractText, start: int) -> bool:
    """Whether the sentence before the one starting at `start` renews the contract automatically."""
    if start < 2:
        return False
    before_start, before_end = text.sentence_around(start - 2, limit=500)
    return _AUTOMATIC_RENEWAL.search(text.text, before_start, before_end) is not None


def termination_notice(text: ContractText) -> Finding[Duration] | None:
    """Notice to terminate, whatever the reason: at will, for convenience, or the contract's
    only "oppsigelsestid"."""
    return _notice_in(text, renewal_only=False)


def _notice_in(
    text: ContractText, renewal_only: bool, near: tuple[int, int] | None = None,
    cancellation: bool = False, norwegian_only: bool = False,
) -> Finding[Duration] | None:
    body = text.text
    for match in find_durations(body):
        duration = duration_of(match)
        if duration is None or (duration.unit == "year" and duration.count > 2):
            continue
        lead = body[max(0, match.start() - 60) : match.start()]
        after_ok = (
            NOTICE_AFTER.match(body, match.end()) is not None
            or _WINDOW_AFTER.match(body, match.end()) is not None
            or _NOTICE_BEFORE.search(lead) is not None
        )
        if not after_ok and not _NORWEGIAN_NOTICE_LEAD.search(lead):
            continue
        if not after_ok and not _NOTICE_LEAD.search(lead):
            continue
        if _UPPER_BOUND.search(lead):
            continue  # "at least six but not more than twelve months prior": a window's far end
        start, end = text.sentence_around(match.start(), limit=500)
        sentence = body[start:end]
        if _NOT_NOTICE_CONTEXT.search(sentence):
            continue
        if not _NOTICE_WORD.search(sentence) and not (
            renewal_only and _BEFORE_EXPIRY.match(body, match.end()) and _TERMINATED_BY.search(lead)
        ):
            continue
        if _RENEWAL_REQUEST.search(sentence) and not _STOPS_RENEWAL.search(sentence):
            continue  # notice asking to renew or to negotiate a new agreement, not to end one
        if _TABLE_OF_CONTENTS.search(sentence):
            continue
        if renewal_only:
            if _AT_WILL.search(sentence) and not _DURING_RENEWAL.search(sentence):
                continue  # a right to terminate at will, not the notice to stop renewal
            runs_on = _CONTINUES_BY_PERIOD.search(sentence) is not None \
                and _NORWEGIAN_TERMINATION.search(sentence) is not None
            if not (RENEWAL_WORD.search(sentence) or _follows_renewal(text, start) or runs_on
                    or re.search(
                r"non-?renewal|not\s+to\s+renew|not\s+to\s+extend"
                r"|(?:expiration|end)\s+of\s+the\s+(?:initial\s+|original\s+)?term"
                r"|then[\s-]current\s+term",
                sentence,
                _I,
            )):
                continue
            if not _NOTICE_SENTENCE_RENEWAL.search(sentence) and not runs_on:
                continue
            confidence = 0.8
        else:
            if norwegian_only and not _NORWEGIAN_TERMINATION.search(sentence):
                continue
            cancels = cancellation and _CANCELLATION.search(sentence) is not None
            if not _TERMINATION_NOTICE.search(sentence) and not cancels:
                continue
            if near is not None and not near[0] <= start <= _next_sentence_start(text, near[1]):
                continue
            ends_at_will = _AT_WILL.search(sentence) or _UNTIL_TERMINATED.search(sentence)
            if not ends_at_will and not cancels and not re.search(
                r"oppsigelses(?:tid|frist)|si\w*\s+opp|sies\s+opp", sentence, _I
            ):
                continue
            confidence = 0.55
        return Finding[Duration](
            value=duration, confidence=confidence, evidence=[text.evidence(start, end)]
        )
    return None
