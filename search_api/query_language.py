"""The search box's query language, parsed into the engine-neutral model of `query_model`.

Syntax (what a legal or procurement user types; the README's "Search syntax" has examples):

- `liability cap`           both words (AND is the default; `a AND b` is the same)
- `"price indexation"`      a phrase; typographic quotes (“ ” „ « ») work too
- `-draft`, `NOT draft`     exclude a word, a phrase or a group
- `IT OR software`          either; OR binds tighter than the implicit AND, so
                            `cloud IT OR software` means cloud AND (IT OR software)
- `(a OR b) -(c d)`         parentheses group, to any depth up to MAX_DEPTH
- `title:`, `party:` (or `parties:`), `body:` restrict a word or phrase to the contract's
  text field; `supplier:`, `category:`, `law:` match words of the supplier's name, the
  category path or the governing law (`supplier:acme`, `law:"new york"`)
- every field also by its Norwegian name: `tittel:`, `part:`/`parter:`, `tekst:`,
  `leverandør:`, `kategori:`, `lov:`, `utløper:`, `frist:`, `verdi:`, `risiko:`,
  `innkjøp:`, `poeng:`
- `indeks*`                 prefix (at least 2 letters before the `*`)
- `indexaton~`, `~1`, `~2`  fuzzy: up to 2 edits (`~` alone: 1 for words of 3-5 letters, 2
                            for longer ones, none for shorter)
- `status:expiring`         the deadline engine's status (active, expiring, expired, unknown)
- `expires:<90d`, `notice:<30d`   ends / notice deadline within the next 90 / 30 days
                            (units d, w, m, y); `expires:>1y`, `expires:<=2026-06-30`,
                            `expires:2025`, `expires:2025-06`, `expires:2025-01-01..2025-06-30`
- `value:>1000000`, `value:>=5000`, `value:100000..500000`   the contract value
- `risk:high`               the supplier's risk level (low, medium, high, unknown)
- `spend:>100000`           spend under the contract in the last 12 months (as value:)
- `score:<3`, `score:>=4`   the supplier's last evaluation score (as value:)

Leniency: punctuation inside or around words is split off by the engine's tokenizer
(`e-mail` finds the phrase "e mail"), words made only of punctuation (a dash between
words, `&`) are ignored, and lower-case `or`/`and`/`not` are ordinary words (Norwegian
"og" and English "and" are both just words). Everything else that cannot be understood
raises `QuerySyntaxError` with a message that says what is wrong and at which character.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, cast

from core.i18n import N_, message
from search_api.port import CONTRACT_STATUSES, RISK_LEVELS, QuerySyntaxError
from search_api.query_model import (
    AnyOf,
    Clause,
    DateField,
    DateRange,
    DateUnit,
    Group,
    NumberField,
    ParsedQuery,
    Phrase,
    RiskIs,
    SearchField,
    StatusIs,
    Term,
    ValueRange,
    When,
)

__all__ = [
    "MAX_DEPTH",
    "MAX_QUERY_CHARS",
    "MAX_QUERY_WORDS",
    "MIN_PREFIX_CHARS",
    "AnyOf",
    "Clause",
    "DateRange",
    "Group",
    "ParsedQuery",
    "Phrase",
    "RiskIs",
    "SearchField",
    "StatusIs",
    "Term",
    "ValueRange",
    "When",
    "parse_query",
]

MAX_QUERY_CHARS = 1000
_UNOPENED = N_("The ) at character %(at)s closes no parenthesis.")
_BACKWARDS = N_("%(field)s:%(value)s at character %(at)s: the range ends before it starts.")
MAX_QUERY_WORDS = 50
MIN_PREFIX_CHARS = 2
MAX_DEPTH = 8
MAX_FUZZY = 2
# Relative dates beyond a century are typing mistakes, and would overflow the calendar.
_MAX_OFFSET = {"d": 36_600, "w": 5_300, "m": 1_200, "y": 100}

_TEXT_PREFIXES: dict[str, SearchField] = {
    "title": "title", "party": "party", "parties": "party", "body": "body",
    "supplier": "supplier", "category": "category", "law": "law",
}
_FILTER_PREFIXES = ("status", "expires", "notice", "value", "risk", "spend", "score")
_NUMBER_FIELDS: tuple[NumberField, ...] = ("value", "spend", "score")
# Norwegian names of the same fields (the words of the Norwegian pages), so Norwegian
# readers type `leverandør:renhold` or `utløper:<90d` in their own language.
_NORWEGIAN_PREFIXES = {
    "tittel": "title", "part": "party", "parter": "party", "tekst": "body",
    "leverandør": "supplier", "kategori": "category", "lov": "law", "utløper": "expires",
    "frist": "notice", "verdi": "value", "risiko": "risk", "innkjøp": "spend",
    "poeng": "score",
}
_FIELD_NAMES = {name: name for name in (*_TEXT_PREFIXES, *_FILTER_PREFIXES)}
_FIELD_NAMES |= _NORWEGIAN_PREFIXES
_FIELD_PREFIX_RE = re.compile(
    # Longest first, so `parter:` is not read as `part` followed by `er:`.
    "(" + "|".join(sorted(_FIELD_NAMES, key=len, reverse=True)) + "):",
    re.IGNORECASE,
)
_QUOTE_CHARS = str.maketrans({c: '"' for c in "“”„‟«»"})
_WORD_RUN_RE = re.compile(r"[^\W_]+")
_FUZZY_RE = re.compile(r"^(?P<word>[^\W_]+)~(?P<edits>\d?)$")
_COMPARISON_RE = re.compile(r"^(?P<op><=|>=|<|>|=)?(?P<value>.+)$")
_NUMBER_RE = re.compile(r"^\d{1,15}(\.\d{1,6})?$")
_OFFSET_RE = re.compile(r"^(?P<sign>[+-]?)(?P<count>\d{1,6})(?P<unit>[dwmy])$", re.IGNORECASE)
_DATE_RE = re.compile(r"^(?P<year>\d{4})(-(?P<month>\d{2})(-(?P<day>\d{2}))?)?$")
# Whitespace and tab/newline are fine (pasted multi-line text); other C0/C1 controls and
# lone surrogates are never typed by a person and are refused.
_ALLOWED_CONTROLS = frozenset("\t\n\r\x0b\x0c")
_ENDS_WORD = frozenset('"()')


@dataclass(frozen=True, slots=True)
class _Operand:
    clause: Clause
    negated: bool
    at: int


@dataclass(frozen=True, slots=True)
class _Symbol:
    name: Literal["OR", "AND", "NOT", "(", ")"]
    at: int
    negated: bool = False  # "-(": the group is excluded


_Token = _Operand | _Symbol


def parse_query(text: str) -> ParsedQuery:
    """Parse the search box text; raises `QuerySyntaxError` for anything malformed."""
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(message(
            N_("The search text is too long (%(length)s characters; at most %(most)s)."),
            length=len(text), most=MAX_QUERY_CHARS))
    cleaned = _clean(text)
    tokens = [t for t in _lex(cleaned) if not _is_noise(t)]
    words = sum(_count_words(t.clause) for t in tokens if isinstance(t, _Operand))
    if words > MAX_QUERY_WORDS:
        raise QuerySyntaxError(message(
            N_("The search has too many words (%(words)s; at most %(most)s)."),
            words=words, most=MAX_QUERY_WORDS))
    parser = _Parser(tokens)
    parsed = parser.query(depth=0)
    if parser.peek() is not None:  # only a stray ")" stops the top level early
        raise QuerySyntaxError(message(
            _UNOPENED, at=parser.peek_at() + 1))
    return parsed


def _clean(text: str) -> str:
    for char in text:
        category = unicodedata.category(char)
        if (category == "Cc" and char not in _ALLOWED_CONTROLS) or category == "Cs":
            raise QuerySyntaxError(N_("The search text contains control characters."))
    text = unicodedata.normalize("NFC", text).translate(_QUOTE_CHARS)
    # Soft hyphens come along when text is copied from PDFs: they are not word breaks.
    # Other invisible format characters (zero-width spaces, BOMs) separate words.
    return "".join(
        "" if char == "\u00ad" else " " if unicodedata.category(char) == "Cf" else char
        for char in text
    )


# --- lexing --------------------------------------------------------------------------------


def _lex(text: str) -> Iterator[_Token]:
    i, end = 0, len(text)
    while i < end:
        char = text[i]
        if char.isspace():
            i += 1
            continue
        if char == ")":
            yield _Symbol(")", i)
            i += 1
            continue
        start = i
        negated = False
        if char == "-" and i + 1 < end and not text[i + 1].isspace():
            negated = True
            i += 1
        if text[i] == "(":
            yield _Symbol("(", start, negated)
            i += 1
            continue
        prefix_match = _FIELD_PREFIX_RE.match(text, i)
        field = _FIELD_NAMES[prefix_match.group(1).lower()] if prefix_match else None
        if prefix_match:
            i = prefix_match.end()
            if i >= end or text[i].isspace() or text[i] in "()":
                raise QuerySyntaxError(message(
                    N_("'%(prefix)s' at character %(at)s must be followed by a word or a "
                       "quoted phrase."), prefix=prefix_match.group(0), at=start + 1))
        if text[i] == '"':
            close = text.find('"', i + 1)
            if close < 0:
                raise QuerySyntaxError(message(
                    N_('The quote at character %(at)s is not closed: add the missing " or '
                       "remove the stray one."), at=i + 1))
            phrase = text[i + 1 : close]
            i = close + 1
            if i < end and text[i] == "~":
                raise QuerySyntaxError(message(
                    N_("Fuzzy search (~) at character %(at)s works on single words, not on "
                       "phrases."), at=i + 1))
            yield _Operand(_phrase(phrase, field, start), negated, start)
            continue
        j = i
        while j < end and not text[j].isspace() and text[j] not in _ENDS_WORD:
            j += 1
        word = text[i:j]
        i = j
        if word in ("OR", "AND", "NOT") and not negated and field is None:
            yield _Symbol(cast(Literal["OR", "AND", "NOT"], word), start)
            continue
        yield _Operand(_clause(word, field, start), negated, start)


def _phrase(text: str, field: str | None, at: int) -> Clause:
    if field in _FILTER_PREFIXES:
        return _filter(field, text.strip(), at)
    return Phrase(text, _TEXT_PREFIXES[field] if field else None)


def _clause(word: str, field: str | None, at: int) -> Clause:
    if field in _FILTER_PREFIXES:
        return _filter(field, word, at)
    search_field = _TEXT_PREFIXES[field] if field else None
    fuzzy = _FUZZY_RE.match(word)
    if fuzzy:
        return Term(fuzzy["word"], search_field, fuzzy=_edits(fuzzy["word"], fuzzy["edits"], at))
    if not word.endswith("*"):
        return Term(word, search_field)
    stem = word.rstrip("*")
    if not stem.isalnum():
        # `*` alone, or after punctuation (`e-mai*`): not a clean prefix, search the word.
        return Term(stem, search_field)
    if len(stem) < MIN_PREFIX_CHARS:
        raise QuerySyntaxError(message(
            N_("A prefix search (at character %(at)s) needs at least %(least)s letters "
               "before the *."), at=at + 1, least=MIN_PREFIX_CHARS))
    return Term(stem, search_field, prefix=True)


def _edits(word: str, typed: str, at: int) -> int:
    if typed:
        edits = int(typed)
        if edits > MAX_FUZZY:
            raise QuerySyntaxError(message(
                N_("Fuzzy search allows at most %(most)s edits (~%(typed)s at character "
                   "%(at)s)."), most=MAX_FUZZY, typed=typed, at=at + 1))
        return edits
    # Elasticsearch's "AUTO": short words would match too much with an edit.
    return 0 if len(word) < 3 else 1 if len(word) <= 5 else 2


# --- filters: status, risk, dates, value, spend, score -------------------------------------


def _filter(field: str, value: str, at: int) -> Clause:
    where = at + 1  # the character, counted from 1, that messages name
    if field == "status":
        status = value.lower()
        if status not in CONTRACT_STATUSES:
            raise QuerySyntaxError(message(
                N_("status:%(value)s at character %(at)s: the status is one of %(known)s."),
                value=value, at=where, known=", ".join(CONTRACT_STATUSES)))
        return StatusIs(status)
    if field == "risk":
        level = value.lower()
        if level not in RISK_LEVELS:
            raise QuerySyntaxError(message(
                N_("risk:%(value)s at character %(at)s: the risk level is one of %(known)s."),
                value=value, at=where, known=", ".join(RISK_LEVELS)))
        return RiskIs(level)
    if field in _NUMBER_FIELDS:
        return _value_range(field, value, where)
    return _date_range(cast(DateField, field), value, where)


def _bounds(value: str, field: str, where: int) -> tuple[str | None, str, str | None]:
    """(operator, low text, high text) of `A..B`, `<A`, `A`."""
    if ".." in value:
        low, _, high = value.partition("..")
        if not low and not high:
            raise QuerySyntaxError(message(
                N_("%(field)s:%(value)s at character %(at)s: a range needs a start or an end."),
                field=field, value=value, at=where))
        return "..", low, high
    match = _COMPARISON_RE.match(value)
    if match is None:
        raise QuerySyntaxError(message(
            N_("%(field)s: at character %(at)s needs a value."), field=field, at=where))
    return match["op"], match["value"], None


def _value_range(field: NumberField, value: str, where: int) -> ValueRange:
    op, first, second = _bounds(value, field, where)
    if op == "..":
        low = _number(field, first, where) if first else None
        high = _number(field, second, where) if second else None
        if low is not None and high is not None and low > high:
            raise QuerySyntaxError(message(_BACKWARDS, field=field, value=value, at=where))
        return ValueRange(low, True, high, True, field)
    amount = _number(field, first, where)
    if op in (">", ">="):
        return ValueRange(amount, op == ">=", None, True, field)
    if op in ("<", "<="):
        return ValueRange(None, True, amount, op == "<=", field)
    return ValueRange(amount, True, amount, True, field)


def _number(field: NumberField, text: str, where: int) -> float:
    cleaned = text.replace("_", "")
    if not _NUMBER_RE.match(cleaned):
        example = "3.5 (digits)" if field == "score" else "1000000 (digits, no currency)"
        raise QuerySyntaxError(message(
            N_("%(field)s: at character %(at)s needs a number such as %(example)s, not "
               "'%(text)s'."), field=field, at=where, example=example, text=text[:30]))
    return float(cleaned)


def _date_range(field: DateField, value: str, where: int) -> DateRange:
    op, first, second = _bounds(value, field, where)
    if op == "..":
        low = _when(first, field, where) if first else None
        high = _when(second, field, where) if second else None
        if (
            low is not None and high is not None and low.offset is None
            and high.offset is None and low.start and high.end and low.start > high.end
        ):
            raise QuerySyntaxError(message(_BACKWARDS, field=field, value=value, at=where))
        return DateRange(field, low, True, high, True)
    when = _when(first, field, where)
    if op in (">", ">="):
        return DateRange(field, when, op == ">=", None, True)
    if op in ("<", "<="):
        # `<90d`: within the next 90 days; `<2026-01-01`: any day before it, past included.
        upcoming = when.offset is not None and when.offset[0] > 0
        return DateRange(field, None, True, when, op == "<=", upcoming=upcoming)
    return DateRange(field, when, True, when, True)


def _when(text: str, field: str, where: int) -> When:
    offset = _OFFSET_RE.match(text)
    if offset:
        unit = cast(DateUnit, offset["unit"].lower())
        count = int(offset["count"]) * (-1 if offset["sign"] == "-" else 1)
        if abs(count) > _MAX_OFFSET[unit]:
            raise QuerySyntaxError(message(
                N_("%(field)s: at character %(at)s: %(text)s is more than a century away."),
                field=field, at=where, text=text))
        return When(offset=(count, unit))
    found = _DATE_RE.match(text)
    if found is None:
        raise QuerySyntaxError(message(
            N_("%(field)s: at character %(at)s needs a date (2025-06-30, 2025-06 or 2025) or "
               "a number of days, weeks, months or years from today (90d, 6w, 3m, 1y), not "
               "'%(text)s'."), field=field, at=where, text=text[:30]))
    try:
        year = int(found["year"])
        if found["day"]:
            day = dt.date(year, int(found["month"]), int(found["day"]))
            return When(day, day)
        if found["month"]:
            month = int(found["month"])
            first = dt.date(year, month, 1)
            return When(first, first.replace(day=calendar.monthrange(year, month)[1]))
        return When(dt.date(year, 1, 1), dt.date(year, 12, 31))
    except ValueError:
        raise QuerySyntaxError(message(
            N_("%(field)s: at character %(at)s: %(text)s is not a date."),
            field=field, at=where, text=text)) from None


# --- parsing ---------------------------------------------------------------------------------


def _is_noise(token: _Token) -> bool:
    return (
        isinstance(token, _Operand)
        and isinstance(token.clause, Term | Phrase)
        and _count_words(token.clause) == 0
    )


def _count_words(clause: Clause) -> int:
    if isinstance(clause, Term | Phrase):
        return len(_WORD_RUN_RE.findall(clause.text))
    return 1


class _Parser:
    """query := item* ; item := unit (OR unit)* ; unit := [NOT|-] (clause | "(" query ")")"""

    def __init__(self, tokens: list[_Token]) -> None:
        self._tokens = tokens
        self._at = 0

    def peek(self) -> _Token | None:
        return self._tokens[self._at] if self._at < len(self._tokens) else None

    def peek_at(self) -> int:
        token = self.peek()
        return token.at if token is not None else 0

    def _take(self) -> _Token:
        token = self._tokens[self._at]
        self._at += 1
        return token

    def query(self, depth: int) -> ParsedQuery:
        required: list[AnyOf] = []
        excluded: list[Clause] = []
        previous_was_unit = False
        while (token := self.peek()) is not None:
            if isinstance(token, _Symbol) and token.name == ")":
                break
            if isinstance(token, _Symbol) and token.name in ("AND", "OR"):
                if not previous_was_unit or not _starts_unit(self._after()):
                    raise _needs_both_sides(token)
                if token.name == "OR":  # an OR reached here follows an excluded unit
                    raise _no_or_with_exclusion(token)
                self._take()
                continue
            negated, clause = self._unit(depth)
            previous_was_unit = True
            if negated:
                if clause is not None:
                    excluded.append(clause)
                continue
            alternatives = [] if clause is None else [clause]
            while isinstance(o := self.peek(), _Symbol) and o.name == "OR":
                if not _starts_unit(self._after()):
                    raise _needs_both_sides(o)
                self._take()
                negated, alternative = self._unit(depth)
                if negated:
                    raise _no_or_with_exclusion(o)
                if alternative is not None:
                    alternatives.append(alternative)
            if alternatives:
                required.append(AnyOf(tuple(_flatten_or(alternatives))))
        return ParsedQuery(tuple(required), tuple(excluded))

    def _after(self) -> _Token | None:
        return self._tokens[self._at + 1] if self._at + 1 < len(self._tokens) else None

    def _unit(self, depth: int) -> tuple[bool, Clause | None]:
        """(excluded?, clause); the clause is None for an empty group `()`."""
        token = self._take()
        negated = False
        if isinstance(token, _Symbol) and token.name == "NOT":
            following = self.peek()
            if (isinstance(following, _Operand) and following.negated) or (
                isinstance(following, _Symbol) and (following.name == "NOT" or following.negated)
            ):
                raise QuerySyntaxError(message(
                    N_("NOT at character %(at)s is doubled."), at=token.at + 1))
            if not _starts_unit(following):
                raise QuerySyntaxError(message(
                    N_("NOT at character %(at)s needs a search word or a group after it."),
                    at=token.at + 1))
            negated, token = True, self._take()
        if isinstance(token, _Operand):
            return negated or token.negated, token.clause
        if token.name != "(":
            raise _needs_both_sides(token)
        if depth + 1 > MAX_DEPTH:
            raise QuerySyntaxError(message(
                N_("The parentheses nest too deeply at character %(at)s (at most %(most)s "
                   "levels)."), at=token.at + 1, most=MAX_DEPTH))
        inner = self.query(depth + 1)
        close = self.peek()
        if not (isinstance(close, _Symbol) and close.name == ")"):
            raise QuerySyntaxError(message(
                N_("The ( at character %(at)s is not closed: add the missing )."),
                at=token.at + 1))
        self._take()
        return negated or token.negated, None if inner.matches_everything else _simplify(inner)


def _needs_both_sides(token: _Symbol) -> QuerySyntaxError:
    if token.name == ")":
        return QuerySyntaxError(message(_UNOPENED, at=token.at + 1))
    return QuerySyntaxError(message(
        N_("%(operator)s needs a search word on both sides (at character %(at)s)."),
        operator=token.name, at=token.at + 1))


def _no_or_with_exclusion(token: _Symbol) -> QuerySyntaxError:
    return QuerySyntaxError(message(
        N_("OR (at character %(at)s) cannot be combined with an excluded word (-word or NOT "
           "word); remove the OR or the exclusion."), at=token.at + 1))


def _starts_unit(token: _Token | None) -> bool:
    if isinstance(token, _Operand):
        return True
    return isinstance(token, _Symbol) and token.name in ("(", "NOT")


def _simplify(query: ParsedQuery) -> Clause:
    """`(a)` is just `a`; anything else stays a group."""
    if not query.excluded and len(query.required) == 1 and len(query.required[0].clauses) == 1:
        return query.required[0].clauses[0]
    return Group(query)


def _flatten_or(clauses: list[Clause]) -> Iterator[Clause]:
    """`(a OR b) OR c` is `a OR b OR c`."""
    for clause in clauses:
        inner = clause.query if isinstance(clause, Group) else None
        if inner is not None and not inner.excluded and len(inner.required) == 1:
            yield from inner.required[0].clauses
        else:
            yield clause
