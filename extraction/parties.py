"""Parties: legal names as written, their roles and organisation numbers.

Where to look, in order of trust:
1. labelled lines: "Oppdragsgiver: X", "Customer: X" (forms and Norwegian standard contracts);
2. the preamble: "... by and between X, a Delaware corporation ("Licensor"), and Y ...",
   "Mellom: X (org.nr ...) heretter kalt Kunden og Y";
3. signature blocks, when neither names anyone.

A name is taken only when something marks it as a party: a legal-form suffix ("Inc.", "AS"),
a defined-term alias right after it ("("Licensee")", "heretter kalt Kunden"), a description
(", a Delaware corporation", ", an individual") or an address/registration that follows. The
defined-term aliases themselves are never names. People can be parties (endorsers, consultants).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from extraction import nlp
from extraction.law import KNOWN_PLACES
from extraction.model import Evidence, Finding, Language, Party
from extraction.org_numbers import find_org_numbers
from extraction.party_words import (
    LEGAL_END,
    LEGAL_FORM,
    LEGAL_WORD,
    NAME_RUN,
    NOT_NAME,
    NOT_PARTY_WORDS,
    ROLE_WORDS,
    STOP_FIRST,
)
from extraction.text import ContractText

_I = re.IGNORECASE


_PREAMBLE_START = re.compile(
    r"\b(?:by\s+and\s+between|by\s+and\s+among|between|among|mellom"
    r"|(?:entered\s+into|made|executed|concluded)(?:\s+(?:and\s+)?[\w,]+){0,8}?\s+by(?!\s+and)"
    r")\b\s*:?",
    _I,
)
_PREAMBLE_END = re.compile(
    r"\b(?:WHEREAS|RECITALS?|W\s*I\s*T\s*N\s*E\s*S\s*S\s*E\s*T\s*H|WITNESSETH|BACKGROUND"
    r"|PREAMBLE|NOW,?\s+THEREFORE|agree\s+as\s+follows|(?:hereby\s+)?agree\s+that"
    r"|In\s+consideration\s+of|Introduction|INTRODUCTION|Definitions|DEFINITIONS"
    r"|Avtalens\s+(?:formål|gjenstand|omfang)|Bakgrunn|Formål)\b"
)
_ROLE_PAREN = re.compile(r"^\s*,?\s*\(\s*(?P<alias>[A-Z][A-Za-z]+)\s*\)")
_ALIAS_AFTER = re.compile(
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
_DESCRIPTION_AFTER = re.compile(
    r"^\s*(?:,\s*|\s+)(?:(?:(?:a|an)\s+)?(?:[\w.\-]+\s+){0,5}?"
    r"(?:corporation|company|limited|partnership"
    r"|individual|entity|organi[sz]ation|association|bank|trust|society|cooperative|venture"
    r"|firm|agency|authority|institution|university|GmbH|AG|S\.A|plc|subsidiary|division"
    r"|charitable|non-profit|nonprofit|not-for-profit|public|private|sole)"
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
    r"(?:^|\b(?:between|among|and|og|mellom)|[;:]|\(\s*[a-zA-Z0-9]{1,4}\s*\)"
    r"|\bservices\s+of|\bagent\s+for|\bon\s+behalf\s+of|\bcompris\w+\s+of|\bconsisting\s+of"
    r")\s*$",
    _I,
)
# "A Inc., B LLC and C Ltd": a name right after another name's legal form starts a new party.
_AFTER_LEGAL_COMMA = re.compile(rf"\s{LEGAL_FORM},\s*$")
_SUBORDINATE_BEFORE = re.compile(
    r"\b(?:division|subsidiary|affiliate|partner|member|parent|administrator|trustee|laws"
    r"|state|province|county|city|at|in|of|for|to|with|from|than|a|an|under|represented\s+by)"
    r"\s+(?:of\s+|for\s+)?(?:the\s+|its\s+)?$",
    _I,
)
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
_NB_NAME_END = re.compile(
    r",|\(|\n|;|\s+org\.?\s*(?:nr|nummer)|\s+organisasjonsnummer|\s+heretter|\s+hereinafter"
    r"|\s+og\s+|\s+\bv/|\s+adresse",
    _I,
)


@dataclass
class _Candidate:
    name: str
    start: int
    end: int
    role: str | None = None
    org_number: str | None = None
    confidence: float = 0.7


def extract_parties(
    text: ContractText, language: Language, nlp_model: str | None = None
) -> dict[str, Finding[Any]]:
    """`nlp_model`: an installed trained spaCy model whose ORG / PERSON entities in the
    preamble become extra candidates (the same rules accept or reject them); None = rules."""
    body = text.text
    found = _labelled(body)
    if len(found) < 2:
        for candidates in _preambles(body, language, nlp_model):
            if candidates:
                found = _merge(found, candidates)
                break
    if len(found) < 2:
        found = _merge_cover(found, _cover_names(body, language, nlp_model))
    if len(found) < 2:
        found = _merge(found, _signature_blocks(body))
    if not found:
        found = _tail_names(body)
    found = _drop_fragments(found)
    if not found:
        return {}
    _attach_org_numbers(body, found)
    parties = [Party(name=c.name, role=c.role, org_number=c.org_number) for c in found]
    evidence: list[Evidence] = [text.evidence(c.start, c.end) for c in found]
    confidence = min(c.confidence for c in found)
    return {"parties": Finding(value=parties, confidence=confidence, evidence=evidence)}


def _drop_fragments(found: list[_Candidate]) -> list[_Candidate]:
    """'NUTRITION CORPORATION' next to 'Premier Nutrition Corporation' is a broken copy."""
    keys = [_key(c.name) for c in found]
    # "JAMES NANTZ AND NANTZ COMMUNICATIONS INC" lists two names found on their own.
    lists = {o for o in keys if any(o != k and o.endswith(" and " + k) for k in keys)}
    return [
        c
        for c, k in zip(found, keys, strict=True)
        if k not in lists
        and not (
            len(k.split()) <= 2
            and any(o != k and o not in lists and o.endswith(" " + k) for o in keys)
        )
    ]


def _merge(first: list[_Candidate], more: list[_Candidate]) -> list[_Candidate]:
    keys = {_key(c.name) for c in first}
    return first + [c for c in more if _key(c.name) not in keys]


def _key(name: str) -> str:
    return re.sub(r"[^\w]+", " ", name.lower()).strip()


# ------------------------------------------------------------------------------ labelled lines


def _labelled(body: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    for m in _LABELLED.finditer(body[:8000]):
        raw = m.group("name")
        name = _LABEL_NAME_END.split(raw, maxsplit=1)[0].strip(" .:,")
        if not name or not name[0].isupper() or len(name.split()) > 10 or NOT_NAME.search(name):
            continue
        role = ROLE_WORDS.get(m.group("label").lower())
        start = m.start("name")
        found.append(_Candidate(name, start, start + len(name), role, confidence=0.85))
    return found


# ----------------------------------------------------------------------------------- preamble


def _preambles(body: str, language: Language, model: str | None) -> list[list[_Candidate]]:
    """Candidate party lists, best first: the first preamble naming two or more parties, then
    the one naming most, then the top of the document (preambles without "between")."""
    lists: list[list[_Candidate]] = []
    for m in _PREAMBLE_START.finditer(body[:30000]):
        end_match = _PREAMBLE_END.search(body, m.end(), m.end() + 4000)
        end = end_match.start() if end_match else min(len(body), m.end() + 2500)
        lists.append(_names_in(body, m.end(), end, language, model))
        if len(lists) >= 8:
            break
    top_end = _PREAMBLE_END.search(body, 0, 3000)
    top_stop = top_end.start() if top_end else min(len(body), 1500)
    top = _names_in(body, 0, top_stop, language, model, top=True)
    in_order = [top, *lists]
    two = [names for names in in_order if len(names) >= 2]
    return two[:1] or sorted(in_order, key=len, reverse=True)[:1]


def _names_in(
    body: str, start: int, end: int, language: Language, model: str | None, top: bool = False
) -> list[_Candidate]:
    norwegian_style = [] if top else _norwegian_names(body, start, end)
    if norwegian_style:
        return norwegian_style
    segment = body[start:end]
    aliases = {_key(a) for a in re.findall(r"[\"“«]([^\"“”»]{1,60})[\"”»]", segment)}
    aliases |= _defined_aliases(body)
    found: list[_Candidate] = []
    for m in NAME_RUN.finditer(segment):
        for name, offset in _split_run(m.group(0), m.start()):
            candidate = _accept(body, start, start + offset, name, aliases)
            if candidate is not None and _key(candidate.name) not in {_key(c.name) for c in found}:
                found.append(candidate)
    if model:
        # A trained model's names ("Prolong Super Lubricants", "Alan Crane"), through the
        # same rules, in order of appearance among the rule-found ones.
        for ent in nlp.entities(segment, language, model):
            if ent.source != "model" or ent.label not in _MODEL_PARTY_LABELS:
                continue
            candidate = _accept(body, start, start + ent.start, ent.text, aliases)
            if candidate is not None and not _covered(candidate, found):
                found.append(candidate)
        found.sort(key=lambda c: c.start)
    return found


_MODEL_PARTY_LABELS = frozenset({"ORG", "PERSON", "PER"})


def _covered(candidate: _Candidate, found: list[_Candidate]) -> bool:
    """The same name, or one overlapping a name found already."""
    key = _key(candidate.name)
    return any(
        _key(c.name) == key or (c.start < candidate.end and candidate.start < c.end)
        for c in found
    )


_DEFINED_ALIAS = re.compile(
    r"\(\s*(?:the\s+|hereinafter\s+(?:referred\s+to\s+as\s+|called\s+)?)?[\"“]"
    r"(?P<alias>[^\"“”]{1,40})[\"”]"
)


def _defined_aliases(body: str) -> set[str]:
    """Defined terms of the whole contract ('("Columbia")'): a later 'between Columbia and
    Fleet' names the parties by alias, not by legal name."""
    return {_key(m.group("alias")) for m in _DEFINED_ALIAS.finditer(body, 0, 60000)}


