"""Parties on a title page: "DISTRIBUTOR AGREEMENT / BETWEEN / INGRAM MICRO / AND / NETGEAR".

Cover pages print bare names, so a name is taken only with a legal form, an alias given on the
cover, or when the contract names it again with a legal form or a description.
"""

from __future__ import annotations

import re

from extraction import nlp
from extraction.law import KNOWN_PLACES
from extraction.model import Language
from extraction.parties.candidate import Candidate, name_key, role_of
from extraction.parties.names import ALIAS_AFTER, DESCRIPTION_AFTER, defined_aliases
from extraction.parties.words import (
    LEGAL_END,
    LEGAL_FORM,
    MODEL_PARTY_LABELS,
    NOT_NAME,
    NOT_PARTY_WORDS,
    ROLE_WORDS,
)

_I = re.IGNORECASE


_COVER_BETWEEN = re.compile(
    r"^[ \t\xa0]*(?:BETWEEN|Between|AMONG|Among|MELLOM|Mellom)[ \t\xa0]*:?[ \t\xa0]*\r?$",
    re.MULTILINE,
)
_COVER_AND = re.compile(
    r"^[ \t\xa0]*(?:AND|And|and|OG|Og|og)[ \t\xa0]*:?[ \t\xa0]*\r?$", re.MULTILINE
)
_COVER_ALIAS = re.compile(r"\(\s*(?:hereinafter|hereafter|heretter)[^)\n]{0,30}[\"“«']", _I)
_QUOTED_ALIAS = re.compile(r"[\"“«]([^\"“”»]{1,40})[\"”»]")


def cover_names(body: str, language: Language, model: str | None) -> list[Candidate]:
    """A title page "DISTRIBUTOR AGREEMENT / BETWEEN / INGRAM MICRO / AND / NETGEAR": the first
    line after a lone "BETWEEN" and the first after a lone "AND" name the two parties."""
    between = _COVER_BETWEEN.search(body, 0, 3000)
    if between is None:
        return []
    conj = _COVER_AND.search(body, between.end(), between.end() + 600)
    if conj is None:
        return []
    found: list[Candidate] = []
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
) -> Candidate | None:
    """The party a cover line names: the ruler's legal name at its start ("SAGEM S.A.,
    DEPARTEMENT ..." -> "SAGEM S.A."); a name without legal form only when the cover gives it
    an alias ("(HEREINAFTER "MMI")") or the contract names it again with a legal form or a
    description ("NETGEAR" -> "NETGEAR, Inc.", "Ingram Micro, a corporation organized ...")."""
    lead = len(line) - len(line.lstrip(" \t\xa0"))
    for ent in nlp.entities(line, language, model):
        if ent.label in MODEL_PARTY_LABELS and ent.start <= lead and (
            ent.source == "rules" or ent.label != "ORG" or not LEGAL_END.search(ent.text)
        ):
            name = ent.text.strip()
            if ent.label == "ORG" and ent.source == "rules":
                after = body[pos + ent.end : pos + ent.end + 250]
                role = _later_role(after)
                return Candidate(name, pos + ent.start, pos + ent.end, role, confidence=0.6)
            break
    name = re.sub(r"\s*\([^()]*\)?\s*$", "", line).strip(" \t\xa0,.:;")
    name = re.sub(r"[\s\xa0]+", " ", name)
    words = name.split()
    if not (1 <= len(words) <= 6) or NOT_NAME.search(name) or re.search(r"\d", name):
        return None
    if not all(w[0].isupper() or w.lower() in {"of", "&", "and", "og"} for w in words):
        return None
    key = name_key(name)
    if key in ROLE_WORDS or key in NOT_PARTY_WORDS or key in KNOWN_PLACES or len(key) < 2:
        return None
    # "IAC", the alias of 'Inventec Appliances Corporation ("IAC")', is a party only with a
    # legal form of its own ("NETGEAR, Inc. ("NETGEAR")").
    alias_only = key in defined_aliases(body)
    start = pos + lead
    given_alias = _COVER_ALIAS.search(block) or re.search(r"\(\s*[\"“«][^()]*\)\s*$", line)
    if given_alias and not alias_only:
        return Candidate(name, start, start + len(name), _later_role(block), confidence=0.5)
    spaced = r"[\s\xa0]+".join(re.escape(w) for w in words)
    for m in re.finditer(rf"(?<![\w.]){spaced}(?![\w])", body[: min(len(body), 30000)], _I):
        if m.start() <= start:
            continue
        after = body[m.end() : m.end() + 250]
        legal = re.match(rf",?\s*{LEGAL_FORM}", after)
        if legal:
            end = m.end() + legal.end()
            role = _later_role(after[legal.end() :])
            return Candidate(body[m.start() : end], m.start(), end, role, confidence=0.5)
        if not alias_only and (DESCRIPTION_AFTER.match(after) or ALIAS_AFTER.match(after)):
            return Candidate(m.group(0), m.start(), m.end(), _later_role(after), confidence=0.5)
    return None


def _later_role(after: str) -> str | None:
    """The role a quoted alias soon after a name gives ("..., a corporation ("Distributor")")."""
    alias = _QUOTED_ALIAS.search(after[:250])
    if alias is None or re.search(r"[),;]\s*and\b", after[: alias.start()]):
        return None
    return role_of(alias.group(1))
