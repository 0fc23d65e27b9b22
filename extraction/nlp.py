"""The spaCy pipeline: `spacy.blank("en" | "nb")`, a sentencizer and an EntityRuler.

The default needs no trained model (none can be installed here, and a small trained model reads
~7k words/s against ~140k for blank + rules). The ruler's token patterns recognise:

- ORG: capitalised words ending in a legal form ("Acme Holdings, Inc.", "Fjordkode Bergen AS"),
  with the legal-form vocabulary of `extraction.parties.words`;
- ORG_NUMBER: a labelled Norwegian organisation number ("org.nr. 923 609 016"), kept only when
  its MOD11 check digit is right;
- ROLE: a capitalised party role word ("Customer", "Leverandøren").

An installed trained spaCy model (`nlp_model`, e.g. "en_core_web_sm") may replace `blank()`;
the ruler then runs before its NER and the model's ORG / PERSON entities come on top. A model
for another language than the document's is not used for it (the rule pipeline is).

Pipelines are built on first use, once per (language, model), never at import time.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any, Literal

from extraction.model import Language
from extraction.org_numbers import is_valid_norwegian_org_number
from extraction.parties.words import (
    LEGAL_FORM_WORDS_ANY_CASE,
    LEGAL_FORM_WORDS_AS_WRITTEN,
    ROLE_WORDS,
    STOP_FIRST,
    split_words,
)

EntitySource = Literal["rules", "model"]

# Pattern ids: they tell the ruler's entities from a trained model's.
_LEGAL_FORM_ID = "legal_form"
_RULE_IDS = frozenset({_LEGAL_FORM_ID, "org_number", "role"})

# Capitalised words that start or sit inside no name the ruler should report.
_NOT_NAME_WORDS = (
    frozenset(
        split_words(
            """agreement agreements contract amendment between among and by dated date effective
        exhibit section article schedule appendix annex page whereas recitals witnesseth
        mellom og avtale avtalen kontrakt bilag dato signature signed name title attn
        attention parties party a an"""
        )
    )
    | STOP_FIRST
)

_NAME_WORD: dict[str, Any] = {
    "IS_LOWER": False,
    "IS_PUNCT": False,
    "IS_SPACE": False,
    "LOWER": {"NOT_IN": sorted(_NOT_NAME_WORDS)},
}
_CONNECT: dict[str, Any] = {"LOWER": {"IN": ["of", "&", "de", "for", "i", "på"]}}
_COMMA: dict[str, Any] = {"ORTH": ",", "OP": "?"}
_DOT: dict[str, Any] = {"ORTH": ".", "OP": "?"}
# Legal forms written as abbreviations: a full stop after them is theirs.
_ABBREVIATED = frozenset({"Inc", "Ltd", "Corp", "Co", "CO", "Pty", "Pte", "Ltda"})
_KEEPS_STOP = re.compile(r"(?i:\b(?:inc|ltd|corp|co|pty|pte|ltda)|\.\w{1,3})\.$")

_ORG_NUMBER_LABELS = (
    "org.nr",
    "org.nr.",
    "orgnr",
    "orgnr.",
    "org",
    "organisasjonsnummer",
    "foretaksnummer",
    "org.no",
    "org.no.",
)
_ORG_NUMBER_DIGITS = re.compile(r"\d{3}[\s.]?\d{3}[\s.]?\d{3}")


class NlpModelUnavailableError(RuntimeError):
    """The configured trained spaCy model is not installed."""

    def __init__(self, model: str) -> None:
        self.model = model
        super().__init__(
            f"spaCy model {model!r} is not installed (spacy.load failed). Install it into the "
            "environment, or leave the setting empty (AVTALE_NLP_MODEL unset): the default is "
            'the rule pipeline, spacy.blank("en"/"nb") with an EntityRuler, which needs no model.'
        )


@dataclass(frozen=True)
class Entity:
    """One entity of a text: label, the text as written and its character span."""

    label: str  # ORG, ORG_NUMBER, ROLE (rules); ORG, PERSON, ... (a trained model)
    text: str
    start: int
    end: int
    source: EntitySource = "rules"


def load_pipeline(language: Language, model: str | None = None) -> Any:
    """The spaCy `Language` for documents in `language`, built once and cached.

    `model` names an installed trained pipeline ("en_core_web_sm", or a path); None or ""
    means the rule pipeline. Raises NlpModelUnavailableError when the model is not installed.
    """
    return _pipeline(language, model or None)


def entities(text: str, language: Language, model: str | None = None) -> list[Entity]:
    """The entities in `text` (offsets into `text`), in order of appearance."""
    nlp = load_pipeline(language, model)
    # A no-break space is a space (one character for one, so offsets stay those of `text`).
    doc = nlp(text.replace("\xa0", " "))
    found: list[Entity] = []
    for ent in doc.ents:
        source: EntitySource = "rules" if ent.ent_id_ in _RULE_IDS else "model"
        if ent.label_ == "ORG_NUMBER":
            number = _ORG_NUMBER_DIGITS.search(ent.text)
            if number is None or not is_valid_norwegian_org_number(number.group(0)):
                continue
        end = ent.end_char
        if ent.label_ == "ORG" and source == "rules" and not _KEEPS_STOP.search(ent.text):
            end -= len(ent.text) - len(ent.text.rstrip("."))
        found.append(Entity(ent.label_, text[ent.start_char : end], ent.start_char, end, source))
    return found


@functools.cache
def _pipeline(language: Language, model: str | None) -> Any:
    import spacy  # imported on first use: importing spaCy costs ~1 s

    if model is None:
        nlp = spacy.blank(language)
    else:
        try:
            nlp = spacy.load(model)
        except OSError as error:  # E050 "Can't find model", E053 bad meta, ...
            raise NlpModelUnavailableError(model) from error
        if nlp.lang != language:
            return _pipeline(language, None)  # an English model cannot read bokmål
    if not any(nlp.has_pipe(name) for name in ("sentencizer", "senter", "parser")):
        nlp.add_pipe("sentencizer", first=True)
    # Before a trained model's NER, so that NER keeps the ruler's entities and adds its own.
    before = "ner" if nlp.has_pipe("ner") else None
    ruler: Any = nlp.add_pipe("entity_ruler", name="party_ruler", before=before)
    ruler.add_patterns(_patterns(nlp))
    return nlp


def _patterns(nlp: Any) -> list[dict[str, Any]]:
    patterns: list[dict[str, Any]] = []
    for legal, dotted in _legal_form_sequences(nlp):
        end = [*legal, _DOT] if dotted else legal
        for name in (
            [{**_NAME_WORD, "OP": "+"}],
            [{**_NAME_WORD, "OP": "+"}, _CONNECT, {**_NAME_WORD, "OP": "+"}],
        ):
            patterns.append(
                {"label": "ORG", "id": _LEGAL_FORM_ID, "pattern": [*name, _COMMA, *end]}
            )
    number = [{"TEXT": {"REGEX": r"^\d{3}[.]?\d{3}[.]?\d{3}$"}}]
    spaced = [{"SHAPE": "ddd"}, {"SHAPE": "ddd"}, {"SHAPE": "ddd"}]
    label = [
        {"LOWER": {"IN": list(_ORG_NUMBER_LABELS)}},
        {"IS_PUNCT": True, "OP": "*"},
        {"LOWER": {"IN": ["nr", "nr.", "nummer", "no", "no.", "number"]}, "OP": "?"},
        {"IS_PUNCT": True, "OP": "*"},
        {"ORTH": "NO", "OP": "?"},
    ]
    for digits in (number, spaced):
        patterns.append({"label": "ORG_NUMBER", "id": "org_number", "pattern": [*label, *digits]})
        patterns.append(
            {
                "label": "ORG_NUMBER",
                "id": "org_number",
                "pattern": [{"ORTH": "NO"}, *digits, {"ORTH": "MVA"}],
            }
        )
    single_roles: list[str] = []
    for role in sorted(ROLE_WORDS):
        words = [t.lower_ for t in nlp.tokenizer(role)]
        if len(words) == 1:
            single_roles.append(words[0])
            continue
        first: dict[str, Any] = {"LOWER": words[0], "IS_LOWER": False}
        rest = [{"LOWER": w} for w in words[1:]]
        patterns.append({"label": "ROLE", "id": "role", "pattern": [first, *rest]})
    one_word: dict[str, Any] = {"LOWER": {"IN": single_roles}, "IS_LOWER": False}
    patterns.append({"label": "ROLE", "id": "role", "pattern": [one_word]})
    return patterns


def _legal_form_sequences(nlp: Any) -> list[tuple[list[dict[str, Any]], bool]]:
    """Token patterns for the legal forms, each with whether a full stop may end it ("Inc.",
    "S.A." may; "AS." and "GmbH." end a sentence). Single tokens go by set, the rest token by
    token as the language's tokenizer splits them ("S.p.A." -> "S.p", ".", "A.")."""
    singles: dict[tuple[str, bool], set[str]] = {}
    sequences: list[tuple[list[dict[str, Any]], bool]] = []
    for words, attr in (
        (LEGAL_FORM_WORDS_ANY_CASE, "LOWER"),
        (LEGAL_FORM_WORDS_AS_WRITTEN, "ORTH"),
    ):
        for word in words:
            bare = word.rstrip(".")
            dotted = word.endswith(".") or bare in _ABBREVIATED
            # "Novo A/S." may come out as "A", "/", "S.": the stop is cut off in entities().
            for variant in {bare, bare + "."}:
                tokens = [t.text for t in nlp.tokenizer(variant)]
                text = [t.lower() if attr == "LOWER" else t for t in tokens]
                if len(text) == 1:
                    singles.setdefault((attr, dotted), set()).add(text[0])
                elif not (len(text) == 2 and text[1] == "."):
                    sequences.append(([{attr: t} for t in text], dotted))
    one_token: list[tuple[list[dict[str, Any]], bool]] = []
    for (attr, dotted), values in sorted(singles.items()):
        token: dict[str, Any] = {attr: {"IN": sorted(values)}}
        if attr == "LOWER":
            token["IS_LOWER"] = False  # "a Delaware corporation" names no one
        one_token.append(([token], dotted))
    return one_token + sequences
