"""Norwegian clauses about another agreement than this one.

A Norwegian contract names the agreements around it in the same words it uses for itself:
the framework agreement a call-off sits under ("Rammeavtalen ble signert 14.12.2022"), the
agreement it replaces ("Avtalen erstatter avtale om snørydding datert 1. oktober 2021"), a
data processing or escrow agreement ("Databehandleravtale inngått 26.08.2024"). Their dates
and values are not this contract's. What tells them apart is the agreement word nearest
before the date or amount in its sentence: a compound of another kind than the contract's
own title ("rammeavtale" in an "AVROPSAVTALE"), or one that a word marks as another
("tidligere", "erstatter", "egen", "nåværende").
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# "Avropet", "rammeavtalens", "Databehandleravtale", "leiekontrakten", "avtale".
_AGREEMENT_WORD = re.compile(
    r"(?<![\wæøå])(?P<kind>[a-zæøå]*?)s?(?:avtale|kontrakt)(?:n|ns|en|ens|r|ne|er|ene)?(?![\wæøå])"
    r"|(?<![\wæøå])(?P<calloff>avrop)(?:et|ets|ene)?(?![\wæøå])",
    _I,
)
# Words that put an agreement word on another agreement whatever its kind.
_OTHER_MARK = re.compile(
    r"(?:\b(?:tidligere|forrige|opprinnelige?|eksisterende|nåværende|gjeldende|gamle|egen|eget"
    r"|separat|særskilt|erstatter|erstattes|avløser|avløst)\s+(?:[\wæøå]+\s+){0,2}$)",
    _I,
)
# Agreements that stand beside a contract, never are it unless its title says so.
_SEPARATE_KINDS = frozenset({
    "ramme", "databehandler", "deponering", "underleverandør", "samarbeid", "leverandør",
    "garanti", "konsortie", "aksjonær", "lisens", "kunde",
})
# A sentence ends at a full stop before a capital or a numbered clause, or at a blank line.
_SENTENCE_END = re.compile(
    r"[.;:]\s+(?=[A-ZÆØÅ«])|\n\s*\n|\n[ \t]*\d+(?:\.\d+){0,2}\.?[ \t]+(?=[A-ZÆØÅ])")
_LOOKBACK = 220


def own_kinds(body: str) -> frozenset[str]:
    """The agreement kinds the contract's title gives itself: {"avrop"} for "AVROPSAVTALE"."""
    for line in body[:600].splitlines():
        if not line.strip():
            continue
        # "Avrop nr. 7 under statlig rammeavtale": the agreement it sits under is not its kind.
        line = re.split(r"\b(?:under|etter|i\s+henhold\s+til|jf\.)\b", line, maxsplit=1,
                        flags=_I)[0]
        kinds = {_kind_of(m) for m in _AGREEMENT_WORD.finditer(line)}
        if kinds:
            return frozenset(kinds)
    return frozenset()


def _kind_of(match: re.Match[str]) -> str:
    if match.group("calloff"):
        return "avrop"
    return match.group("kind").lower().rstrip("s") if match.group("kind") else ""


def names_other_agreement(body: str, at: int, kinds: frozenset[str]) -> bool:
    """True when the agreement nearest before `at` in its sentence is another agreement."""
    lead = body[max(0, at - _LOOKBACK) : at]
    ends = list(_SENTENCE_END.finditer(lead))
    if ends:
        lead = lead[ends[-1].end() :]
    words = list(_AGREEMENT_WORD.finditer(lead))
    if not words:
        return False
    nearest = words[-1]
    kind = _kind_of(nearest)
    if _OTHER_MARK.search(lead, 0, nearest.start()):
        return True
    if kind in kinds or kind == "":
        return False
    if kind == "avrop":
        # A framework agreement's call-offs are other contracts; untitled, "avropet" is this one.
        return bool(kinds)
    return kind in _SEPARATE_KINDS
