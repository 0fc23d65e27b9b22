"""Recognising which column holds which spend field from the header row: synonyms in
English and Norwegian, any case and separator, and small misspellings ("Organisatonal Unit",
"Expenditure Catergory")."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from difflib import SequenceMatcher

# The fields of a spend line, each with the names ledgers give it (already normalised:
# lower case, words separated by one space).
FIELD_SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": (
        "date", "paid date", "payment date", "invoice date", "transaction date", "posting date",
        "dato", "betalt dato", "betalingsdato", "fakturadato", "bilagsdato", "posteringsdato",
    ),
    "supplier_name": (
        "supplier name", "supplier", "vendor", "vendor name", "payee", "payee name",
        "creditor", "merchant", "leverandør", "leverandørnavn", "leverandor", "kreditor",
    ),
    "supplier_ref": (
        "supplier id", "supplier number", "supplier no", "vendor id", "vendor number",
        "leverandørnr", "leverandørnummer", "leverandør id", "kreditornr",
    ),
    "supplier_org_number": (
        "org number", "organisation number", "organization number", "company number",
        "company registration number", "orgnr", "org nr", "organisasjonsnummer",
        "foretaksnummer", "vat number",
    ),
    "amount": (
        "amount", "net amount", "value", "total", "amount paid", "gross amount", "beløp",
        "belop", "sum", "netto beløp", "beløp nok", "amount gbp", "amount nok",
    ),
    "currency": ("currency", "valuta", "currency code"),
    "category": (
        "expenditure category", "category", "expenditure unit", "spend category",
        "purchase category", "kategori", "innkjøpskategori", "kontonavn", "account name",
        "expense type", "cost category",
    ),
    "account": (
        "expenditure code", "account", "account code", "account number", "cost code",
        "konto", "kontonummer", "kontonr", "art", "gl code", "ledger code",
    ),
    "description": (
        "description", "narrative", "details", "purpose", "beskrivelse", "tekst",
        "fakturatekst", "item", "item description", "varetekst", "vare",
    ),
    "quantity": ("quantity", "qty", "antall", "mengde"),
    "unit": ("unit", "uom", "unit of measure", "enhet", "måleenhet"),
    "unit_price": ("unit price", "price", "price per unit", "enhetspris", "pris", "a pris"),
    "organisational_unit": (
        "organisational unit", "organizational unit", "service area", "department",
        "directorate", "service", "cost centre", "cost center", "avdeling", "ansvar",
        "ansvarssted", "enhet navn", "virksomhet",
    ),
    "reference": (
        "trans no", "transaction number", "transaction no", "transaction id", "invoice number",
        "invoice no", "reference", "fakturanr", "fakturanummer", "bilagsnr", "bilagsnummer",
    ),
}
REQUIRED_FIELDS = ("supplier_name", "amount")
FIELDS = tuple(FIELD_SYNONYMS)
# How alike a header must be to a synonym to count as a misspelling of it.
FUZZY_THRESHOLD = 0.88


def normalise_header(header: str) -> str:
    text = unicodedata.normalize("NFKC", header).strip().lower().replace("_", " ")
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())


def header_signature(headers: list[str]) -> str:
    """The same layout has the same signature whatever the case, spacing or separators."""
    joined = "\x1f".join(normalise_header(h) for h in headers)
    return hashlib.sha256(joined.encode()).hexdigest()


def _likeness(name: str, synonym: str) -> float:
    # The cheap upper bounds first: most cells are nothing like any synonym.
    matcher = SequenceMatcher(None, name, synonym)
    if matcher.real_quick_ratio() < FUZZY_THRESHOLD or matcher.quick_ratio() < FUZZY_THRESHOLD:
        return 0.0
    return matcher.ratio()


def count_exact(cells: list[str]) -> int:
    """How many cells are a known name of some field (a quick test for a header row)."""
    names = {normalise_header(c) for c in cells}
    return sum(any(n in synonyms for n in names) for synonyms in FIELD_SYNONYMS.values())


def recognise(headers: list[str]) -> dict[str, str]:
    """Field -> header as written, for the fields the headers name. Exact synonyms win over
    misspellings; each field and each column is used once."""
    normalised = [normalise_header(h) for h in headers]
    mapping: dict[str, str] = {}
    used: set[int] = set()
    for field, synonyms in FIELD_SYNONYMS.items():
        for index, name in enumerate(normalised):
            if index not in used and name in synonyms:
                mapping[field] = headers[index]
                used.add(index)
                break
    scored: list[tuple[float, str, int]] = []
    for field, synonyms in FIELD_SYNONYMS.items():
        if field in mapping:
            continue
        for index, name in enumerate(normalised):
            if index in used or not name or len(name) > 40:
                continue
            best = max(_likeness(name, s) for s in synonyms)
            if best >= FUZZY_THRESHOLD:
                scored.append((best, field, index))
    for _score, field, index in sorted(scored, reverse=True):
        if field not in mapping and index not in used:
            mapping[field] = headers[index]
            used.add(index)
    return mapping


def missing_fields(mapping: dict[str, str]) -> list[str]:
    return [field for field in REQUIRED_FIELDS if not mapping.get(field)]


def column_indexes(headers: list[str], mapping: dict[str, str]) -> dict[str, int]:
    """Field -> column position. A mapping names headers as written; a remembered one may
    differ from this file in case or spacing only, which the signature already ignores."""
    positions = {normalise_header(h): i for i, h in reversed(list(enumerate(headers)))}
    indexes: dict[str, int] = {}
    for field, header in mapping.items():
        if field in FIELD_SYNONYMS and header:
            position = positions.get(normalise_header(header))
            if position is not None:
                indexes[field] = position
    return indexes
