"""Whether a run of capitalised words is a party's name, and where the name starts and ends.

The readers find runs of capitalised words; this module cuts a run into names (`split_run`),
trims what a run picked up before a name (`trim_front`) and accepts a name only when something
marks it as a party (`accept_name`): a legal form, a defined-term alias after it, a description
or an address. Defined terms are never names themselves.
"""

from __future__ import annotations

import re

from extraction.law import KNOWN_PLACES
from extraction.parties.candidate import Candidate, name_key, role_of
from extraction.parties.words import (
    LEGAL_END,
    LEGAL_FORM,
    LEGAL_FORM_FIRST,
    LEGAL_WORD,
    NOT_NAME,
    NOT_PARTY_WORDS,
    ROLE_WORDS,
    STOP_FIRST,
    public_body_name,
)

_I = re.IGNORECASE

_ROLE_PAREN = re.compile(r"^\s*,?\s*\(\s*(?P<alias>[A-Z][A-Za-z]+)\s*\)")
# What marks the words before it as a party: a defined-term alias ('("Licensee")') ...
ALIAS_AFTER = re.compile(
    r"^(?:\s+of\s+[^()\n]{1,80}?)?\s*,?\s*\(\s*(?:(?:collectively\s+)?(?:with\s+[^)]{0,60})?"
    r"(?:hereinafter|herein|hereafter|jointly|together|individually|each)?[^\"“”)]{0,40})?"
    r"(?:the\s+)?[\"“”'‘]\s*(?P<alias>[^\"“”'’]{1,60})"
    r"[\"“”'’]",
    _I,
)
_HERETTER = re.compile(
    r"^[\s,]*(?:\(\s*)?(?:heretter|heretter\s+kalt|heretter\s+omtalt\s+som|heretter\s+benevnt"
    r"|hereinafter\s+(?:referred\s+to\s+as|called))\s*(?:kalt\s+)?[\"“«']?"
    r"(?P<alias>[A-ZÆØÅ][\wæøå]+)",
    _I,
)
# ... or a description (", a Delaware corporation", ", an individual") or a registration.
DESCRIPTION_AFTER = re.compile(
    r"^\s*(?:,\s*|\s+)(?:(?:(?:a|an)\s+)?(?:[\w\-]+(?:\.[\w\-]+)*\s+){0,5}?"
    r"(?:corporation|company|limited|partnership"
    r"|individual|entity|organi[sz]ation|association|bank|trust|society|cooperative|venture"
    r"|firm|agency|authority|institution|university|GmbH|AG|S\.A|plc|subsidiary|division"
    r"|charitable|non-profit|nonprofit|not-for-profit|public|private|sole|trustee|individually"
    # Whole words: "under the Credit Agreement" does not end in "AG".
    r"|banking)s?\b"
    r"|with\s+(?:its|a|an|their)\s+(?:principal|registered|head|main|offices?|place|address)"
    r"|with\s+(?:principal\s+)?offices|having\s+(?:its|a|an|their)|located\s+at|whose"
    r"|residing|domiciled|an\s+individual|incorporated|organi[sz]ed|registered|duly"
    r"|existing|acting|represented|of\s+\d|org\.?\s*nr|organisasjonsnummer|company\s+number"
    r"|\(org|\(company|\(registration|\(EIN|registration\s+n|EIN\b|doing\s+business|d/b/a"
    r"|f/k/a|for\s+services\s+of|agent\s+for|on\s+behalf\s+of)",
    _I,
)
_DIGIT_NAME_WORD = re.compile(r"\S*\d\S*\s+")
_BOUNDARY_BEFORE = re.compile(
    # '("Ashworth"), JAMES W. NANTZ III': after a party's defined term, the next party.
    r"(?:^|\b(?:between|among|and|og|mellom)|[;:]|\(\s*[a-zA-Z0-9]{1,4}\s*\)|[\"”’']\s*\)\s*,"
    # "X, a Maryland corporation, together with Y, L.P., a Delaware limited partnership".
    r"|\btogether\s+with"
    # "The Company ... hereby confirms its agreement with Acme Securities, Inc. (the "Agent")":
    # an engagement letter names its other party after the one that writes it.
    r"|\b(?:confirms?|sets?\s+forth)\s+(?:its|their|our|the)\s+agreements?\s+with"
    r"|\bservices\s+of|\bagent\s+for|\bon\s+behalf\s+of|\bcompris\w+\s+of|\bconsisting\s+of"
    # "Natalija Tunevic, director of FreeCook (... "Client")": the signer's company.
    r"|\b(?:director|president|owner|founder|principal|(?:chief\s+)?executive\s+officer)\s+of"
    # "As an inducement to Kiosk Concepts, Inc. ("Franchisor") to enter into ...": a guarantee
    # names the party it is given to this way.
    r"|\binducement\s+to"
    # "Styret i\nRønvikjordene Borettslag\nv/ styreleder ...": a letter addressed to the board
    # of the party it is written to.
    r"|(?:^|\n)[ \t\xa0]*(?-i:Styret)[ \t\xa0]+(?:i|for)[ \t\xa0]*\r?\n"
    r")\s*(?:\b(?:a|an)\s+)?$",
    _I,
)
# "between professional golfer, TOM WATSON, (... "CONSULTANT")": what the party is, first.
_DESCRIBED_BEFORE = re.compile(
    r"\b(?:between|among|and)\s+(?:[a-z][\w-]*\s+){0,3}(?!(?:a|an|the)\b)[a-z][\w-]{2,}\s*,\s*$"
)
# "A Inc., B LLC and C Ltd": a name right after another name's legal form starts a new party.
_AFTER_LEGAL_COMMA = re.compile(rf"\s{LEGAL_FORM},\s*$")
# "Aizu Fujitsu Semiconductor Limited\nFujitsu Semiconductor Limited\nand ...": a cover lists
# the parties one a line, so a line ending in a legal form ends a party.
_AFTER_LEGAL_LINE = re.compile(rf"\s{LEGAL_FORM}[ \t\xa0,]*\r?\n[ \t\xa0]*$")
# "SHIPPER ECOPETROL S.A.", '"RESELLER"  MTI TECHNOLOGY CORPORATION': a cover or a form prints
# the party's role before its name, with or without quotes or a colon.
_ROLE_WORD = r"[A-Z][A-Za-z]+(?:[ \t\xa0]+[A-Z][A-Za-z]+)?"
_ROLE_LABEL = re.compile(
    rf"(?:(?:^|\n)[ \t\xa0]*(?P<line>{_ROLE_WORD})[ \t\xa0]*:?|[\"“](?P<quoted>{_ROLE_WORD})[\"”]"
    rf"|(?:^|\s)(?P<colon>{_ROLE_WORD})[ \t\xa0]*:)[ \t\xa0]*$"
)


