"""Parties on labelled lines: "Oppdragsgiver: X", "Customer: X".

Forms and Norwegian standard contracts name the parties this way; it is the most trusted
source, so `extraction.parties` reads it first.
"""

from __future__ import annotations

import re

from extraction.party_candidate import Candidate
from extraction.party_words import LEGAL_FORM, NOT_NAME, ROLE_WORDS

_LABELLED = re.compile(
    r"^[ \t]*(?P<label>Oppdragsgiver(?:en)?|Oppdragstaker(?:en)?|Kunde(?:n)?|Leverandør(?:en)?"
    r"|Konsulent(?:en)?|Utleier|Leietaker|Lisensgiver|Lisenstaker|Bestiller|Kjøper|Selger"
    r"|Customer|Supplier|Client|Contractor|Consultant|Licensor|Licensee|Buyer|Seller|Vendor"
    r"|Party\s+[A-C])"
    r"[ \t]*:[ \t]*(?P<name>[^\n]{2,120})",
    re.MULTILINE,
)
# A labelled name runs to the end of its line, or to its org number / alias / address.
_LABEL_NAME_END = re.compile(
    rf",\s*(?!{LEGAL_FORM}|\(?[A-Z][\w ]{{0,20}}\)\s*{LEGAL_FORM})|\((?i:org|company|reg|EIN|the\b)"
    r"|\s+(?i:org\.?\s*(?:nr|nummer)|organisasjonsnummer|heretter|hereinafter|v/|adresse)\b"
    r"|;|\(\s*[\"“]",
)


def labelled_names(body: str) -> list[Candidate]:
    found: list[Candidate] = []
    for m in _LABELLED.finditer(body[:8000]):
        raw = m.group("name")
        name = _LABEL_NAME_END.split(raw, maxsplit=1)[0].strip(" .:,")
        if not name or not name[0].isupper() or len(name.split()) > 10 or NOT_NAME.search(name):
            continue
        role = ROLE_WORDS.get(m.group("label").lower())
        start = m.start("name")
        found.append(Candidate(name, start, start + len(name), role, confidence=0.85))
    return found
