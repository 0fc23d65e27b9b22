"""The search box's query language, parsed into a small engine-neutral model.

Syntax (what a legal or procurement user types):

- `liability cap`           both words (AND is the default)
- `"price indexation"`      a phrase; typographic quotes (“ ” „ « ») work too
- `-draft`, `-"side letter"` exclude a word or a phrase
- `IT OR software`          either word; OR binds tighter than the implicit AND, so
                            `cloud IT OR software` means cloud AND (IT OR software)
- `a AND b`                 allowed, the same as `a b`
- `title:`, `party:` (or `parties:`), `body:` restrict a word or phrase to one field
- `indeks*`                 prefix search (at least 2 letters before the `*`)

Leniency: punctuation inside or around words is split off by the engine's tokenizer
(`e-mail` finds the phrase "e mail"), words made only of punctuation (a dash between
words, `&`, parentheses on their own) are ignored, and lower-case `or`/`and` are ordinary
words (Norwegian "og" and English "and" are both just words). Everything else that cannot
be understood raises `QuerySyntaxError` with a message that is safe to show to the user.

The model keeps each word or phrase as typed (minus operators): turning text into index
terms is the engine adapter's job, because it must use the same analyzer as indexing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from search_api.port import QuerySyntaxError

SearchField = Literal["title", "party", "body"]

MAX_QUERY_CHARS = 1000
MAX_QUERY_WORDS = 50
MIN_PREFIX_CHARS = 2

_FIELD_PREFIXES: dict[str, SearchField] = {
    "title": "title",
    "party": "party",
    "parties": "party",
    "body": "body",
}
_FIELD_PREFIX_RE = re.compile(r"(title|party|parties|body):", re.IGNORECASE)
_QUOTE_CHARS = str.maketrans({c: '"' for c in "“”„‟«»"})
_WORD_RUN_RE = re.compile(r"[^\W_]+")
# Whitespace and tab/newline are fine (pasted multi-line text); other C0/C1 controls and
# lone surrogates are never typed by a person and are refused.
_ALLOWED_CONTROLS = frozenset("\t\n\r\x0b\x0c")


@dataclass(frozen=True, slots=True)
class Term:
    """One word as typed (may contain punctuation, which the engine splits into a phrase)."""

    text: str
    field: SearchField | None = None
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words that must appear next to each other, in this order."""

    text: str
    field: SearchField | None = None


Clause = Term | Phrase


@dataclass(frozen=True, slots=True)
class AnyOf:
    """At least one of the clauses must match (a single clause for a plain word)."""

    clauses: tuple[Clause, ...]


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """Conjunction of `required` groups, minus anything matching an `excluded` clause.

    Empty `required` with empty `excluded` matches every (visible) contract.
    """

    required: tuple[AnyOf, ...] = ()
    excluded: tuple[Clause, ...] = ()

    @property
    def matches_everything(self) -> bool:
        return not self.required and not self.excluded

    def positive_clauses(self) -> Iterator[Clause]:
        """Clauses that can make a contract match: what highlighting marks."""
        for group in self.required:
            yield from group.clauses


@dataclass(frozen=True, slots=True)
class _Operand:
    clause: Clause
    negated: bool


@dataclass(frozen=True, slots=True)
class _Operator:
    name: Literal["OR", "AND"]


_Token = _Operand | _Operator


def parse_query(text: str) -> ParsedQuery:
    """Parse the search box text; raises `QuerySyntaxError` for anything malformed."""
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"The search text is too long ({len(text)} characters; at most {MAX_QUERY_CHARS})."
        )
    cleaned = _clean(text)
    tokens = [t for t in _lex(cleaned) if not _is_noise(t)]
    words = sum(_count_words(t.clause.text) for t in tokens if isinstance(t, _Operand))
    if words > MAX_QUERY_WORDS:
        raise QuerySyntaxError(
            f"The search has too many words ({words}; at most {MAX_QUERY_WORDS})."
        )
    return _build(tokens)


def _clean(text: str) -> str:
    for char in text:
        category = unicodedata.category(char)
        if (category == "Cc" and char not in _ALLOWED_CONTROLS) or category == "Cs":
            raise QuerySyntaxError("The search text contains control characters.")
    text = unicodedata.normalize("NFC", text).translate(_QUOTE_CHARS)
    # Soft hyphens come along when text is copied from PDFs: they are not word breaks.
    # Other invisible format characters (zero-width spaces, BOMs) separate words.
    return "".join(
        "" if char == "\u00ad" else " " if unicodedata.category(char) == "Cf" else char
        for char in text
    )


def _lex(text: str) -> Iterator[_Token]:
    i, end = 0, len(text)
    while i < end:
        if text[i].isspace():
            i += 1
            continue
        start = i
        negated = False
        if text[i] == "-" and i + 1 < end and not text[i + 1].isspace():
            negated = True
            i += 1
        field: SearchField | None = None
        prefix_match = _FIELD_PREFIX_RE.match(text, i)
        if prefix_match:
            field = _FIELD_PREFIXES[prefix_match.group(1).lower()]
            i = prefix_match.end()
            if i >= end or text[i].isspace():
                raise QuerySyntaxError(
                    f"'{prefix_match.group(0)}' must be followed by a word or a quoted phrase."
                )
        if text[i] == '"':
            close = text.find('"', i + 1)
            if close < 0:
                raise QuerySyntaxError(
                    'A quote is not closed: add the missing " or remove the stray one.'
                )
            yield _Operand(Phrase(text[i + 1 : close], field), negated)
            i = close + 1
            continue
        j = i
        while j < end and not text[j].isspace() and text[j] != '"':
            j += 1
        word = text[i:j]
        i = j
        if word in ("OR", "AND") and not negated and field is None and j - start == len(word):
            yield _Operator("OR" if word == "OR" else "AND")
            continue
        yield _Operand(_term(word, field), negated)


def _term(word: str, field: SearchField | None) -> Term:
    if not word.endswith("*"):
        return Term(word, field)
    stem = word.rstrip("*")
    if not stem.isalnum():
        # `*` alone, or after punctuation (`e-mai*`): not a clean prefix, search the word.
        return Term(stem, field)
    if len(stem) < MIN_PREFIX_CHARS:
        raise QuerySyntaxError(
            f"A prefix search needs at least {MIN_PREFIX_CHARS} letters before the *."
        )
    return Term(stem, field, prefix=True)


def _is_noise(token: _Token) -> bool:
    return isinstance(token, _Operand) and _count_words(token.clause.text) == 0


def _count_words(text: str) -> int:
    return len(_WORD_RUN_RE.findall(text))


def _build(tokens: list[_Token]) -> ParsedQuery:
    required: list[AnyOf] = []
    excluded: list[Clause] = []
    pending: list[Clause] = []  # the OR group being built
    for index, token in enumerate(tokens):
        previous = tokens[index - 1] if index > 0 else None
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if isinstance(token, _Operator):
            if not isinstance(previous, _Operand) or not isinstance(following, _Operand):
                raise QuerySyntaxError(f"{token.name} needs a search word on both sides.")
            if token.name == "OR" and (previous.negated or following.negated):
                raise QuerySyntaxError(
                    "OR cannot be combined with an excluded word (-word); "
                    "remove the OR or the minus."
                )
            continue
        if token.negated:
            excluded.append(token.clause)
            continue
        pending.append(token.clause)
        if not (isinstance(following, _Operator) and following.name == "OR"):
            required.append(AnyOf(tuple(pending)))
            pending = []
    return ParsedQuery(tuple(required), tuple(excluded))