# "BRG Manager, LLC", "Deutsche Bank Securities Inc.": a title or heading word right before the
# legal form is part of the company's name, not a signer's title or a filing's heading.
_TITLE_BEFORE_LEGAL = re.compile(
    r"(?<=\S)\s+(?:Manager|Administrator|Director|Representative|Secretary|Officer|Securities)s?"
    rf"(?=(?:,?\s+|\s*,\s*){LEGAL_FORM}$)",
    _I,
)

# '("Manager")', '("Collateral Administrator")': a party called by the office it holds; the
# alias of a document ('(the "Agreement")') is no party.
_TITLE_ALIAS = re.compile(
    r"^(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}"
    r"(?:Manager|Administrator|Representative|Secretary)s?\s*$",
    _I,
)


def _role_label_before(before: str) -> bool:
    """A label, not a sentence: "... som Kunden og Y" names Y's role elsewhere."""
    m = _ROLE_LABEL.search(before)
    return m is not None and role_of(m.group("line") or m.group("quoted") or m.group("colon")) \
        is not None


# "A Seminole Indian Company to be formed by ... James E. Billie and Craig Talesman": the people
# behind a party, joined by "and", are not parties.
_OWNERS_BEFORE = re.compile(
    r"\b(?:formed|owned|controlled|managed|founded|led|operated|established|sponsored"
    r"|organi[sz]ed|wholly-owned)\s+by\s+[^,;()\"“”]{0,80}?\s(?:and|&)\s+$",
    _I,
)
_SUBORDINATE_BEFORE = re.compile(
    r"\b(?:division|subsidiary|affiliate|partner|member|parent|administrator|trustee|laws"
    r"|state|province|county|city|at|in|of|for|to|with|from|than|a|an|under|represented\s+by)"
    r"\s+(?:of\s+|for\s+)?(?:the\s+|its\s+)?$"
    # "a wholly owned subsidiary of publicly traded company Intelligent Highway Solutions,
    # Inc.": the parent, however it is described, is not a party.
    r"|\b(?:subsidiary|affiliate|division|parent)\s+(?:company\s+)?of\s+(?:[a-z][\w-]*\s+){0,4}$"
    # "guaranteed by its parent company Nordiska Energi Holding AB", "garantert av morselskapet
    # X": who stands behind a party is not one, unless a boundary ("and") makes it one.
    r"|\b(?:parent\s+company|guarantor|morselskap(?:et)?|garantist(?:en)?)\s*,?\s*$",
    _I,
)


