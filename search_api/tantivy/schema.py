"""The tantivy schema of the contract index, its text analyzer and the on-disk version marker.

Text analysis ("avtale_text"): split on anything that is not a letter or digit (Unicode
aware, so æ, ø and å stay inside words), drop tokens over 40 characters, lower-case, then
fold to ASCII (ø -> o, å -> a, æ -> ae, é -> e). Folding lets "Tromso" find "Tromsø",
which people type on foreign keyboards, at the price of conflating a few words ("år"
and "ar"). Prefix search (`avtal*`) and fuzzy terms work on these folded words.

Stemmed copies: each text field is also indexed (not stored) as `<field>_en` with English
stop words and the English Snowball stemmer, and `<field>_nb` with the Norwegian (bokmål)
ones, as the Elasticsearch mapping's `.en` and `.nb` sub-fields are, so "avtalen", "avtaler"
and "avtale" find each other on both engines. A query searches both copies: stemming only
adds matches, and the index need not know a contract's language for that.

`supplier_text`, `category_text` and `law` are the same values analysed as words, for the
query language's `supplier:acme`, `category:it` and `law:norway`.

`supplier_risk` is an exact keyword like status (always present, "unknown" included);
`spend_12m` and `evaluation_score` are float fast fields, missing when the contract has no
such figure, so ranges never match it and sorting puts it last.

Status is the deadline engine's, stored as an exact keyword (never recomputed here).
Dates are stored as `date.toordinal()` integers. `end_key` is the *effective* end:
perpetual contracts and contracts without an end date get `NO_END_DATE`, a sentinel above
every real date, so status and end-date facets are plain range buckets and a range filter
never has to special-case "none". Sorting uses fields that are simply missing for "none",
because tantivy sorts missing values last in both directions.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

import tantivy

from search_api.port import IndexedContract

# 2: engine status, current term end; 3: archived; 4: stems, law; 5: spend, risk, score
SCHEMA_VERSION = 5
SCHEMA_MARKER = "avtale-search-schema.json"
TEXT_ANALYZER = "avtale_text"
# Stemmed copies of the text fields: suffix -> (tokenizer name, Snowball/stop-word language).
STEMMED: dict[str, tuple[str, str]] = {
    "en": ("avtale_english", "english"),
    "nb": ("avtale_norwegian", "norwegian"),
}
MAX_TOKEN_CHARS = 40

# Above date.max.toordinal() (3652059): "no end date" sorts and buckets after every date.
NO_END_DATE = dt.date.max.toordinal() + 1

TEXT_FIELDS: tuple[str, ...] = ("title", "parties", "body")
# Word-analysed copies of exact values, searched only when a query names them.
WORD_FIELDS: tuple[str, ...] = ("supplier_text", "category_text", "law")


class SearchIndexSchemaError(RuntimeError):
    """The index on disk was built with another schema; it must be rebuilt."""


def build_text_analyzer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_CHARS))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )


def build_stemming_analyzer(language: str) -> tantivy.TextAnalyzer:
    """Like the folded analyzer, but with stop words and a stemmer instead of folding
    (as Elasticsearch's language analyzers, which do not fold either)."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_CHARS))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stopword(language))
        .filter(tantivy.Filter.stemmer(language))
        .build()
    )


def analyzers() -> dict[str, tantivy.TextAnalyzer]:
    """Every tokenizer the schema names, by name: registered on each open of the index."""
    found = {TEXT_ANALYZER: build_text_analyzer()}
    for name, language in STEMMED.values():
        found[name] = build_stemming_analyzer(language)
    return found


