"""When a contract was signed, takes effect and ends, and whether it runs until terminated.

Rules over the joined contract text, in two passes: find every calendar date (dates_parse), then
read the words just before and after each date ("dated as of", "(the "Effective Date")",
"shall expire on", "gjelder til"). End dates are reported only when written as a date; an end
date implied by a start date plus a term is derived elsewhere (contracts.derived).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from extraction.dates_parse import DATE, DateMatch, find_dates
from extraction.model import Finding, Language
from extraction.perpetual import TERM_WORD, perpetual_clause
from extraction.text import ContractText

_I = re.IGNORECASE

# Words right before a date that say the contract was made/signed then.
_SIGNED_LEAD = re.compile(
    r"(?:\bdated|\bmade(?:\s+in\s+\w+)?|\bentered(?:\s+into)?|\bexecuted|\bconcluded|\bsigned"
    r"|\beffective|\bas\s+of|\bdate[d]?\s*:|\binngått|\bdatert|\bundertegnet|\bsignert|\bdato\s*:"
    r"|\bsted\s+og\s+dato\s*:|\bsted/dato\s*:"
    # A cover line "Date Bogota D.C. January 30, 2012": the place between label and date.
    r"|(?<![^\n])[ \t\xa0]*(?:date|dated|dato)[ \t\xa0]*:?[ \t\xa0]+"
    r"(?-i:[A-ZÆØÅ][\w.æøå-]*[ \t\xa0,]+){1,4})"
    r"[\s,]*(?:(?:and\s+effective|as\s+of|as\s+from|on|this|the|from|for\s+reference|den"
    r"|on\s+(?:its|their|his|her)\s+behalf)[\s,]+){0,4}$",
    _I,
)
_EFFECTIVE_ONLY_CUE = re.compile(r"effective\b", _I)
_DATE_LABEL = re.compile(r"\b(?:dated?|dato)\s*:[\s,]*$", _I)
_PREAMBLE = re.compile(
    r"\b(?:by\s+and\s+between|by\s+and\s+among|between|among|mellom|partene)\b", _I
)
# EDGAR filing stamps ("Source: ACME INC, 8-K, 10/1/2018", "Filed 04/18/18") are not contract dates.
_STAMP_LEAD = re.compile(r"(?:source:[^\n]{0,80}|\bfiled\s*|\bpage\s+\d+\s+of\s+\d+\s*)$", _I)
_THIS_AGREEMENT = re.compile(
    r"(?<![a-zæøå])(?:this|the\s+present|denne)\s+(?:[\w-]+\s+){0,6}?"
    r"(?:agreement|contract|amendment|addendum|avtale\w*|kontrakt\w*)\b",
    _I,
)
_AMENDED_LEAD = re.compile(r"\b(?:as\s+amended|amended)\b[^.]{0,30}$", _I)
_NOT_SIGNING_LEAD = re.compile(
    r"(?:\b(?:effective|commencement|start|termination|expiration|end|expiry|launch|closing)"
    r"\s+date\s*:[\s,]*"
    r"|\b(?:end|ends|ending|expire\w*|terminat\w*|until|through|extended)\b[^.]{0,20})$",
    _I,
)
# Norwegian names the document a date belongs to without a determiner: "tidligere
# korrespondanse og tilbud, herunder tilbud datert 12. august 2022", "jf. brev datert ...".
_OTHER_DOCUMENT = re.compile(
    r"\b(?:tilbud\w*|brev\w*|e-post\w*|bestilling\w*|ordrebekreftelse\w*|protokoll\w*"
    r"|referat\w*|forespørsel\w*|konkurransegrunnlag\w*)[\s,]*$",
    _I,
)
_DATES_THIS_ONE = re.compile(
    r"\w*(?:avtale|kontrakt)\w*|er|ble|blir|denne|dette|og|den|som", _I
)
_AGREEMENT_TITLE = re.compile(r"[ \t\xa0]*(?:denne\s+)?\w*(?:avtale|kontrakt)\w*\b", _I)
_SIGNED_MARK = re.compile(r"/s/|\\s\\")
_SIGNATURE_MARK = re.compile(r"/s/|\\s\\|\bBy\s*:|\bSignature\s*:|\bSign\w*\s*:", _I)
# "Bergen, 15. februar 2024", "Sted og dato: Oslo, 1. juli 2022", "Molde, den 2. mai 2023",
# "Oslo/Stockholm, 16. august 2021" (parties signing in two cities).
_PLACE_NAME = r"[A-ZÆØÅ][\wæøåÆØÅ.-]+(?:\s[A-ZÆØÅ][\wæøåÆØÅ.-]+)?"
_PLACE = re.compile(r"\s*(?:(?i:sted\s+og\s+dato|sted/dato|place\s+and\s+date|date|dato)\s*:\s*)?"
                    rf"(?:{_PLACE_NAME}(?:\s?/\s?{_PLACE_NAME})?\s*,?\s*)?(?:den\s+)?")
_ATTACHMENT_HEADING = re.compile(
    r"^[ \t\xa0]*(?:exhibit|schedule|appendix|annex|attachment|vedlegg|bilag)\b[ \t\xa0]*"
    r"(?:[A-Z0-9]{1,4}\b|\"[A-Z0-9]{1,3}\"|[IVX]+\b|\([a-z0-9]+\)|no\.|nr\.)",
    _I | re.MULTILINE,
)
# "Reseller Agreement Effective August 1, 2004" next to a signature names when something takes
# effect, not when anybody signed.
_EFFECTIVE_ONLY_LEAD = re.compile(r"\beffective[\s,]*(?:(?:as\s+of|on|from|the)[\s,]+){0,2}$", _I)
# A date alone on its line is a signing date only among signatures, not under a letter or
# press-release heading.
_SIGNATURE_NEAR = re.compile(
    r"/s/|\\s\\|\bBy\s*:|_{4,}|\(\s*(?:signature|seal)\s*\)|\bsignature|\bsign\.|\bsignert"
    r"|\bunderskrift|^\s*(?:for|på\s+vegne\s+av)\s+\S",
    _I | re.MULTILINE,
)
_DATELINE_BEFORE = re.compile(
    r"[ \t\xa0]*[A-Z][\w.' -]{1,40},[ \t\xa0]*[A-Z][\w.]{1,15}\.?[ \t\xa0]*(?:--|–|—|-)[ \t\xa0]*"
)
_DATELINE_AFTER = re.compile(r"[ \t\xa0]*(?:--|–|—|/PRNewswire/|/Business\s?Wire/)")
_ANNOUNCED = re.compile(
    r"\b(?:announced|announces)\b[^.]{0,200}\b(?:entered|signed|executed|agreement|contract)", _I
)
_WITNESS = re.compile(r"in\s+witness\s+whereof|signatures?\s+page|\bunderskrift", _I)

_EFFECTIVE_DEF_AFTER = re.compile(
    r"^[\s,]*(?:\(|,)?\s*(?:hereinafter\s+(?:referred\s+to\s+as\s+)?|the\s+)?[\"“”'‘]*\s*"
    r"(?:effective\s+date|commencement\s+date|ikrafttredelsesdato|virkningsdato)",
    _I,
)
_EXECUTION_DEF_AFTER = re.compile(
    r"^[\s,]*\(?\s*(?:the\s+)?[\"“”'‘]*\s*(?:execution|agreement|signing)\s+date", _I
)
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
    r"|\bterm\s*:\s*(?:from\s+)?|\bterm(?:\s+of\s+\w+)?\s*:?\s*from"
    r"|\btrer\s+i\s+kraft(?:\s+(?:den|fra))?|\bgjelder\s+fra(?:\s+og\s+med)?(?:\s+den)?"
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
_MADE_AS_OF_EFFECTIVE_DATE = re.compile(
    r"\b(?:made|entered\s+into|dated|executed|signed)\s+(?:and\s+\w+\s+)?(?:as\s+of|on)\s+the\s+"
    r"effective\s+date\b",
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
_END_LEAD = re.compile(
    r"(?:\b(?:expire|expires|expiring|terminate|terminates|end|ends|ending|extended|conclud\w*)"
    r"(?:\s+\w+){0,4}?\s+(?:on|at|as\s+of|upon)?"
    # "consummated on or prior to June 30, 2007" sets a deadline, not the end of the term.
    r"|\b(?:until|through|thru|(?<!prior\s)to)(?:\s+and\s+including)?"
    r"|\b(?:termination|expiration|expiry)\s+date\s*:?"
    r"|\bgjelder\s+(?:til|frem\s+til|fram\s+til|til\s+og\s+med|t\.o\.m\.?)(?:\s+den)?"
    r"|\b(?:utløper|opphører|varer|løper)(?:\s+\w+){0,2}?\s+(?:den|til|til\s+og\s+med)?"
    r"|\b(?:avsluttet|avsluttes|ferdigstilt|ferdig)\s+(?:innen|senest|den)"
    r"|\btil\s+og\s+med|\bt\.o\.m\.?|\s[-–]\s?|\btil"
    # "01.03.2023–28.02.2025": a period's two ends joined by a dash.
    r"|\d[–—])"
    # "will continue until the earlier of (i) December 31, 2022, (ii) ...": the first date of
    # the list is the only one written as a date.
    r"[\s,]*(?:the\s+(?:earlier|later|first\s+to\s+occur)\s+of[\s:]*(?:\(?\w{1,3}\)\s*)?)?"
    r"(?:(?:the|den)\s+)?$",
    _I,
)
# "shall terminate five years after launch, but in no event later than February 28, 2013": the
# latest end is the only one written as a date.
_END_CAP = re.compile(
    r"\b(?:terminat\w*|expir\w*|end|ends|continue\w*|term)\b[^.;]{0,200}?"
    r"\b(?:in\s+no\s+event|but\s+(?:in\s+any\s+event\s+)?not)\s+later\s+than[\s,]*(?:the\s+)?$"
    r"|\b(?:utløper|opphører|gjelder|løper|varer|avslutt\w*)\b[^.;]{0,200}?"
    r"\b(?:men\s+)?(?:i\s+alle\s+tilfeller\s+)?ikke\s+(?:senere|lenger)\s+enn\s+(?:til\s+)?(?:den\s+)?$",
    _I,
)
# The subject of an end-date clause is another contract: "The License Agreement dated ...",
# "the Supply Agreement between ... shall remain in effect until ...".
_OTHER_CONTRACT_SUBJECT = re.compile(
    r"(?:\b(?i:agreement|contract|lease|license|licence)\s+(?i:dated)\b"
    r"|\b(?i:the|that|such|said|each|any|existing|prior|original)\s+"
    r"(?:[A-Z][\w&-]*\s+){1,4}(?:Agreement|Contract|Lease|License|Licence)\b)"
)
# "the original Swisscom PURCHASE & LICENSE CONTRACT, made effective on": that contract's date.
_OTHER_CONTRACT_EFFECTIVE = re.compile(
    r"\b(?i:the|that|said|such|certain|an?)\s+(?:(?:(?i:original|existing|prior|certain)|[A-Z][\w&-]*|&)\s+)"
    r"{1,5}(?i:agreement|contract|lease|license|licence)[\s,]*(?i:(?:which\s+was\s+)?made\s+)?$"
)
_OPTION = re.compile(r"\b(?:option|elect|elects|may\s+extend|opsjon\w*)\b", _I)


@dataclass(frozen=True)
class _Hit:
    date: dt.date
    start: int
    end: int
    confidence: float
    at: int = 0  # where the date itself is written
    beside_signatures: bool = False  # read off the signature block, not stated before it


def extract_dates(text: ContractText, language: Language) -> dict[str, Finding[Any]]:
    found: dict[str, Finding[Any]] = {}
    dates = [d for d in find_dates(text.text, language) if not _is_stamp(text.text, d)]
    signed = _signed_date(text, dates)
    if signed is not None:
        found["signed_date"] = _finding(text, signed)
    effective = _effective_date(text, dates, signed)
    if effective is not None:
        found["effective_date"] = _finding(text, effective)
        dated_as_of = _dated_as_of_effective_date(text, signed)
        if dated_as_of is not None:
            found["signed_date"] = Finding[dt.date](
                value=effective.date, confidence=0.7,
                evidence=[text.evidence(*dated_as_of), *found["effective_date"].evidence],
            )
    end = _end_date(text, dates, effective or signed)
    if end is not None:
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


_EXECUTED_AS_OF_EFFECTIVE_DATE = re.compile(
    r"\b(?:executed|signed|entered\s+into)\b[^.;]{0,80}?\bas\s+of\s+the\s+effective\s+date\b", _I
)


def _dated_as_of_effective_date(text: ContractText, signed: _Hit | None) -> tuple[int, int] | None:
    """The span of the clause that dates the agreement on its effective date, when no signing
    date is stated before the signatures: "entered into as of the Effective Date (as defined
    below)" with no date read at all, or "IN WITNESS WHEREOF ... executed as of the Effective
    Date" over signatures dated otherwise (the agreement is dated that day, whenever they were
    written)."""
    body = text.text
    if signed is None:
        made = _MADE_AS_OF_EFFECTIVE_DATE.search(body)
        return text.sentence_around(made.start(), limit=400) if made is not None else None
    if not signed.beside_signatures:
        return None
    witness = _WITNESS.search(body, len(body) // 2)
    if witness is None:
        return None
    found = _EXECUTED_AS_OF_EFFECTIVE_DATE.search(body, witness.start(), witness.start() + 400)
    return (witness.start(), found.end()) if found is not None else None


def _finding(text: ContractText, hit: _Hit) -> Finding[dt.date]:
    return Finding[dt.date](
        value=hit.date, confidence=hit.confidence, evidence=[text.evidence(hit.start, hit.end)]
    )


def _is_stamp(text: str, date: DateMatch) -> bool:
    return _STAMP_LEAD.search(text, max(0, date.start - 100), date.start) is not None


def _lead(text: str, date: DateMatch, width: int = 80) -> str:
    return text[max(0, date.start - width) : date.start]


def _clause(text: ContractText, date: DateMatch) -> tuple[int, int]:
    start, end = text.sentence_around(date.start, limit=400)
    return min(start, date.start), max(end, date.end)


def _signed_date(text: ContractText, dates: list[DateMatch]) -> _Hit | None:
    """The agreement date: preamble, then "This Agreement is dated", then the signatures."""
    body = text.text
    head_limit = max(20000, len(body) // 4)
    witness = _WITNESS.search(body, len(body) // 2)
    if witness is not None:
        head_limit = min(head_limit, witness.start())
    for index, date in enumerate(dates):
        if date.start > head_limit:
            break
        if _is_signing_cue(text, date):
            if _DATE_LABEL.search(_lead(body, date, 20)):
                # Signature fields side by side ("Date: October 16  Date: November 5"): the
                # agreement is made when the last party signs.
                fields = [d for d in dates[index:] if d.start < date.end + 200
                          and text.page_of(d.start) == text.page_of(date.start)
                          and _DATE_LABEL.search(_lead(body, d, 20))]
                date = max(fields, key=lambda d: d.date)
            elif not _THIS_AGREEMENT.search(_lead(body, date, 120)):
                date = _stated_of_this_agreement(text, dates[index + 1 :], head_limit) or date
            start, end = _clause(text, date)
            return _Hit(date.date, start, end, 0.9, date.start)
    signatures_at = witness.start() if witness is not None else len(body)
    for date in dates:
        if head_limit < date.start < signatures_at and _is_signing_cue(text, date) \
                and _THIS_AGREEMENT.search(_lead(body, date, 120)):
            start, end = _clause(text, date)
            return _Hit(date.date, start, end, 0.8, date.start)
    for date in dates:
        if text.page_of(date.start) > 1:
            break
        if _ends_something(body, date) or _names_other_contract(_lead(body, date, 160)):
            continue
        start, end = _clause(text, date)
        sentence = body[start:end]
        if _PREAMBLE.search(sentence) and _THIS_AGREEMENT.search(sentence):
            return _Hit(date.date, start, end, 0.7, date.start)
    signatures = [d for d in _signature_dates(body, dates) if not _ends_something(body, d)]
    if signatures:
        latest = max(signatures, key=lambda d: d.date)
        return _Hit(latest.date, latest.start, latest.end, 0.6, latest.start, True)
    # A news release filed as the exhibit: "Bridgewater, NJ -- February 18, 1999 -- Acme
    # announced today that it has entered into an agreement ...".
    for date in dates:
        if date.start > 1500:
            break
        line_start = body.rfind("\n", 0, date.start) + 1
        if _DATELINE_BEFORE.fullmatch(body, line_start, date.start) and _DATELINE_AFTER.match(
            body, date.end
        ):
            start, end = _clause(text, date)
            if _ANNOUNCED.search(body, date.end, date.end + 400):
                return _Hit(date.date, start, end, 0.5, date.start)
    # A title page that carries only a date ("INTELLECTUAL PROPERTY AGREEMENT ... August 28, 2009").
    if dates and text.page_of(dates[0].start) == 0:
        first = dates[0]
        line_start = body.rfind("\n", 0, first.start) + 1
        line_end = body.find("\n", first.end)
        line = body[line_start : line_end if line_end >= 0 else len(body)]
        if len(line.strip()) <= first.end - first.start + 12 and not _ends_something(body, first):
            return _Hit(first.date, first.start, first.end, 0.5, first.start)
    return None


def _stated_of_this_agreement(
    text: ContractText, dates: list[DateMatch], head_limit: int
) -> DateMatch | None:
    """A later "This Amendment is entered into on DATE" in the opening pages: it says of this
    very document what a bare "dated" on a cover (a document's issue date) does not."""
    for date in dates:
        if date.start > head_limit:
            return None
        if _THIS_AGREEMENT_MADE.search(_lead(text.text, date, 160)) and _is_signing_cue(text, date):
            return date
    return None


_THIS_AGREEMENT_MADE = re.compile(
    rf"{_THIS_AGREEMENT.pattern}[^.;]{{0,100}}?\b(?:made|entered\s+into|executed|signed|dated)"
    r"[\s,]*(?:(?:on|this|the|as\s+of)[\s,]+){0,3}$",
    _I,
)


def _ends_something(body: str, date: DateMatch) -> bool:
    """The date is an end, expiry or other labelled date, so not the signing date."""
    return bool(
        _NOT_SIGNING_LEAD.search(_lead(body, date))
        or _END_LEAD.search(_lead(body, date, 60))
        or _END_CAP.search(_lead(body, date, 300))
    )


def _is_signing_cue(text: ContractText, date: DateMatch) -> bool:
    body = text.text
    lead = _lead(body, date, 160)
    after = body[date.end : date.end + 60]
    if _NOT_SIGNING_LEAD.search(lead) or _names_other_contract(lead):
        return False
    cue = _SIGNED_LEAD.search(lead)
    if cue is not None and re.match(r"as\s+of\b", cue.group(0), _I):
        # A bare "as of DATE" is a signing date only when said of this agreement ("execute
        # this Agreement as of"), not of stock, prices or inventory.
        return _THIS_AGREEMENT.search(lead[-120:]) is not None or _PREAMBLE.search(
            body, *text.sentence_around(date.start, limit=400)) is not None
    if cue is not None and not _EFFECTIVE_ONLY_CUE.match(cue.group(0)):
        return True
    if _EXECUTION_DEF_AFTER.match(after):
        return True
    if cue is None and not _EFFECTIVE_DEF_AFTER.match(after):
        return False
    # "This Agreement is effective as of DATE (the "Effective Date")" names the agreement date
    # only in the preamble that introduces the parties; in a term clause ("... and shall
    # terminate on ...") it is when the contract starts.
    start, end = text.sentence_around(date.start, limit=400)
    return bool(_PREAMBLE.search(body, start, end))


def _names_other_contract(lead: str) -> bool:
    """True when the date belongs to another document: "the Supply Agreement dated ..."."""
    if _AMENDED_LEAD.search(lead):
        return True
    cue = _SIGNED_LEAD.search(lead)
    if cue is not None and re.match(r"effective", cue.group(0), _I):
        # "The Selling Agreement effective as of December 1, 2002" dates that other contract;
        # "This Agreement, including the Exhibits, effective as of" dates this one.
        return _OTHER_CONTRACT_EFFECTIVE.search(lead[: cue.start()]) is not None
    if cue is None or not re.match(r"dated|entered|made|inngått|datert", cue.group(0), _I):
        return False
    before = lead[: cue.start()]
    if _OTHER_DOCUMENT.search(before):
        return True
    if cue.group(0).lower().startswith("datert"):
        # "Bilag 1: Vedlikeholdsprogram, datert 15. januar 2024", "tegninger datert ...": the
        # word before "datert" names what is dated, and only an agreement word is this one.
        # A title line "Avtale om renholdstjenester, datert ..." still dates this agreement.
        line = before.rsplit("\n", 1)[-1]
        dated = re.search(r"([^\W\d]+)[ \t\xa0,]*$", line)
        if dated is not None and not _DATES_THIS_ONE.fullmatch(dated.group(1)) \
                and not _AGREEMENT_TITLE.match(line):
            return True
    # "is made and entered into", and its misprint "is made an entered into": one verb.
    before = re.sub(r"\bmade\s+(?:and|an|&)\s*$", "", before, flags=_I)
    if re.search(r"\b(?:is|are|was|were|be|been|being|er|ble|blir)\s*$", before, _I):
        return False  # "... is made on": the main verb of the preamble, not a reference.
    before = re.split(r"\.\s+(?=[A-Z])|\n\s*\n", before)[-1]
    before = re.sub(r"\([^()]*\)", " ", before)
    # "This SECOND AMENDMENT TO SERVICES AGREEMENT, dated": the title's "to" is no determiner.
    before = re.sub(r"\b(?:amendment|addendum|supplement|amendment\s+no\.?\s*\d+)\s+to\b", " ",
                    before, flags=_I)
    if re.search(r"\bmeans\b|\bbetyr\b", before, _I):
        return True
    determiners = re.findall(
        r"\b(this|the|that|an|a|certain|said|such|to|under|of|with|any|denne|den|en|et)\b",
        before,
        _I,
    )
    return bool(determiners) and determiners[-1].lower() not in {"this", "denne"}


def _is_place_date_line(body: str, date: DateMatch) -> bool:
    """A signature line of its own: "Bergen, 15. februar 2024", "Oslo 01.03.2024"."""
    line_start = body.rfind("\n", 0, date.start) + 1
    line_end = body.find("\n", date.end)
    before = body[line_start : date.start]
    after = body[date.end : line_end if line_end >= 0 else len(body)]
    # Both parties' blocks side by side ("Trondheim, 21. september 2022      London, 23
    # September 2022"): each column of the line is a place-date pair of its own.
    before = _COLUMN_GAP.split(before)[-1]
    after = _COLUMN_GAP.split(after)[0]
    return bool(_PLACE.fullmatch(before)) and not after.strip(" \t\r.")


_COLUMN_GAP = re.compile(r"[ \xa0]{4,}|\t+")


def _has_place(body: str, date: DateMatch) -> bool:
    """The line names a place (or says "Date:") before the date, not just the date alone."""
    line_start = body.rfind("\n", 0, date.start) + 1
    return bool(body[line_start : date.start].strip(" \t\r\xa0"))


def _signature_dates(body: str, dates: list[DateMatch]) -> list[DateMatch]:
    """Dates next to the signatures: after "IN WITNESS WHEREOF", "/s/" or "By:" late in the text."""
    placed = [
        d for d in dates
        if d.start > len(body) // 2 and _is_place_date_line(body, d)
        and (_has_place(body, d) or _SIGNATURE_NEAR.search(
            body, max(0, d.start - 300), min(len(body), d.end + 300)))
    ]
    # A date alone on its line under an appendix heading dates the appendix (a proposal, a price
    # list), not the signatures: the signature block is then read for its dates, and the lone
    # line is used only when nothing else dates the signatures.
    in_appendix = [d for d in placed
                   if _ATTACHMENT_HEADING.search(body, max(0, d.start - 300), d.start)]
    if placed and len(in_appendix) < len(placed):
        return [d for d in placed if d not in in_appendix]
    anchor = _WITNESS.search(body, len(body) // 2)
    if anchor is None:
        anchor = _SIGNATURE_MARK.search(body, len(body) * 3 // 5)
    if anchor is not None:
        lo, hi = anchor.start(), anchor.start() + 4000
        # The signature page ends where an exhibit, schedule or appendix starts: their dates
        # (trademark registrations, a press release, a document header) are not signing dates.
        heading = _ATTACHMENT_HEADING.search(body, lo, hi)
        if heading is not None:
            hi = heading.start()
        found = [d for d in dates if lo <= d.start <= hi and _may_be_signed(body, d)]
        if found:
            return found
    # A signature block before long attachments (a supply agreement whose price lists and
    # standard terms fill the rest): the dates written right next to "/s/" signatures.
    for mark in _SIGNED_MARK.finditer(body):
        lo, hi = mark.start() - 300, mark.end() + 300
        heading = _ATTACHMENT_HEADING.search(body, mark.end(), hi)
        if heading is not None:
            hi = heading.start()
        block = [d for d in dates if lo <= d.start <= hi and _may_be_signed(body, d)]
        if block:
            return block
    return placed


def _may_be_signed(body: str, date: DateMatch) -> bool:
    return not _names_other_contract(_lead(body, date, 160)) and not _EFFECTIVE_ONLY_LEAD.search(
        _lead(body, date, 40)
    )


def _effective_date(
    text: ContractText, dates: list[DateMatch], signed: _Hit | None
) -> _Hit | None:
    body = text.text
    defined: _Hit | None = None
    stated: _Hit | None = None
    for date in dates:
        after = body[date.end : date.end + 80]
        lead = _lead(body, date)
        if _EFFECTIVE_DEF_AFTER.match(after) or re.search(
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
            start, end = _clause(text, date)
            defined = _Hit(date.date, start, end, 0.9)
            break
        cued = _EFFECTIVE_LEAD.search(lead) or _VIRKNING_LEAD.search(lead) or (
            _FROM_LEAD.search(lead) and _TO_DATE_AFTER.match(after)
        )
        if stated is None and cued and not _is_future_reference(lead) \
                and not _names_other_contract(_lead(body, date, 160)) \
                and not _recites_other_document(body, date):
            start, end = _clause(text, date)
            if TERM_WORD.search(body[start:end]):
                stated = _Hit(date.date, start, end, 0.75)
    if defined is not None:
        return defined
    if signed is not None and re.search(
        r"effective|ikraft|i\s+kraft", body[max(0, signed.at - 100) : signed.at + 100], _I
    ) and not _SIGNED_BUT_EFFECTIVE.search(body, signed.at, signed.at + 100):
        return _Hit(signed.date, signed.start, signed.end, 0.8, signed.at)
    if stated is not None:
        return stated
    if signed is not None:
        reference = _EFFECTIVE_BY_REFERENCE.search(body)
        if reference is not None:
            start, end = text.sentence_around(reference.start(), limit=400)
            return _Hit(signed.date, min(start, reference.start()), max(end, reference.end()), 0.7)
    return None


# "executed this Agreement on the 1st day of June, 2006, but effective as of the Date of
# Commencement": signed one day, in effect from another.
_SIGNED_BUT_EFFECTIVE = re.compile(r"\bbut\s+(?:shall\s+be\s+|is\s+)?effective\b", _I)


# "WHEREAS, the Fourth Supplemental MOU were effective from 5 October 1999": a recital tells
# what came before this agreement.
_RECITAL = re.compile(r"\bWHEREAS\b|\bRECITALS?\b|\bBACKGROUND\b")


def _recites_other_document(body: str, date: DateMatch) -> bool:
    lead = _lead(body, date, 400)
    recitals = list(_RECITAL.finditer(lead))
    if not recitals:
        return False
    return _THIS_AGREEMENT.search(lead, recitals[-1].end()) is None


def _is_future_reference(lead: str) -> bool:
    # "changes effective on ..." in price or notice clauses name other events' dates.
    pattern = r"\b(?:price|prices|rate|rates|notice|amendment\s+no)\b"
    return re.search(pattern, lead[-60:], _I) is not None


def _end_date(text: ContractText, dates: list[DateMatch], start: _Hit | None) -> _Hit | None:
    body = text.text
    for date in dates:
        if start is not None and date.date <= start.date:
            continue
        lead = _lead(body, date, 60)
        if not _END_LEAD.search(lead) and not _END_CAP.search(_lead(body, date, 300)):
            continue
        clause_start, clause_end = _clause(text, date)
        clause = body[clause_start : date.end + 40]
        if not re.search(
            # "This Second Amendment shall expire on": the title's words between.
            r"\b(?:terms?|this\s+(?:[\w-]+\s+){0,3}?(?:agreement|contract|amendment)"
            r"|agreement\s+(?:shall|will)"
            r"|avtalen|kontrakten|(?:avtale|kontrakts|leie)periode\w*|varighet|oppdraget"
            # "Leieforholdet ... løper i 10 år, til og med 31. januar 2035" (husleie).
            r"|leieforhold\w*|leietid\w*|leieavtalen|leiekontrakten"
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
        if _OTHER_CONTRACT_SUBJECT.search(subject) and not _THIS_AGREEMENT.search(subject):
            continue  # "The License Agreement dated ... shall remain in effect until ...".
        return _Hit(date.date, clause_start, max(clause_end, date.end), 0.75)
    return None


# "shall remain in effect until the end of the current calendar year": the end is the last day
# of the year the contract starts in.
_UNTIL_YEAR_END = re.compile(
    r"\b(?:until|through|to)\s+(?:the\s+)?end\s+of\s+(?:the\s+)?(?:current|then[\s-]current|same)"
    r"\s+calendar\s+year\b",
    _I,
)


def _calendar_year_end(text: ContractText, start: _Hit | None) -> _Hit | None:
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
        return _Hit(dt.date(start.date.year, 12, 31), clause_start, clause_end, 0.6)
    return None