_SPLIT_AFTER_LEGAL = re.compile(
    rf"(?<=[\w.)])(?:,?\s+|\s*,\s*){LEGAL_FORM}(?:,?\s*{LEGAL_FORM})*"
    r"(?!\s+(?i:partnership|liability|of\b))"
)


_LEADING_JUNK = re.compile(
    r"^(?:(?:\d+[.,:/-][\d.,:/-]*|(?:19|20)\d\d|\d{1,3}\s+(?i:to)|[A-Z]\.|A|An|AND|And"
    r"|Dated|DATED|Attest|ATTEST|By|BY|Name|NAME|Title"
    r"|Between|BETWEEN|Among|AMONG|Source|Party\s+[AB]|The\s+Parties)\s+)+"
)
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|Inc|Co|Corp|Ltd|Mr|Ms|Mrs|Dr|Jr|Sr|St|No|Bros|Intl|Int|L\.P|S\.A|N\.A)$"
)


def _split_run(run: str, offset: int) -> list[tuple[str, int]]:
    """A run of capitalised words can hold several names ('HONEYWELL INC. and GARRETT MOTION
    INC.') or a name and what follows it ('CARBOGEN AMCIS AG Date'): cut after legal forms,
    at sentence ends, and at 'and' after a single word, a number or a name with legal form."""
    cuts: list[tuple[int, int]] = []
    for m in _SPLIT_AFTER_LEGAL.finditer(run):
        cuts.append((m.end(), m.end()))
    for m in re.finditer(r"\.\s+", run):
        if not _ABBREVIATION.search(run[: m.start()]):
            cuts.append((m.start() + 1, m.end()))
    for m in re.finditer(r"\s+(?:and|AND|&)\s+", run):
        before = run[: m.start()].split(". ")[-1]
        junk = list(NOT_NAME.finditer(before))
        if junk:
            before = before[junk[-1].end() :]
        words = before.split()
        if len(words) == 1 or re.search(r"\d$", before) or LEGAL_END.search(before):
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
        text = part[skip:].rstrip(" ,")
        text = re.sub(r"\s*\([^()]*\)$", "", text)  # "(Shipper)" after a name is its alias
        if text:
            out.append((text, at + skip))
    return out


