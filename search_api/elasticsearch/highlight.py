"""Elasticsearch highlights turned into the port's fragments: text escaped, matches in <mark>.

Elasticsearch marks matches with private-use markers (never HTML), once per analysed
sub-field: the folded field marks "Tromsø" for "tromso", `.nb` marks "Avtalen" for
"avtale". The marks of all sub-fields are united on the same text, then the text is escaped
here, so the escaping rules are the same as on tantivy. Elasticsearch marks the words of a
phrase one by one; as on tantivy, a phrase standing together becomes one mark.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from search_api.elasticsearch.mapping import MARK_END, MARK_START, STEMMED_SUBFIELDS
from search_api.elasticsearch.query import clause_fields
from search_api.query_language import ParsedQuery, Term

Span = tuple[int, int]
_WORD_RE = re.compile(r"[^\W_]+")
_FOLD = str.maketrans({"ø": "o", "æ": "ae", "đ": "d", "ł": "l", "ß": "ss", "œ": "oe", "þ": "th"})


class HighlightMapper:
    def __init__(self, parsed: ParsedQuery) -> None:
        # Per field family: word sequences (folded) that are marked as one span.
        self._phrases: dict[str, list[list[str]]] = {}
        for clause in parsed.positive_clauses():
            if isinstance(clause, Term) and clause.prefix:
                continue
            words = [fold(w) for w in _WORD_RE.findall(clause.text)]
            if len(words) < 2:
                continue
            for family in clause_fields(clause):
                self._phrases.setdefault(family, []).append(words)

    def highlights(self, hit: Mapping[str, Any]) -> dict[str, list[str]]:
        raw: Mapping[str, list[str]] = hit.get("highlight") or {}
        if not raw:
            return {}
        source: Mapping[str, Any] = hit.get("_source") or {}
        found: dict[str, list[str]] = {}
        title = self._whole_value("title", str(source.get("title") or ""), raw)
        if title is not None:
            found["title"] = [title]
        parties = [
            marked
            for party in source.get("parties") or []
            if (marked := self._whole_value("parties", str(party), raw)) is not None
        ]
        if parties:
            found["parties"] = parties
        body = self._body(raw, source.get("display") or {})
        if body is not None:
            found["body"] = [body]
        return found

    def _whole_value(self, family: str, value: str, raw: Mapping[str, list[str]]) -> str | None:
        spans: list[Span] = []
        for fragment in _fragments(family, raw):
            plain, marks = unmark(fragment)
            offset = value.find(plain) if plain else -1
            if offset >= 0:
                spans.extend((start + offset, end + offset) for start, end in marks)
        if not spans:
            return None
        return render(value, self._join_phrases(family, value, spans))

    def _body(self, raw: Mapping[str, list[str]], display: Mapping[str, Any]) -> str | None:
        candidates = [unmark(fragment) for fragment in _fragments("body", raw)]
        candidates = [(plain, marks) for plain, marks in candidates if marks]
        if not candidates:
            return None
        # The fragment with the most marks is shown; marks of the other sub-fields that fall
        # in the same text are added to it.
        text, _ = max(candidates, key=lambda candidate: len(candidate[1]))
        spans: list[Span] = []
        for plain, marks in candidates:
            spans.extend(_shift(marks, plain, text))
        marked = render(text, self._join_phrases("body", text, spans))
        head = str(display.get("body_start") or "").lstrip()
        tail = str(display.get("body_end") or "").rstrip()
        stripped = text.strip()
        at_start = not head or head[: len(stripped)] == stripped[: len(head)]
        at_end = not tail or tail[-len(stripped):] == stripped[-len(tail):]
        return ("" if at_start else "… ") + marked + ("" if at_end else " …")

    def _join_phrases(self, family: str, text: str, spans: Iterable[Span]) -> list[Span]:
        merged = merge(spans)
        phrases = self._phrases.get(family, [])
        if not phrases or len(merged) < 2:
            return merged
        pairs = {(p[i], p[i + 1]) for p in phrases for i in range(len(p) - 1)}
        joined = [merged[0]]
        for start, end in merged[1:]:
            previous_start, previous_end = joined[-1]
            gap = text[previous_end:start]
            left = _WORD_RE.findall(text[previous_start:previous_end])
            right = _WORD_RE.findall(text[start:end])
            if (
                left and right and not _WORD_RE.search(gap)
                and (fold(left[-1]), fold(right[0])) in pairs
            ):
                joined[-1] = (previous_start, end)
            else:
                joined.append((start, end))
        return joined


def _fragments(family: str, raw: Mapping[str, list[str]]) -> list[str]:
    names = (family, *(f"{family}.{sub}" for sub in STEMMED_SUBFIELDS))
    return [fragment for name in names for fragment in raw.get(name, [])]


def _shift(marks: Sequence[Span], plain: str, text: str) -> list[Span]:
    """`marks` on `plain`, moved onto `text` where the two texts overlap."""
    offset = text.find(plain)
    if offset >= 0:
        return [(s + offset, e + offset) for s, e in marks]
    inner = plain.find(text)
    if inner >= 0:
        return [
            (s - inner, e - inner) for s, e in marks if s >= inner and e <= inner + len(text)
        ]
    return []


def unmark(fragment: str) -> tuple[str, list[Span]]:
    """The fragment's plain text and the spans Elasticsearch marked in it."""
    plain: list[str] = []
    spans: list[Span] = []
    length = 0
    start: int | None = None
    for char in fragment:
        if char == MARK_START:
            start = length
        elif char == MARK_END:
            if start is not None and length > start:
                spans.append((start, length))
            start = None
        else:
            plain.append(char)
            length += 1
    return "".join(plain), spans


def merge(spans: Iterable[Span]) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def render(text: str, spans: Sequence[Span]) -> str:
    out: list[str] = []
    cursor = 0
    for start, end in spans:
        out.append(html.escape(text[cursor:start]))
        out.append("<mark>" + html.escape(text[start:end]) + "</mark>")
        cursor = end
    out.append(html.escape(text[cursor:]))
    return "".join(out)


def fold(word: str) -> str:
    """Lower-case and strip accents, roughly as the index's asciifolding does."""
    decomposed = unicodedata.normalize("NFKD", word.lower().translate(_FOLD))
    return "".join(char for char in decomposed if not unicodedata.combining(char))
