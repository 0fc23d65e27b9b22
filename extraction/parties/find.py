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

The readers are in this package's `label_lines`, `preamble`, `cover_page` and
`signature_blocks`; what makes a run of words a name is in `names`, the vocabulary in `words`.
This module asks them in order of trust, merges their candidates and attaches org numbers.
"""

from __future__ import annotations

import re
from typing import Any

from extraction.model import Evidence, Finding, Language, Party
from extraction.org_numbers import find_org_numbers
from extraction.parties.candidate import Candidate, bare_key, name_key
from extraction.parties.cover_page import cover_names
from extraction.parties.label_lines import block_names, labelled_names
from extraction.parties.preamble import preamble_names
from extraction.parties.roles import attach_roles
from extraction.parties.same_party import without_other_names
from extraction.parties.signature_blocks import signature_blocks, tail_names
from extraction.parties.tables import table_parties
from extraction.parties.words import LEGAL_END
from extraction.text import ContractText


def extract_parties(
    text: ContractText, language: Language, nlp_model: str | None = None
) -> dict[str, Finding[Any]]:
    """`nlp_model`: an installed trained spaCy model whose ORG / PERSON entities in the
    preamble become extra candidates (the same rules accept or reject them); None = rules."""
    body = text.text
    found = labelled_names(body)
    if len(found) < 2:
        # A party table or two-column block says who is who as surely as labelled lines.
        in_table = table_parties(body)
        if len(in_table) >= 2:
            found = in_table
    if len(found) < 2:
        # Blocks under labels of other wordings count only when they name both sides.
        with_blocks = _merge(found, block_names(body))
        if len(with_blocks) >= 2:
            found = with_blocks
    if len(found) < 2:
        for candidates in preamble_names(body, language, nlp_model):
            if candidates:
                found = _merge(found, candidates)
                break
    if len(found) < 2:
        found = _merge_cover(found, cover_names(body, language, nlp_model))
    if len(found) < 2:
        found = _merge(found, signature_blocks(body))
    if not found:
        found = tail_names(body)
    found = without_other_names(body, _drop_fragments(found))
    if not found:
        return {}
    _attach_org_numbers(body, found)
    attach_roles(body, found)
    parties = [Party(name=c.name, role=c.role, org_number=c.org_number) for c in found]
    evidence: list[Evidence] = [text.evidence(c.start, c.end) for c in found]
    confidence = min(c.confidence for c in found)
    return {"parties": Finding(value=parties, confidence=confidence, evidence=evidence)}


def _drop_fragments(found: list[Candidate]) -> list[Candidate]:
    """'NUTRITION CORPORATION' next to 'Premier Nutrition Corporation' is a broken copy."""
    keys = [name_key(c.name) for c in found]
    # "JAMES NANTZ AND NANTZ COMMUNICATIONS INC" lists two names found on their own.
    lists = {o for o in keys if any(o != k and o.endswith(" and " + k) for k in keys)}
    # "PACIFICAP ENTERTAINMENT Licensee THE HENRY FILM ...": two found names run together.
    lists |= {
        o for o in keys
        if any(a != o and o.startswith(a + " ") for a in keys)
        and any(b != o and o.endswith(" " + b) for b in keys)
    }
    return [
        c
        for c, k in zip(found, keys, strict=True)
        if k not in lists
        and not (
            len(k.split()) <= 2
            and any(o != k and o not in lists and o.endswith(" " + k) for o in keys)
        )
        # "Guaranty" next to "GUARANTY BANK, FSB": the short name the contract calls it by.
        and not (
            len(k.split()) == 1
            and not LEGAL_END.search(c.name)
            and any(o != k and o.startswith(k + " ") for o in keys)
        )
    ]


def _merge(first: list[Candidate], more: list[Candidate]) -> list[Candidate]:
    """`more` after `first`, without the names `first` has ("S.A." and "SA." alike)."""
    keys = {bare_key(c.name) for c in first}
    merged = list(first)
    for c in more:
        if bare_key(c.name) not in keys:
            keys.add(bare_key(c.name))
            merged.append(c)
    return merged


def _merge_cover(found: list[Candidate], cover: list[Candidate]) -> list[Candidate]:
    """Cover names not found already ("NETGEAR" is "NETGEAR, Inc.")."""
    keys = [name_key(c.name) for c in found]
    more = [
        c for c in cover
        if not any(k == name_key(c.name) or k.startswith(name_key(c.name) + " ")
                   or name_key(c.name).startswith(k + " ") for k in keys)
    ]
    return found + more


def _attach_org_numbers(body: str, found: list[Candidate]) -> None:
    """Each party gets the first org number written after its name and before the next
    party's name (the registration belongs to the party it follows). A number a reader took
    from the party's own table cell or column stays."""
    ordered = sorted(found, key=lambda c: c.start)
    for index, candidate in enumerate(ordered):
        if candidate.org_number is not None:
            continue
        limit = ordered[index + 1].start if index + 1 < len(ordered) else candidate.end + 400
        limit = min(limit, candidate.end + 400)
        numbers = find_org_numbers(body, candidate.end, limit)
        # A foreign company registered in Norway (NUF) gives its home registry's number and
        # its Norwegian org.nr.: the Norwegian one is what Brønnøysund knows it by.
        norwegian = [n for n in numbers if n.kind == "no"]
        if numbers:
            candidate.org_number = (norwegian or numbers)[0].value
    taken = {c.org_number for c in found if c.org_number}
    for candidate in ordered:
        if candidate.org_number is None:
            candidate.org_number = _number_beside_other_mention(body, candidate, taken)
            if candidate.org_number is not None:
                taken.add(candidate.org_number)


def _number_beside_other_mention(
    body: str, candidate: Candidate, taken: set[str]
) -> str | None:
    """A party read where no number follows (a signature block, an annex's labels) is often
    registered where the contract first names it: "mellom Lindesnes kommune, org.nr. 803 922
    381, ...". Only a number right after the name counts, so a neighbour's is never taken."""
    for mention in re.finditer(re.escape(candidate.name), body):
        if mention.start() == candidate.start:
            continue
        for number in find_org_numbers(body, mention.end(), mention.end() + 60):
            if _BESIDE_NAME.fullmatch(body, mention.end(), number.start) \
                    and number.value not in taken:
                return number.value
    return None


# Between a name and its number: a comma or an opening bracket, and spaces.
_BESIDE_NAME = re.compile(r"[\s,(]*")
