"""Scoring rules for the CUAD development labels (see ../shared/data/README.md).

Each function turns one label answer and one predicted value into true/false positives and
false negatives. The rules are the ones the labels are also scored by on unseen contracts, so
keep them strict: a rule that forgives too much here hides real misses.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# ---------------------------------------------------------------------------------- counting


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def single_value(label_present: bool, predicted_present: bool, matches: bool) -> Score:
    """One answer per contract: a wrong prediction is both a false positive and a miss."""
    if label_present and predicted_present:
        return Score(tp=1) if matches else Score(fp=1, fn=1)
    if label_present:
        return Score(fn=1)
    if predicted_present:
        return Score(fp=1)
    return Score()


def alternatives(answer: str) -> list[str]:
    """A label may hold several answers separated by ';' — any one of them is right."""
    return [part.strip() for part in answer.split(";") if part.strip()]


# ------------------------------------------------------------------------------------- dates

PERPETUAL = "perpetual"
_LABEL_DATE = re.compile(
    r"^\s*(\[\]|\d{1,2})\s*/\s*(\[\]|\d{1,2})\s*/\s*(\d{2}(?:\d{2}|\[\])?|\[\])\s*$"
)


@dataclass(frozen=True)
class LabelDate:
    """A labelled date; a part the annotators left blank ("[]") is None. Such a label
    matches no prediction: the rule is "the same calendar day", and a blank-form date
    ("September __, 2019") names no day. (Matching on the filled parts would reward
    guessing: "[]/[]/19[]" would accept any date of the century.)"""

    year: int | None
    month: int | None
    day: int | None
    # "12/31/34": m/d/yy names no century. Contracts filed 1993-2020 end in either (an
    # end date in 2034 is as likely as a signing in 1997), so a two-digit year matches
    # the prediction's year in either century.
    two_digit_year: bool = False

    def matches(self, value: dt.date) -> bool:
        if (self.month, self.day) != (value.month, value.day) or self.year is None:
            return False
        if self.two_digit_year:
            return self.year % 100 == value.year % 100
        return self.year == value.year


def _year(text: str) -> int | None:
    if "[]" in text:
        return None
    year = int(text)
    if len(text) == 2:
        # CUAD's contracts were filed 1993-2020: two-digit years above 30 are 19xx.
        year += 1900 if year > 30 else 2000
    return year


def parse_label_date(answer: str) -> LabelDate | None:
    m = _LABEL_DATE.match(answer)
    if not m:
        return None
    month, day, year = m.groups()
    first = None if month == "[]" else int(month)
    second = None if day == "[]" else int(day)
    if first is not None and second is not None and first > 12 >= second:
        first, second = second, first  # written day first ("31/01/2025"): no 31st month
    return LabelDate(year=_year(year), month=first, day=second,
                     two_digit_year=len(year) == 2 and "[]" not in year)


def score_date(answer: str, predicted: dt.date | None) -> Score:
    label_dates = [d for d in (parse_label_date(a) for a in alternatives(answer)) if d]
    present = bool(alternatives(answer))
    ok = predicted is not None and any(d.matches(predicted) for d in label_dates)
    return single_value(present, predicted is not None, ok)


def score_end_date(answer: str, predicted: dt.date | None, perpetual: bool) -> Score:
    """Expiration: a date, or 'perpetual' as an answer of its own."""
    answers = alternatives(answer)
    present = bool(answers)
    if predicted is not None:
        ok = any(d.matches(predicted) for d in (parse_label_date(a) for a in answers) if d)
        return single_value(present, True, ok)
    if perpetual:
        return single_value(present, True, any(a.lower() == PERPETUAL for a in answers))
    return single_value(present, False, False)


# --------------------------------------------------------------------------------- durations

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty": 20,
    "thirty": 30, "sixty": 60, "ninety": 90,
}
_DURATION = re.compile(
    r"(\d+|" + "|".join(_NUMBER_WORDS) + r")\s*(day|week|month|year)s?", re.IGNORECASE
)


def normalise_duration(count: int, unit: str) -> tuple[int, str]:
    """Years become months and weeks days, so that 12 month = 1 year and 2 week = 14 day."""
    unit = unit.lower().rstrip("s")
    if unit == "year":
        return count * 12, "month"
    if unit == "week":
        return count * 7, "day"
    return count, unit


def parse_label_duration(answer: str) -> tuple[int, str] | None:
    """'successive 1 year' -> (12, 'month'); '4 years, 6 months' -> (54, 'month').

    A leading bare number is a count of renewals ('2 successive 5 years', '10 1 years'): it is
    not part of the term. Answers that are dates, not durations, give None.
    """
    parts = _DURATION.findall(answer)
    if not parts:
        return None
    total = 0
    unit_seen = ""
    for number, unit in parts:
        count = int(number) if number.isdigit() else _NUMBER_WORDS[number.lower()]
        value, base = normalise_duration(count, unit)
        if unit_seen and base != unit_seen:
            return value, base  # mixed day/month answers: take the last, rare in practice
        unit_seen = base
        total += value
    return total, unit_seen


def score_duration(answer: str, predicted: tuple[int, str] | None) -> Score:
    answers = alternatives(answer)
    wanted = [d for d in (parse_label_duration(a) for a in answers) if d]
    got = normalise_duration(*predicted) if predicted else None
    return single_value(bool(answers), got is not None, got is not None and got in wanted)


# ------------------------------------------------------------------------------ governing law


def _words(text: str) -> list[str]:
    return text.split()


_US_STATES = [
    *_words(
        "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia "
        "hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts "
        "michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon "
        "pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming"
    ),
    "new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota",
    "rhode island", "south carolina", "south dakota", "west virginia", "district of columbia",
]
_CANADA = ["ontario", "quebec", "alberta", "manitoba", "saskatchewan", "nova scotia",
           "british columbia"]
_COUNTRIES = [
    *_words(
        "norway sweden denmark finland iceland germany france spain italy portugal netherlands "
        "belgium luxembourg switzerland austria ireland israel japan china taiwan singapore korea "
        "india australia canada mexico brazil colombia argentina chile scotland england wales "
        "cyprus greece poland russia"
    ),
    "hong kong", "papua new guinea", "new zealand", "northern ireland",
]
_PLACE_ALIASES = {
    "people's republic of china": "china",
    "peoples republic of china": "china",
    "prc": "china",
    "p r c": "china",
    "norwegian": "norway",
    "norsk": "norway",
    "norge": "norway",
    "english": "england",
    "united states": "united states",
    "u s a": "united states",
    "usa": "united states",
    "united kingdom": "united kingdom",
    "uk": "united kingdom",
    "republic of korea": "korea",
    "south korea": "korea",
    "ontario canada": "ontario",
}
_SUBNATIONAL = frozenset(
    [*_US_STATES, *_CANADA, "england", "wales", "scotland", "northern ireland"]
)
_PLACES = sorted(
    {*_US_STATES, *_CANADA, *_COUNTRIES, *_PLACE_ALIASES}, key=len, reverse=True
)
_PLACE_RE = re.compile(r"\b(" + "|".join(re.escape(p) for p in _PLACES) + r")\b")


def places(text: str) -> set[str]:
    """Known jurisdictions named in a text, canonicalised ('State of New York' -> new york)."""
    flat = re.sub(r"[^\w' ]+", " ", text.lower().replace("’", "'"))
    flat = re.sub(r"\s+", " ", flat)
    # Washington D.C. is not Washington State.
    flat = flat.replace("washington d c", "district of columbia")
    return {_PLACE_ALIASES.get(p, p) for p in _PLACE_RE.findall(flat)}


def _fallback_key(text: str) -> str:
    flat = re.sub(r"[^\w ]+", " ", text.lower())
    flat = re.sub(r"\b(the|laws?|of|state|commonwealth|province|republic)\b", " ", flat)
    return re.sub(r"\s+", " ", flat).strip()


def law_matches(answer: str, predicted: str) -> bool:
    """The state or country agrees. Where the label names a state or province, the prediction
    must name that state (the country alone is not enough); otherwise the country must agree."""
    got = places(predicted)
    for alternative in alternatives(answer):
        wanted = places(alternative)
        if not wanted:
            if _fallback_key(alternative) and _fallback_key(alternative) == _fallback_key(
                predicted
            ):
                return True
            continue
        specific = wanted & _SUBNATIONAL
        if (specific and got & specific) or (not specific and got & wanted):
            return True
    return False


def score_law(answer: str, predicted: str | None) -> Score:
    present = bool(alternatives(answer))
    ok = predicted is not None and law_matches(answer, predicted)
    return single_value(present, predicted is not None, ok)


# ------------------------------------------------------------------------------------ parties

_LEGAL_FORMS = frozenset(
    _words(
        """inc incorporated llc lc llp lp ltd limited ltda corporation corp co company plc pllc
    as asa ab aps oy oyj sa sas sarl srl spa nv bv ag gmbh kg kk pte pty bhd fsb ilp ltc
    da ans ba enk ks"""
    )
)
_QUOTED_GROUP = re.compile(r"[(\[][^()\[\]]*[\"“”'‘’][^()\[\]]*[)\]]")
_GROUPING = r"\b(referred to|individually|collectively|jointly|each a|together)\b"
_QUOTED = re.compile(r"[\"“”]([^\"“”]+)[\"“”]")


def normalise_name(name: str) -> str:
    """Lower case, no punctuation, no leading 'the', no trailing legal-form words."""
    flat = name.lower().replace("&", " and ")
    flat = re.sub(r"(?<=\b\w)\.(?=\w\b)", "", flat)  # s.a. -> sa, l.p. -> lp
    flat = flat.replace(".", "")
    flat = re.sub(r"[^\w]+", " ", flat)
    words = flat.split()
    while words and words[0] == "the":
        words.pop(0)
    while words and words[-1] in _LEGAL_FORMS:
        words.pop()
    return " ".join(words)


def parse_label_parties(answer: str) -> set[str]:
    """The set of normalised legal names in a Parties answer, aliases dropped.

    `Marine MP, LLC (“Lender”); Lender, Endorser and Fitness (“AS Parties”)` names one party:
    the second segment only groups aliases (or names) given elsewhere.
    """
    text = re.sub(r"\[[^\]]*\]", " ", answer)  # "[Confidentiality; ...]", "[ * * * ]"
    text = re.sub(r"\)\s*\.\s+", ");", text)
    aliases = {"party", "parties", "each", "both"}
    cleaned: list[str] = []
    for segment in text.split(";"):
        name = segment
        while True:
            for group in _QUOTED_GROUP.findall(name):
                aliases |= {normalise_name(a) for a in _QUOTED.findall(group)}
            stripped = _QUOTED_GROUP.sub(" ", name)
            if stripped == name:
                break
            name = stripped
        aliases |= {normalise_name(a) for a in _QUOTED.findall(name)}
        name = _QUOTED.sub(" ", name).strip(" ,.")
        # A trailing bracket is an alias, "(MICOA)"; one inside a name is not, "TOM (BVI) Ltd".
        name = re.sub(r"\s*\([^()]*\)\s*$", "", name).strip(" ,.()")
        name = re.split(
            r",\s+(?=[a-z])|\s+and its\s+|\s+doing business as\s+|\s+d/b/a\s+"
            r"|\s+a subsidiary of\s+|\s+formerly known as\s+|,?\s+(?i:an affiliate of)\s+",
            name,
        )[0]
        if re.search(_GROUPING, name, re.I):
            continue
        cleaned.append(name)
    names: dict[str, list[str]] = {}
    for name in cleaned:
        parts = [normalise_name(w) for w in re.split(r",|\band\b|&|/", name)]
        raw_words = set(re.sub(r"[^\w]+", " ", name.lower().replace(".", "")).split())
        if not raw_words & _LEGAL_FORMS and all(not w or w in aliases for w in parts):
            continue
        key = normalise_name(name)
        if key:
            names[key] = [p for p in parts if p]
    # "A Ltd and B Inc (each a "Party")" lists parties named already: not a party of its own.
    known = sorted(set(names) | aliases, key=len, reverse=True)
    return {
        key for key in names if not _lists_known_names(key, [k for k in known if k != key], names)
    }


def _lists_known_names(key: str, known: list[str], names: dict[str, list[str]]) -> bool:
    """'A Ltd, B Ltd and C Inc' or 'Company and AGI' (joined by 'and'): a list of parties
    named elsewhere. 'DATEC (PNG) LIMITED' whose aliases are 'Datec' and 'PNG' is a name."""
    rest = f" {key} "
    removed_names = removed_aliases = 0
    for other in known:
        if other and f" {other} " in rest:
            rest = rest.replace(f" {other} ", " ")
            if other in names:
                removed_names += 1
            else:
                removed_aliases += 1
    first_words = {k.split()[0] for k in known if k}
    left = [w for w in rest.split() if w not in ("and", "the") and w not in _LEGAL_FORMS]
    listed = removed_names >= 2 or (removed_names + removed_aliases >= 1 and " and " in key)
    return listed and all(w in first_words for w in left)


def score_parties(answer: str, predicted: list[str]) -> Score:
    wanted = parse_label_parties(answer)
    got = {k for k in (normalise_name(p) for p in predicted) if k}
    return Score(tp=len(wanted & got), fp=len(got - wanted), fn=len(wanted - got))
