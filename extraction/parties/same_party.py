"""Candidates that name a party found already: another spelling of its name, its initials,
or the trade name it does business under.

Readers find a party more than once (the preamble and the definitions, the cover and the
signature page) and not always in the same words: "NETWORKS ASSOCIATES, INC." and "Network
Associates, Inc.", "Bank of South Pacific Ltd" and "Bank South Pacific Limited". The first one
found stays (readers are asked in order of trust), unless a later one is where the contract
defines the party's alias.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from extraction.parties.candidate import Candidate, bare_key
from extraction.parties.words import LEGAL_END, LEGAL_WORD

_FILLER = frozenset({"of", "the", "and", "og", "de"})
# "X Inc., dba Full Sail Brewing Company": the name after it is a trade name of the party.
_TRADE_NAME_BEFORE = re.compile(
    r"(?:\bd/b/a|\bdba|\bdoing\s+business\s+as|\ba/k/a|\baka|\bf/k/a|\bformerly\s+known\s+as"
    r"|\btrading\s+as)[\s,:]*[\"“]?$",
    re.IGNORECASE,
)
# Spelling variants ("Stremick" / "Stremicks", "Networks" / "Network"), not other words.
_SAME_WORD_RATIO = 0.85


def without_other_names(body: str, found: list[Candidate]) -> list[Candidate]:
    """`found` without trade names, later spellings and initials of a party found earlier."""
    kept: list[Candidate] = []
    for candidate in found:
        if _TRADE_NAME_BEFORE.search(body, max(0, candidate.start - 30), candidate.start):
            continue
        same = next((i for i, c in enumerate(kept) if _same_name(c.name, candidate.name)), None)
        if same is None:
            kept.append(candidate)
        elif _defined_here(body, candidate) and not _defined_here(body, kept[same]):
            # The spelling the contract defines a term for is the one it means: the cover's
            # "STREMICK HERITAGE FOODS, LLC" gives way to 'Stremicks Heritage Foods, LLC
            # ("Heritage")'.
            kept[same] = candidate
    return [c for c in kept if not any(_initials_of(c.name, o.name) for o in kept if o is not c)]


_ALIAS_NEXT = re.compile(r"[\s,]*\(\s*(?:the\s+)?[\"“]")


def _defined_here(body: str, candidate: Candidate) -> bool:
    return _ALIAS_NEXT.match(body, candidate.end, candidate.end + 40) is not None


def _words(name: str) -> list[str]:
    # Brackets stay: "TOM Online (BVI) Limited" and "TOM Online Limited" are two companies.
    return [w for w in bare_key(name).split() if w not in _FILLER]


def _same_name(first: str, second: str) -> bool:
    a, b = _words(first), _words(second)
    if not a or len(a) != len(b):
        return False
    return all(x == y or _spelling_variant(x, y) for x, y in zip(a, b, strict=True))


def _spelling_variant(x: str, y: str) -> bool:
    """Two spellings of a word; numbers and short words ("II", "GP", "UGP") must agree."""
    if min(len(x), len(y)) < 5 or re.search(r"\d", x + y):
        return False
    if x[:2] != y[:2]:
        return False  # "Eastern" and "Western" are two words
    return SequenceMatcher(None, x, y).ratio() >= _SAME_WORD_RATIO


def _initials_of(short: str, full: str) -> bool:
    """ "LG&E" of "LOUISVILLE GAS AND ELECTRIC COMPANY", "KI, Inc." of "Kathy Ireland, Inc.":
    an abbreviation the contract uses for a party it names in full."""
    bare = LEGAL_END.sub("", short.strip(" ,.")).strip(" ,.")
    letters = re.sub(r"[&.\s]", "", bare)
    if not (2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper()):
        return False
    if LEGAL_END.search(short) and not LEGAL_END.search(full):
        return False
    words = [w for w in re.split(r"[\s,&]+", LEGAL_END.sub("", full.strip(" ,.")))
             if w and w.lower() not in _FILLER and not LEGAL_WORD.match(w)]
    return len(words) == len(letters) and "".join(w[0] for w in words).upper() == letters
