"""When a contract was signed, takes effect and ends, and whether it runs until terminated.

Rules over the joined contract text, in two passes: find every calendar date (dates_parse), then
read the words just before and after each date ("dated as of", "(the "Effective Date")",
"shall expire on", "gjelder til"). The signing date is found first (signing_date), and the
effective and end dates here start from it; what the words around a date say of it is shared
by all three (date_clauses). End dates are reported only when written as a date; an end date
implied by a start date plus a term is derived elsewhere (contracts.derived).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from extraction.date_clauses import (
    EFFECTIVE_DEF_AFTER,
    END_CAP,
    END_LEAD,
    THIS_AGREEMENT,
    DateHit,
    clause_around,
    lead_before,
    names_other_contract,
)
from extraction.dates_parse import DATE, DateMatch, find_dates
from extraction.event_dates import event_start
from extraction.model import Finding, Language
from extraction.other_agreements import dates_ended_agreement, names_other_agreement, own_kinds
from extraction.perpetual import TERM_WORD, perpetual_clause
from extraction.quick_start import quick_start
from extraction.signing_date import dated_as_of_effective_date, signed_date
from extraction.term_start import event_term_start
from extraction.text import ContractText

_I = re.IGNORECASE

# EDGAR filing stamps ("Source: ACME INC, 8-K, 10/1/2018", "Filed 04/18/18") are not contract dates.
_STAMP_LEAD = re.compile(r"(?:source:[^\n]{0,80}|\bfiled\s*|\bpage\s+\d+\s+of\s+\d+\s*)$", _I)
_EFFECTIVE_LEAD = re.compile(
    r"(?:(?:effective|commencement)\s+date[\"“”'‘]?\s*(?:shall\s+mean|means|is|:|shall\s+be)"
    r"|\beffective(?:\s+(?:as\s+of|as\s+from|from|on|beginning|starting))?"
    r"|\b(?:commence|commences|begin|begins|start|starts)\s+(?:\w+\s+){0,3}?(?:on|as\s+of|from|upon)"
    # "shall commence January 1, 1996", "a fixed term beginning November 27, 2018"
    r"|\b(?:commence|commences)|\b(?:term|period)\b[^.;]{0,60}\b(?:commencing|beginning|starting)"
    r"|\b(?:starter|starte|begynner|påbegynnes|oppstart)(?:\s+(?:opp\s+)?(?:den|fra|fra\s+og\s+med))?"
    # "Leieforholdet starter ved overtakelse den 3. mars 2022": the start is an event, dated.
    r"|\b(?:starter|begynner|løper|gjelder)\s+(?:fra\s+)?(?:ved\s+)?(?:overtakelse|levering|tiltredelse"
    r"|leveringsstart|oppstart|signering)(?:n|en)?(?:\s+(?:den|fra|fra\s+og\s+med))?"
    # "med oppstart ved skolestart 19. august 2019": any event, dated right after its name.
    r"|\b(?:oppstart|starter|begynner)\s+ved\s+[^\W\d]+"
    r"|\bterm\s*:\s*(?:from\s+)?|\bterm(?:\s+of\s+\w+)?\s*:?\s*from"
    r"|\btrer\s+i\s+kraft(?:\s+(?:den|fra))?|\bgjelder\s+fra(?:\s+og\s+med)?(?:\s+den)?"
    # "shall enter into force on 1 May 2026": the English of "trer i kraft".
    r"|\b(?:enter|enters|come|comes)\s+into\s+(?:force|effect)(?:\s+(?:on|as\s+of|from))?"
    # "trer i kraft fra den dato tjenestene er satt i drift, planlagt 1. april 2025": an event
    # the start waits for, and the date it is planned for.
    r"|\b(?:trer\s+i\s+kraft|gjelder|løper|starter|begynner)\b[^.;\n]{0,80}?,?\s+"
    r"(?:planlagt|antatt|forventet|estimert)(?:\s+(?:til|å\s+skje|å\s+være))?(?:\s+den)?"
    r"|\bikrafttredelse(?:sdato)?\s*:?|\boppstart(?:sdato)?\s*:?|\bvirkningstidspunkt\s*:?"
    r"|\b(?:avtale|kontrakts|leie)periode(?:n)?\s*(?:er|:)?\s*(?:fra\s+)?(?:og\s+med\s+)?"
    r"|\bfra\s+og\s+med|\bf\.o\.m\.?"
    r"|\bløper\s+fra(?:\s+og\s+med)?"
    # "Leieperioden er 48 måneder fra overtakelsesdato 1. februar 2024"
    r"|\b(?:år|måneder)\s+(?:regnet\s+)?fra(?:\s+og\s+med)?"
    r"(?:\s+(?:overtakelses|leverings|tiltredelses|oppstarts|ikrafttredelses)dato(?:en)?)?)"
    r"[\s,]*(?:(?:the|this|day\s+of|den)[\s,]+){0,2}$",
    _I,
)
# "effective as of the date first written above", "commence on the date hereof", "trer i kraft
# ved signering": the effective date is the signing date.
# "med virkning fra", "har virkning fra og med", "er gyldig fra", "gyldig fra og med".
_VIRKNING_LEAD = re.compile(
    r"\b(?:(?:med|har)\s+virkning|(?:er\s+)?gyldig|begynner\s+å\s+løpe)"
    r"\s+(?:fra|fom\.?)(?:\s+og\s+med)?(?:\s+den)?[\s,]*$",
    _I,
)
# A period written as its two ends: "from March 1, 2024 to February 28, 2026", "fra 1. mars 2024
# til 28. februar 2026", "i perioden 01.03.2024 – 28.02.2026".
_FROM_LEAD = re.compile(
    r"(?:\bfrom|\bfra(?:\s+og\s+med)?|\bi\s+perioden|\bperiod(?:e|en)?\s*:?)[\s,]*(?:(?:the|den)\s+)?$",
    _I,
)
_TO_DATE_AFTER = re.compile(
    rf"[\s,]*(?:to|through|until|til(?:\s+og\s+med)?|t\.o\.m\.?|[-–—])[\s,]*(?:(?:the|den)\s+)?{DATE}",
    _I,
)
# "the Effective Date hereof", "the effective date of this Agreement" name a defined date, not
# the date of signing: "effective" right before "date" is that noun, never the verb's cue.
_EFFECTIVE_BY_REFERENCE = re.compile(
    r"(?:\beffective(?!\s+date\b)|\bcommenc\w*|\bbegin\w*|\bstart\w*"
    r"|\beffective\s+date[\"“”'‘]?\s+(?:shall\s+)?means?)"
    r"\s+(?:(?!effective\b)\w+\s+){0,3}?(?:as\s+of|on|upon|from|at)?\s*(?:the\s+)?(?:last\s+)?"
    r"(?:date\s+(?:first\s+(?:written|set\s+forth|above\s+written|mentioned)|hereof|of\s+this"
    r"\s+agreement|of\s+(?:its\s+)?execution|(?:(?:on|upon)\s+which\s+)?it\s+is\s+signed|of\s+signature|of\s+signing"
    r"|this\s+agreement\s+is\s+(?:signed|executed)|signed)"
    r"|(?:day|date)\s+and\s+year\s+first\s+(?:above\s+)?written"
    r"|(?:the\s+completion\s+of\s+the\s+)?execution\s+(?:hereof|of\s+this\s+(?:agreement|document)"
    r"|by\s+both\s+parties))"
    # "The term of this Agreement is twelve (12) months from the date hereof": it runs from signing.
    r"|\bterm\s+of\s+this\s+agreement\s+(?:is|shall\s+be|will\s+be)\s+[^.;]{0,60}?\bfrom\s+the"
    r"\s+date\s+(?:hereof|of\s+this\s+agreement)"
    r"|\b(?:enter|enters|come|comes)\s+into\s+force\s+(?:on|upon|at)\s+(?:the\s+)?(?:date\s+of\s+)?"
    # "on the Signing Date" names a defined date, which the contract may set elsewhere.
    r"(?:its\s+)?(?:execution|signature|signing)(?!\s+(?-i:D)ate)"
    r"|\beffective\s+(?:upon|when|on)\s+(?:the\s+)?(?:execution|signature|signing"
    r"|(?:one\s+or\s+more\s+)?counterparts\s+have\s+been\s+(?:signed|executed))"
    r"|\btrer\s+i\s+kraft\s+(?:ved|når|fra)\s+(?:\w+\s+){0,3}?"
    r"(?:signering|undertegn\w*|underskrift\w*|signert|signatur)"
    r"|\bgjelder\s+fra\s+(?:den\s+)?(?:dato\s+for\s+)?(?:signering|undertegn\w*|signatur)"
    r"|\b(?:gjelder|løper|trer\s+i\s+kraft)\s+fra\s+(?:og\s+med\s+)?(?:den\s+)?(?:dato(?:en)?|dagen)"
    r"\s+(?:den|avtalen|kontrakten)\s+(?:er|blir|ble)\s+(?:signert|undertegnet|underskrevet)"
    r"|\bfra\s+(?:avtale|kontrakts)inngåelse(?:n)?"
    # "Avtalen løper i 24 måneder fra signering": the term is counted from the signing.
    r"|\b(?:løper|gjelder|varer)\b[^.;\n]{0,40}?\bfra\s+(?:signering|undertegning|underskrift)(?:en)?\b",
    _I,
)
# "the Supply Agreement between ... shall remain in effect until ...".
_OTHER_CONTRACT_SUBJECT = re.compile(
    r"(?:\b(?i:agreement|contract|lease|license|licence)\s+(?i:dated)\b"
    r"|\b(?i:the|that|such|said|each|any|existing|prior|original)\s+"
    r"(?:[A-Z][\w&-]*\s+){1,4}(?:Agreement|Contract|Lease|License|Licence)\b)"
)
_OPTION = re.compile(r"\b(?:option|elect|elects|may\s+extend|opsjon\w*)\b", _I)


def extract_dates(text: ContractText, language: Language) -> dict[str, Finding[Any]]:
    found: dict[str, Finding[Any]] = {}
    dates = [d for d in find_dates(text.text, language) if not _is_stamp(text.text, d)]
    if language == "nb":
        # The framework, replaced or data processing agreement's dates are not this one's.
        kinds = own_kinds(text.text)
        dates = [d for d in dates if not names_other_agreement(text.text, d.start, kinds)
                 and not dates_ended_agreement(text.text, d.start, d.end)]
    signed = signed_date(text, dates)
    if signed is not None:
        found["signed_date"] = _finding(text, signed)
    effective = _effective_date(text, dates, signed)
    if language == "nb" and (event := event_start(text, dates)) is not None:
        # A term counted from an event dated elsewhere starts on that date, whatever else
        # the contract says takes effect.
        hit, term_counted_from_it = event
        if term_counted_from_it or effective is None:
            effective = hit
    if language == "en" and (launch := event_term_start(text, dates)) is not None:
        # A term starting on an event the contract dates elsewhere ("from the Launch Date")
        # starts then, whatever date the contract was signed or said to take effect.
        effective = launch
    if effective is not None:
        found["effective_date"] = _finding(text, effective)
        dated_as_of = dated_as_of_effective_date(text, signed)
        if dated_as_of is not None:
            found["signed_date"] = Finding[dt.date](
                value=effective.date, confidence=0.7,
                evidence=[text.evidence(*dated_as_of), *found["effective_date"].evidence],
            )
    end = _end_date(text, dates, effective or signed)
    if end is not None:
        found["end_date"] = _finding(text, end)
    elif (month_end := _last_day_of_month(text, effective or signed)) is not None:
        end = month_end
        found["end_date"] = _finding(text, end)
    elif (year_end := _calendar_year_end(text, effective or signed)) is not None:
        # The year is read from the start, so the start's sentence is evidence too.
        end = year_end
        starts = found.get("effective_date") or found.get("signed_date")
        found["end_date"] = _finding(text, end)
        found["end_date"].evidence.extend(starts.evidence if starts else [])
    perpetual = perpetual_clause(text)
    if perpetual is not None and end is None:
        start, stop = perpetual
        found["perpetual"] = Finding[bool](
            value=True, confidence=0.75, evidence=[text.evidence(start, stop)]
        )
    return found


def _finding(text: ContractText, hit: DateHit) -> Finding[dt.date]:
    return Finding[dt.date](
        value=hit.date, confidence=hit.confidence, evidence=[text.evidence(hit.start, hit.end)]
    )


def _is_stamp(text: str, date: DateMatch) -> bool:
    return _STAMP_LEAD.search(text, max(0, date.start - 100), date.start) is not None


def _effective_date(
    text: ContractText, dates: list[DateMatch], signed: DateHit | None
) -> DateHit | None:
    body = text.text
    defined: DateHit | None = None
    stated: DateHit | None = None
    for date in dates:
        after = body[date.end : date.end + 80]
        lead = lead_before(body, date)
        if EFFECTIVE_DEF_AFTER.match(after) or re.search(
            # "The Effective Date of this Reseller Agreement (herein called the "Effective
            # Date") is", "THE EFFECTIVE DATE OF THIS AGREEMENT SHALL BE:"
            r"(?:effective|commencement)\s+date(?:\s+(?:of|for)\s+this\s+(?:[\w-]+\s+){0,3}?"
            r"(?:agreement|contract))?[\"“”'‘]?\)?"
            r"\s*(?:(?:shall\s+mean|means)\s*:?|is|will\s+be|shall\s+be\s*:?|:|-|–)[\s,]*"
            # "means 12:01 a.m. Eastern Standard Time on March 3, 2003"
            r"(?:\d{1,2}[:.]\d{2}\s*[ap]\.?\s?m\.?[\s,]+(?:\(?[A-Za-z]+\s+){0,4}?(?:on|of)\s+)?$"
            # A term sheet's label line: "(i) Commencement Date July 1, 2017".
            r"|(?:^|\n)[^\S\n]*(?:\(\w{1,4}\)[^\S\n]*)?(?:effective|commencement)\s+date[^\S\n]*$"
            # A label line: "Oppstart: 15.08.2023", "Ikrafttredelse: 1. mars 2024".
            r"|(?:^|\n)[^\S\n]*(?:oppstart|ikrafttredelse|virkningstidspunkt|avtalestart)(?:sdato)?"
            r"[^\S\n]*:[^\S\n]*$"
            r"|(?:effective|commencement)\s+date[\"“”'‘]?\s*(?:shall\s+mean|means)\s[^;]{0,80}?"
            r"\bi\.\s?e\.,?\s*$"
            r"|(?:ikrafttredelses|oppstarts|virknings)dato(?:en)?(?:\s+for\s+(?:denne\s+)?"
            r"(?:avtalen|kontrakten|avtale|kontrakt))?\s*(?:er|blir|skal\s+være|:)[\s,]*(?:den\s+)?$",
            lead,
            _I,
        ):
            start, end = clause_around(text, date)
            defined = DateHit(date.date, start, end, 0.9)
            break
        cued = _EFFECTIVE_LEAD.search(lead) or _VIRKNING_LEAD.search(lead) or (
            _FROM_LEAD.search(lead) and _TO_DATE_AFTER.match(after)
        )
        if stated is None and cued and not _is_future_reference(lead) \
                and not names_other_contract(lead_before(body, date, 160)) \
                and not _recites_other_document(body, date):
            start, end = clause_around(text, date)
            if TERM_WORD.search(body[start:end]) or _LICENCE_RUNS.search(body, start, end) \
                    or _said_of_the_agreement_before(text, start):
                stated = DateHit(date.date, start, end, 0.75)
    if defined is not None:
        return defined
    if signed is not None and re.search(
        r"effective|ikraft|i\s+kraft", body[max(0, signed.at - 100) : signed.at + 100], _I
    ) and not _SIGNED_BUT_EFFECTIVE.search(body, signed.at, signed.at + 100):
        return DateHit(signed.date, signed.start, signed.end, 0.8, signed.at)
    if stated is not None:
        return stated
    if signed is not None:
        reference = next((m for m in _EFFECTIVE_BY_REFERENCE.finditer(body)
                          if not _COVENANT_PERIOD.search(body, max(0, m.start() - 60), m.start())
                          and _said_of_this_agreement(text, m.start())),
                         None)
        if reference is not None:
            start, end = text.sentence_around(reference.start(), limit=400)
            start, end = min(start, reference.start()), max(end, reference.end())
            return DateHit(signed.date, start, end, 0.7)
    return None


# "at all times during the period commencing on the date hereof and ending ..." sets how long a
# covenant (a standstill, a non-solicitation) binds, not when the contract takes effect ("shall
# remain in effect for a period commencing on the date hereof" still does). So does a period
# defined by its own name: "“Standstill Period” shall mean the period commencing on the date of
# this Agreement".
_COVENANT_PERIOD = re.compile(
    r"\b(?:during|throughout)\s+(?:the|a|such)\s+(?:[\w-]+\s+){0,2}?period[\s,]*$"
    r"|[\"“](?!(?:initial|contract|agreement)\b)(?:[\w-]+\s+){1,3}period[\"”]\s+"
    r"(?:shall\s+)?(?:means?|be)\s+the\s+period[\s,]*$",
    _I,
)


# What takes effect on signing must be this agreement or its term: "Each of the Supply
# Agreement and the Warrant is effective as of the date hereof" dates other documents, and "the
# Company shall take all action ..., effective immediately following the execution of this
# Agreement" an undertaking. A clause opening on the cue ("Commencing upon the date of this
# Agreement"), defining "Effective Date" or closing the signatures ("Agreed to and executed
# effective as of ...") has no other subject.
_THIS_AGREEMENTS_SUBJECT = re.compile(
    rf"{THIS_AGREEMENT.pattern}|\bthe\s+agreement\b|\bterm\b|\bin\s+witness\s+whereof\b"
    r"|\bterms?\s+of\s+(?:this\s+|the\s+)?agreement\b|\beffective\s+date\b"
    # "Avtalen trer i kraft ved signering", "Leieavtalen løper i 24 måneder fra signering".
    r"|\b\w*avtale\w*|\b\w*kontrakt\w*|\bleieforhold\w*|\boppdrag\w*"
    r"|^[\W\d]*(?:(?:agreed(?:\s+to)?|accepted)\s+(?:and\s+)?)*(?:executed|signed)\s*$",
    _I,
)


def _said_of_this_agreement(text: ContractText, at: int) -> bool:
    start, _ = text.sentence_around(at, limit=400)
    subject = text.text[start:at]
    return not re.search(r"[^\W\d_]{2}", subject) or bool(_THIS_AGREEMENTS_SUBJECT.search(subject))


# "executed this Agreement on the 1st day of June, 2006, but effective as of the Date of
# Commencement": signed one day, in effect from another.
_SIGNED_BUT_EFFECTIVE = re.compile(r"\bbut\s+(?:shall\s+be\s+|is\s+)?effective\b", _I)


# "WHEREAS, the Fourth Supplemental MOU were effective from 5 October 1999": a recital tells
# what came before this agreement.
_RECITAL = re.compile(r"\bWHEREAS\b|\bRECITALS?\b|\bBACKGROUND\b")


def _recites_other_document(body: str, date: DateMatch) -> bool:
    lead = lead_before(body, date, 400)
    recitals = list(_RECITAL.finditer(lead))
    if not recitals:
        return False
    return THIS_AGREEMENT.search(lead, recitals[-1].end()) is None


# "Lisensen gjelder i ett år fra 01.05.2024": a licence agreement's term is the licence's own.
_LICENCE_RUNS = re.compile(r"\blisensen\s+(?:gjelder|løper|varer)\b", _I)


# "Avtalen gjelder for tre sesonger. Den trer i kraft 15.10.2024": the pronoun is the agreement
# the sentence before names.
_PRONOUN_START = re.compile(r"[ \t\xa0]*(?:\d+(?:\.\d+)*\.?[ \t\xa0]+)?(?:Den|Det)\b")


def _said_of_the_agreement_before(text: ContractText, start: int) -> bool:
    if not _PRONOUN_START.match(text.text, start) or start < 2:
        return False
    before_start, before_end = text.sentence_around(start - 2, limit=400)
    return TERM_WORD.search(text.text, before_start, min(before_end, start)) is not None


def _is_future_reference(lead: str) -> bool:
    # "changes effective on ..." in price or notice clauses name other events' dates.
    pattern = r"\b(?:price|prices|rate|rates|notice|amendment\s+no)\b"
    return re.search(pattern, lead[-60:], _I) is not None


def _end_date(text: ContractText, dates: list[DateMatch], start: DateHit | None) -> DateHit | None:
    body = text.text
    for date in dates:
        lead = lead_before(body, date, 60)
        if start is not None and date.date <= start.date and not _END_LABEL_LINE.search(lead) \
                and not _NAMES_THE_END.match(body, date.end):
            continue
        if not END_LEAD.search(lead) and not END_CAP.search(lead_before(body, date, 300)):
            continue
        clause_start, clause_end = clause_around(text, date)
        clause = body[clause_start : date.end + 40]
        if not re.search(
            # "This Second Amendment shall expire on": the title's words between.
            r"\b(?:terms?|this\s+(?:[\w-]+\s+){0,3}?(?:agreement|contract|amendment)"
            r"|agreement\s+(?:shall|will)"
            # "Rammeavtalen gjelder fra og med ... til og med": the kind compounded in front.
            r"|\w*avtalen|\w*kontrakten|(?:avtale|kontrakts|leie)periode\w*|varighet|oppdraget"
            # "Leieforholdet ... løper i 10 år, til og med 31. januar 2035" (husleie).
            r"|leieforhold\w*|leietid\w*|leieavtalen|leiekontrakten|festetid\w*|kontraktstid\w*"
            r"|agreement\s+period"
            r"|(?:termination|expiration|expiry)\s+date)\b",
            clause,
            _I,
        ):
            continue
        if not re.search(
            r"\b(?:term|expir\w*|terminat\w+|remain\w*|continu\w*|valid|effect|force|until"
            r"|through|from|gjelder|utløp\w*|opphør\w*|varer|løper|\w*periode\w*|fra|avslutt\w*"
    r"|ferdigstil\w*)\b",
            clause,
            _I,
        ):
            continue
        if _OPTION.search(body, clause_start, date.start):
            continue
        subject = body[clause_start : date.start]
        if _OTHER_CONTRACT_SUBJECT.search(subject) and not THIS_AGREEMENT.search(subject):
            continue  # "The License Agreement dated ... shall remain in effect until ...".
        if _COVER_RUNS.search(subject):
            continue
        return DateHit(date.date, clause_start, max(clause_end, date.end), 0.75)
    return None


# "Produsentens garanti på varmepumpene, som løper til 1. juni 2027, påvirkes ikke av denne
# avtalen": a warranty, guarantee or insurance runs until the date, not the agreement.
_COVER_RUNS = re.compile(
    r"\b(?:\w*garanti\w*|warrant(?:y|ies)|guarantee\w*|\w*forsikring\w*|insurance)\b"
    r"(?:(?!\w*avtale|\w*kontrakt|agreement|contract)[^.;]){0,80}$",
    _I,
)


# A schedule's label line "TERMINATION DATE: September 30, 1997" fills in this contract's end
# as written, even when it reads as earlier than the start (the annotators take it as written).
_END_LABEL_LINE = re.compile(
    r"(?:^|\n)[^\S\n]*(?:termination|expiration|expiry)\s+date[^\S\n]*:[^\S\n]*$", _I
)


# "shall expire on December 31, 2006 (the "Term")": the contract names the date its term's end,
# so it is taken as written even when it reads as earlier than the start (an amendment signed
# after the end it restates; the annotators take it as written, as with the label line above).
_NAMES_THE_END = re.compile(
    r"[\s,]*\(\s*(?:the\s+|hereinafter\s+)?[\"“”'‘]*\s*(?:initial\s+)?"
    r"(?:term|expiration\s+date|termination\s+date|expiry\s+date|end\s+date)\s*[\"“”'’]*\s*\)",
    _I,
)


# "shall remain in effect until the end of the current calendar year": the end is the last day
# of the year the contract starts in.
_UNTIL_YEAR_END = re.compile(
    r"\b(?:until|through|to)\s+(?:the\s+)?end\s+of\s+(?:the\s+)?(?:current|then[\s-]current|same)"
    r"\s+calendar\s+year\b",
    _I,
)


def _calendar_year_end(text: ContractText, start: DateHit | None) -> DateHit | None:
    if start is None:
        return None
    body = text.text
    for match in _UNTIL_YEAR_END.finditer(body):
        clause_start, clause_end = text.sentence_around(match.start(), limit=400)
        lead = body[clause_start : match.start()]
        if not re.search(r"\b(?:(?:remain|continue)\w*\s+in\s+(?:full\s+)?(?:force|effect)"
                         r"|continue\w*|term|expire\w*|end)\b", lead, _I) \
                or not TERM_WORD.search(lead):
            continue
        return DateHit(dt.date(start.date.year, 12, 31), clause_start, clause_end, 0.6)
    return None


_MONTH_NAMES = tuple(name.lower() for name in calendar.month_name[1:])
# "shall expire upon the later of (a) the end of the season and (b) the last day in February,
# 2023", "until the last day of June 2025": a month's last day, written without its number.
_LAST_DAY_OF_MONTH = quick_start(re.compile(
    r"\blast\s+(?:calendar\s+)?day\s+(?:of|in)\s+(?P<month>" + "|".join(_MONTH_NAMES)
    + r"),?\s+(?P<year>(?:19|20)\d{2})\b",
    _I,
))
_END_VERB_BEFORE = re.compile(
    r"\b(?:expir\w*|end|ends|until|through|continu\w*|remain\w*)\b[^.;]{0,120}?\bthe\s+$", _I
)
_PAYMENT = re.compile(r"\b(?:pay\w*|due|invoic\w*|fees?|royalt\w*|report\w*)\b", _I)


def _last_day_of_month(text: ContractText, start: DateHit | None) -> DateHit | None:
    body = text.text
    for match in _LAST_DAY_OF_MONTH.finditer(body):
        lead = _END_VERB_BEFORE.search(body, max(0, match.start() - 150), match.start())
        if lead is None:
            continue
        clause_start, clause_end = text.sentence_around(match.start(), limit=400)
        clause = body[clause_start : match.end()]
        if not TERM_WORD.search(clause) or _OPTION.search(clause) \
                or _PAYMENT.search(body, lead.start(), match.end()):
            continue
        year = int(match.group("year"))
        month = _MONTH_NAMES.index(match.group("month").lower()) + 1
        end = dt.date(year, month, calendar.monthrange(year, month)[1])
        if start is not None and end <= start.date:
            continue
        return DateHit(end, clause_start, max(clause_end, match.end()), 0.7)
    return None
