"""Patterns that skip the places where they cannot start.

Python's regex engine skips ahead cheaply only when a pattern starts with a plain literal or
character set and is case-sensitive. The rules' patterns are mostly case-insensitive and start
with a word boundary or an alternation of words ("days?|weeks?|months?|..."), so a scan tries
every alternative at every position of a contract: a unit-word scan spent ~0.25 µs a
character. `quick_start` puts in front of such a pattern a lookahead of the characters a match
can start with, `(?=[dwmyuå])`: the engine tests one character class per position and tries
the pattern only where it could match. The lookahead is implied by the pattern, so matches,
spans and groups stay exactly the same.

It is used where it was measured faster (a third to five times on the unit words, durations,
dates and the term, law and option clauses). Not everywhere: where the engine finds its own
first characters (some patterns starting with a word boundary and a few words, such as "shall
not be renewed"), the lookahead hides them and the scan got up to twice slower.
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_LEADING_FLAGS = re.compile(r"(?:\(\?[aiLmsux]+\))?")
# Every pattern sped up, beside the one it replaces: the tests check they find the same.
SPED_UP: list[tuple[re.Pattern[str], re.Pattern[str]]] = []
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT))


class _UnknownStartError(Exception):
    """The pattern may start with any character (or with nothing): no lookahead helps."""


def quick_start(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` with a lookahead of its possible first characters, or itself unchanged when
    they cannot be told (it may match an empty string, start with `.`, a negated class, a
    back-reference, or change flags inline)."""
    try:
        items, may_be_empty = _first(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    except _UnknownStartError:
        return pattern
    if may_be_empty or not items:
        return pattern
    lookahead = "(?=[" + "".join(sorted(items)) + "])"
    # Flags written "(?i)" at its start are in `pattern.flags`, and must stay first.
    source = pattern.pattern[len(_LEADING_FLAGS.match(pattern.pattern).group(0)):]  # type: ignore[union-attr]
    quick = re.compile(lookahead + source, pattern.flags)
    SPED_UP.append((pattern, quick))
    return quick


def _first(sequence: list[tuple[Any, Any]]) -> tuple[set[str], bool]:
    """The class items a match of `sequence` can start with, and whether it can be empty."""
    items: set[str] = set()
    for op, value in sequence:
        if op in _ZERO_WIDTH:
            continue  # a boundary or lookaround: the next element still gives the character
        if op is sre.LITERAL:
            return items | {_char(value)}, False
        if op is sre.IN:
            return items | _class_items(value), False
        if op is sre.BRANCH:
            empty = False
            for alternative in value[1]:
                found, alternative_empty = _first(list(alternative))
                items |= found
                empty = empty or alternative_empty
            if not empty:
                return items, False
            continue
        if op is sre.SUBPATTERN:
            _group, add_flags, del_flags, inner = value
            if add_flags or del_flags:
                raise _UnknownStartError  # "(?i:...)" would need the class under other flags
            found, empty = _first(list(inner))
            items |= found
            if not empty:
                return items, False
            continue
        if op in _REPEATS or op is getattr(sre, "ATOMIC_GROUP", None):
            minimum, inner = (value[0], value[2]) if op in _REPEATS else (1, value)
            found, empty = _first(list(inner))
            items |= found
            if minimum > 0 and not empty:
                return items, False
            continue
        raise _UnknownStartError  # ANY, NOT_LITERAL, GROUPREF, conditionals ...
    return items, True


def _class_items(members: list[tuple[Any, Any]]) -> set[str]:
    items: set[str] = set()
    for op, value in members:
        if op is sre.LITERAL:
            items.add(_char(value))
        elif op is sre.RANGE:
            items.add(f"{_char(value[0])}-{_char(value[1])}")
        elif op is sre.CATEGORY and value in _CATEGORIES:
            items.add(_CATEGORIES[value])
        else:
            raise _UnknownStartError  # a negated class, or one this does not know
    return items


def _char(code: int) -> str:
    char = chr(code)
    return "\\" + char if char in "\\]^-[" else char
