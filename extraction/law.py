"""Governing law and venue: which jurisdiction's law applies and which court hears disputes.

The governing-law clause is found by its verbs ("governed by", "construed in accordance with",
"reguleres av") next to "law(s) of X" or "X law"; a clause saying where a party is organised
("a corporation organized under the laws of Delaware") is not a choice of law and is skipped.
The jurisdiction is reported as written, without "the State of" ("Delaware", "England and
Wales", "People's Republic of China"); Norwegian "norsk rett" becomes "Norway".
"""

from __future__ import annotations

import re
from typing import Any

from extraction.model import Finding, Language
from extraction.quick_start import quick_start
from extraction.text import ContractText

_I = re.IGNORECASE

_GOVERNING_VERB = quick_start(re.compile(
    r"\b(?:govern(?:ed|s|ing)?|constru(?:ed|e)|interpret(?:ed)?|enforced|controlled"
    r"|subject\s+to|determined|resolved|applies|apply|applicable|regulated)\b",
    _I,
))
_NOT_CHOICE = re.compile(
    r"\b(?:organi[sz]ed|incorporated|existing|formed|registered|chartered|established)"
    r"\s+(?:and\s+existing\s+)?under\b[^.;]{0,25}$",
    _I,
)
# "laws of the State of New York", "law of England", "Laws of the Province of Ontario"
_PLACE_WORDS = r"[A-Z][\w'’.-]*(?:\s+(?:and\s+|of\s+)?[A-Z][\w'’.-]*){0,4}"
_LAWS_OF = re.compile(
    r"\b(?i:(?:substantive\s+|internal\s+|domestic\s+)?(?:laws?|regulations)(?:\s+and\s+decisions)?"
    r"(?:,[^,]{0,40},)?\s+(?:in\s+force\s+)?(?:of|in)\s+(?:the\s+)?)"
    r"(?P<place>(?i:(?:State|Commonwealth|Province|Republic|Kingdom|Federal\s+Republic|"
    r"People['’]s\s+Republic|Grand\s+Duchy)\s+of\s+(?:the\s+)?)?" + _PLACE_WORDS + ")"
)
# "governed by the laws of the United States and of the Commonwealth of Pennsylvania",
# "made in the State of California and governed by the laws thereof"
_STATE_OF = re.compile(
    r"\b(?i:State|Commonwealth|Province)\s+(?i:of)\s+(?P<place>" + _PLACE_WORDS + ")"
)
# "English law", "New York law", "PRC Laws", "Singapore law"
_PLACE_LAW = re.compile(
    r"\b(?:by|under|to|with)\s+(?:the\s+)?(?P<place>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})"
    r"\s+(?i:substantive\s+)?(?i:laws?)\b"
)
_NORWEGIAN_LAW = re.compile(
    r"\b(?P<place>norsk|norske|svensk|svenske|dansk|danske|engelsk|engelske)\s+(?:rett|lov|lover"
    r"|lovgivning)\b",
    _I,
)
# In every _NORWEGIAN_LAW match; English contracts have none, and the word alone is found
# several times faster than the pattern is tried at every position (so for "tingrett").
_NORWEGIAN_LAW_WORD = re.compile(r"norsk|svensk|dansk|engelsk", _I)
_NORWEGIAN_VERB = re.compile(
    r"\b(?:regulere[sr]?|underlagt|bestemme[sr]|gjelder|følger|avgjøres|anvendes|lovvalg"
    r"|tolkes|etter)\b",
    _I,
)
_NORWEGIAN_PLACES = {
    "norsk": "Norway", "norske": "Norway", "svensk": "Sweden", "svenske": "Sweden",
    "dansk": "Denmark", "danske": "Denmark", "engelsk": "England", "engelske": "England",
}
_ADJECTIVE_PLACES = {
    "english": "England", "prc": "People's Republic of China", "chinese": "China",
    "german": "Germany", "french": "France", "swiss": "Switzerland", "swedish": "Sweden",
    "norwegian": "Norway", "danish": "Denmark", "dutch": "Netherlands", "japanese": "Japan",
    "israeli": "Israel", "irish": "Ireland", "scottish": "Scotland", "spanish": "Spain",
    "italian": "Italy", "canadian": "Canada", "singapore": "Singapore", "delaware": "Delaware",
    "new york": "New York", "california": "California", "hong kong": "Hong Kong",
    "texas": "Texas", "ontario": "Ontario", "korean": "Korea", "indian": "India",
}
_STRIP_PREFIX = re.compile(
    r"^(?:the\s+)?(?:State|Commonwealth|Province|Grand\s+Duchy|(?:Federal\s+)?Republic)"
    r"\s+of\s+(?:the\s+)?",
    _I,
)
# Words after a place name that are not part of it.
_PLACE_END = re.compile(
    r"\s+(?:and\s+(?:the\s+)?(?:United|U\.?S|federal|applicable)|without|excluding|except"
    r"|applicable|notwithstanding|as\s|in\s|which|that|shall|will|regardless|irrespective"
    r"|including|other|USA|U\.S\.A|United\s+States|with|to\s|for\s|by\s).*$",
    _I | re.S,
)
_NOT_PLACE = re.compile(
    r"^(?:this|such|any|all|each|that|the|said|its|their|applicable|jurisdiction|country"
    r"|state|party|parties|seller|buyer|licensor|licensee|company|united\s+states|territory"
    r"|united\s+states\s+of\s+america|u\.?s\.?a?\.?|conflicts?|choice|[\[*])",
    _I,
)