def _accept(
    body: str, segment_start: int, pos: int, name: str, aliases: set[str]
) -> _Candidate | None:
    name, pos = _trim_front(name, pos)
    words = name.split()
    if not words or words[0].lower() in STOP_FIRST:
        return None
    # "DCL DAIRY CREST LIMITED", "SHIPPER ECOPETROL S.A.": an alias, role or initials printed
    # before the name.
    while len(words) > 2 and _is_prefix_alias(words):
        skip = name.index(words[1], len(words[0]))
        name, pos, words = name[skip:], pos + skip, words[1:]
    if len(name) < 2 or len(words) > 12 or NOT_NAME.search(name):
        return None
    key = _key(name)
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
    bare = _key(LEGAL_END.sub("", name))
    if not bare or bare in KNOWN_PLACES or bare in NOT_PARTY_WORDS:
        return None  # "Delaware limited", "a Pennsylvania corporation"
    before = body[max(segment_start, pos - 60) : pos]
    if re.search(r"(?:[\"“«(]|Source\s*:|/s/|\bBy\s*:)\s*$", before, _I):
        return None  # inside an alias, a filing stamp or a signature
    if re.search(r"^\w+(?:\s\w+)?,\s*(?:CO|Co|NV|SA|PC)\.?$", name):
        return None  # "Denver, CO", "Carson City, NV"
    boundary = bool(_BOUNDARY_BEFORE.search(before) or _AFTER_LEGAL_COMMA.search(before))
    if not boundary and _SUBORDINATE_BEFORE.search(before):
        return None
    # "Tigrent Learning UK Limited of Boston House": an address, unless a country follows.
    of_place = re.search(rf"^(.*?\s{LEGAL_FORM})\s+of\s+(.+)$", name)
    if of_place and _key(of_place.group(2)) not in KNOWN_PLACES | {"america", "the americas"}:
        name = of_place.group(1)
    after = body[pos + len(name) : pos + len(name) + 250]
    legal = bool(LEGAL_END.search(name)) or bool(of_place)
    if name[0].islower() and not legal:
        return None
    alias = _ALIAS_AFTER.match(after) or _HERETTER.match(after)
    role_paren = _ROLE_PAREN.match(after)
    if role_paren and _role_of(role_paren.group("alias")) is None:
        role_paren = None
    described = _DESCRIPTION_AFTER.match(after)
    if not ((legal and (boundary or alias or described)) or (
        boundary and (alias or described or role_paren)
    )):
        return None
    role = None
    if alias and NOT_NAME.search(alias.group("alias")):
        return None  # 'This Turn-Key Manufacturing Agreement (the "Agreement")'
    if alias:
        role = _role_of(alias.group("alias"))
    elif role_paren:
        role = _role_of(role_paren.group("alias"))
    else:
        later = re.search(r"[\"“«]([^\"“”»]{1,40})[\"”»]", after[:300])
        if later and not re.search(r"[),;]\s*and\b", after[: later.start()]):
            role = _role_of(later.group(1))
    confidence = 0.8 if (legal and (alias or described)) else 0.65
    clean = re.sub(r"\s+", " ", name)
    return _Candidate(clean, pos, pos + len(name), role, confidence=confidence)


