"""Options to extend a contract: "opsjon på forlengelse 1+1 år", "option to extend for two
additional periods of 12 months" -> one `Duration` per option the customer may exercise.
"""

from __future__ import annotations

import re

from extraction.durations import DURATION, DURATION_RE, duration_of
from extraction.model import Duration, Finding
from extraction.numbers import NUMBER, parse_number
from extraction.quick_start import quick_start
from extraction.text import ContractText

_I = re.IGNORECASE

# "opsjon på forlengelse 1+1 år", "opsjon på 2 x 1 år", "option to extend ... for two
# additional periods of 12 months".
_PLUS_OPTIONS = quick_start(re.compile(
    r"\b(?P<key>opsjon\w*|option\w*|forleng\w*|extend\w*|extension\w*|varighet\w*"
    r"|avtaleperiode\w*|avtaletid\w*|gjelder|løper|varer)[^.;]{0,80}?"
    r"(?P<list>\d{1,2}(?:\s*\+\s*\d{1,2})+)\s*(?P<unit>år|måneder|mnd\.?|years?|months?)\b",
    _I,
))
_OPTION_KEY = re.compile(r"opsjon|option|forleng|extend|extension", _I)
_TIMES_OPTIONS = quick_start(re.compile(
    r"\b(?:opsjon\w*|option\w*)[^.;]{0,80}?"
    rf"(?:(?P<n1>\d{{1,2}})\s*[x×]\s*|(?P<n2>{NUMBER})\s+(?:additional\s+|further\s+|"
    r"successive\s+|consecutive\s+|ytterligere\s+)*(?:periods?|terms?|perioder|ganger)\s+"
    r"(?:of|på|à|a)\s+(?:up\s+to\s+|inntil\s+)?)"
    rf"(?P<dur>{DURATION})",
    _I,
))
_SINGLE_OPTION = quick_start(re.compile(
    r"\b(?:option\s+to\s+(?:extend|renew)|opsjon\s+på\s+(?:forlengelse|å\s+forlenge|fornyelse))"
    r"[^.;]{0,120}?(?:for|of|med|i|på)\s+(?:an?\s+|ytterligere\s+)?"
    r"(?:(?:additional|further|another|one|renewal|period|term|of|up\s+to|inntil)\s+){0,4}"
    rf"(?P<dur>{DURATION})",
    _I,
))


def extension_options(text: ContractText) -> Finding[list[Duration]] | None:
    body = text.text
    match = _PLUS_OPTIONS.search(body)
    if match is not None:
        unit = "year" if match.group("unit").lower().startswith(("år", "y")) else "month"
        counts = [int(n) for n in re.findall(r"\d+", match.group("list"))]
        # "varighet 2+1+1 år": the first figure is the fixed term, the rest are options;
        # "opsjon på forlengelse 1+1 år": every figure is an option.
        is_option = _OPTION_KEY.search(body, match.start(), match.start("list")) is not None
        options = counts if is_option else counts[1:]
        if options:
            start, end = text.sentence_around(match.start())
            return Finding[list[Duration]](
                value=[Duration(count=n, unit=unit) for n in options],
                confidence=0.75,
                evidence=[text.evidence(min(start, match.start()), max(end, match.end()))],
            )
    times = _TIMES_OPTIONS.search(body)
    if times is not None:
        count = parse_number(times.group("n1") or times.group("n2") or "")
        duration = _duration_in(times.group("dur"))
        if count and 0 < count <= 10 and duration is not None:
            start, end = text.sentence_around(times.start())
            return Finding[list[Duration]](
                value=[duration] * count, confidence=0.7, evidence=[text.evidence(start, end)]
            )
    single = _SINGLE_OPTION.search(body)
    if single is not None:
        duration = _duration_in(single.group("dur"))
        if duration is not None:
            start, end = text.sentence_around(single.start())
            return Finding[list[Duration]](
                value=[duration], confidence=0.6, evidence=[text.evidence(start, end)]
            )
    return None


def _duration_in(phrase: str) -> Duration | None:
    match = DURATION_RE.search(phrase)
    return duration_of(match) if match else None