def stemmed_field(field: str, suffix: str) -> str:
    return f"{field}_{suffix}"


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("contract_id", stored=True, indexed=True, fast=True)
    for name in TEXT_FIELDS:
        builder.add_text_field(name, stored=True, tokenizer_name=TEXT_ANALYZER)
        for suffix, (tokenizer, _) in STEMMED.items():
            builder.add_text_field(stemmed_field(name, suffix), tokenizer_name=tokenizer)
    for name in WORD_FIELDS:
        builder.add_text_field(name, tokenizer_name=TEXT_ANALYZER)
    # Exact values: filters match them verbatim and the terms aggregation returns them as is.
    builder.add_text_field("supplier", stored=True, fast=True, tokenizer_name="raw")
    builder.add_text_field("category", stored=True, fast=True, tokenizer_name="raw")
    builder.add_text_field("status", stored=True, fast=True, tokenizer_name="raw")
    builder.add_text_field("principals", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("fingerprint", fast=True, tokenizer_name="raw")
    builder.add_integer_field("end_key", indexed=True, fast=True)  # effective end, sentinel
    builder.add_integer_field("end_sort", fast=True)  # effective end, missing when none
    builder.add_integer_field("notice_key", indexed=True, fast=True)  # missing when none
    builder.add_float_field("value", indexed=True, fast=True)  # missing when none
    builder.add_text_field("supplier_risk", stored=True, fast=True, tokenizer_name="raw")
    builder.add_float_field("spend_12m", indexed=True, fast=True)  # missing when none
    builder.add_float_field("evaluation_score", indexed=True, fast=True)  # missing when none
    builder.add_integer_field("archived", indexed=True, fast=True)  # 1 archived, 0 not
    # Values shown in a hit but never searched: one stored JSON blob.
    builder.add_bytes_field("display", stored=True)
    return builder.build()


def effective_end(contract: IndexedContract) -> dt.date | None:
    """The date the contract actually stops: none for perpetual or open-ended contracts."""
    return None if contract.perpetual else contract.end_date


def to_document(contract: IndexedContract) -> tantivy.Document:
    doc = tantivy.Document()
    doc.add_integer("contract_id", contract.contract_id)
    texts = {
        "title": [_clean_text(contract.title)],
        "parties": [_clean_text(party) for party in contract.parties],
        "body": [_clean_text(contract.body)],
    }
    for field, values in texts.items():
        for value in values:
            doc.add_text(field, value)
            for suffix in STEMMED:
                doc.add_text(stemmed_field(field, suffix), value)
    if contract.supplier:
        doc.add_text("supplier", contract.supplier)
        doc.add_text("supplier_text", _clean_text(contract.supplier))
    if contract.category:
        doc.add_text("category", contract.category)
        doc.add_text("category_text", _clean_text(contract.category))
    if contract.governing_law:
        doc.add_text("law", _clean_text(contract.governing_law))
    doc.add_text("status", contract.status)
    doc.add_text("fingerprint", contract.fingerprint())
    doc.add_integer("archived", 1 if contract.archived else 0)
    for principal in contract.principals:
        doc.add_text("principals", principal)
    end = effective_end(contract)
    doc.add_integer("end_key", end.toordinal() if end else NO_END_DATE)
    if end:
        doc.add_integer("end_sort", end.toordinal())
    if contract.notice_deadline:
        doc.add_integer("notice_key", contract.notice_deadline.toordinal())
    if contract.value is not None:
        doc.add_float("value", contract.value)
    doc.add_text("supplier_risk", contract.supplier_risk)
    if contract.spend_12m is not None:
        doc.add_float("spend_12m", contract.spend_12m)
    if contract.evaluation_score is not None:
        doc.add_float("evaluation_score", contract.evaluation_score)
    display = {
        "end_date": contract.end_date.isoformat() if contract.end_date else None,
        "next_renewal_date": (
            contract.next_renewal_date.isoformat() if contract.next_renewal_date else None
        ),
        "notice_deadline": (
            contract.notice_deadline.isoformat() if contract.notice_deadline else None
        ),
        "perpetual": contract.perpetual,
        "archived": contract.archived,
        "value": contract.value,
        "currency": contract.currency,
        "spend_12m": contract.spend_12m,
        "spend_trend": contract.spend_trend,
        "evaluation_score": contract.evaluation_score,
    }
    doc.add_bytes("display", json.dumps(display).encode())
    return doc


def read_display(doc: tantivy.Document) -> dict[str, Any]:
    raw = doc.get_first("display")
    return dict(json.loads(raw)) if raw else {}


def _clean_text(text: str) -> str:
    # NFC so a decomposed "å" (a + ring) from a PDF matches the composed one typed in a query.
    return unicodedata.normalize("NFC", text)


# --- on-disk index and its version marker -------------------------------------------------

_TANTIVY_FILE_RE = re.compile(r"^(meta\.json|\.managed\.json|\.tantivy-.*\.lock|[0-9a-f]{32}\..+)$")


def open_or_create_index(
    schema: tantivy.Schema, path: Path | None, *, rebuild_on_schema_change: bool
) -> tuple[tantivy.Index, bool]:
    """Open the index at `path` (or a RAM index); returns it and whether it was (re)created.

    A mismatching schema version raises `SearchIndexSchemaError`, or, with
    `rebuild_on_schema_change`, empties the directory so the caller can reindex from the
    database (the source of truth).
    """
    if path is None:
        return tantivy.Index(schema), True
    path.mkdir(parents=True, exist_ok=True)
    if (path / "meta.json").exists():
        found = _read_marker(path)
        problem = None
        if found != SCHEMA_VERSION:
            problem = f"schema version {found}, this program needs {SCHEMA_VERSION}"
        else:
            try:
                return tantivy.Index(schema, path=str(path), reuse=True), False
            except ValueError as exc:
                problem = f"tantivy refused to open it ({exc})"
        if not rebuild_on_schema_change:
            raise SearchIndexSchemaError(
                f"The search index in {path} has {problem}. Rebuild it "
                "(`avtale index rebuild`) or delete the directory."
            )
        _remove_index_files(path)
    index = tantivy.Index(schema, path=str(path), reuse=False)
    _write_marker(path)
    return index, True


def _read_marker(path: Path) -> int | None:
    try:
        data = json.loads((path / SCHEMA_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    version = data.get("schema_version") if isinstance(data, dict) else None
    return version if isinstance(version, int) else None


def _write_marker(path: Path) -> None:
    tmp = path / (SCHEMA_MARKER + ".tmp")
    payload = {"schema_version": SCHEMA_VERSION, "analyzer": TEXT_ANALYZER}
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(payload, fh)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path / SCHEMA_MARKER)


def _remove_index_files(path: Path) -> None:
    # Only files tantivy (or we) wrote: never wipe a directory someone pointed us at by mistake.
    for entry in path.iterdir():
        if entry.is_file() and (entry.name == SCHEMA_MARKER or _TANTIVY_FILE_RE.match(entry.name)):
            with contextlib.suppress(FileNotFoundError):
                entry.unlink()