def _is_prefix_alias(words: list[str]) -> bool:
    first = words[0]
    key = _key(first)
    if first == words[1] or key in ROLE_WORDS or key in {"sender", "recipient"}:
        return True
    initials = "".join(w[0] for w in words[1:] if w[0].isalpha()).upper()
    return first.isupper() and 2 <= len(first) <= 5 and initials == first


def _trim_front(name: str, pos: int) -> tuple[str, int]:
    """Drop what a run picked up before the name: headings ("EXHIBIT 10.26 ... AGREEMENT"),
    dates, postcodes ("Surrey KT10 9PN"). A leading number stays ("2205925 Ontario Limited")."""
    cut = 0
    for m in NOT_NAME.finditer(name):
        cut = max(cut, m.end())
    for m in _DIGIT_NAME_WORD.finditer(name):
        if m.start() > 0:
            cut = max(cut, m.end())
    if cut:
        rest = name[cut:]
        lead = re.match(r"^[\s,.:;]*", rest)
        skip = lead.end() if lead else 0
        if rest[skip:] and rest[skip].isupper() and not LEGAL_WORD.match(rest[skip:]):
            return rest[skip:], pos + cut + skip
    return name, pos


def _role_of(alias: str) -> str | None:
    key = alias.strip().lower().removeprefix("the ")
    return ROLE_WORDS.get(key)


def _norwegian_names(body: str, start: int, end: int) -> list[_Candidate]:
    """ "Mellom X, org.nr. ..., heretter kalt Kunden, og Y ..." and the same one name a line."""
    if not re.search(r"\bheretter\b|org\.?\s*nr|organisasjonsnummer", body[start:end], _I):
        return []
    found: list[_Candidate] = []
    pos = start
    while pos < end and len(found) < 6:
        m = re.compile(r"[\s:]*(?:og\s+)?[\s:]*").match(body, pos)
        pos = m.end() if m else pos
        stop = _NB_NAME_END.search(body, pos, end)
        name_end = stop.start() if stop else end
        name = body[pos:name_end].strip()
        if not name or not name[0].isupper() or len(name.split()) > 8 or NOT_NAME.search(name):
            break
        after = body[name_end : min(end, name_end + 300)]
        next_party = re.search(r"(?:^|\n|,)\s*og\b", after)
        chunk = after[: next_party.start()] if next_party else after
        role = None
        kalt = re.search(r"heretter\s+(?:kalt|omtalt\s+som|benevnt)?\s*[«\"“]?(\w+)", chunk, _I)
        if kalt:
            role = _role_of(kalt.group(1))
        found.append(_Candidate(name, pos, name_end, role, confidence=0.85))
        if not next_party:
            break
        pos = name_end + next_party.end()
    return found