_DEFINED_ALIAS = re.compile(
    r"\(\s*(?:the\s+|hereinafter\s+(?:referred\s+to\s+as\s+|called\s+)?)?[\"“]"
    r"(?P<alias>[^\"“”]{1,40})[\"”]"
)


def defined_aliases(body: str) -> set[str]:
    """Defined terms of the whole contract ('("Columbia")'): a later 'between Columbia and
    Fleet' names the parties by alias, not by legal name."""
    return {name_key(m.group("alias")) for m in _DEFINED_ALIAS.finditer(body, 0, 60000)}


_SPLIT_AFTER_LEGAL = re.compile(
    rf"(?<=[\w.)])(?:,?\s+|\s*,\s*){LEGAL_FORM}(?:,?\s*{LEGAL_FORM})*"
    # The full stop is looked past: "Alliance Bancorp, Inc. of Pennsylvania" is one name.
    r"(?!\.?\s+(?i:partnership|liability|of\b))"
)


_LOWER_NAME_REST = re.compile(
    r"(?:[ \t\xa0]+[a-zæøå][\wæøå-]*){1,3}"
    r"(?=[ \t\xa0]*,?[ \t\xa0]*(?i:org\.?\s*nr|organisasjonsnummer)|[ \t\xa0]*\r?\n)"
)
_REGISTRATION_NEXT = re.compile(
    r"\s+(?=(?i:org\.?\s*nr\.?|organisasjonsnummer|foretaksregisteret)(?!\w))"
)


_CONNECTOR_END = re.compile(r"(?:^|\s)(?i:and|&|og|between|among)$")


_LEADING_JUNK = re.compile(
    r"^(?:(?:\d+[.,:/-][\d.,:/-]*|(?:19|20)\d\d|\d{1,3}\s+(?i:to)|[A-Z]\.|A|An|AND|And"
    r"|Dated|DATED|Attest|ATTEST|By|BY|Name|NAME|Title"
    r"|Between|BETWEEN|Among|AMONG|Source|Party\s+[AB]|The\s+Parties)\s+)+"
)
_INITIAL = re.compile(r"[A-Z]\.\s+")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|Inc|Co|Corp|Ltd|Pte|Pty|Sdn|Mr|Ms|Mrs|Dr|Jr|Sr|St|No|Bros|Intl|Int|L\.P|S\.A|N\.A"
    r"|MR|MS|MRS|DR|JR|SR)$"
)


