"""Every date and duration of a contract with the context a role model reads.

The context is kept as feature strings: the words right before and after the value, the words
of its sentence and of the heading above it, where it stands in the document, how it relates
to the dates the rules chose, and whether the rules chose it. The rules' choice is a feature
and not the answer: the model learns where the rules are to be trusted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from extraction.dates_parse import find_dates
from extraction.durations import duration_of, find_durations
from extraction.model import Finding, Language
from extraction.roles.implied import implied_durations
from extraction.text import ContractText

DATE_ROLES = ("signed_date", "effective_date", "end_date")
DURATION_ROLES = ("initial_term", "renewal_term")

_WORD = re.compile(r"[a-zæøå]+")
_SENTENCE_END = re.compile(r"[.;]\s|\n\s*\n")
# A heading line: "3. TERM", "Section 2.1 Term and Termination", "ARTICLE V - DURATION".
_HEADING = re.compile(
    r"^[ \t]*(?:(?:section|article|clause|punkt|§)\s*)?(?:\d+(?:\.\d+)*|[IVX]+)?[.)]?[ \t]*"
    r"([A-ZÆØÅ][^\n]{2,60})$",
    re.MULTILINE | re.IGNORECASE,
)
_STAMP = re.compile(r"(?:source:[^\n]{0,80}|\bfiled\s*|\bpage\s+\d+\s+of\s+\d+\s*)$", re.I)


@dataclass(frozen=True)
class Candidate:
    value: Any  # dt.date or Duration
    start: int
    end: int
    features: tuple[str, ...]


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _sentence(body: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 300)
    before = [m.end() for m in _SENTENCE_END.finditer(body, lo, start)]
    after = _SENTENCE_END.search(body, end, min(len(body), end + 300))
    stop = after.start() + 1 if after else min(len(body), end + 300)
    return (before[-1] if before else lo), stop


def _heading(body: str, start: int) -> list[str]:
    lo = max(0, start - 2000)
    found = [m for m in _HEADING.finditer(body, lo, start) if len(m.group(1).split()) <= 8]
    return _words(found[-1].group(1))[:6] if found else []


def _context(body: str, start: int, end: int, size: int) -> list[str]:
    before = _words(body[max(0, start - 100) : start])[-10:]
    after = _words(body[end : end + 80])[:8]
    s_start, s_end = _sentence(body, start, end)
    features = [f"b:{w}" for w in before] + [f"a:{w}" for w in after]
    features += [f"b{i}:{w}" for i, w in enumerate(reversed(before[-3:]), 1)]
    features += [f"a{i}:{w}" for i, w in enumerate(after[:3], 1)]
    if len(before) >= 2:
        features.append(f"bb:{before[-2]}_{before[-1]}")
    features += [f"s:{w}" for w in set(_words(body[s_start:s_end]))]
    features += [f"h:{w}" for w in _heading(body, start)]
    features.append(f"rel:{10 * start // max(1, size)}")
    return features


def _global_spans(text: ContractText, found: Finding[Any] | None) -> list[tuple[int, int]]:
    if found is None:
        return []
    starts, pos = [], 0
    for page in text.pages:
        starts.append(pos)
        pos += len(page) + 2
    return [(starts[e.page - 1] + e.start, starts[e.page - 1] + e.end) for e in found.evidence
            if 0 < e.page <= len(starts)]


def _rule_features(
    text: ContractText,
    start: int,
    value: Any,
    rules: dict[str, Finding[Any]],
    names: tuple[str, ...],
) -> list[str]:
    features = []
    for name in names:
        found = rules.get(name)
        if found is None:
            features.append(f"rule_none:{name}")
            continue
        if found.value == value:
            features.append(f"rule:{name}")
            if any(lo <= start < hi for lo, hi in _global_spans(text, found)):
                features.append(f"rule_at:{name}")
    return features


def date_candidates(
    text: ContractText, language: Language, rules: dict[str, Finding[Any]]
) -> list[Candidate]:
    body = text.text
    dates = [d for d in find_dates(body, language)
             if not _STAMP.search(body, max(0, d.start - 100), d.start)]
    counts = Counter(d.date for d in dates)
    ordered = sorted(counts)
    signed = rules.get("signed_date")
    candidates = []
    for rank, d in enumerate(dates):
        features = _context(body, d.start, d.end, len(body))
        features += [f"page:{min(text.page_of(d.start), 5)}", f"rank:{min(rank, 6)}",
                     f"count:{min(counts[d.date], 4)}", f"lang:{language}"]
        features.append("earliest" if d.date == ordered[0] else "")
        features.append("latest" if d.date == ordered[-1] else "")
        if signed is not None and isinstance(signed.value, dt.date):
            years = (d.date - signed.value).days / 365.25
            features.append(f"dy:{max(-2, min(6, round(years)))}")
            features.append("after_signed" if d.date > signed.value else "not_after_signed")
        features += _rule_features(text, d.start, d.date, rules, DATE_ROLES)
        if "perpetual" in rules:
            features.append("doc_perpetual")
        candidates.append(Candidate(d.date, d.start, d.end, tuple(f for f in features if f)))
    return candidates


def duration_candidates(
    text: ContractText, language: Language, rules: dict[str, Finding[Any]]
) -> list[Candidate]:
    body = text.text
    found = [(m.start(), m.end(), d, "written") for m in find_durations(body)
             if (d := duration_of(m)) is not None]
    found += [(start, end, d, "implied") for start, end, d in implied_durations(body)]
    found.sort(key=lambda item: item[0])
    candidates = []
    for rank, (start, end, duration, kind) in enumerate(found):
        features = _context(body, start, end, len(body))
        count = duration.count if duration.count <= 12 else 10 * (duration.count // 10)
        features += [f"unit:{duration.unit}", f"dur:{count}{duration.unit}",
                     f"page:{min(text.page_of(start), 5)}", f"rank:{min(rank, 8)}",
                     f"lang:{language}", kind]
        features += _rule_features(text, start, duration, rules, DURATION_ROLES)
        if "perpetual" in rules:
            features.append("doc_perpetual")
        candidates.append(Candidate(duration, start, end, tuple(features)))
    return candidates
