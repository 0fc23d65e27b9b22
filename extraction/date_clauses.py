"""What the words around a date say of it, for the signing, effective and end date rules.

The three rules share these readings: whether a date belongs to another document ("the Supply
Agreement dated ..."), the clause a date sits in, and the cues that end a term.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from extraction.dates_parse import DateMatch
from extraction.text import ContractText

_I = re.IGNORECASE

# Words right before a date that say the contract was made/signed then.
SIGNED_LEAD = re.compile(
    r"(?:\bdated|\bmade(?:\s+in\s+\w+)?|\bentered(?:\s+into)?|\bexecuted|\bconcluded|\bsigned"
    r"|\beffective|\bas\s+of|\bdate[d]?\s*:|\binngått|\bdatert|\bundertegnet|\bsignert|\bdato\s*:"
    # "Sted og dato: Hamar, 2023-03-01": the place between the label and the date.
    r"|\b(?:sted\s+og\s+dato|sted/dato)\s*:(?:[ \t\xa0]*(?-i:[A-ZÆØÅ][\w.æøå-]*)"
    r"(?:[ \t\xa0/](?-i:[A-ZÆØÅ][\w.æøå-]*))?[ \t\xa0]*,)?"
    # A cover line "Date Bogota D.C. January 30, 2012": the place between label and date.
    r"|(?<![^\n])[ \t\xa0]*(?:date|dated|dato)[ \t\xa0]*:?[ \t\xa0]+"
    r"(?-i:[A-ZÆØÅ][\w.æøå-]*[ \t\xa0,]+){1,4})"
    r"[\s,]*(?:(?:and\s+effective|as\s+of|as\s+from|on|this|the|from|for\s+reference|den"
    r"|on\s+(?:its|their|his|her)\s+behalf)[\s,]+){0,4}$",
    _I,
)
THIS_AGREEMENT = re.compile(
    r"(?<![a-zæøå])(?:this|the\s+present|denne)\s+(?:[\w-]+\s+){0,6}?"
    r"(?:agreement|contract|amendment|addendum|avtale\w*|kontrakt\w*)\b",
    _I,
)
_AMENDED_LEAD = re.compile(r"\b(?:as\s+amended|amended)\b[^.]{0,30}$", _I)
# Norwegian names the document a date belongs to without a determiner: "tidligere
# korrespondanse og tilbud, herunder tilbud datert 12. august 2022", "jf. brev datert ...".
_OTHER_DOCUMENT = re.compile(
    r"\b(?:tilbud\w*|brev\w*|e-post\w*|bestilling\w*|ordrebekreftelse\w*|protokoll\w*"
    # "Leverandørens tilbud er datert 20. oktober": the document the subject of the verb.
    r"|referat\w*|forespørsel\w*|konkurransegrunnlag\w*)[\s,]*(?:(?:er|ble|var)\s+)?$",
    _I,
)
# "Vedlegg 1   Tegning parkeringskjeller U1, datert 05.01.2026", "Appendix 4  Supplier's offer
# dated 16 February 2026": an item of the attachment list dates that attachment. A filing's
# "Exhibit 10.1 Supply Agreement dated ..." heads the agreement itself, so an agreement word
# on the line keeps the date this one's.
_DATES_AN_ATTACHMENT = re.compile(
    r"[ \t\xa0]*(?:[-–•*][ \t\xa0]*)?(?:vedlegg|bilag|appendix|annex|exhibit|schedule|attachment)"
    r"[ \t\xa0]+(?:nr\.?[ \t\xa0]*)?[A-Z0-9]{1,4}\b(?![.\d])"
    r"(?![^\n]*\b(?:agreement|contract|amendment|\w*avtale\w*|\w*kontrakt\w*)\b)",
    _I,
)
_DATES_THIS_ONE = re.compile(
    r"\w*(?:avtale|kontrakt)\w*|er|ble|blir|denne|dette|og|den|som", _I
)
_AGREEMENT_TITLE = re.compile(r"[ \t\xa0]*(?:denne\s+)?\w*(?:avtale|kontrakt)\w*\b", _I)
WITNESS = re.compile(r"in\s+witness\s+whereof|signatures?\s+page|\bunderskrift", _I)

EFFECTIVE_DEF_AFTER = re.compile(
    r"^[\s,]*(?:\(|,)?\s*(?:hereinafter\s+(?:referred\s+to\s+as\s+)?|the\s+)?[\"“”'‘]*\s*"
    r"(?:effective\s+date|commencement\s+date|ikrafttredelsesdato|virkningsdato)",
    _I,
)
END_LEAD = re.compile(
    r"(?:\b(?:expire|expires|expiring|terminate|terminates|end|ends|ending|extended|conclud\w*)"
    r"(?:\s+\w+){0,4}?\s+(?:on|at|as\s+of|upon)?"
    # "consummated on or prior to June 30, 2007" sets a deadline, not the end of the term.
    r"|\b(?:until|through|thru|(?<!prior\s)to)(?:\s+and\s+including)?"
    r"|\b(?:termination|expiration|expiry)\s+date\s*:?"
    r"|\bgjelder\s+(?:til|frem\s+til|fram\s+til|til\s+og\s+med|t\.o\.m\.?)(?:\s+den)?"
    r"|\b(?:utløper|opphører|varer|løper)(?:\s+\w+){0,2}?\s+(?:den|til|til\s+og\s+med)?"
    # "avtalen utløper ved slutten av sesongen 2027/2028, den 15. april 2028": the end named,
    # then restated as a date after a comma.
    r"|\b(?:utløper|opphører)\s+(?:ved|med|etter)\s+(?:utgangen|slutten|avslutningen)\s+av"
    r"[^.;,\n]{1,60},\s*den"
    r"|\b(?:avsluttet|avsluttes|ferdigstilt|ferdig)\s+(?:innen|senest|den)"
    r"|\btil\s+og\s+med|\bt\.o\.m\.?|\s[-–]\s?"
    # "Levering er avtalt til 15/3-2022", "oppstart satt til": a day set for something.
    r"|\b(?<!avtalt\s)(?<!satt\s)(?<!berammet\s)(?<!planlagt\s)til"
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
END_CAP = re.compile(
    r"\b(?:terminat\w*|expir\w*|end|ends|continue\w*|term)\b[^.;]{0,200}?"
    r"\b(?:in\s+no\s+event|but\s+(?:in\s+any\s+event\s+)?not)\s+later\s+than[\s,]*(?:the\s+)?$"
    r"|\b(?:utløper|opphører|gjelder|løper|varer|avslutt\w*)\b[^.;]{0,200}?"
    r"\b(?:men\s+)?(?:i\s+alle\s+tilfeller\s+)?ikke\s+(?:senere|lenger)\s+enn\s+(?:til\s+)?(?:den\s+)?$",
    _I,
)
# The subject of an end-date clause is another contract: "The License Agreement dated ...",
# "the original Swisscom PURCHASE & LICENSE CONTRACT, made effective on": that contract's date.
_OTHER_CONTRACT_EFFECTIVE = re.compile(
    r"\b(?i:the|that|said|such|certain|an?)\s+(?:(?:(?i:original|existing|prior|certain)|[A-Z][\w&-]*|&)\s+)"
    r"{1,5}(?i:agreement|contract|lease|license|licence)[\s,]*(?i:(?:which\s+was\s+)?made\s+)?$"
)


@dataclass(frozen=True)
class DateHit:
    date: dt.date
    start: int
    end: int
    confidence: float
    at: int = 0  # where the date itself is written
    beside_signatures: bool = False  # read off the signature block, not stated before it



def lead_before(text: str, date: DateMatch, width: int = 80) -> str:
    return text[max(0, date.start - width) : date.start]


def clause_around(text: ContractText, date: DateMatch) -> tuple[int, int]:
    start, end = text.sentence_around(date.start, limit=400)
    return min(start, date.start), max(end, date.end)


def names_other_contract(lead: str) -> bool:
    """True when the date belongs to another document: "the Supply Agreement dated ..."."""
    if _AMENDED_LEAD.search(lead):
        return True
    cue = SIGNED_LEAD.search(lead)
    if cue is not None and re.match(r"effective", cue.group(0), _I):
        # "The Selling Agreement effective as of December 1, 2002" dates that other contract;
        # "This Agreement, including the Exhibits, effective as of" dates this one.
        return _OTHER_CONTRACT_EFFECTIVE.search(lead[: cue.start()]) is not None
    if cue is None or not re.match(r"dated|entered|made|inngått|datert", cue.group(0), _I):
        return False
    before = lead[: cue.start()]
    if _OTHER_DOCUMENT.search(before) or _DATES_AN_ATTACHMENT.match(before.rsplit("\n", 1)[-1]):
        return True
    if cue.group(0).lower().startswith("datert"):
        # "Bilag 1: Vedlikeholdsprogram, datert 15. januar 2024", "tegninger datert ...": the
        # word before "datert" names what is dated, and only an agreement word is this one.
        # A title line "Avtale om renholdstjenester, datert ..." still dates this agreement.
        line = before.rsplit("\n", 1)[-1]
        # "Bilag 1 Kundens kravspesifikasjon (datert ...)": the bracket opens the date's note.
        dated = re.search(r"([^\W\d]+)[ \t\xa0,(]*$", line)
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
