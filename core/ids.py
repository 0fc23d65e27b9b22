"""Row ids from the outside world (paths, queries, bodies).

The id columns are INTEGER, 32-bit on PostgreSQL: an id above 2^31 - 1 cannot name a row,
and sending one to the database overflows (a 500) instead of finding nothing.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path
from pydantic import Field

MAX_ID = 2**31 - 1

PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
BodyId = Annotated[int, Field(ge=1, le=MAX_ID)]


def parse_id(text: str) -> int | None:
    """An id typed as text, or None. ASCII digits only: `"²".isdigit()` is true, but
    `int("²")` raises."""
    text = text.strip()
    if not text or not text.isascii() or not text.isdigit():
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None