def split_run(run: str, offset: int) -> list[tuple[str, int]]:
    """A run of capitalised words can hold several names ('HONEYWELL INC. and GARRETT MOTION
    INC.') or a name and what follows it ('CARBOGEN AMCIS AG Date'): cut after legal forms,
    at sentence ends, and at 'and' after a single word, a number or a name with legal form."""
    cuts: list[tuple[int, int]] = []
    for m in _SPLIT_AFTER_LEGAL.finditer(run):
        # "... 60605 and AB Wately, Inc.": a legal-form word right after "and" begins a name.
        if not _CONNECTOR_END.search(run, 0, m.start()):
            cuts.append((m.end(), m.end()))
    # "... Organization (USA MCO) A Texas Corporation": a description after the initials.
    for m in re.finditer(r"(?<=\))\s+(?:A|An)\s+", run):
        cuts.append((m.start(), m.end()))
    # "Sameiet Holmenkollen Terrasse\nOrg.nr. 871 056 064": the registration that follows a
    # name on its next line is not part of it.
    for m in _REGISTRATION_NEXT.finditer(run):
        cuts.append((m.start(), m.end()))
    for m in re.finditer(r"\.\s+", run):
        if not _ABBREVIATION.search(run[: m.start()]):
            cuts.append((m.start() + 1, m.end()))
    # "&" joins the words of one name ("Tate & Lyle", "Berg & Sønn Rørlegger AS") far more often
    # than two parties: it cuts only after a legal form ("Acme Inc. & Beta LLC").
    for m in re.finditer(r"\s+(?:and|AND|&|og)\s+", run):
        before = run[: m.start()].split(". ")[-1]
        junk = list(NOT_NAME.finditer(before))
        if junk:
            before = before[junk[-1].end() :]
        words = before.split()
        if m.group(0).strip() == "og":
            # "Org.nr.: 915985343\n\nog\n\nBergen Driftssenter AS": "og" after a registration
            # number starts the next party; between words it is inside one ("Fjord og Fjell AS").
            if re.search(r"\d$", before):
                cuts.append((m.start(), m.end()))
            continue
        if LEGAL_END.search(before) or (
            "&" not in m.group(0) and (len(words) == 1 or re.search(r"\d$", before))
        ):
            cuts.append((m.start(), m.end()))
    parts: list[tuple[str, int]] = []
    pos = 0
    for cut_at, resume in sorted(cuts):
        if cut_at < pos:
            continue
        parts.append((run[pos:cut_at], offset + pos))
        pos = resume
    parts.append((run[pos:], offset + pos))
    out: list[tuple[str, int]] = []
    for part, at in parts:
        lead = _LEADING_JUNK.match(part) or re.match(r"^[\s,]*(?:(?i:and|&|og)\s+)?", part)
        skip = lead.end() if lead else 0
        if lead and _INITIAL.fullmatch(lead.group(0)) and LEGAL_END.search(part.rstrip(" ,")):
            # "F. Hoffmann-La Roche Ltd", "W. Acme & Co.": an initial that begins a company's
            # name; a list item's letter ("A. Igene owns ...") begins a sentence, not a name.
            skip = 0
        text = part[skip:].rstrip(" ,")
        text = re.sub(r"\s*\([^()]*\)$", "", text)  # "(Shipper)" after a name is its alias
        if text:
            out.append((text, at + skip))
    return out


