from __future__ import annotations

import pytest

from extraction.law import extract_law
from extraction.model import Language
from extraction.text import ContractText


def _law(text: str, language: Language = "en") -> tuple[str | None, str | None]:
    found = extract_law(ContractText.of([text]), language)
    law = found.get("governing_law")
    venue = found.get("venue")
    return (law.value if law else None), (venue.value if venue else None)


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("This Agreement shall be governed by and construed in accordance with the laws of "
         "the State of Delaware, without regard to its conflict of laws principles.", "Delaware"),
        ("THIS AGREEMENT SHALL BE GOVERNED BY THE LAWS OF THE STATE OF NEW YORK.", "New York"),
        ("This Agreement will be governed by the laws of England and Wales.", "England and Wales"),
        ("This Agreement is governed by English law and the parties submit to the exclusive "
         "jurisdiction of the English courts.", "England"),
        ("This Agreement shall be governed by the laws of the Commonwealth of Pennsylvania "
         "without regard to its conflicts of law provisions.", "Pennsylvania"),
        ("This Agreement shall be governed and construed in accordance with the laws of the "
         "Province of Ontario.", "Ontario"),
        ("The execution and performance of this Agreement shall be governed by PRC Laws.",
         "People's Republic of China"),
        ("This Agreement shall be governed by Singapore law.", "Singapore"),
        ("the law of the Federal Republic of Germany applies.", "Germany"),
        ("This Agreement shall be construed in accordance with the laws of Japan.", "Japan"),
        ("This Agreement shall be governed by the laws of the United States of America and of "
         "the Commonwealth of Pennsylvania as applied to agreements entered into there.",
         "Pennsylvania"),
        ("This Agreement has been made in the State of California and shall be governed by and "
         "construed in accordance with the laws thereof.", "California"),
        ("This Agreement shall be governed by and interpreted in accordance with the laws of "
         "the State of Florida, USA.", "Florida"),
    ],
)
def test_english_governing_law(clause: str, expected: str) -> None:
    assert _law(clause)[0] == expected


def test_place_of_incorporation_is_not_governing_law() -> None:
    text = (
        "Acme, Inc., a corporation organized under the laws of the State of Nevada (\"Acme\"). "
        "This Agreement shall be governed by the laws of the State of Texas."
    )
    assert _law(text)[0] == "Texas"
    only_incorporation = "Acme, Inc., a corporation organized under the laws of Nevada."
    assert _law(only_incorporation)[0] is None


@pytest.mark.parametrize(
    "clause",
    [
        "Avtalen reguleres av norsk rett.",
        "Avtalen er underlagt norsk rett.",
        "Partenes rettigheter og plikter bestemmes i sin helhet av norsk rett.",
        "Lovvalg: Norsk rett gjelder for avtalen.",
    ],
)
def test_norwegian_governing_law(clause: str) -> None:
    assert _law(clause, "nb")[0] == "Norway"


@pytest.mark.parametrize(
    ("clause", "venue"),
    [
        ("Tvister avgjøres ved Oslo tingrett.", "Oslo tingrett"),
        ("Tvister avgjøres av de alminnelige domstoler med Bergen tingrett som avtalt "
         "verneting.", "Bergen tingrett"),
        ("Sør-Rogaland tingrett er verneting.", "Sør-Rogaland tingrett"),
        ("saken inn for Follo og Nordre Østfold tingrett, som er vedtatt verneting.",
         "Follo og Nordre Østfold tingrett"),
        ("Any action shall be brought exclusively in the state and federal courts located in "
         "New York County, New York.",
         "state and federal courts located in New York County, New York"),
        ("The courts of England and Wales shall have exclusive jurisdiction.",
         "courts of England and Wales"),
    ],
)
def test_venue(clause: str, venue: str) -> None:
    assert _law(clause)[1] == venue


def test_nothing_found() -> None:
    assert _law("The Supplier shall deliver the goods.") == (None, None)


def test_evidence_points_at_the_clause() -> None:
    text = "Intro.\n\n12. Governing Law. This Agreement is governed by the laws of Delaware."
    found = extract_law(ContractText.of([text]), "en")["governing_law"]
    assert "governed by the laws of Delaware" in found.evidence[0].quote
    assert found.evidence[0].page == 1
