"""HTML-safe highlights: text escaped, matches of the query wrapped in `<mark>...</mark>`.

Matching re-runs the index analyzer over the shown text, so "Tromso" marks "Tromsø" and a
phrase is marked as one span only where its words stand together. tantivy's
SnippetGenerator only picks the best body fragment; its own HTML (`<b>`) is not used.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

import tantivy

from search_api.query_language import ParsedQuery
from search_api.tantivy_query import analyze_clause
from search_api.tantivy_schema import TEXT_FIELDS

BODY_FRAGMENT_CHARS = 200
# Expanding a prefix (`indeks*`) into index terms for the fragment picker: a handful is
# enough to find a good fragment; marking itself handles any word with the prefix.
_PREFIX_EXPANSIONS = 20


@dataclass(frozen=True, slots=True)
class _Pattern:
    tokens: tuple[tuple[int, str], ...]  # (relative position, token)
    prefix: bool


class Highlighter:
    def __init__(
        self,
        analyzer: tantivy.TextAnalyzer,
        schema: tantivy.Schema,
        searcher: tantivy.Searcher,
        parsed: ParsedQuery,
    ) -> None:
        self._analyzer = analyzer
        self._patterns: dict[str, list[_Pattern]] = {field: [] for field in TEXT_FIELDS}
        for clause in parsed.positive_clauses():
            analyzed = analyze_clause(analyzer, clause)
            if not analyzed.tokens:
                continue
            first = analyzed.tokens[0][0]
            pattern = _Pattern(
                tuple((pos - first, tok) for pos, tok in analyzed.tokens), analyzed.prefix
            )
            for field in analyzed.fields:
                self._patterns[field].append(pattern)
        self._body_snippets = self._body_snippet_generator(schema, searcher)

    @property
    def active(self) -> bool:
        return any(self._patterns.values())

    def highlights(self, doc: tantivy.Document) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        title = self.mark("title", doc.get_first("title") or "")
        if title is not None:
            found["title"] = [title]
        parties = [
            marked
            for party in doc.get_all("parties")
            if (marked := self.mark("parties", party)) is not None
        ]
        if parties:
            found["parties"] = parties
        if self._body_snippets is not None:
            snippet = self._body_snippets.snippet_from_doc(doc)
            fragment = snippet.fragment()
            marked = self.mark("body", fragment) if fragment else None
            if marked is not None:
                span = snippet.fragment_range()  # byte offsets into the body
                body = (doc.get_first("body") or "").encode()
                before = "… " if _has_words(body[: span.start]) else ""
                after = " …" if _has_words(body[span.end :]) else ""
                found["body"] = [before + marked + after]
        return found

    def mark(self, field: str, text: str) -> str | None:
        """Escaped `text` with matches marked, or None when nothing in it matches."""
        patterns = self._patterns[field]
        if not patterns or not text:
            return None
        tokens = self._analyzer.pre_tokenize(text).tokens
        spans: list[tuple[int, int]] = []
        for i in range(len(tokens)):
            for pattern in patterns:
                end = _match_at(tokens, i, pattern)
                if end is not None:
                    spans.append((tokens[i].char_offset_from, tokens[end].char_offset_to))
        if not spans:
            return None
        return _render(text, _merge(spans))

    def _body_snippet_generator(
        self, schema: tantivy.Schema, searcher: tantivy.Searcher
    ) -> tantivy.SnippetGenerator | None:
        terms: set[str] = set()
        for pattern in self._patterns["body"]:
            for _, token in pattern.tokens[:-1]:
                terms.add(token)
            last = pattern.tokens[-1][1]
            if pattern.prefix:
                expanded = searcher.terms_with_prefix("body", last, limit=_PREFIX_EXPANSIONS)
                terms.update(term for term, _ in expanded)
            else:
                terms.add(last)
        if not terms:
            return None
        query = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Should, tantivy.Query.term_query(schema, "body", term))
                for term in sorted(terms)
            ]
        )
        generator = tantivy.SnippetGenerator.create(searcher, query, schema, "body")
        generator.set_max_num_chars(BODY_FRAGMENT_CHARS)
        return generator


def _match_at(tokens: list[tantivy.Token], start: int, pattern: _Pattern) -> int | None:
    """Index of the last token when `pattern` matches at `start`, else None."""
    if start + len(pattern.tokens) > len(tokens):
        return None
    base = tokens[start].position
    last = len(pattern.tokens) - 1
    for k, (offset, expected) in enumerate(pattern.tokens):
        token = tokens[start + k]
        if token.position - base != offset:
            return None
        if k == last and pattern.prefix:
            if not token.text.startswith(expected):
                return None
        elif token.text != expected:
            return None
    return start + last


def _has_words(chunk: bytes) -> bool:
    return any(char.isalnum() for char in chunk.decode(errors="ignore"))


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _render(text: str, spans: list[tuple[int, int]]) -> str:
    out: list[str] = []
    cursor = 0
    for start, end in spans:
        out.append(html.escape(text[cursor:start]))
        out.append("<mark>" + html.escape(text[start:end]) + "</mark>")
        cursor = end
    out.append(html.escape(text[cursor:]))
    return "".join(out)