def accept_name(
    body: str, segment_start: int, pos: int, name: str, aliases: set[str]
) -> Candidate | None:
    """`name`, found at `pos` in `body`, as a party with the role its alias gives; None when
    nothing marks it as one. `aliases`: the contract's defined terms (`name_key`s), which are
    not names; `segment_start`: how far back to look for what precedes the name."""
    name, pos = trim_front(name, pos)
    # "Greater Valley Savings Bank d/b/a Valley Bank": the legal name is the one before the
    # trade name.
    name = re.split(r"\s+d/b/a\s+", name)[0]
    words = name.split()
    if not words or words[0].lower() in STOP_FIRST:
        return None
    # "DCL DAIRY CREST LIMITED", "SHIPPER ECOPETROL S.A.": an alias, role or initials printed
    # before the name.
    while len(words) > 2 and _is_prefix_alias(words):
        skip = name.index(words[1], len(words[0]))
        name, pos, words = name[skip:], pos + skip, words[1:]
    if len(name) < 2 or len(words) > 12 or NOT_NAME.search(_TITLE_BEFORE_LEGAL.sub("", name)):
        return None
    key = name_key(name)
    if key in ROLE_WORDS or key.removeprefix("the ") in ROLE_WORDS:
        return None
    if key in aliases and not LEGAL_END.search(name):
        return None  # a defined term ("Columbia"), unless it is a legal name ("Veoneer AB")
    joined = [p for p in re.split(r"\s+(?:and|&)\s+|,\s*", key) if p]
    if len(joined) > 1 and all(p in aliases for p in joined):
        return None  # "Skype Holding and Tom Holding"
    if key.replace("’", "'") in KNOWN_PLACES or key in NOT_PARTY_WORDS:
        return None
    if re.search(r"\d{4,}$|^\d+$|\b[A-Z]{2}\s*\d{5}|\s\S*\d\S*$", name) or LEGAL_WORD.match(name):
        return None
    if len(re.findall(r"[^\W\d_]", name)) < 3:
        return None
    bare = name_key(LEGAL_END.sub("", name))
    if not bare or bare in KNOWN_PLACES or bare in NOT_PARTY_WORDS:
        return None  # "Delaware limited", "a Pennsylvania corporation"
    before = body[max(segment_start, pos - 60) : pos]
    # On one line: "RESELLER INFORMATION\nCompany Name:" is a form's heading over its fields.
    labelled = (
        name[0].isupper() and "\n" not in name and bool(LEGAL_END.search(name))
        and _role_label_before(before)
    )
    if not labelled and re.search(r"(?:[\"“«(]|Source\s*:|/s/|\bBy\s*:)\s*$", before, _I):
        return None  # inside an alias, a filing stamp or a signature
    if _ISSUER_LABEL.search(before):
        return None
    if re.search(r"^\w+(?:\s\w+)?,\s*(?:CO|Co|NV|SA|PC)\.?$", name):
        return None  # "Denver, CO", "Carson City, NV"
    if not_a_name(name):
        return None
    if _OWNERS_BEFORE.search(body, max(segment_start, pos - 150), pos):
        return None
    if _UNIT_OF.match(name) and not LEGAL_END.search(name) and _AFTER_LEGAL_COMMA.search(before):
        return None
    # "Reseller Full Legal Name Salesforce.org": a form's field holds the name itself.
    field = _LEGAL_NAME_FIELD.search(before) is not None
    boundary = bool(labelled or field or _BOUNDARY_BEFORE.search(before)
                    or _AFTER_LEGAL_COMMA.search(before) or _AFTER_LEGAL_LINE.search(before)
                    or _DESCRIBED_BEFORE.search(before))
    if not boundary and _SUBORDINATE_BEFORE.search(before):
        return None
    # "Tigrent Learning UK Limited of Boston House": an address, unless a country follows.
    of_place = re.search(rf"^(.*?\s{LEGAL_FORM})\s+of\s+(.+)$", name)
    if of_place and name_key(of_place.group(2)) not in KNOWN_PLACES | {"america", "the americas"}:
        name = of_place.group(1)
    after = body[pos + len(name) : pos + len(name) + 250]
    if _DEFINED_AS.match(after):
        return None  # "(l) Parent Company: A company that owns ...": a definition's term
    suffix = _PERSONAL_SUFFIX.match(after)
    if suffix and not LEGAL_END.search(name):
        # "Michael T. Murray, N.D. ("Dr. Murray")": the degree is part of how he is named.
        name += suffix.group(0)
        after = after[suffix.end() :]
    form_first = LEGAL_FORM_FIRST.match(name)
    lower_rest = _LOWER_NAME_REST.match(after) if form_first else None
    if lower_rest:
        # "Stiftelsen Trollskogen barnehage, org.nr. ...": the name runs to its registration.
        name += lower_rest.group(0)
        after = after[lower_rest.end() :]
    legal = bool(LEGAL_END.search(name) or of_place or form_first or public_body_name(name))
    if not legal and _PLACE_AFTER.match(after) and (
        _place_word(_PLACE_AFTER.match(after))  # type: ignore[arg-type]
    ):
        return None  # "Site Location: Rancho Cordova, CA": a town, by the state after it
    if name[0].islower() and not legal:
        return None
    alias = ALIAS_AFTER.match(after) or _HERETTER.match(after) or _alias_past_town(after)
    role_paren = _ROLE_PAREN.match(after)
    if role_paren and role_of(role_paren.group("alias")) is None:
        role_paren = None
    if len(words) == 1 and not legal and not (alias or role_paren or field):
        return None  # "Businessperson, having an office at ...": one word is a name by its alias
    # "USA Managed Care Organization (USA MCO) A Texas Corporation": its initials, unquoted,
    # between the name and what it is.
    described = DESCRIPTION_AFTER.match(after) or DESCRIPTION_AFTER.match(
        _INITIALS_BRACKET.sub("", after, count=1)
    )
    # "... is pleased to offer this Consulting Agreement to retain Gianluca Rotino
    # ("Consultant")": the role defined in the bracket right after it makes a name a party in
    # a sentence. After a comma the words end an address or a list ("Port Vila, Vanuatu
    # ("Customer")"); a role given further on ("fra NVE, heretter kalt Leverandøren") is
    # another name's.
    defined_role = (
        alias is not None and role_of(alias.group("alias")) is not None
        and _ROLE_BRACKET_NEXT.match(after) is not None
        and re.search(r"\b[a-z]+\s+$", before) is not None
    )
    if not ((legal and (boundary or alias or described)) or (
        boundary and (alias or described or role_paren)
    ) or defined_role):
        return None
    role = None
    if alias and NOT_NAME.search(alias.group("alias")) and not _TITLE_ALIAS.match(
        alias.group("alias")
    ):
        return None  # 'This Turn-Key Manufacturing Agreement (the "Agreement")'
    if alias:
        role = role_of(alias.group("alias"))
    elif role_paren:
        role = role_of(role_paren.group("alias"))
    else:
        later = re.search(r"[\"“«]([^\"“”»]{1,40})[\"”»]", after[:300])
        if later and not re.search(r"[),;]\s*and\b", after[: later.start()]):
            role = role_of(later.group(1))
    confidence = 0.8 if (legal and (alias or described)) else 0.65
    clean = re.sub(r"\s+", " ", name)
    return Candidate(clean, pos, pos + len(name), role, confidence=confidence)


