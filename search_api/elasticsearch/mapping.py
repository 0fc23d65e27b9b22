"""The Elasticsearch index of contracts: analysis, explicit mapping and the stored document.

Text fields (`title`, `parties`, `body`) are analysed three ways, as multi-fields:

- the field itself with `avtale_folded`: the same analysis as the tantivy adapter (split into
  words, drop tokens over 40 characters, lower-case, fold to ASCII), so "Tromso" finds
  "Tromsø" and prefix search works on folded words;
- `.en` with Elasticsearch's built-in `english` analyzer and `.nb` with `avtale_norwegian`,
  the built-in `norwegian` analyzer rebuilt as a custom one (the documented way; osmem-server
  lacks the built-in), so "avtaler" finds "avtalen" and "agreements" finds "agreement".
  (A rebuilt `english` would need the `possessive_english` stemmer, which osmem-server
  mis-handles: a field analysed with it matches every document.) A contract's language is
  not known to the index yet, so a query searches both: stemming only ever adds matches.

Status is the deadline engine's, an exact keyword. `effective_end` is the date the contract
actually stops (missing when perpetual or open-ended): expiry filters, the end-date facet and
sorting use it, so "none" never needs a sentinel. Values only shown in a hit sit in
`display`, stored but not indexed. `spend` holds the contract's spend figures
(`last_12_months`, `total`, `trend`; see search_api.figures), `supplier_risk` the supplier's
risk level (a keyword, always present) and `evaluation_score` its last evaluation score;
a figure the contract does not have is left out, so ranges never match it.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from search_api.documents import MAX_BODY_CHARS
from search_api.port import IndexedContract

# Bump when the mapping or analysis changes: a new versioned index is then built.
# 2: supplier.text, category.text, governing_law, fingerprint; 3: spend, risk, score
MAPPING_VERSION = 3
MAX_TOKEN_CHARS = 40
TEXT_FIELDS: tuple[str, ...] = ("title", "parties", "body")
STEMMED_SUBFIELDS: tuple[str, ...] = ("en", "nb")
# The highlighter's match markers: private-use characters, removed from indexed text so a
# document can never forge a mark.
MARK_START = "\ue000"
MARK_END = "\ue001"
# The start and end of the body, kept for deciding whether a highlighted fragment is cut
# (an ellipsis) without fetching a body of up to two million characters.
BODY_EDGE_CHARS = 300

ANALYSIS: dict[str, Any] = {
    "filter": {
        "avtale_long": {"type": "length", "max": MAX_TOKEN_CHARS},
        "avtale_norwegian_stop": {"type": "stop", "stopwords": "_norwegian_"},
        "avtale_norwegian_stemmer": {"type": "stemmer", "language": "norwegian"},
    },
    "analyzer": {
        "avtale_folded": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["avtale_long", "lowercase", "asciifolding"],
        },
        "avtale_norwegian": {
            "type": "custom",
            "tokenizer": "standard",
            "filter": [
                "avtale_long",
                "lowercase",
                "avtale_norwegian_stop",
                "avtale_norwegian_stemmer",
            ],
        },
    },
}


def _text_field() -> dict[str, Any]:
    return {
        "type": "text",
        "analyzer": "avtale_folded",
        "fields": {
            "en": {"type": "text", "analyzer": "english"},
            "nb": {"type": "text", "analyzer": "avtale_norwegian"},
        },
    }


def _word_field() -> dict[str, Any]:
    return {"type": "text", "analyzer": "avtale_folded"}


MAPPINGS: dict[str, Any] = {
    # A field the code does not know is an error, not a silently guessed mapping.
    "dynamic": "strict",
    "_meta": {"avtale_mapping_version": MAPPING_VERSION},
    "properties": {
        "contract_id": {"type": "long"},
        "title": _text_field(),
        "parties": _text_field(),
        "body": _text_field(),
        # Exact values for filters and facets; `.text` for `supplier:acme` in a query.
        "supplier": {"type": "keyword", "fields": {"text": _word_field()}},
        "category": {"type": "keyword", "fields": {"text": _word_field()}},
        "governing_law": _word_field(),
        "status": {"type": "keyword"},
        "principals": {"type": "keyword"},
        "fingerprint": {"type": "keyword"},  # IndexedContract.fingerprint(), for index check
        "archived": {"type": "boolean"},
        "perpetual": {"type": "boolean"},
        "end_date": {"type": "date", "format": "strict_date"},
        "effective_end": {"type": "date", "format": "strict_date"},
        "next_renewal_date": {"type": "date", "format": "strict_date"},
        "notice_deadline": {"type": "date", "format": "strict_date"},
        "value": {"type": "double"},
        "currency": {"type": "keyword"},
        "spend": {
            "type": "object",
            "properties": {
                "total": {"type": "double"},
                "last_12_months": {"type": "double"},
                "trend": {"type": "double"},
                "currency": {"type": "keyword"},
                "lines": {"type": "long"},
                "last_spend_date": {"type": "date", "format": "strict_date"},
            },
        },
        "supplier_risk": {"type": "keyword"},
        "evaluation_score": {"type": "double"},
        "display": {"type": "object", "enabled": False},
    },
}


def index_body(shards: int = 1, replicas: int = 0) -> dict[str, Any]:
    """The body of the create-index request of a new versioned index."""
    return {
        "settings": {
            "number_of_shards": shards,
            "number_of_replicas": replicas,
            # Elasticsearch refuses to highlight text longer than this (1,000,000 by default)
            # and bodies are indexed up to MAX_BODY_CHARS. An index setting, because the
            # per-request cap is spelt differently by Elasticsearch and OpenSearch.
            "highlight": {"max_analyzed_offset": MAX_BODY_CHARS + 1},
            "analysis": ANALYSIS,
        },
        "mappings": MAPPINGS,
    }


def effective_end(contract: IndexedContract) -> str | None:
    """The day the contract actually stops: none for perpetual or open-ended contracts."""
    if contract.perpetual or contract.end_date is None:
        return None
    return contract.end_date.isoformat()


def to_source(contract: IndexedContract) -> dict[str, Any]:
    body = clean_text(contract.body)
    source: dict[str, Any] = {
        "contract_id": contract.contract_id,
        "title": clean_text(contract.title),
        "parties": [clean_text(p) for p in contract.parties],
        "body": body,
        "supplier": contract.supplier,
        "category": contract.category,
        "governing_law": clean_text(contract.governing_law) if contract.governing_law else None,
        "status": contract.status,
        "principals": list(contract.principals),
        "fingerprint": contract.fingerprint(),
        "archived": contract.archived,
        "perpetual": contract.perpetual,
        "end_date": _iso(contract.end_date),
        "effective_end": effective_end(contract),
        "next_renewal_date": _iso(contract.next_renewal_date),
        "notice_deadline": _iso(contract.notice_deadline),
        "value": contract.value,
        "currency": contract.currency,
        "spend": _spend(contract),
        "supplier_risk": contract.supplier_risk,
        "evaluation_score": contract.evaluation_score,
        "display": {
            "body_start": body[:BODY_EDGE_CHARS],
            "body_end": body[-BODY_EDGE_CHARS:],
        },
    }
    return {key: value for key, value in source.items() if value is not None}


def _spend(contract: IndexedContract) -> dict[str, float] | None:
    figures = {"last_12_months": contract.spend_12m, "total": contract.spend_total,
               "trend": contract.spend_trend}
    present = {key: value for key, value in figures.items() if value is not None}
    return present or None


def clean_text(text: str) -> str:
    # NFC so a decomposed "å" (a + ring) from a PDF matches the composed one typed in a query.
    text = unicodedata.normalize("NFC", text)
    return text.replace(MARK_START, "").replace(MARK_END, "")


def _iso(day: Any) -> str | None:
    return day.isoformat() if day is not None else None
