from __future__ import annotations

from pathlib import Path

import pytest

from extraction.model import Language
from extraction.nlp import NlpModelUnavailableError, entities, load_pipeline


@pytest.mark.parametrize("language", ["en", "nb"])
def test_rule_pipeline_builds_for_both_languages(language: Language) -> None:
    nlp = load_pipeline(language)
    assert nlp.lang == language
    assert nlp.pipe_names == ["sentencizer", "party_ruler"]


def test_pipeline_is_built_once_per_language_and_model() -> None:
    assert load_pipeline("en") is load_pipeline("en")
    assert load_pipeline("en", None) is load_pipeline("en", "")
    assert load_pipeline("en") is not load_pipeline("nb")


def _orgs(text: str, language: Language) -> list[str]:
    return [e.text for e in entities(text, language) if e.label == "ORG"]


def test_ruler_finds_legal_names_in_english() -> None:
    text = (
        'This Agreement is made between Acme Holdings, Inc., a Delaware corporation (the '
        '"Customer"), and Shenzhen LOHAS Supply Chain Management Co., Ltd. and Novo A/S.'
    )
    assert _orgs(text, "en") == [
        "Acme Holdings, Inc.",
        "Shenzhen LOHAS Supply Chain Management Co., Ltd.",
        "Novo A/S",
    ]
    roles = [e.text for e in entities(text, "en") if e.label == "ROLE"]
    assert roles == ["Customer"]


def test_ruler_finds_norwegian_names_org_numbers_and_roles() -> None:
    text = (
        "Mellom Fjordkode Bergen AS, org.nr. 923 609 016, heretter kalt Kunden, og "
        "Nordlys Data ASA, org.nr. 923 609 017, heretter kalt Leverandøren."
    )
    found = [(e.label, e.text) for e in entities(text, "nb")]
    assert found == [
        ("ORG", "Fjordkode Bergen AS"),
        ("ORG_NUMBER", "org.nr. 923 609 016"),  # MOD11-valid; ...017 is not, so not reported
        ("ROLE", "Kunden"),
        ("ORG", "Nordlys Data ASA"),
        ("ROLE", "Leverandøren"),
    ]


def test_lower_case_words_are_not_legal_names() -> None:
    assert _orgs("a Delaware corporation, as agreed", "en") == []


def test_offsets_point_into_the_text_given() -> None:
    text = "Between\xa0\xa0Acme\xa0Holdings,\xa0Inc. and others"
    (org,) = [e for e in entities(text, "en") if e.label == "ORG"]
    assert text[org.start : org.end] == org.text == "Acme\xa0Holdings,\xa0Inc."


def test_unknown_trained_model_says_the_rule_pipeline_is_the_default() -> None:
    with pytest.raises(NlpModelUnavailableError) as error:
        load_pipeline("en", "en_core_web_nonexistent_sm")
    message = str(error.value)
    assert "en_core_web_nonexistent_sm" in message
    assert "not installed" in message
    assert "rule pipeline" in message and "default" in message


def _saved_model(tmp_path: Path, language: str) -> str:
    """A stand-in for a trained model: a saved pipeline whose NER-like ruler tags ORG/PERSON."""
    import spacy

    nlp = spacy.blank(language)
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "ORG", "pattern": "Prolong Super Lubricants"},
            {"label": "PERSON", "pattern": "Alan Crane"},
        ]
    )
    path = tmp_path / f"model_{language}"
    nlp.to_disk(path)
    return str(path)


def test_a_trained_model_adds_its_entities_to_the_rules(tmp_path: Path) -> None:
    model = _saved_model(tmp_path, "en")
    text = "between Acme Holdings, Inc. and Prolong Super Lubricants and Alan Crane"
    found = [(e.label, e.text, e.source) for e in entities(text, "en", model)]
    assert found == [
        ("ORG", "Acme Holdings, Inc.", "rules"),
        ("ORG", "Prolong Super Lubricants", "model"),
        ("PERSON", "Alan Crane", "model"),
    ]
    assert load_pipeline("en", model) is load_pipeline("en", model)


def test_a_model_for_another_language_is_not_used(tmp_path: Path) -> None:
    model = _saved_model(tmp_path, "en")
    assert load_pipeline("nb", model) is load_pipeline("nb")