# "Reseller Full Legal Name Salesforce.org, a nonprofit ...": a form's field without a colon
# holds the legal name itself, one word or more.
_LEGAL_NAME_FIELD = re.compile(r"\b(?:full\s+)?legal\s+name[ \t\xa0]+$", _I)
# "SAGEM S.A., Departement MORPHO Systemes whose address is ...": the department, division or
# branch written after a company's name is the part of it that deals; the company is the party.
# A name with a legal form of its own is the next party of a list.
_UNIT_OF = re.compile(r"(?i)(?:the\s+)?(?:department|d[ée]partement|dept\.|division|branch)\b")
# ", Anaheim, Calif.", ", Oslo, Norway": the town and state or country of a party's seat.
_TOWN_AND_STATE = re.compile(
    r"^[ \t]*,[ \t]*[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?[ \t]*,[ \t]*[A-Z][A-Za-z]+\.?(?=[ \t\r\n]*\()"
)


def _alias_past_town(after: str) -> re.Match[str] | None:
    """ "Prolong Super Lubricants, Anaheim, Calif. (Hereinafter to be referred to as
    "Prolong")": the alias defined after the town the party is seated in."""
    town = _TOWN_AND_STATE.match(after)
    return ALIAS_AFTER.match(after[town.end() :]) if town else None


