"""Which column of a supplier register holds which field, read from its header row: names
in English and Norwegian, any case and separator, and small misspellings ("Organisasjons
nummer", "Suplier"), as spend/headers.py reads spend files."""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

# Already normalised: lower case, words separated by one space.
FIELD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": (
        "name", "supplier", "supplier name", "vendor", "vendor name", "company", "company name",
        "navn", "leverandør", "leverandørnavn", "leverandor", "leverandornavn", "firma",
        "firmanavn", "foretaksnavn",
    ),
    "org_number": (
        "org number", "org no", "org nr", "orgnr", "org", "organisation number",
        "organization number", "organisasjonsnummer", "organisasjonsnr", "foretaksnummer",
        "company number", "company no", "company registration number", "registration number",
        "crn",
    ),
    "country": ("country", "country code", "land", "landkode", "nation"),
    "aliases": (
        "alias", "aliases", "other names", "also known as", "aka", "trading name",
        "trading names", "alternative names", "andre navn", "kallenavn",
    ),
}
FIELDS = tuple(FIELD_SYNONYMS)
# How alike a header must be to a synonym to count as a misspelling of it.
FUZZY_THRESHOLD = 0.88
# Several cells may hold a supplier's other names ("Alias 1", "Alias 2"); they all count.
_NUMBERED = re.compile(r"\s*\d+$")


def normalise_header(header: str) -> str:
    text = unicodedata.normalize("NFKC", header).strip().lower().replace("_", " ")
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


def _field_of(header: str) -> tuple[str | None, bool]:
    """(field, exact): the field a header names, and whether by an exact synonym."""
    name = normalise_header(header)
    if not name or len(name) > 40:
        return None, False
    bare = _NUMBERED.sub("", name)
    for field, synonyms in FIELD_SYNONYMS.items():
        if name in synonyms or (field == "aliases" and bare in synonyms):
            return field, True
    best, best_field = 0.0, None
    for field, synonyms in FIELD_SYNONYMS.items():
        for synonym in synonyms:
            matcher = SequenceMatcher(None, name, synonym)
            if matcher.real_quick_ratio() < FUZZY_THRESHOLD:
                continue
            if matcher.quick_ratio() < FUZZY_THRESHOLD:
                continue
            if (score := matcher.ratio()) > best:
                best, best_field = score, field
    return (best_field, False) if best >= FUZZY_THRESHOLD else (None, False)


def recognise(headers: list[str]) -> dict[str, list[int]]:
    """Field -> column positions. Exact synonyms win over misspellings; name, org number and
    country each take one column (the first), aliases every column that names them."""
    exact: dict[str, list[int]] = {}
    fuzzy: dict[str, list[int]] = {}
    for index, header in enumerate(headers):
        field, is_exact = _field_of(header)
        if field is not None:
            (exact if is_exact else fuzzy).setdefault(field, []).append(index)
    columns: dict[str, list[int]] = {}
    for field in FIELDS:
        found = exact.get(field) or fuzzy.get(field) or []
        if found:
            columns[field] = found if field == "aliases" else found[:1]
    return columns
