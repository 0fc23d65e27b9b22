"""K-fold splits by document, for figures on contracts a fitted part has not seen.

Whole contracts go to one fold: splitting a contract's candidates across folds would let a
model learn a contract's own wording and score it as if unseen.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Sequence

DEFAULT_FOLDS = 5
DEFAULT_SEED = 7


def document_folds(
    documents: Sequence[str], k: int = DEFAULT_FOLDS, seed: int = DEFAULT_SEED
) -> list[list[str]]:
    """`k` disjoint folds that together hold every document once, the same for the same
    documents, `k` and seed whatever order the documents come in."""
    unique = sorted(set(documents))
    if k < 2 or k > len(unique):
        raise ValueError(f"need 2 <= folds <= {len(unique)} documents, got {k}")
    # Sorted first, so that the split does not depend on the order of labels.csv.
    random.Random(seed).shuffle(unique)
    return [sorted(unique[i::k]) for i in range(k)]


HALVES = ("A", "B")


def document_half(document: str) -> str:
    """The half ("A" or "B") a document falls in by a hash of its file name, so that rules can
    be written from the misses of one half and checked on the other; a name always falls in
    the same half, whatever else is in the data set."""
    return HALVES[zlib.crc32(document.encode("utf-8")) % 2]
