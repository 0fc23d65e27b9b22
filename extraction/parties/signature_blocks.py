"""Parties from signature pages, when no earlier reader names two parties.

Only names with a legal form count here: a signature block also prints people, titles and
dates. Lowest confidence of all the readers.
"""

from __future__ import annotations

import re

from extraction.parties.candidate import Candidate, bare_key, name_key
from extraction.parties.names import defined_aliases, not_a_name, split_run, trim_front
from extraction.parties.words import LEGAL_END, LEGAL_WORD, NAME_RUN, NOT_NAME

_SIGNATURE_NAME = re.compile(
    r"^(?:[ \t]*(?P<pre>[A-Z][A-Z0-9&.,' -]{2,60}?)[ \t]*\r?\n)?"
    r"[ \t]*(?:By:\s*)?(?P<name>[^\n:]{3,90}?)[ \t,:]*\r?\n[ \t]*"
    r"(?:By\b|/s/|Name\s*:|Signature)",
    re.MULTILINE,
)


def signature_blocks(body: str) -> list[Candidate]:
    """Names with a legal form on the line above a signature ("ACME INC.\nBy: /s/ ...")."""
    found: list[Candidate] = []
    for m in _SIGNATURE_NAME.finditer(body):
        raw = m.group("name")
        pre = m.group("pre")
        start = m.start("name")
        # "SEATTLE SOFTWARE\nDEVELOPERS, Inc.": a name broken over two lines.
        if pre and raw[:1].isupper() and raw.split()[0].isupper() and not LEGAL_END.search(pre):
            raw = f"{pre} {raw}"
            start = m.start("pre")
        name, _ = trim_front(re.sub(r"\s+", " ", raw).strip(" ,"), 0)
        # "SILICON SMELTERS PTY LTD ESPACIO INFORMATION TECHNOLOGY, S.A.": two columns.
        parts = [part for part, _ in split_run(name, 0)] if LEGAL_END.search(name) else [name]
        if not all(LEGAL_END.search(part) for part in parts):
            parts = [name]
        for part in parts:
            if (
                LEGAL_END.search(part)
                and not NOT_NAME.search(part)
                and len(part.split()) <= 8
                and not re.search(r"/s/|\d", part)
                and bare_key(part) not in {bare_key(c.name) for c in found}
            ):
                found.append(Candidate(part, start, m.end("name"), None, confidence=0.4))
    # A consortium signs with dozens of members (45 carriers on one cable agreement).
    return found[:60]


_FILING_STAMP = re.compile(r"Source\s*:\s*$")


def tail_names(body: str) -> list[Candidate]:
    """Last resort: names with a legal form near the end (signature pages without "By:")."""
    found: list[Candidate] = []
    # 'Natalija Tunevic Company' where the contract calls a party "Company": a signer and
    # the alias her company is called by.
    alias_company = "company" in defined_aliases(body)
    for m in NAME_RUN.finditer(body, max(0, len(body) - 4000)):
        if _FILING_STAMP.search(body, max(0, m.start() - 12), m.start()):
            continue  # "Source: SOUPMAN, INC., 8-K, 8/14/2015": who filed it, not who signed
        name = re.sub(r"\s+", " ", m.group(0).strip())
        # "Rush Work. Company": a sentence's end inside the run.
        name = split_run(name, 0)[-1][0] if ". " in name else name
        if (
            LEGAL_END.search(name)
            and not LEGAL_WORD.match(name)
            and not NOT_NAME.search(name)
            and not not_a_name(name)
            and not (alias_company and re.search(r"\s(?i:company)$", name))
            and len(name.split()) <= 8
            and name_key(name) not in {name_key(c.name) for c in found}
        ):
            found.append(Candidate(name, m.start(), m.end(), None, confidence=0.3))
    return found[:4]