# "Issuer and CUSIP: Intrexon Corporation": a joint filing of beneficial owners labels the company
# whose shares they report; it signs nothing.
_ISSUER_LABEL = re.compile(
    r"(?:^|\n)[ \t\xa0]*(?i:(?:name\s+of\s+)?(?:issuer|subject\s+company))\b[^\n:]{0,30}:"
    r"[ \t\xa0]*$"
)
_ROLE_BRACKET_NEXT = re.compile(r"[ \t\xa0\r\n]*\(\s*(?:the\s+)?[\"“]", _I)
_INITIALS_BRACKET = re.compile(r"^\s*\([A-Z][A-Z0-9&.\-\s]{0,20}\)")
_DEFINED_AS = re.compile(r"^[ \t\xa0]*:[ \t\xa0]*(?:A|An|The|Any|Each)[ \t\xa0]")
_PERSONAL_SUFFIX = re.compile(
    r",?[ \t\xa0]+(?:Jr|Sr|M\.D|N\.D|Ph\.D|D\.O|Esq|II|III|IV)\.?(?![\w.])"
)
_PLACE_AFTER = re.compile(r"^,[ \t\xa0]*(?P<place>[A-Z][A-Za-z]+(?:[ \t\xa0][A-Z][a-z]+)?)"
                          r"\.?[ \t\xa0]*(?:\d{5}|[\r\n,;]|$)")


def _place_word(m: re.Match[str]) -> bool:
    place = m.group("place")
    return (len(place) == 2 and place.isupper()) or name_key(place) in KNOWN_PLACES


# A heading ends with a full stop ("Due Dates and Delays."); a name only after an abbreviation.
_HEADING_END = re.compile(r"(?:^|\s)[A-Z]?[a-z]{4,}\.$")
# "... WOULD LIKELY CAUSE COMPETITIVE HARM TO THE COMPANY": "the Company" after other words is
# the contract's alias in a sentence, not the end of a legal name.
_ALIAS_END = re.compile(
    r"(?i)^(?!the\s).+\s(?:to|of|by|for|with)\s+the\s+(?:company|corporation)\.?$"
)


def not_a_name(name: str) -> bool:
    """What a capitalised run can be instead of a party's name: a heading ending with a full
    stop, a sentence ending in "the Company", or a role ("Academic Support Services Service
    Provider") without a legal form."""
    if LEGAL_END.search(name):
        return bool(_ALIAS_END.match(name))
    if _HEADING_END.search(name):
        return True
    words = name_key(name).split()
    return len(words) > 1 and any(
        ROLE_WORDS.get(" ".join(words[-size:])) for size in (2, 1)
    )


def _is_prefix_alias(words: list[str]) -> bool:
    first = words[0]
    key = name_key(first)
    if first == words[1] or key in ROLE_WORDS or key in {"sender", "recipient"}:
        return True
    initials = "".join(w[0] for w in words[1:] if w[0].isalpha()).upper()
    return first.isupper() and 2 <= len(first) <= 5 and initials == first


def trim_front(name: str, pos: int) -> tuple[str, int]:
    """Drop what a run picked up before the name: headings ("EXHIBIT 10.26 ... AGREEMENT"),
    dates, postcodes ("Surrey KT10 9PN"). A leading number stays ("2205925 Ontario Limited")."""
    cut = 0
    for m in NOT_NAME.finditer(name):
        cut = max(cut, m.end())
    for m in _DIGIT_NAME_WORD.finditer(name):
        if m.start() > 0:
            cut = max(cut, m.end())
    # "DISTRIBUTOR MOBILEVISION COMMUNICATIONS LTD.", "Franchisee Franchisor Goosehead ...": the
    # role a signature block prints above or before the name.
    words = name[cut:].split()
    while len(words) > 2 and ROLE_WORDS.get(words[0].lower()) and LEGAL_END.search(name):
        cut = name.index(words[1], cut + len(words[0]))
        words = words[1:]
    if cut:
        rest = name[cut:]
        lead = re.match(r"^[\s,.:;]*(?:(?i:for|of|by|to)\s+)?", rest)
        skip = lead.end() if lead else 0
        if rest[skip:] and rest[skip].isupper() and not LEGAL_WORD.match(rest[skip:]):
            return rest[skip:], pos + cut + skip
    return name, pos