# --------------------------------------------------------------------------------- cover page


_COVER_BETWEEN = re.compile(
    r"^[ \t\xa0]*(?:BETWEEN|Between|AMONG|Among|MELLOM|Mellom)[ \t\xa0]*:?[ \t\xa0]*\r?$",
    re.MULTILINE,
)
_COVER_AND = re.compile(
    r"^[ \t\xa0]*(?:AND|And|and|OG|Og|og)[ \t\xa0]*:?[ \t\xa0]*\r?$", re.MULTILINE
)
_COVER_ALIAS = re.compile(r"\(\s*(?:hereinafter|hereafter|heretter)[^)\n]{0,30}[\"“«']", _I)
_QUOTED_ALIAS = re.compile(r"[\"“«]([^\"“”»]{1,40})[\"”»]")


def _cover_names(body: str, language: Language, model: str | None) -> list[_Candidate]:
    """A title page "DISTRIBUTOR AGREEMENT / BETWEEN / INGRAM MICRO / AND / NETGEAR": the first
    line after a lone "BETWEEN" and the first after a lone "AND" name the two parties."""
    between = _COVER_BETWEEN.search(body, 0, 3000)
    if between is None:
        return []
    conj = _COVER_AND.search(body, between.end(), between.end() + 600)
    if conj is None:
        return []
    found: list[_Candidate] = []
    for block_start, block_end in ((between.end(), conj.start()),
                                   (conj.end(), min(len(body), conj.end() + 300))):
        line = re.search(r"[^\s\xa0][^\r\n]*", body[block_start:block_end])
        if line is None:
            return []
        block = body[block_start + line.end() : block_end]
        candidate = _cover_name(body, block_start + line.start(), line.group(0), block,
                                language, model)
        if candidate is None:
            return []
        candidate.name = re.sub(r"\s+", " ", candidate.name)
        found.append(candidate)
    return found


def _cover_name(
    body: str, pos: int, line: str, block: str, language: Language, model: str | None
) -> _Candidate | None:
    """The party a cover line names: the ruler's legal name at its start ("SAGEM S.A.,
    DEPARTEMENT ..." -> "SAGEM S.A."); a name without legal form only when the cover gives it
    an alias ("(HEREINAFTER "MMI")") or the contract names it again with a legal form or a
    description ("NETGEAR" -> "NETGEAR, Inc.", "Ingram Micro, a corporation organized ...")."""
    lead = len(line) - len(line.lstrip(" \t\xa0"))
    for ent in nlp.entities(line, language, model):
        if ent.label in _MODEL_PARTY_LABELS and ent.start <= lead and (
            ent.source == "rules" or ent.label != "ORG" or not LEGAL_END.search(ent.text)
        ):
            name = ent.text.strip()
            if ent.label == "ORG" and ent.source == "rules":
                after = body[pos + ent.end : pos + ent.end + 250]
                role = _later_role(after)
                return _Candidate(name, pos + ent.start, pos + ent.end, role, confidence=0.6)
            break
    name = re.sub(r"\s*\([^()]*\)?\s*$", "", line).strip(" \t\xa0,.:;")
    name = re.sub(r"[\s\xa0]+", " ", name)
    words = name.split()
    if not (1 <= len(words) <= 6) or NOT_NAME.search(name) or re.search(r"\d", name):
        return None
    if not all(w[0].isupper() or w.lower() in {"of", "&", "and", "og"} for w in words):
        return None
    key = _key(name)
    if key in ROLE_WORDS or key in NOT_PARTY_WORDS or key in KNOWN_PLACES or len(key) < 2:
        return None
    # "IAC", the alias of 'Inventec Appliances Corporation ("IAC")', is a party only with a
    # legal form of its own ("NETGEAR, Inc. ("NETGEAR")").
    alias_only = key in _defined_aliases(body)
    start = pos + lead
    given_alias = _COVER_ALIAS.search(block) or re.search(r"\(\s*[\"“«][^()]*\)\s*$", line)
    if given_alias and not alias_only:
        return _Candidate(name, start, start + len(name), _later_role(block), confidence=0.5)
    spaced = r"[\s\xa0]+".join(re.escape(w) for w in words)
    for m in re.finditer(rf"(?<![\w.]){spaced}(?![\w])", body[: min(len(body), 30000)], _I):
        if m.start() <= start:
            continue
        after = body[m.end() : m.end() + 250]
        legal = re.match(rf",?\s*{LEGAL_FORM}", after)
        if legal:
            end = m.end() + legal.end()
            role = _later_role(after[legal.end() :])
            return _Candidate(body[m.start() : end], m.start(), end, role, confidence=0.5)
        if not alias_only and (_DESCRIPTION_AFTER.match(after) or _ALIAS_AFTER.match(after)):
            return _Candidate(m.group(0), m.start(), m.end(), _later_role(after), confidence=0.5)
    return None


