"""Parties on labelled lines: "Oppdragsgiver: X", "Customer: X", "KUNDE:\xa0X".

Forms and Norwegian standard contracts name the parties this way; it is the most trusted
source, so `extraction.parties` reads it first. The label may also stand on a line of its own
with the name on the next ("Kunde\\nVestland fylkeskommune\\norg.nr. ..."); then the name must
look like one (a legal form, an org number after it, or every word capitalised).
"""

from __future__ import annotations

import re

from extraction.parties.candidate import Candidate, name_key, role_of
from extraction.parties.words import (
    LEGAL_END,
    LEGAL_FORM,
    NOT_NAME,
    ROLE_WORDS,
    partners_name_end,
    public_body_name,
)

_SPACE = r"[ \t\xa0]"
_ROLE = (
    r"(?i:Oppdragsgiver(?:en)?|Oppdragstaker(?:en)?|Kunde(?:n)?|Leverandør(?:en)?"
    r"|Konsulent(?:en)?|Utleier(?:en)?|Leietaker(?:en)?|Lisensgiver(?:en)?|Lisenstaker(?:en)?"
    r"|Bestiller(?:en)?|Kjøper(?:en)?|Selger(?:en)?|Entreprenør(?:en)?|Transportør(?:en)?"
    r"|Customer|Supplier|Client|Contractor|Consultant|Licensor|Licensee|Buyer|Seller|Vendor"
    r"|Sponsor)"
    r"|Party\s+[A-C]|PARTY\s+[A-C]"
)
# Building and works contracts (NS 8406/8407) name a party by two roles at once:
# "Byggherre/Oppdragsgiver: X", "Entreprenør/Oppdragstaker: Y"; the last one is its role.
_LABEL = (
    rf"(?:(?i:Byggherre(?:n)?|Entreprenør(?:en)?|{_ROLE}){_SPACE}*/{_SPACE}*)?"
    rf"(?P<label>{_ROLE})"
)
# "SPONSOR:\nName: Rubio's Fresh Mexican Grill Phone: ...": a form prints the role over the
# party's fields, its name in the first.
_NAME_FIELD = rf"(?P<field>(?i:(?:company|legal|full)\s+)?Name{_SPACE}*:{_SPACE}*)"
_LABELLED = re.compile(
    rf"^{_SPACE}*{_LABEL}{_SPACE}*"
    rf"(?:(?P<colon>:){_SPACE}*|:?{_SPACE}*\r?\n{_SPACE}*{_NAME_FIELD}?(?=\S))"
    rf"(?P<name>[^\r\n]{{2,120}})",
    re.MULTILINE,
)
_SIGNER_TITLE_NEXT = re.compile(rf"{_SPACE}*\r?\n{_SPACE}*(?i:title|position){_SPACE}*:")
# A labelled name runs to the end of its line, or to its org number / alias / address.
_LABEL_NAME_END = re.compile(
    rf",(?!\s*(?:{LEGAL_FORM}|\(?[A-Z][\w ]{{0,20}}\)\s*{LEGAL_FORM}))"
    r"|\((?i:org|company|reg|EIN|the\b)"
    r"|\s+(?i:org\.?\s*(?:nr|nummer)|organisasjonsnummer|heretter|hereinafter|adresse)\b"
    r"|\s+(?i:v/|c/o\b)|;|\(\s*[\"“«]"
    # The next field of a form on the same line: "... Grill Phone: 760/602-3611".
    r"|\s+(?i:phone|tel|telephone|fax|e-?mail|address)\s*:",
)
_ORG_NUMBER_NEXT = re.compile(
    r"[^\r\n]*(?:\r?\n[ \t\xa0]*)?(?i:org\.?\s*(?:nr|nummer)|organisasjonsnummer)"
)
_CONNECTORS = frozenset({"of", "and", "&", "og", "i", "for", "the", "de", "v/"})


# "Kontaktpersoner:\nKunden: Tone Vikebø, IKT-sjef": under a heading of contacts the role
# labels name each party's contact person, not the party.
_CONTACTS_HEADING = re.compile(
    # "7 KONTAKTPERSONER", "7.2 Kontaktpersoner": the heading may carry its clause number.
    r"^[ \t\xa0]*(?:\d{1,2}(?:\.\d{1,2})*\.?[ \t\xa0]+)?"
    r"(?i:kontaktpersoner|kontaktperson|kontakter|kontaktinformasjon|contacts"
    r"|contact\s+persons?|representanter|prosjektledere)[ \t\xa0]*:?[ \t\xa0]*$", re.MULTILINE)


def _under_contacts_heading(body: str, at: int) -> bool:
    block_start = body.rfind("\n\n", 0, at)
    if _CONTACTS_HEADING.search(body, max(0, block_start), at) is not None:
        return True
    # "7 KONTAKTPERSONER\n\nKunden: ...": a numbered heading stands apart, a blank line above
    # the block it heads.
    if block_start <= 0:
        return False
    heading_start = body.rfind("\n", 0, block_start) + 1
    return _CONTACTS_HEADING.fullmatch(body, heading_start, block_start) is not None


