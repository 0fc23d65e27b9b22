"""The contract's title, read from the top of the first page.

The title is the first short line near the top that names a kind of contract ("MASTER SERVICES
AGREEMENT", "RAMMEAVTALE OM ...", "Konsulentavtale"); filing stamps ("Exhibit 10.1"),
confidentiality notices and running sentences are skipped. A title in capitals is normalised:
English to title case ("Master Services Agreement"), Norwegian to sentence case ("Rammeavtale
om kjøp av IT-konsulenttjenester"), keeping known acronyms.
"""

from __future__ import annotations

import re
from typing import Any

from extraction.model import Finding, Language
from extraction.text import ContractText

_I = re.IGNORECASE

_CONTRACT_WORD = re.compile(
    r"\b(?:agreement|contract|lease|licen[cs]e|amendment|addendum|memorandum|terms\s+and"
    r"\s+conditions|statement\s+of\s+work|deed|\w*avtale|\w*kontrakt|\w*overenskomst"
    r"|tilleggsavtale|bilag)\b",
    _I,
)
_SKIP_LINE = re.compile(
    r"^\s*(?:exhibit|ex-|source:|confidential|execution\s+(?:copy|version)|table\s+of"
    r"|page\s+\d|\*|\[|certain|portions|redacted|this\s|these\s|the\s+following|dated|date\s*:"
    r"|saksnummer|saksnr|vår\s+ref|deres\s+ref|side\s+\d|between|mellom|by\s+and|for\s+purposes"
    r"|in\s+witness|whereas|now,?\s+therefore)",
    _I,
)
_CONTINUES = re.compile(r"\b(?:om|av|for|til|of|and|for|on|to|the|og|med|regarding)\s*$", _I)


def _words(text: str) -> list[str]:
    return text.split()


_ACRONYMS = frozenset(
    _words(
        "IT IKT SSA SSA-K SSA-D SSA-T SSA-L SSA-V SSA-B SSA-O SSA-S KPI EU EØS AS ASA HR NAV SAAS "
        "API CRM ERP IP US USA UK LLC NDA SLA OEM R&D PC EDI DPA GDPR"
    )
)
_SMALL_WORDS = frozenset(
    _words("a an and as at but by for from in into nor of on or per the to with vs via")
)


def extract_title(text: ContractText, language: Language) -> dict[str, Finding[Any]]:
    if not text.pages:
        return {}
    page = text.pages[0]
    lines = list(re.finditer(r"[^\n]+", page))[:40]
    for index, m in enumerate(lines):
        line = m.group(0).strip()
        if not line or len(line) > 120 or _SKIP_LINE.match(line):
            continue
        if not _CONTRACT_WORD.search(line) or len(line.split()) > 14:
            continue
        if line.endswith((".", ",", ";")) and not line.isupper():
            continue
        long_words = [w for w in line.split() if len(w) > 3]
        lower = sum(1 for w in long_words if w[0].islower())
        if language == "en" and long_words and lower * 2 > len(long_words):
            continue  # a running sentence, not a title
        start, end = m.start(), m.end()
        if _CONTINUES.search(line) and index + 1 < len(lines):
            following = lines[index + 1]
            line = f"{line} {following.group(0).strip()}"
            end = following.end()
        title = normalise_title(re.sub(r"\s+", " ", line).strip(" -–:"), language)
        return {
            "title": Finding(
                value=title, confidence=0.8, evidence=[text.evidence(start, end)]
            )
        }
    return {}


def normalise_title(title: str, language: Language) -> str:
    """Capitals become title case (English) or sentence case (Norwegian); mixed case stays."""
    letters = [c for c in title if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return title
    words = title.split()
    out: list[str] = []
    for index, word in enumerate(words):
        out.append(_case_word(word, index, language))
    return " ".join(out)


def _case_word(word: str, index: int, language: Language) -> str:
    if re.sub(r"[^\wÆØÅæøå&-]", "", word).upper() in _ACRONYMS:
        return word.upper()
    parts = re.split(r"([-/])", word)
    cased: list[str] = []
    for position, part in enumerate(parts):
        if part in ("-", "/") or not part:
            cased.append(part)
            continue
        bare = re.sub(r"[^\wÆØÅæøå&]", "", part).upper()
        if bare in _ACRONYMS:
            cased.append(part.upper())
        elif language == "nb":
            first = index == 0 and position == 0
            cased.append(part.capitalize() if first else part.lower())
        elif index > 0 and position == 0 and part.lower() in _SMALL_WORDS:
            cased.append(part.lower())
        else:
            cased.append(part.capitalize())
    return "".join(cased)
