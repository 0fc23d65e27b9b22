"""How long a contract runs, how it renews or may be extended, and how much notice ends it.

Rules over the joined text, clause by clause: a sentence that talks about the term ("The initial
term of this Agreement shall be three (3) years", "Avtalen gjelder i 24 måneder") gives the
initial term; a sentence that talks about renewal gives the renewal term, how many renewals,
whether renewal is automatic and the notice needed to stop it (read by extraction.notice, which
uses termination-for-convenience notice only when no renewal notice is stated).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from extraction.durations import duration_of, find_durations
from extraction.model import Duration, Finding, Language
from extraction.notice import NOTICE_AFTER, RENEWAL_WORD, notice_period, termination_notice
from extraction.numbers import NUMBER, ordinal, parse_number
from extraction.options import extension_options
from extraction.perpetual import perpetual_clause
from extraction.quick_start import quick_start
from extraction.text import ContractText

_I = re.IGNORECASE

_TERM_SENTENCE = re.compile(
    r"\b(?:terms?|agreement|contract|franchise|avtale\w*|kontrakt\w*|avtaleperiode\w*"
    r"|varighet)\b",
    _I,
)
# The verb or noun that introduces the initial term's length, right before the duration.
_INITIAL_LEAD = re.compile(
    r"(?:\b(?:initial|original|first)\s+(?:term|period)"
    r"(?:\s+of\s+(?:this|the)\s+(?:\w+\s+)?(?:agreement|contract))?"
    r"(?:\s*\([^)]{0,40}\))?\s+(?:shall\s+be|will\s+be|is|of|ending)?"
    r"|\bterm\s+of\s+(?:this|the)\s+(?:agreement|contract)\s+(?:shall|will)?\s*(?:be|is|continue)?"
    r"|\b(?:continue|remain|be\s+valid|be\s+in\s+(?:full\s+)?(?:force|effect)|extend|run|last"
    r"|be\s+effective|in\s+effect|in\s+force|valid|terminate|expire|end)"
    r"(?:\s+(?:thereafter|in\s+(?:full\s+)?(?:force|effect)(?:\s+and\s+effect)?|for\s+a\s+term"
    r"|until))*"
    r"|\bterm\s+of|\bperiod\s+of|\bduration\s+of|\bfor\s+a\s+(?:period|term)\s+of|\bfor"
    r"|\b(?:gjelder|løper|varer)\s+(?:i|for)(?:\s+en\s+periode\s+på)?"
    r"|\b(?:avtaleperiode(?:n)?|avtaletid(?:en)?|varighet(?:en)?|leieperiode(?:n)?|leietid(?:en)?"
    r"|festetid(?:en)?|kontraktstid(?:en)?"
    r"|kontraktsperiode(?:n)?|bindingstid(?:en)?|lisensperiode(?:n)?)\s*(?:er|på|:)?"
    # "Avtalen gjelder fra 1. oktober 2023 i to (2) år": the start date between verb and term.
    # The date may be written 2022-10-01 or 1.10.22 as well as "1. oktober 2023".
    r"|\b(?:gjelder|løper|varer)\s+fra\s+(?:og\s+med\s+)?(?:den\s+)?[\w.\s-]{4,30}?\s+(?:i|for)"
    r"|\bperiode\s+på|\bgjelder\s+i)"
    # "shall remain in effect initially for the five (5) year term": the adverb and article
    # sit between the verb and the length as often as "an initial term of".
    r"\s*(?:an?\s+)?(?:(?:initial|initially|fixed|firm|period|term|of|for|a|the|at\s+least"
    r"|on\s+the\s+date)\s+){0,5}$",
    _I,
)
_NOT_TERM_CONTEXT = re.compile(
    r"\b(?:warrant\w*|confidential\w*|non-?compet\w*|payment|invoice|royalt\w*|insurance"
    r"|survive|garanti\w*|taushetsplikt\w*|betaling\w*|faktura\w*"
    # "until the end of the current calendar year" is the term itself.
    r"|(?<!current\s)calendar\s+year"
    r"|during\s+the\s+(?:initial\s+)?term|from\s+the\s+date\s+of\s+(?:termination|expiration)"
    r"|within\s+a\s+period\s+of|having\s+a\s+term"
    # "shall enter into a lease with Parent, which lease will have a term of at least 50 years":
    # the term of another instrument the contract provides for.
    r"|(?<!this\s)(?:lease|sublease|loan|note|warrants?|options?|bonds?|debentures?|polic(?:y|ies))"
    r"\s+(?:(?:shall|will|must|is\s+to)\s+)?(?:have|has|be\s+for)\s+a\s+term"
    # "for one year after the date of such termination": a period after the term.
    r"|(?:after|following)\s+(?:the\s+)?(?:date\s+of\s+)?(?:such\s+|any\s+)?"
    r"(?:expiration|termination))\b",
    _I,
)
_AUTO_RENEWAL = quick_start(re.compile(
    r"\b(?:automatic(?:ally)?\s+(?:be\s+)?(?:renew\w*|extend\w*|continue\w*|prolong\w*)"
    r"|(?:renew\w*|extend\w*|continue)\s+(?:\w+\s+){0,3}?automatically"
    r"|automatic\s+(?:renewal|extension)|auto-?renew\w*|renewed\s+tacitly|tacit(?:ly)?\s+renew\w*"
    r"|(?:fornyes|forlenges)\s+stilltiende|stilltiende\s+(?:fornye\w*|forleng\w*)"
    r"|evergreen|year[\s-]+to[\s-]+year\s+basis"
    r"|(?:fornyes|forlenges|videreføres|løper\s+videre)\s+(?:\w+\s+){0,3}?automatisk"
    r"|automatisk\s+(?:fornyelse|forlengelse|fornyet|forlenget))",
    _I,
))
_NO_AUTO_RENEWAL = re.compile(
    r"\b(?:shall|will)\s+not\s+(?:be\s+)?(?:automatically\s+)?renew\w*\s+automatically"
    r"|\bno\s+automatic\s+renewal|\bnot\s+(?:be\s+)?automatically\s+renew\w*"
    r"|\bfornyes\s+ikke\s+automatisk|\bingen\s+automatisk\s+(?:fornyelse|forlengelse)",
    _I,
)
# "renew ... for successive one (1) year periods", "extend the Term for an additional 12 months".
_RENEWAL_FILLER = (
    # "for one (1) or more one (1) month periods", "for one (1) additional twelve month period"
    r"\s+(?:(?:an?|one\s+(?:\(1\)\s+)?or\s+more|(?:one|two|three|four|five)\s+\(\d\)|up\s+to|another|additional|further|successive|consecutive"
    r"|subsequent|like|renewal|the\s+same|similar|single|separate|periods?|terms?|of|each"
    r"|ytterligere|nye?|perioder?|inntil)[\s,]+){0,5}$"
)
_RENEWAL_LEAD = re.compile(
    r"(?:\b(?:renew\w*|extend\w*|extension|prolong\w*|forny\w*|forleng\w*)"
    # "renewed automatically on a five (5) year basis"
    r"[^.;]{0,160}?\b(?:for|of|by|on|med|i|på)"
    r"|\brenewal\s+term\s+(?:shall\s+be|of|is)|\bterms?\s+equal\s+to)" + _RENEWAL_FILLER
    # "shall automatically continue ... for an additional period of": continuing is renewal
    # only when the period is an additional one.
    + r"|\bcontinue\w*[^.;]{0,160}?\b(?:for|of)\s+(?:an?\s+)?(?:additional|successive"
    r"|consecutive|subsequent|further)" + _RENEWAL_FILLER,
    _I,
)
# "for a period of five (5) years (the "Initial Term")" names the first term, not a renewal.
# "one (1) year periods after the Initial Term ("Renewal Term")" is a renewal all the same.
_NAMES_INITIAL_TERM = re.compile(
    r"[^.;]{0,30}?[(\"“”']\s*(?:the\s+)?[\"“”']*\s*initial\s+(?:term|period)", _I
)
_ANNUAL = re.compile(
    r"\b(?:renew\w*[^.;]{0,40}?\b(?:annually|yearly|(?:an\s+)?annual\s+(?:periods?|terms?|basis)"
    r"|on\s+each\s+anniversary|every\s+year|each\s+year)"
    # "shall continue automatically for successive annual periods"
    r"|continue\w*\s+(?:automatically\s+)?for\s+(?:successive|consecutive|additional)\s+annual"
    r"\s+(?:periods|terms)"
    r"|year[\s-]+to[\s-]+year|renewed\s+tacitly\s+every\s+year|fornyes\s+(?:\w+\s+)?årlig"
    r"|forlenges\s+(?:\w+\s+)?med\s+ett\s+år\s+(?:av\s+gangen|om\s+gangen))\b",
    _I,
)
_TACIT_EVERY_YEAR = re.compile(
    r"\b(?:renewed\s+tacitly|tacitly\s+renewed|(?:fornyes|forlenges)\s+stilltiende"
    r"|stilltiende\s+(?:fornyet|forlenget))[^.;]{0,30}?\b(?:every|each|hvert|for\s+ett)\s+(?:year|år)\b",
    _I,
)
_MONTHLY = re.compile(r"\bmonth[\s-]+to[\s-]+month\b|\bmåned\s+for\s+måned\b", _I)
_COUNT_OF_RENEWALS = re.compile(
    rf"\b(?:up\s+to|for|maximum\s+of|inntil|maks(?:imalt)?)\s+(?P<n>{NUMBER})\s+"
    r"(?:(?:additional|further|successive|consecutive|renewal|extension|ytterligere|nye)\s+)*"
    r"(?:renewal\s+)?(?:terms|periods|renewals|times|extensions|ganger|perioder|forlengelser)\b",
    _I,
)
def extract_terms(text: ContractText, language: Language) -> dict[str, Finding[Any]]:
    found: dict[str, Finding[Any]] = {}
    body = text.text
    initial = _initial_term(text)
    if initial is not None:
        found["initial_term"] = initial
    auto = _AUTO_RENEWAL.search(body)
    denied = _NO_AUTO_RENEWAL.search(body)
    if denied is not None:
        start, end = text.sentence_around(denied.start())
        found["auto_renewal"] = Finding[bool](
            value=False, confidence=0.7, evidence=[text.evidence(start, end)]
        )
    elif auto is not None:
        start, end = text.sentence_around(auto.start())
        found["auto_renewal"] = Finding[bool](
            value=True, confidence=0.8, evidence=[text.evidence(start, end)]
        )
    renewal = _renewal_term(text) or renewal_like_initial(text, initial)
    if renewal is not None:
        found["renewal_term"] = renewal
    count = _renewal_count(text)
    if count is not None:
        found["renewal_count"] = count
    options = extension_options(text)
    if options is not None:
        found["extension_options"] = options
    # A contract that runs until terminated ends only by notice: the notice its term clause
    # names ("shall remain in effect until terminated by either Party upon 30 days' notice", or
    # in the sentence right after it) is its notice period. A right to terminate at will
    # written elsewhere in the contract is kept apart as the termination notice, as in a
    # fixed-term contract (CUAD's annotators do not mark it as the notice period either).
    # Norwegian contracts name a single "oppsigelsestid" for both: there it is the fallback.
    notice = notice_period(text, fallback=language == "nb", open_ended=perpetual_clause(text))
    if notice is not None:
        found["notice_period"] = notice
    at_will = termination_notice(text)
    if at_will is not None and (notice is None or at_will.evidence != notice.evidence):
        found["termination_notice"] = at_will
    return found


def _sentence(text: ContractText, offset: int) -> tuple[int, int, str]:
    start, end = text.sentence_around(offset, limit=500)
    return start, end, text.text[start:end]


def _durations(
    text: ContractText, start: int, end: int
) -> Iterator[tuple[re.Match[str], Duration]]:
    for match in find_durations(text.text, start, end):
        duration = duration_of(match)
        if duration is not None:
            yield match, duration


def _initial_term(text: ContractText) -> Finding[Duration] | None:
    body = text.text
    seen = -1
    for term in _TERM_ANCHOR.finditer(body):
        if term.start() < seen:
            continue  # this sentence was read for an earlier anchor
        start, end, sentence = _sentence(text, term.start())
        seen = end
        for match, duration in _durations(text, start, end):
            if duration.unit in ("day", "week"):
                continue
            # Read up to just past the duration: "five (5) years from the date hereof, or
            # (ii) ... upon receipt of payment" is still the term; "payment within two years"
            # is not.
            if _NOT_TERM_CONTEXT.search(body, start, min(end, match.end() + 60)):
                continue
            lead = body[max(_past_heading(body, start, end), match.start() - 120) : match.start()]
            if _RENEWAL_LEAD_WORD.search(lead[-60:]) or NOTICE_AFTER.match(body, match.end()):
                continue
            if _STARTS_ON_EVENT.search(sentence):
                continue
            if _COVENANT_PERIOD.search(lead):
                continue
            from_start = _FROM_START.match(body, match.end()) and _TERM_CLAUSE.search(sentence)
            if _INITIAL_LEAD.search(lead) or from_start:
                return Finding[Duration](
                    value=duration, confidence=0.75, evidence=[text.evidence(start, end)]
                )
    named = _term_named_by_length(text)
    if named is not None:
        return named
    for anniversary in _ANNIVERSARY.finditer(body):
        years = ordinal(anniversary.group("nth"))
        start, end, sentence = _sentence(text, anniversary.start())
        if not years or not _TERM_SENTENCE.search(sentence):
            continue
        lead = _EXTEND_UNTIL.sub(" ", body[start : anniversary.start()])
        if RENEWAL_WORD.search(lead) or _NOT_TERM_CONTEXT.search(sentence):
            continue
        lead_start = max(0, anniversary.start() - 100)
        if not _ANNIVERSARY_LEAD.search(body, lead_start, anniversary.start()):
            continue
        return Finding[Duration](
            value=Duration(count=years, unit="year"),
            confidence=0.6,
            evidence=[text.evidence(start, end)],
        )
    return _term_ending_days_after_the_start(text)


# "This Agreement shall automatically terminate at and as of (the first to occur of): (a) 12:00
# midnight, New York City time, on the 30th day after the Effective Date": the term ends a
# number of days on from its start, as one ending on an anniversary ends years on.
_DAYS_AFTER_THE_START = quick_start(re.compile(
    r"\bthe\s+(?P<nth>\d{1,3})\s?(?:st|nd|rd|th)\s+day\s+(?:after|following)\s+the\s+"
    r"(?:effective|commencement)\s+date\b",
    _I,
))
_ENDS_THE_TERM = re.compile(r"\b(?:terminat\w*|expir\w*|end|ends)\b", _I)


def _term_ending_days_after_the_start(text: ContractText) -> Finding[Duration] | None:
    body = text.text
    for match in _DAYS_AFTER_THE_START.finditer(body):
        start, end, sentence = _sentence(text, match.start())
        lead = body[start : match.start()]
        if not _TERM_SENTENCE.search(sentence) or not _ENDS_THE_TERM.search(lead):
            continue
        if RENEWAL_WORD.search(lead) or _NOT_TERM_CONTEXT.search(sentence):
            continue
        if not _ANNIVERSARY_LEAD.search(body, max(0, match.start() - 100), match.start()):
            continue
        return Finding[Duration](
            value=Duration(count=int(match.group("nth")), unit="day"),
            confidence=0.6,
            evidence=[text.evidence(start, end)],
        )
    return None


# "During a period of five years from the effective date of the Registration Statement, to
# furnish ...": how long one covenant lasts, not how long the contract runs.
_COVENANT_PERIOD = re.compile(r"\bduring\s+(?:a|the)\s+period\s+of\s*$", _I)
# "agrees to a one year engagement", "shall have a three-year term": the length names the term.
_LENGTH_BEFORE_TERM = re.compile(r"[\s-]+(?:initial\s+)?(?:term|engagement)\b", _I)
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an)\s+$", _I)
# "will end automatically upon the end of Year 3", "expires at the end of the fifth Contract
# Year": contract years are counted from the start, so N of them are an N-year term.
_CONTRACT_YEAR_END = quick_start(re.compile(
    r"\b(?:end|ends|expire|expires|terminate|terminates|continue|continues|remain)\b"
    r"[^.;]{0,40}?\b(?:upon|at|on|until|through)\s+the\s+(?:end|expiration|close)\s+of\s+"
    r"(?:(?:the\s+)?(?P<nth>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
    r"\s+(?:contract\s+|agreement\s+)?year"
    r"|(?:contract\s+|agreement\s+)?year\s+(?P<n>\d{1,2})\b)",
    _I,
))


def _term_named_by_length(text: ContractText) -> Finding[Duration] | None:
    body = text.text
    for match in find_durations(body):
        if not _LENGTH_BEFORE_TERM.match(body, match.end()) \
                or not _ARTICLE_BEFORE.search(body, max(0, match.start() - 6), match.start()):
            continue
        duration = duration_of(match)
        if duration is None or duration.unit in ("day", "week"):
            continue
        start, end, sentence = _sentence(text, match.start())
        lead = body[max(start, match.start() - 60) : match.start()]
        if _RENEWAL_LEAD_WORD.search(lead) or RENEWAL_WORD.search(sentence) \
                or _NOT_TERM_CONTEXT.search(sentence) or _STARTS_ON_EVENT.search(sentence):
            continue
        return Finding[Duration](
            value=duration, confidence=0.6, evidence=[text.evidence(start, end)]
        )
    for year_end in _CONTRACT_YEAR_END.finditer(body):
        nth = year_end.group("nth")
        years = ordinal(nth) if nth else int(year_end.group("n"))
        start, end, sentence = _sentence(text, year_end.start())
        if not years or not _TERM_SENTENCE.search(sentence) or RENEWAL_WORD.search(sentence):
            continue
        return Finding[Duration](
            value=Duration(count=years, unit="year"), confidence=0.6,
            evidence=[text.evidence(start, end)],
        )
    return None


# A clause heading on its own line ("Varighet og fornyelse", "3. Term and Renewal") names the
# subjects of the clauses below it, not of the sentence that follows it.
_HEADING_LINE = re.compile(
    # The clause under it may be numbered: "3 VARIGHET OG FORNYELSE\n3.1 Avtalen løper ...".
    # A heading in capitals may list its subjects with commas: "LISENSPERIODE, FORNYELSE".
    r"[ \t]*(?:\d+(?:\.\d+)*\.?[ \t]+)?(?:[A-ZÆØÅ][^\n.;:,]{0,50}|[A-ZÆØÅ][A-ZÆØÅ0-9 ,&/–-]{0,50})"
    r"[ \t]*\r?\n"
    r"(?=[ \t]*(?:\d+(?:\.\d+)+\.?[ \t]+)?[A-ZÆØÅ])"
)


def _past_heading(body: str, start: int, end: int) -> int:
    heading = _HEADING_LINE.match(body, start, end)
    if heading is None or len(heading.group(0).split()) > 6:
        return start
    return heading.end()


_TERM_ANCHOR = quick_start(re.compile(
    r"\b(?:term|duration|period\s+of\s+(?:this\s+)?agreement|(?:this|the)\s+agreement\s+(?:shall|will)"
    # "This Agreement is effective as of ... and shall continue for a period of two years".
    r"|(?:shall|will)\s+(?:continue|remain\s+in\s+(?:full\s+)?(?:force|effect))"
    r"|avtaleperiode\w*|varighet|avtalen|oppdraget|kontrakten|leieperiode\w*|leietid\w*"
    r"|festetid\w*|kontraktstid\w*"
    r"|leieforhold\w*|kontraktsperiode\w*|rammeavtalen|avropet"
    # A licence or subscription runs for the agreement's term: "Lisensen gjelder i fire år".
    r"|lisensen|lisensperiode\w*|abonnementet|bindingstid\w*)\b",
    _I,
))
# "three (3) years from the Effective Date", "two (2) years after the date of this Agreement".
_FROM_START = re.compile(
    # "a three (3) year period commencing on the Effective Date": the unit's noun in between.
    r"\s*(?:\(\s*\d+\s*\)\s*)?(?:(?:period|term)\s+)?(?:thereafter\s+)?"
    r"(?:from|after|following|(?:commencing|beginning|starting)\s+(?:on|from|with))"
    r"\s+(?:the\s+)?(?:date\s+(?:of\s+this\s+agreement|hereof|of\s+execution)|effective\s+date"
    r"|commencement\s+date|execution\s+date|date\s+first|signing|signature)",
    _I,
)
# A term that starts on an event the contract cannot date: "ten (10) years (the "Term") which
# shall commence on the date upon which the Company delivers the last Sample", "effective as of
# that date (the "Effective Date") the Site becomes fully operational". Adding it to the signing
# date would give a wrong end date.
_STARTS_ON_EVENT = re.compile(
    r"\b(?:commenc\w*|begin\w*|start\w*|effective)\s+(?:as\s+of\s+|on\s+|upon\s+)?(?:that|the)"
    r"\s+date\s+(?:\([^)]{0,40}\)\s+)?(?:on\s+which\s+|upon\s+which\s+|that\s+|when\s+)?"
    r"(?!this\s|the\s+(?:agreement|contract|parties)\b|both\s|each\s|it\s|all\s)"
    r"(?:the|a|an)\s+(?:[\w-]+\s+){1,4}?"
    r"(?:becomes|is|are|has|have|delivers|launches|completes|receives|accepts|opens|achieves)\b"
    # "three (3) years from the date the Co-Branded Application becomes accessible"
    r"|\b(?:from|after|following)\s+the\s+date\s+(?:on\s+which\s+|upon\s+which\s+|that\s+|when\s+)?"
    r"(?!this\s|the\s+(?:agreement|contract|parties)\b|both\s|each\s|it\s|all\s)"
    r"(?:the|a|an)\s+(?:[\w-]+\s+){1,4}?(?:becomes|is\s+(?:launched|accepted|delivered|installed))\b"
    # "36 months, commencing from the acceptance date", "ten (10) years after the First
    # Commercial Sale": counted from an event, not the start. (A service-ready date is not among
    # them: CUAD's annotators count such a term from the effective date.)
    r"|\b(?:from|after|following|commencing\s+(?:on|from|with))\s+(?:the\s+)?(?:date\s+of\s+)?"
    r"(?:acceptance|launch|delivery|installation|go-live|first\s+commercial\s+sale)(?:\s+date)?\b"
    # "ten years following the first date of public availability of the Content"
    r"|\b(?:from|after|following)\s+the\s+(?:first|initial)\s+(?:date|day)\s+(?:of|on\s+which)\s+"
    r"(?:(?:public|commercial|general)\s+)?(?:availability|launch|release|shipment|sale|use)\b"
    # "fra den dato leveransen er godkjent", "fra dagen systemet blir satt i drift"
    r"|\bfra\s+(?:og\s+med\s+)?(?:den\s+)?(?:dato(?:en)?|dagen)\s+(?:da\s+|når\s+|som\s+)?"
    r"(?!avtalen|kontrakten|partene|denne)[\wæøå-]+(?:\s+[\wæøå-]+){0,4}?\s+(?:er|blir|har\s+blitt)\s+"
    r"(?:godkjent|levert|satt\s+i\s+drift|overtatt|ferdigstilt|akseptert|tatt\s+i\s+bruk)\b",
    _I,
)


# "shall extend until the four (4) year anniversary": the term's first run, not a renewal.
_EXTEND_UNTIL = re.compile(r"\bextend(?:s)?\s+until\b", _I)
_TERM_CLAUSE = re.compile(
    r"\b(?:the\s+term|initial\s+term|this\s+agreement\s+(?:shall|will)|avtalen|varighet)\b", _I
)
# "until / end on / expire on [the later of (i)] the third anniversary ..."
# "until the earlier of the following events: (a) the fifth anniversary", "through the day
# prior to the fourth anniversary" (CUAD's annotators date that end on the anniversary itself).
_ANNIVERSARY_LEAD = re.compile(
    r"\b(?:until|on|upon|through|(?<!prior\s)to|at|end\w*|expir\w*|terminat\w*"
    r"|(?:until|through)\s+the\s+day\s+(?:immediately\s+)?(?:prior\s+to|before|preceding))\s+"
    r"(?:the\s+(?:earlier|first)(?:\s+to\s+occur)?\s+of(?:\s+the\s+(?:following|below)"
    r"(?:\s+(?:events?|dates?|occur|to\s+occur)){0,2})?[\s:]+)?(?:\(?\w{1,3}\)\s*)?$",
    _I,
)
_RENEWAL_LEAD_WORD = re.compile(
    r"\b(?:renew\w*|successive|additional|further|extension|subsequent|consecutive|forny\w*"
    r"|forleng\w*|ytterligere)\b",
    _I,
)
_ANNIVERSARY = quick_start(re.compile(
    r"\bthe\s+(?P<nth>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|\d{1,2}\s?(?:s\s?t|n\s?d|r\s?d|t\s?h)|[a-z]+(?:\s*\(\d+\))?[\s-]year)"
    r"(?:\s*\(\s*\d+\s*(?:s\s?t|n\s?d|r\s?d|t\s?h)?\s*\))?\s+anniversary"
    r"(?:\s+date)?\s+of\s+(?:the|this)\s+(?:effective|commencement|execution|date|agreement)",
    _I,
))


def _renewal_term(text: ContractText) -> Finding[Duration] | None:
    body = text.text
    seen = -1
    for renew in RENEWAL_WORD.finditer(body):
        if renew.start() < seen:
            continue  # read from an earlier renewal word of the same sentence
        start, end, sentence = _sentence(text, renew.start())
        seen = end
        tacit = _TACIT_EVERY_YEAR.search(sentence)
        if tacit is not None:
            # "renewed tacitly every year" needs no more context: it is always the contract.
            return Finding[Duration](
                value=Duration(count=1, unit="year"),
                confidence=0.7,
                evidence=[text.evidence(start, end)],
            )
        if not _TERM_SENTENCE.search(sentence) or _NOT_TERM_CONTEXT.search(sentence):
            continue
        # A renewal the parties must first agree on is no renewal term.
        agreed = _BY_AGREEMENT.search(body, start, end)
        for match, duration in _durations(text, start, end):
            if duration.unit == "day" and duration.count < 28:
                continue
            if NOTICE_AFTER.match(body, match.end()) or _AT_LEAST_AFTER.match(body, match.end()):
                continue
            if agreed is not None and agreed.end() > match.start() - 150 \
                    and agreed.start() < match.end() + 120:
                continue  # by agreement, said of this renewal, not of another in the sentence
            if match.start() < renew.start():
                # "with an automatic 2 year term extensions": the duration before the word.
                if _NAMED_RENEWAL.match(body, match.end()) and _AUTOMATIC_BEFORE.search(
                        body, max(start, match.start() - 40), match.start()):
                    return Finding[Duration](
                        value=duration, confidence=0.7, evidence=[text.evidence(start, end)]
                    )
                continue
            lead = body[max(start, match.start() - 200) : match.start()]
            if not _RENEWAL_LEAD.search(lead) or _NAMES_INITIAL_TERM.match(body, match.end()):
                continue
            return Finding[Duration](
                value=duration, confidence=0.75, evidence=[text.evidence(start, end)]
            )
        if agreed is None and (_ANNUAL.search(sentence) or _MONTHLY.search(sentence)):
            unit = "month" if _MONTHLY.search(sentence) else "year"
            return Finding[Duration](
                value=Duration(count=1, unit=unit),
                confidence=0.65,
                evidence=[text.evidence(start, end)],
            )
    return None


# "if it has not been renewed for an additional term of one (1) year or more": a condition on
# how long a renewal lasts, not the renewal term.
_AT_LEAST_AFTER = re.compile(r"\s*(?:\(\s*\d+\s*\)\s*)?or\s+(?:more|longer)\b", _I)
# "shall be for the term of one year; thereafter, the Agreement shall renew automatically": a
# renewal with no length of its own runs as long as the term it follows.
_RENEWS_WITHOUT_LENGTH = quick_start(re.compile(
    r"\b(?:thereafter|after\s+which)\b[^.;]{0,60}?\b(?:shall|will)\s+(?:be\s+)?"
    r"(?:renew\w*\s+automatically|automatically\s+(?:be\s+)?renew\w*)",
    _I,
))


def renewal_like_initial(
    text: ContractText, initial: Finding[Duration] | None
) -> Finding[Duration] | None:
    """The initial term again, where the clause right after it renews the contract without
    naming a length of its own."""
    if initial is None:
        return None
    for renews in _RENEWS_WITHOUT_LENGTH.finditer(text.text):
        start, end, _ = _sentence(text, renews.start())
        if any(True for _ in _durations(text, renews.end(), end)):
            return None  # the renewal names its own length (or a notice): not this rule
        # The term is stated earlier in the same sentence or in the one before it.
        before, _, _ = _sentence(text, max(0, start - 2))
        if any(d == initial.value for _, d in _durations(text, before, renews.start())):
            return Finding[Duration](
                value=initial.value, confidence=0.6, evidence=[text.evidence(before, end)]
            )
    return None


_NAMED_RENEWAL = re.compile(r"[\s-]*(?:(?:term|period)\s+)?(?:renewals?|extensions?)\b", _I)
_AUTOMATIC_BEFORE = re.compile(
    r"\b(?:automatic|successive|additional|consecutive|further)\s*$", _I
)
# "may be renewed by mutual written agreement of the parties for successive one year periods",
# "extended ... upon the mutual agreement of the parties", "etter avtale mellom partene".
_BY_AGREEMENT = re.compile(
    r"\b(?:by|upon|with|on|subject\s+to|pursuant\s+to)\s+(?:the\s+)?mutual(?:\s+written)?\s+"
    r"(?:agreement|consent)|\bif\s+(?:both|the)\s+parties\s+(?:so\s+)?(?:mutually\s+)?agree"
    r"|\bas\s+(?:mutually\s+)?agreed\s+(?:upon\s+)?(?:in\s+writing\s+)?by\s+the\s+parties"
    r"|\bparties\s+(?:may\s+)?mutually\s+agree|\better\s+(?:nærmere\s+)?avtale\s+mellom\s+partene"
    r"|\bdersom\s+partene\s+blir\s+enige",
    _I,
)


def _renewal_count(text: ContractText) -> Finding[int] | None:
    for match in _COUNT_OF_RENEWALS.finditer(text.text):
        start, end, sentence = _sentence(text, match.start())
        if not RENEWAL_WORD.search(sentence):
            continue
        count = parse_number(match.group("n"))
        if count is not None and 0 < count <= 20:
            return Finding[int](value=count, confidence=0.7, evidence=[text.evidence(start, end)])
    return None
