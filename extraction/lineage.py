"""Whether a document amends, renews or is an appendix to another contract, from how it names
itself at the top: "Amendment No. 2 to the Services Agreement dated March 1, 2020",
"Second Amendment to ...", "Tillegg nr. 2 til rammeavtale datert 1. mars 2020",
"Vedlegg 3 til avtalen ...", "Endringsavtale ...".

Only the opening of the first page is read: a contract's body speaks of "any amendment to
this Agreement" without being one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from extraction.dates_parse import DATE, parse_date
from extraction.model import Language

Relation = Literal["amendment", "appendix", "renewal"]
# The heading and first paragraph; the body's cross-references come later.
HEAD_CHARS = 1200
# A document names itself in its title, near the top or as a heading in capitals (below a
# filing legend), or as "This Amendment ..." in its opening sentence; "any amendment to
# this Agreement" or a recital naming another contract's amendment is the body speaking.
TITLE_CHARS = 250

_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "første": 1, "andre": 2, "tredje": 3, "fjerde": 4,
    "femte": 5,
}
_ORDINAL = r"(?P<ordinal>" + "|".join(_ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th|\.)?)"
_NUMBER = r"(?:(?:no\.?|number|nr\.?|#)\s*)?(?P<number>\d{1,3})\b"
# "... Agreement dated March 1, 2020", "... rammeavtalen datert 1. mars 2020"; not "dated and
# effective as of", which dates the amendment itself.
_PARENT_DATE = re.compile(
    rf"(?:agreement|contract|avtale\w*|kontrakt\w*)(?:\s*,?\s*(?:of|av)|[^;()]{{0,60}}?"
    rf"\b(?:dated|datert))\s+(?:as\s+of\s+)?(?P<date>{DATE})", re.IGNORECASE)
_PARENT_DATE_REACH = 400
_OPENING = re.compile(r"\b(?:this|dette|denne)\s+$", re.IGNORECASE)
_SELF = re.compile(r"\b(?:this|denne|dette)\b", re.IGNORECASE)
# What the document is: English and Norwegian words, to a relation.
_KINDS: tuple[tuple[str, Relation], ...] = (
    (r"amendment|addendum|amending\s+agreement|endringsavtale|tilleggsavtale|tillegg"
     r"|endring", "amendment"),
    (r"renewal|extension|fornyelse|forlengelse", "renewal"),
    (r"appendix|annex|vedlegg|bilag", "appendix"),
)
_TARGET = r"(?:to|til|of|av)\s+(?:the\s+|that\s+certain\s+)?(?P<target>[^\n.]{0,120}?)"
_TARGET_END = r"(?:agreement|contract|avtale(?:n)?|kontrakt(?:en)?)\b"


@dataclass(frozen=True)
class Lineage:
    relation: Relation
    number: int | None  # "No. 2", "Second", "Tillegg nr. 2"
    # The date of the contract it belongs to, as it names it ("... dated March 1, 2020").
    parent_date: dt.date | None
    quote: str  # the words it was read from


def lineage_of(first_page: str, language: Language = "en") -> Lineage | None:
    head = " ".join(first_page[:HEAD_CHARS].split())
    for words, relation in _KINDS:
        pattern = re.compile(
            rf"(?:\b{_ORDINAL}\s+)?\b(?:{words})\b\.?\s*(?:{_NUMBER}\s*)?"
            rf"(?:\([^)]{{0,40}}\)\s*)?{_TARGET}(?:{_TARGET_END})",
            re.IGNORECASE,
        )
        for match in pattern.finditer(head):
            if _names_itself(head, match):
                dated = _PARENT_DATE.search(head, match.start(),
                                            match.end() + _PARENT_DATE_REACH)
                return Lineage(
                    relation=relation,
                    number=_number(match.group("number"), match.group("ordinal")),
                    parent_date=parse_date(dated.group("date"), language) if dated else None,
                    quote=match.group(0).strip(),
                )
    return None


def _names_itself(head: str, match: re.Match[str]) -> bool:
    if _SELF.search(match.group("target")):
        return False  # "amendment to this Agreement": the body about itself
    heading = match.group(0).upper() == match.group(0)
    return (match.start() < TITLE_CHARS or heading
            or bool(_OPENING.search(head[: match.start()])))


def _number(number: str | None, ordinal: str | None) -> int | None:
    if number:
        return int(number)
    if ordinal:
        word = ordinal.lower().rstrip(".")
        if word in _ORDINALS:
            return _ORDINALS[word]
        digits = re.match(r"\d+", word)
        return int(digits.group(0)) if digits else None
    return None
