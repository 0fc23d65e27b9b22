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
    r"(?<![\wæøå])(?P<kind>[a-zæøå]*?)s?(?:avtale|kontrakt)(?P<definite>n|ns|en|ens|r|ne|er|ene)?"
    r"(?![\wæøå])"
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
_DATED_RIGHT_AFTER = re.compile(
    r"[ \t\xa0,]*(?:datert|inngått|signert|undertegnet)[ \t\xa0]*(?:den[ \t\xa0]+)?$", _I)


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
    if not nearest.group("definite") and _DATED_RIGHT_AFTER.match(lead, nearest.end()):
        # "etter tilknytningsavtale datert 14. mars 2019": a bare compound of another kind,
        # dated where it is named, is a document of its own; this one is "avtalen".
        return True
    if kind == "avrop":
        # A framework agreement's call-offs are other contracts; untitled, "avropet" is this one.
        return bool(kinds)
    return kind in _SEPARATE_KINDS


# "Leieavtale nr. 4411 datert 12/2-2017 ... avsluttes ved levering", "avtale om
# forretningsførsel, datert 1. september 2016, er sagt opp": a contract dated in passing and
# said, in the same sentence, to end, is the one this contract takes over from. A contract does
# not state its own date and its own ending together except as "Denne avtalen er datert ...
# og utløper ...", which names itself.
_DATED_IN_PASSING = re.compile(r"(?<!\ber\s)(?<!\bble\s)\bdatert[ \t\xa0]*(?:den[ \t\xa0]+)?$", _I)
_SAID_TO_END = re.compile(
    r"[^.;]{0,160}?\b(?:avsluttes|avsluttet|opphører|opphørte|erstattes|er\s+sagt\s+opp"
    r"|sies\s+opp|bortfaller|faller\s+bort)\b",
    _I,
)
_THIS_ONE = re.compile(r"\b(?:denne|dette)\b", _I)


def dates_ended_agreement(body: str, start: int, end: int) -> bool:
    """True when the date at body[start:end] dates an agreement that the sentence ends."""
    lead = body[max(0, start - _LOOKBACK) : start]
    ends = list(_SENTENCE_END.finditer(lead))
    if ends:
        lead = lead[ends[-1].end() :]
    if not _DATED_IN_PASSING.search(lead) or _THIS_ONE.search(lead):
        return False
    return _SAID_TO_END.match(body, end) is not None
