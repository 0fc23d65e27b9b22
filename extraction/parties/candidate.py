"""A party as a reader finds it, and the keys readers compare names and roles by.

Every reader (labelled lines, preamble, cover page, signature blocks) returns `Candidate`s;
`extraction.parties` merges them and turns the survivors into `Party` values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extraction.parties.words import LEGAL_END, ROLE_WORDS


@dataclass
class Candidate:
    name: str
    start: int
    end: int
    role: str | None = None
    org_number: str | None = None
    confidence: float = 0.7


def name_key(name: str) -> str:
    """What names and aliases are compared by: case and punctuation aside ("Acme, Inc." is
    "ACME INC")."""
    return re.sub(r"[^\w]+", " ", name.lower()).strip()


def bare_key(name: str) -> str:
    """`name_key` without the legal form: "Espacio IT, SA." and "ESPACIO IT, S.A." are one."""
    return name_key(LEGAL_END.sub("", name.strip(" ,.")) or name)


def role_of(alias: str) -> str | None:
    """The role a defined alias names ("the Licensee" -> licensee, "Maintenance Service
    Provider" -> supplier); None for other aliases ("Company", "Acme")."""
    words = alias.strip().lower().removeprefix("the ").split()
    # The role is the last word(s): what comes before says of what ("Ingredient Supplier").
    for size in (len(words), 2, 1):
        if 0 < size <= len(words):
            role = ROLE_WORDS.get(" ".join(words[-size:]))
            if role is not None:
                return role
    return None
