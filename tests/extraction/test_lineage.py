"""A document that amends, renews or is an appendix to another contract says so in its
heading; the body's "any amendment to this Agreement" does not make it one."""

from __future__ import annotations

import datetime as dt

import pytest

from extraction.lineage import lineage_of


@pytest.mark.parametrize(("heading", "language", "relation", "number", "parent_date"), [
    ("AMENDMENT NO. 2 TO THE SERVICES AGREEMENT\n\nThis Amendment No. 2 to the Services "
     "Agreement dated March 1, 2020 is made between", "en", "amendment", 2, dt.date(2020, 3, 1)),
    ("SECOND AMENDMENT TO LICENSE AGREEMENT\n\nThis Second Amendment is made", "en",
     "amendment", 2, None),
    # The date the amendment itself is dated and effective is not its contract's.
    ("SECOND AMENDMENT TO SERVICES AGREEMENT\nThis SECOND AMENDMENT TO SERVICES AGREEMENT, "
     "dated and effective as of March 1, 2020", "en", "amendment", 2, None),
    ("FIRST AMENDMENT TO SUPPLY AGREEMENT This First Amendment (“Amendment”) to the Supply "
     "Agreement dated April 1, 2017 between", "en", "amendment", 1, dt.date(2017, 4, 1)),
    ("TILLEGG NR. 2 TIL RAMMEAVTALE OM IT-KONSULENTTJENESTER\n\nDette tillegget til "
     "rammeavtalen datert 1. mars 2020 mellom", "nb", "amendment", 2, dt.date(2020, 3, 1)),
    ("Vedlegg 3 til avtalen om renhold datert 01.04.2024", "nb", "appendix", 3,
     dt.date(2024, 4, 1)),
    ("Appendix 1 to the Framework Agreement: price list", "en", "appendix", 1, None),
    ("RENEWAL OF THE MAINTENANCE AGREEMENT DATED JUNE 1, 2019", "en", "renewal", None,
     dt.date(2019, 6, 1)),
])
def test_a_heading_says_what_the_document_is_to_which_contract(
    heading: str, language: str, relation: str, number: int | None,
    parent_date: dt.date | None,
) -> None:
    lineage = lineage_of(heading, language)  # type: ignore[arg-type]
    assert lineage is not None
    assert (lineage.relation, lineage.number, lineage.parent_date) == (
        relation, number, parent_date)
    assert lineage.quote.lower() in " ".join(heading.split()).lower()


def test_a_filing_legend_above_the_title_does_not_hide_it() -> None:
    legend = ("CONFIDENTIAL TREATMENT REQUESTED. CERTAIN PORTIONS OF THIS DOCUMENT HAVE BEEN "
              "OMITTED AND FILED SEPARATELY WITH THE SECURITIES AND EXCHANGE COMMISSION "
              "PURSUANT TO RULE 24B-2 OF THE SECURITIES EXCHANGE ACT OF 1934, AS AMENDED. ")
    lineage = lineage_of(legend + "AMENDMENT NO. 3 TO THE DISTRIBUTOR AGREEMENT This "
                                  "Amendment No. 3 to the Distributor Agreement")
    assert lineage is not None and lineage.number == 3


@pytest.mark.parametrize("text", [
    "SERVICES AGREEMENT\nThis agreement is made between A and B. Any amendment to this "
    "Agreement must be in writing and signed by both parties.",
    "RAMMEAVTALE\nEndringer i denne avtalen skal avtales skriftlig.",
    # A recital naming another contract's amendment, past the title, in running text.
    "SPONSORSHIP AGREEMENT\n" + "Recitals. " * 40 + "A. Pursuant to that certain Consent to "
    "Assignment and Amendment of Use Agreement dated January 7, 1997, the sponsor",
    "",
])
def test_a_contract_that_mentions_amendments_is_not_one(text: str) -> None:
    assert lineage_of(text) is None