def _split(words: str) -> list[str]:
    return words.split()


# Jurisdictions a governing-law clause names (lower case); also used to tell places from names.
KNOWN_PLACES = frozenset(
    _split(
        """
        alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
        hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland
        massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio
        oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin
        wyoming ontario quebec alberta manitoba saskatchewan norway sweden denmark finland
        iceland germany france spain italy portugal netherlands belgium luxembourg switzerland
        austria ireland israel japan china taiwan singapore korea india australia canada mexico
        brazil colombia argentina chile scotland england wales cyprus greece poland russia
        bermuda"""
    )
) | {
    "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota",
    "rhode island", "south carolina", "south dakota", "west virginia", "district of columbia",
    "england and wales", "hong kong", "people's republic of china", "papua new guinea",
    "new zealand", "british columbia", "nova scotia", "united kingdom", "the netherlands",
    "british virgin islands", "cayman islands",
}

_COURT = quick_start(re.compile(
    r"(?P<court>(?:(?:state|federal|provincial)\s+(?:and|or)\s+(?:state|federal)\s+)?"
    r"courts?\s+(?:(?:located|sitting|situated)\s+)?(?:in|of|for|at)\s+(?:the\s+)?"
    r"(?P<place>[A-Z][\w'’.-]*(?:(?:\s+|,\s*|\s+and\s+|\s+of\s+(?:the\s+)?)[A-Z][\w'’.-]*){0,6}))"
))
_COURT_CONTEXT = re.compile(
    r"\b(?:jurisdiction|venue|brought|submit|litigated|exclusive|disputes?|actions?"
    r"|proceedings?)\b",
    _I,
)
_TINGRETT = re.compile(
    r"(?P<court>(?:[A-ZÆØÅ][\wæøåÆØÅ-]*\s+(?:og\s+)?)+(?:tingrett|lagmannsrett))"
)
_CAPITAL_STOP = re.compile(
    r"^(?:Tvister|Avtalen|Partene|Saken|Verneting|Eventuelle|Med|Ved|For|Den|Det|Som|Hver"
    r"|Fører|Dersom|I|Og)\s+"
)


def extract_law(text: ContractText, language: Language) -> dict[str, Finding[Any]]:
    found: dict[str, Finding[Any]] = {}
    law = _governing_law(text)
    if law is not None:
        found["governing_law"] = law
    venue = _venue(text)
    if venue is not None:
        found["venue"] = venue
    return found