def _later_role(after: str) -> str | None:
    """The role a quoted alias soon after a name gives ("..., a corporation ("Distributor")")."""
    alias = _QUOTED_ALIAS.search(after[:250])
    if alias is None or re.search(r"[),;]\s*and\b", after[: alias.start()]):
        return None
    return _role_of(alias.group(1))


def _merge_cover(found: list[_Candidate], cover: list[_Candidate]) -> list[_Candidate]:
    """Cover names not found already ("NETGEAR" is "NETGEAR, Inc.")."""
    keys = [_key(c.name) for c in found]
    more = [
        c for c in cover
        if not any(k == _key(c.name) or k.startswith(_key(c.name) + " ")
                   or _key(c.name).startswith(k + " ") for k in keys)
    ]
    return found + more


# --------------------------------------------------------------------------- signature blocks


_SIGNATURE_NAME = re.compile(
    r"^(?:[ \t]*(?P<pre>[A-Z][A-Z0-9&.,' -]{2,60}?)[ \t]*\r?\n)?"
    r"[ \t]*(?:By:\s*)?(?P<name>[^\n:]{3,90}?)[ \t,:]*\r?\n[ \t]*"
    r"(?:By\b|/s/|Name\s*:|Signature)",
    re.MULTILINE,
)


def _signature_blocks(body: str) -> list[_Candidate]:
    """Names with a legal form on the line above a signature ("ACME INC.\nBy: /s/ ...")."""
    found: list[_Candidate] = []
    for m in _SIGNATURE_NAME.finditer(body):
        raw = m.group("name")
        pre = m.group("pre")
        start = m.start("name")
        # "SEATTLE SOFTWARE\nDEVELOPERS, Inc.": a name broken over two lines.
        if pre and raw[:1].isupper() and raw.split()[0].isupper() and not LEGAL_END.search(pre):
            raw = f"{pre} {raw}"
            start = m.start("pre")
        name, _ = _trim_front(re.sub(r"\s+", " ", raw).strip(" ,"), 0)
        if (
            LEGAL_END.search(name)
            and not NOT_NAME.search(name)
            and len(name.split()) <= 8
            and not re.search(r"/s/|\d", name)
            and _key(name) not in {_key(c.name) for c in found}
        ):
            found.append(_Candidate(name, start, m.end("name"), None, confidence=0.4))
    return found[:20]


def _tail_names(body: str) -> list[_Candidate]:
    """Last resort: names with a legal form near the end (signature pages without "By:")."""
    found: list[_Candidate] = []
    for m in NAME_RUN.finditer(body, max(0, len(body) - 4000)):
        name = re.sub(r"\s+", " ", m.group(0).strip())
        if (
            LEGAL_END.search(name)
            and not NOT_NAME.search(name)
            and len(name.split()) <= 8
            and _key(name) not in {_key(c.name) for c in found}
        ):
            found.append(_Candidate(name, m.start(), m.end(), None, confidence=0.3))
    return found[:4]


# ------------------------------------------------------------------------------- org numbers


def _attach_org_numbers(body: str, found: list[_Candidate]) -> None:
    """Each party gets the first org number written after its name and before the next
    party's name (the registration belongs to the party it follows)."""
    ordered = sorted(found, key=lambda c: c.start)
    for index, candidate in enumerate(ordered):
        limit = ordered[index + 1].start if index + 1 < len(ordered) else candidate.end + 400
        limit = min(limit, candidate.end + 400)
        numbers = find_org_numbers(body, candidate.end, limit)
        if numbers:
            candidate.org_number = numbers[0].value
