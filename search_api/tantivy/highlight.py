"""HTML-safe highlights: text escaped, matches of the query wrapped in `<mark>...</mark>`.

Matching re-runs the index analyzers over the shown text, so "Tromso" marks "Tromsø", a
stemmed match is marked too ("avtaler" marks "Avtalen", as Elasticsearch's `.nb` field
does) and a phrase is marked as one span only where its words stand together. tantivy's
SnippetGenerator is only a fallback for picking the body fragment; its HTML (`<b>`) is not used.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice

import tantivy

from search_api.query_model import ParsedQuery
from search_api.tantivy.query import analyze_clause
from search_api.tantivy.schema import STEMMED, TEXT_ANALYZER, TEXT_FIELDS

BODY_FRAGMENT_CHARS = 200
# Expanding a prefix (`indeks*`) into index terms for the fragment picker: a handful is
# enough to find a good fragment; marking itself handles any word with the prefix.
_PREFIX_EXPANSIONS = 20
# Context shown before the first match of a body fragment.
_LEAD_CHARS = 40
_MAX_HITS_PER_WORD = 30
_WORD_RE = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class _Pattern:
    tokens: tuple[tuple[int, str], ...]  # (relative position, token)
    prefix: bool


class Highlighter:
    def __init__(
        self,
        analyzers: dict[str, tantivy.TextAnalyzer],
        schema: tantivy.Schema | None,
        searcher: tantivy.Searcher | None,
        parsed: ParsedQuery,
    ) -> None:
        """Without a schema and searcher (passages read from the database, not the index)
        only the fast path marks body text; `spans` serves the rest."""
        analyzer = analyzers[TEXT_ANALYZER]
        self._analyzer = analyzer
        self._patterns: dict[str, list[_Pattern]] = {field: [] for field in TEXT_FIELDS}
        # Per stemmer: its analyzer and, per field, the stemmed patterns it marks.
        self._stemmed: list[tuple[tantivy.TextAnalyzer, dict[str, list[_Pattern]]]] = []
        needles: set[str] = set()
        prefixes: set[str] = set()
        clauses = list(parsed.positive_clauses())
        for name, _ in STEMMED.values():
            stemmer = analyzers[name]
            patterns: dict[str, list[_Pattern]] = {field: [] for field in TEXT_FIELDS}
            for clause in clauses:
                stemmed = analyze_clause(stemmer, clause)
                if stemmed.prefix or not stemmed.tokens:
                    continue
                for field in stemmed.fields:
                    patterns[field].append(_pattern(stemmed.tokens, prefix=False))
                if "body" in stemmed.fields:
                    # A stem starts the words it stands for ("avtal": avtalen, avtaler).
                    stems = [tok for _, tok in stemmed.tokens]
                    needles.update(stems)
                    prefixes.update(stems)
            self._stemmed.append((stemmer, patterns))
        for clause in clauses:
            analyzed = analyze_clause(analyzer, clause)
            if not analyzed.tokens:
                continue
            pattern = _pattern(analyzed.tokens, analyzed.prefix)
            for field in analyzed.fields:
                self._patterns[field].append(pattern)
            if "body" in analyzed.fields:
                needles.update(tok for _, tok in analyzed.tokens)
                needles.update(w.lower() for w in _WORD_RE.findall(clause.text))
                if analyzed.prefix:
                    prefixes.add(analyzed.tokens[-1][1])
                    prefixes.update(w.lower() for w in _WORD_RE.findall(clause.text)[-1:])
        # Lower-cased words to look for in the raw body; True when a word start is enough.
        self._needles = {needle: needle in prefixes for needle in needles}
        self._schema = schema
        self._searcher = searcher
        self._snippets: tantivy.SnippetGenerator | None = None

    @property
    def active(self) -> bool:
        return any(self._patterns.values())

    @property
    def has_body_patterns(self) -> bool:
        return bool(self._patterns["body"])

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
        if self._patterns["body"]:
            body = self._body_fragment(doc)
            if body is not None:
                found["body"] = [body]
        return found

    def _body_fragment(self, doc: tantivy.Document) -> str | None:
        body = doc.get_first("body") or ""
        # Fast path: find the query's words in the raw text with one regex (a long body is
        # scanned at C speed) and mark the best window. tantivy's SnippetGenerator, which
        # re-tokenizes the whole body, is the fallback for matches the regex cannot see
        # (ASCII folding: "tromso" typed, "Tromsø" written).
        window = _best_window(body, self._needles)
        if window is not None:
            start, end = window
            marked = self.mark("body", body[start:end])
            if marked is not None:
                return with_ellipses(marked, body[:start], body[end:])
        if self._schema is None or self._searcher is None:
            return None
        snippet = self._snippet_generator().snippet_from_doc(doc)
        fragment = snippet.fragment()
        marked = self.mark("body", fragment) if fragment else None
        if marked is None:
            return None
        span = snippet.fragment_range()  # byte offsets into the body
        raw = body.encode()
        return with_ellipses(
            marked,
            raw[: span.start].decode(errors="ignore"),
            raw[span.end :].decode(errors="ignore"),
        )

    def mark(self, field: str, text: str) -> str | None:
        """Escaped `text` with matches marked, or None when nothing in it matches."""
        spans = self.spans(field, text)
        return render_marked(text, spans) if spans else None

    def spans(self, field: str, text: str) -> list[tuple[int, int]]:
        """Character spans of `text` the query matches in `field`, merged, in text order."""
        if not self._patterns[field] or not text:
            return []
        spans = _spans(self._analyzer, self._patterns[field], text)
        for stemmer, patterns in self._stemmed:
            if patterns[field]:
                spans += _spans(stemmer, patterns[field], text)
        return _merge(spans)

    def raw_window(
        self, text: str, width: int, lead: int
    ) -> tuple[int, int, tuple[int, int]] | None:
        """A cheap look before `spans` (no analysis, C-speed search): the window of `text`
        with the most of the query's words as written, and how many. None can be wrong only
        for words the analyzers fold ("tromso" typed, "Tromsø" written)."""
        return best_window(text, self._needles, width, lead)

    def _snippet_generator(self) -> tantivy.SnippetGenerator:
        assert self._schema is not None and self._searcher is not None
        if self._snippets is None:
            self._snippets = self._build_snippet_generator(self._schema, self._searcher)
        return self._snippets

    def _build_snippet_generator(
        self, schema: tantivy.Schema, searcher: tantivy.Searcher
    ) -> tantivy.SnippetGenerator:
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
        query = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Should, tantivy.Query.term_query(schema, "body", term))
                for term in sorted(terms)
            ]
        )
        generator = tantivy.SnippetGenerator.create(searcher, query, schema, "body")
        generator.set_max_num_chars(BODY_FRAGMENT_CHARS)
        return generator


def _pattern(tokens: tuple[tuple[int, str], ...], prefix: bool) -> _Pattern:
    first = tokens[0][0]
    return _Pattern(tuple((pos - first, tok) for pos, tok in tokens), prefix)


def _spans(
    analyzer: tantivy.TextAnalyzer, patterns: list[_Pattern], text: str
) -> list[tuple[int, int]]:
    """Character spans of `text` where one of `patterns` matches, as `analyzer` reads it."""
    tokens = analyzer.pre_tokenize(text).tokens
    spans: list[tuple[int, int]] = []
    for i, token in enumerate(tokens):
        text_i = token.text
        for pattern in patterns:
            first = pattern.tokens[0][1]
            if len(pattern.tokens) == 1 and pattern.prefix:
                if not text_i.startswith(first):
                    continue
            elif text_i != first:
                continue
            end = _match_at(tokens, i, pattern)
            if end is not None:
                spans.append((tokens[i].char_offset_from, tokens[end].char_offset_to))
    return spans


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


def _find_words(text: str, needles: dict[str, bool]) -> list[tuple[int, str]]:
    """Where the needles occur as whole words (or word starts), in text order.

    `str.find` on the lower-cased text runs at C speed, unlike a regex alternation. Only
    the first few occurrences of each word count: enough to find a dense window.
    """
    lower = text.lower()
    if len(lower) != len(text):  # rare letters whose lower case is longer: offsets shift
        return []
    hits: list[tuple[int, str]] = []
    for needle, is_prefix in needles.items():
        found, start = 0, 0
        while found < _MAX_HITS_PER_WORD:
            pos = lower.find(needle, start)
            if pos < 0:
                break
            start = pos + 1
            end = pos + len(needle)
            if pos > 0 and lower[pos - 1].isalnum():
                continue
            if not is_prefix and end < len(lower) and lower[end].isalnum():
                continue
            hits.append((pos, needle))
            found += 1
    hits.sort()
    return hits


def _best_window(text: str, needles: dict[str, bool]) -> tuple[int, int] | None:
    """The BODY_FRAGMENT_CHARS window holding the most distinct matches, cut at spaces."""
    found = best_window(text, needles, BODY_FRAGMENT_CHARS, _LEAD_CHARS)
    return (found[0], found[1]) if found is not None else None


def best_window(
    text: str, needles: dict[str, bool], width: int, lead: int
) -> tuple[int, int, tuple[int, int]] | None:
    """(start, end, score) of the `width`-character window of `text` holding the most
    distinct needles (then the most needles), with `lead` characters before the first, cut
    at spaces; the score is (distinct needles, needles)."""
    hits = _find_words(text, needles) if needles else []
    if not hits:
        return None
    best_start, best_score = hits[0][0], (0, 0)
    for i, (start, _) in enumerate(hits):
        limit = start + width - lead
        words = set()
        count = 0
        for pos, word in islice(hits, i, None):
            if pos >= limit:  # hits are in text order
                break
            words.add(word)
            count += 1
        if (len(words), count) > best_score:
            best_start, best_score = start, (len(words), count)
    start = max(0, best_start - lead)
    end = min(len(text), start + width)
    if start > 0:
        space = text.find(" ", start, best_start)
        start = space + 1 if space >= 0 else best_start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > best_start else end
    return start, end, best_score


def with_ellipses(marked: str, before: str, after: str) -> str:
    return ("… " if _has_words(before) else "") + marked + (" …" if _has_words(after) else "")


def _has_words(chunk: str) -> bool:
    return any(char.isalnum() for char in chunk)


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def render_marked(text: str, spans: list[tuple[int, int]]) -> str:
    out: list[str] = []
    cursor = 0
    for start, end in spans:
        out.append(html.escape(text[cursor:start]))
        out.append("<mark>" + html.escape(text[start:end]) + "</mark>")
        cursor = end
    out.append(html.escape(text[cursor:]))
    return "".join(out)
