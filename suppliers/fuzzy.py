"""Fuzzy supplier names: a spelling no alias or name matches exactly is compared with every
known supplier's normalised names (rapidfuzz `token_sort_ratio`, 0-100, word order
ignored). A clear winner at or above ACCEPT is taken; a close call, or a score between
SUGGEST and ACCEPT, becomes a suggestion a person confirms; below SUGGEST, nothing.

Measured on the held-apart half of the Oxford spend files (benchmarks/supplier_matching.py),
every link taken at 92, 95 or 97 was wrong (new suppliers that look like registered ones:
"X College" and "Y College"), so only the same words in another order are taken unasked;
every other look-alike waits for a person as a suggestion."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from suppliers.names import normalise_name

ACCEPT = 100.0
SUGGEST = 80.0
# A runner-up (another supplier) within this many points makes the winner uncertain.
MARGIN = 3.0
# Very short names ("BT", "AA") are alike by chance; they match exactly or not at all.
MIN_LENGTH = 4


@dataclass(frozen=True)
class FuzzyMatch:
    supplier_id: int
    score: float
    accepted: bool
    ambiguous: bool


class FuzzyNames:
    """The known names (each a supplier's name or alias), ready to compare against."""

    def __init__(self, names: Iterable[tuple[int, str]]) -> None:
        by_name: dict[str, int] = {}
        for supplier_id, name in names:
            normalised = normalise_name(name)
            if len(normalised) >= MIN_LENGTH:
                by_name.setdefault(normalised, supplier_id)
        self._names = list(by_name)
        self._ids = list(by_name.values())

    def match(self, spelling: str) -> FuzzyMatch | None:
        query = normalise_name(spelling)
        if len(query) < MIN_LENGTH or not self._names:
            return None
        found = process.extract(query, self._names, scorer=fuzz.token_sort_ratio,
                                score_cutoff=SUGGEST, limit=5)
        if not found:
            return None
        _name, best, index = found[0]
        supplier_id = self._ids[index]
        rivals = [score for _n, score, i in found[1:] if self._ids[i] != supplier_id]
        ambiguous = bool(rivals) and best - rivals[0] < MARGIN
        return FuzzyMatch(supplier_id=supplier_id, score=float(best),
                          accepted=best >= ACCEPT and not ambiguous, ambiguous=ambiguous)