def _governing_law(text: ContractText) -> Finding[str] | None:
    body = text.text
    best: tuple[float, int, int, str] | None = None
    for pattern in (_LAWS_OF, _PLACE_LAW, _STATE_OF):
        for m in pattern.finditer(body):
            place = _clean_place(m.group("place"), adjective=pattern is _PLACE_LAW)
            if place is None:
                continue
            before = body[max(0, m.start() - 250) : m.start()]
            if _NOT_CHOICE.search(before):
                continue
            sentence = before[max(before.rfind(". "), before.rfind(";"), 0) :]
            if not _GOVERNING_VERB.search(sentence) and not _GOVERNING_VERB.search(
                body[m.end() : m.end() + 40]
            ):
                continue
            if pattern is _STATE_OF and not re.search(
                r"\blaws?\b", sentence + body[m.end() : m.end() + 150], _I
            ):
                continue
            score = 0.9 if re.search(r"\bgovern", sentence, _I) else 0.75
            if pattern is _STATE_OF:
                score -= 0.3
            if re.search(r"governing\s+law|applicable\s+law|choice\s+of\s+law", before, _I):
                score += 0.05
            score += 0.1 if place.lower().replace("’", "'") in KNOWN_PLACES else -0.1
            if "regulation" in m.group(0).lower():
                score -= 0.1
            if best is None or score > best[0]:
                best = (score, m.start("place"), m.end("place"), place)
    norwegian = _NORWEGIAN_LAW.finditer(body) if _NORWEGIAN_LAW_WORD.search(body) else ()
    for m in norwegian:
        window = body[max(0, m.start() - 120) : m.end() + 40]
        if _NORWEGIAN_VERB.search(window):
            place = _NORWEGIAN_PLACES[m.group("place").lower()]
            if best is None or best[0] < 0.9:
                best = (0.9, m.start(), m.end(), place)
            break
    if best is None:
        return None
    score, start, _, place = best
    lo, hi = text.sentence_around(start)
    return Finding(value=place, confidence=min(score, 1.0), evidence=[text.evidence(lo, hi)])


def _clean_place(raw: str, adjective: bool = False) -> str | None:
    place = re.sub(r"\s+", " ", raw).strip()
    place = re.split(r"(?<=[a-z]{2})\.\s", place)[0]
    place = _PLACE_END.sub("", place)
    place = place.rstrip(".,;:'’ ")
    if adjective:
        key = place.lower()
        if key in _ADJECTIVE_PLACES:
            return _ADJECTIVE_PLACES[key]
        words = key.split()
        if words and words[-1] in _ADJECTIVE_PLACES:
            return _ADJECTIVE_PLACES[words[-1]]
        return None
    place = _STRIP_PREFIX.sub("", place)
    if re.fullmatch(r"PRC|P\.R\.C", place, _I):
        place = "People's Republic of China"
    if not place or _NOT_PLACE.match(place) or len(place) < 3:
        return None
    if place.isupper() and len(place) > 4:
        place = " ".join(
            w if w.lower() in ("and", "of", "the") else w.capitalize()
            for w in place.lower().split()
        )
    return place


def _venue(text: ContractText) -> Finding[str] | None:
    body = text.text
    courts = _TINGRETT.finditer(body) if "tingrett" in body or "lagmannsrett" in body else ()
    for m in courts:
        court = m.group("court")
        while _CAPITAL_STOP.match(court):
            court = _CAPITAL_STOP.sub("", court, count=1)
        start = m.end("court") - len(court)
        return Finding(
            value=re.sub(r"\s+", " ", court),
            confidence=0.85,
            evidence=[text.evidence(start, m.end())],
        )
    for m in _COURT.finditer(body):
        context = body[max(0, m.start() - 200) : m.end() + 100]
        if not _COURT_CONTEXT.search(context):
            continue
        place = re.split(r"(?<=[a-z]{2})\.\s", m.group("place"))[0]
        place = _PLACE_END.sub("", place).rstrip(".,;:'’ ")
        if not place or _NOT_PLACE.match(place):
            continue
        court = m.group("court")[: m.start("place") - m.start("court")] + place
        return Finding(
            value=re.sub(r"\s+", " ", court),
            confidence=0.7,
            evidence=[text.evidence(m.start("court"), m.start("court") + len(court))],
        )
    return None