# "Oppdragsgiver: Avdelingsleder drift Kari Nygård, tlf. 481 22 930": a job title before the
# name, or a phone or e-mail after it, makes the labelled value the party's contact person.
_JOB_TITLE = re.compile(
    r"^(?i:daglig\s+leder|[\wæøå-]*(?:leder|sjef|direktør|ansvarlig|rådgiver|koordinator"
    r"|verge|sekretær|forvalter|controller|konsulent))(?![\wæøå])"
)
_CONTACT_DETAILS = re.compile(
    r"^[^\r\n]*?(?:(?i:\btlf\b|\btelefon|\bmobil|\be-?post|\be-?mail)|@|\+47)"
)


def _contact_person(name: str, rest_of_line: str) -> bool:
    if LEGAL_END.search(name):
        return False
    if _JOB_TITLE.match(name) and len(name.split()) >= 2:
        return True
    words = name.split()
    # A person's name is two to four capitalised words; "Sørvik kirkelige fellesråd" is not.
    person_like = 2 <= len(words) <= 4 and all(w[0].isupper() for w in words)
    return person_like and _CONTACT_DETAILS.match(rest_of_line) is not None


def _labelled_name_end(raw: str) -> int:
    stop = _LABEL_NAME_END.search(raw)
    if stop is None:
        return len(raw)
    if stop.group(0) == ",":
        return partners_name_end(raw, stop.start(), raw[: stop.start()]) or stop.start()
    return stop.start()


def labelled_names(body: str) -> list[Candidate]:
    found: list[Candidate] = []
    for m in _LABELLED.finditer(body[:8000]):
        if _under_contacts_heading(body, m.start()):
            continue
        raw = m.group("name").replace("\xa0", " ")
        name = raw[: _labelled_name_end(raw)]
        name = re.sub(r"\s*\([^()]*\)\s*$", "", name).strip(" \t.:,")  # "X (seal)"
        at = raw.find(name)
        if raw[at + len(name) : at + len(name) + 1] == "." and LEGAL_END.search(name + "."):
            name += "."  # "Acme Co., Ltd."
        if not name or not name[0].isupper() or len(name.split()) > 10 or NOT_NAME.search(name):
            continue
        if m.group("field") and _SIGNER_TITLE_NEXT.match(body, m.end()):
            continue  # "LICENSOR:\nName: Ann Lee\nTitle: President": who signs, not the party
        labelled = m.group("colon") or m.group("field")
        if not labelled and not _named_on_its_own_line(name, body, m.start("name")):
            continue
        if _contact_person(name, raw[at + len(name):]):
            continue
        if name_key(name) in {name_key(c.name) for c in found}:
            continue  # the same label again on the signature page
        role = ROLE_WORDS.get(m.group("label").lower())
        start = m.start("name") + raw.index(name)
        found.append(Candidate(name, start, start + len(name), role, confidence=0.85))
    return found


# A party's block under a label of any wording, its registration on the next line:
# "Eier av anlegget:\nSameiet Kjelsåsveien 112\nOrg. nr. 921 867 263",
# "Serviceleverandør:\nLøft Heisservice AS\nNO 928 487 822 MVA".
_BLOCK_UNDER_LABEL = re.compile(
    rf"^{_SPACE}*(?P<label>[A-ZÆØÅ][\wæøåÆØÅ-]*(?:{_SPACE}+[\wæøåÆØÅ-]+){{0,3}}){_SPACE}*:{_SPACE}*\r?\n"
    rf"{_SPACE}*(?P<name>[A-ZÆØÅ][^\r\n:]{{1,80}}?){_SPACE}*\r?\n{_SPACE}*"
    r"(?=(?i:org\.?\s*(?:nr|nummer)|organisasjonsnummer|foretaksregisteret|NO\s*\d{3}\s*\d{3}"
    r"\s*\d{3}\s*MVA))",
    re.MULTILINE,
)


def block_names(body: str) -> list[Candidate]:
    """Parties laid out as blocks under labels the role list does not know."""
    found: list[Candidate] = []
    for m in _BLOCK_UNDER_LABEL.finditer(body[:8000]):
        name = m.group("name").strip(" \t.,")
        if len(name.split()) > 8 or NOT_NAME.search(name) or NOT_NAME.search(m.group("label")):
            continue
        label = m.group("label")
        # Norwegian compounds end in their role: "Serviceleverandør" is a supplier.
        last = label.split()[-1].lower()
        role = role_of(label) or next(
            (r for word, r in ROLE_WORDS.items() if r and " " not in word and last.endswith(word)),
            None,
        )
        found.append(Candidate(name, m.start("name"), m.start("name") + len(name), role,
                               confidence=0.8))
    return found


def _named_on_its_own_line(name: str, body: str, pos: int) -> bool:
    """Under a label without colon, a name: "Fjordkode AS", "Vestland fylkeskommune" with its
    org number after it, "Acme Widgets"; not a sentence ("The Customer shall pay")."""
    if LEGAL_END.search(name) or _ORG_NUMBER_NEXT.match(body, pos) or public_body_name(name):
        return True
    words = name.split()
    return 1 < len(words) <= 6 and all(w[0].isupper() or w in _CONNECTORS for w in words)
