from __future__ import annotations

import pytest

from extraction.model import Language
from extraction.text import ContractText
from extraction.title import extract_title, normalise_title


def _title(first_page: str, language: Language = "en") -> str | None:
    found = extract_title(ContractText.of([first_page, "second page"]), language).get("title")
    return None if found is None else found.value


@pytest.mark.parametrize(
    ("page", "language", "title"),
    [
        ("MASTER SERVICES AGREEMENT\n\nThis Master Services Agreement is made ...", "en",
         "Master Services Agreement"),
        ("Exhibit 10.1\nCONFIDENTIAL TREATMENT REQUESTED\nENDORSEMENT LICENSING AND CO-BRANDING "
         "AGREEMENT\nThis agreement ...", "en", "Endorsement Licensing and Co-Branding Agreement"),
        ("Execution Version\nSoftware License and Maintenance Agreement\nbetween ...", "en",
         "Software License and Maintenance Agreement"),
        ("RAMMEAVTALE OM KJØP AV\nIT-KONSULENTTJENESTER\n\nMellom:", "nb",
         "Rammeavtale om kjøp av IT-konsulenttjenester"),
        ("Saksnummer: 2023/4711\nRENHOLDSAVTALE\n\nAvtalen er inngått mellom", "nb",
         "Renholdsavtale"),
        ("Avtale om kjøp av konsulentbistand\nSSA-K\n", "nb",
         "Avtale om kjøp av konsulentbistand"),
        ("LEIEAVTALE FOR NÆRINGSLOKALER\n", "nb", "Leieavtale for næringslokaler"),
    ],
)
def test_titles(page: str, language: Language, title: str) -> None:
    assert _title(page, language) == title


def test_running_sentences_are_not_titles() -> None:
    page = (
        "This Agreement is entered into by the parties below.\n"
        "For purposes of this Agreement, Completion shall be defined as follows.\n"
    )
    assert _title(page) is None


def test_title_comes_from_the_first_page_only() -> None:
    found = extract_title(ContractText.of(["no title here", "LICENSE AGREEMENT"]), "en")
    assert found == {}


def test_mixed_case_titles_are_kept() -> None:
    assert normalise_title("Co-Branding Agreement", "en") == "Co-Branding Agreement"
    assert normalise_title("SSA-K AVTALE", "nb") == "SSA-K avtale"
