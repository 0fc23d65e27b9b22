"""Numbers as contracts write them: "ninety (90)", "thirty-six", "one hundred twenty", "tolv (12)".

`NUMBER` is a regex fragment that matches a written number with an optional parenthesised
figure; `parse_number` turns such a match back into an int. Both English and Norwegian words.
"""

from __future__ import annotations

import re

_UNITS: dict[str, int] = {
    # English
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    # Norwegian bokmål (and common nynorsk spellings)
    # "én måneds varsel": the accent marks the numeral, so unlike "en" it is never an article.
    "null": 0, "en": 1, "én": 1, "ett": 1, "ei": 1, "eitt": 1, "to": 2, "tre": 3, "fire": 4,
    "fem": 5, "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "ni": 9, "ti": 10, "elleve": 11, "tolv": 12,
    "tretten": 13, "fjorten": 14, "femten": 15, "seksten": 16, "sytten": 17, "atten": 18,
    "nitten": 19, "tjue": 20, "tyve": 20, "tretti": 30, "førti": 40, "femti": 50,
    "seksti": 60, "sytti": 70, "åtti": 80, "nitti": 90,
}
_SCALES: dict[str, int] = {"hundred": 100, "hundre": 100, "thousand": 1000, "tusen": 1000}
_JOINERS = frozenset({"and", "og"})

# Single-letter / ambiguous words ("a", "an", "en", "to", "ni", "ei") are only numbers when
# the caller's pattern puts them right before a unit; NUMBER therefore lists them last.
_AMBIGUOUS = frozenset({"a", "an", "en", "to", "ni", "ei"})

_WORD_ALTS = sorted((w for w in _UNITS if w not in _AMBIGUOUS), key=len, reverse=True)
_WORD = r"(?:" + "|".join(_WORD_ALTS) + r")"
_SCALE = r"(?:hundred|hundre|thousand|tusen)"
# "one hundred and twenty", "thirty-six", "twenty four", "hundre og tjue"
_WORDS = (
    rf"{_WORD}(?:[\s-]+(?:and\s+|og\s+)?(?:{_WORD}|{_SCALE}))*"
    rf"|{_SCALE}(?:[\s-]+(?:and\s+|og\s+)?{_WORD})*"
)
_DIGITS = r"\d{1,4}(?:[.,]\d+)?"

# A written number, its figure in brackets, or both: "ninety (90)", "90", "(90)", "ninety".
NUMBER = (
    rf"(?:(?:{_WORDS})\s*\(\s*{_DIGITS}\s*\)|{_DIGITS}|\(\s*{_DIGITS}\s*\)|(?:{_WORDS})"
    rf"|(?:a|an|en|ett|ei|to|ni)(?=\s))"
)

_NUMBER_RE = re.compile(NUMBER, re.IGNORECASE)
_FIGURE = re.compile(r"\d+(?:[.,]\d+)?")


def parse_number(text: str) -> int | None:
    """The integer a written number stands for; the bracketed figure wins when present."""
    text = text.strip().lower()
    if not text:
        return None
    figure = _FIGURE.search(text)
    if figure is not None:
        raw = figure.group(0).replace(",", ".")
        try:
            value = float(raw)
        except ValueError:
            return None
        return int(value) if value.is_integer() else None
    return _parse_words(text)


def _parse_words(text: str) -> int | None:
    tokens = [t for t in re.split(r"[\s-]+", text) if t and t not in _JOINERS]
    if not tokens:
        return None
    total = 0
    current = 0
    seen = False
    for token in tokens:
        if token in _UNITS:
            current += _UNITS[token]
            seen = True
        elif token in _SCALES:
            current = max(current, 1) * _SCALES[token]
            if _SCALES[token] >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


def find_number(text: str) -> int | None:
    """The first number written anywhere in a short phrase ("a", "en", "to" do not count)."""
    for match in _NUMBER_RE.finditer(text):
        if match.group(0).strip().lower() not in _AMBIGUOUS:
            return parse_number(match.group(0))
    return None


_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "fifteenth": 15, "twentieth": 20,
}


def ordinal(word: str) -> int | None:
    """The number of an anniversary's ordinal: "fifth", "3rd", "four (4) year" -> 5, 3, 4."""
    word = word.lower()
    if word in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[word]
    return parse_number(re.sub(r"[\s-]+year$", "", word))
