"""Signed, effective and end dates and the perpetual flag, from real-world phrasings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from extraction.dates import extract_dates
from extraction.model import Finding, Language
from extraction.text import ContractText


def run(*pages: str, language: Language = "en") -> dict[str, Finding[Any]]:
    return extract_dates(ContractText.of(pages), language)


def value(found: dict[str, Finding[Any]], name: str) -> Any:
    finding = found.get(name)
    return None if finding is None else finding.value


@pytest.mark.parametrize(
    ("preamble", "expected"),
    [
        (
            'This ENDORSEMENT AGREEMENT is entered into on July 26, 2013 (the "Effective Date") '
            "by and between Marine MP, LLC and MusclePharm Corporation.",
            dt.date(2013, 7, 26),
        ),
        (
            "THIS SPONSORSHIP AGREEMENT is made and entered into this the 24th day of "
            "February, 1998, by and between Southern Racing Promotions, Inc. and Logan's "
            "Roadhouse, Inc.",
            dt.date(1998, 2, 24),
        ),
        (
            'This Co-Branding Agreement (this "Agreement"), dated as of June 8, 1999, is made '
            "by and between Snap Technologies, Inc. and Embark.com, Inc.",
            dt.date(1999, 6, 8),
        ),
        (
            'DISTRIBUTOR AGREEMENT (the "Agreement") is made as of the 1st day of January, '
            "1996 by and between Peregrine/Bridge Transfer Corporation and Neon Systems, Inc.",
            dt.date(1996, 1, 1),
        ),
        (
            "THIS AGREEMENT dated for reference the 5th day of December 2008.\nBETWEEN: GOLD "
            "RESOURCE CORPORATION",
            dt.date(2008, 12, 5),
        ),
        (
            "This Agreement is made this 1s t day of October 2008, (the “Effective Date”), by "
            "and between Equidata, Inc. and Ameritas.",
            dt.date(2008, 10, 1),
        ),
    ],
)
def test_signed_date_from_preamble(preamble: str, expected: dt.date) -> None:
    found = run("EXHIBIT 10.1\n" + preamble + "\n1. Definitions. Words mean things.")
    assert value(found, "signed_date") == expected
    finding = found["signed_date"]
    assert 0.0 <= finding.confidence <= 1.0
    assert finding.evidence and finding.evidence[0].page == 1


def test_date_of_another_agreement_is_not_the_signing_date() -> None:
    found = run(
        "FIRST AMENDMENT TO SUPPLY AGREEMENT\nThis First Amendment to the Supply and "
        "Manufacturing Agreement dated April 1, 2017 between Cerus Corporation and Fenwal "
        "is made on the 22 day of June 2018."
    )
    assert value(found, "signed_date") == dt.date(2018, 6, 22)


def test_edgar_stamp_is_ignored() -> None:
    found = run(
        "Source: ACME CORP, 8-K, 10/1/2018\nSUPPLY AGREEMENT\nThe parties agree as follows."
    )
    assert value(found, "signed_date") is None


def test_signing_date_in_signature_block() -> None:
    body = "The parties agree as follows. " * 40
    found = run(
        body,
        "IN WITNESS WHEREOF, the parties have executed this Agreement.\nACME INC.\n"
        "By: /s/ Jane Roe\nDate: October 16, 1996\nBETA LLC\nBy: /s/ John Doe\n"
        "Date: November 5, 1996",
    )
    # The agreement is made when the last party signs.
    assert value(found, "signed_date") == dt.date(1996, 11, 5)
    assert found["signed_date"].evidence[0].page == 2


def test_norwegian_place_and_date_line() -> None:
    found = run(
        "RAMMEAVTALE\nmellom Kunde AS og Leverandør AS\n" + "Avtalen gjelder tjenester. " * 30,
        "Avtalen er undertegnet i to eksemplarer.\n\nBergen, 15. februar 2024\n\n"
        "For Kunde AS            For Leverandør AS",
        language="nb",
    )
    assert value(found, "signed_date") == dt.date(2024, 2, 15)


def test_effective_date_defined_in_preamble_is_both_dates() -> None:
    found = run(
        'This Agreement is entered into and effective as of January 15, 2008, (the '
        '"Effective Date") by and between eFashion Solutions, LLC and Bluefly, Inc.'
    )
    assert value(found, "signed_date") == dt.date(2008, 1, 15)
    assert value(found, "effective_date") == dt.date(2008, 1, 15)


def test_effective_date_by_reference_to_signing_date() -> None:
    found = run(
        "THIS SPONSORSHIP AGREEMENT is made July 16, 2012 by and among PEEK Investments LLC "
        "and Parent.\n2. Term. This Agreement shall become effective on the date first "
        "written above and shall remain in full force for a period of two years."
    )
    assert value(found, "effective_date") == dt.date(2012, 7, 16)
    assert "date first" in found["effective_date"].evidence[0].quote


def test_effective_date_defined_later_differs_from_signing_date() -> None:
    found = run(
        "MASTER SUPPLY AGREEMENT dated as of October 1, 2019 between Bellring Brands and "
        'Premier.\n1.5 "Effective Date" shall mean November 1, 2019.'
    )
    assert value(found, "signed_date") == dt.date(2019, 10, 1)
    assert value(found, "effective_date") == dt.date(2019, 11, 1)


def test_term_commencement_date_is_the_effective_date() -> None:
    found = run(
        "This agreement shall commence on January 20, 2014 and shall continue in effect for "
        "six (6) months."
    )
    assert value(found, "effective_date") == dt.date(2014, 1, 20)


def test_no_effective_date_when_only_signed() -> None:
    found = run(
        "THIS SPONSORSHIP AGREEMENT is made and entered into this 19th day of December 1997, "
        "by and between SABCO RACING, INC. and Prolong Super Lubricants, Inc."
    )
    assert value(found, "signed_date") == dt.date(1997, 12, 19)
    assert value(found, "effective_date") is None


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        (
            "The Term shall commence on July 23, 2013 and shall expire on July 22, 2016, "
            "unless otherwise terminated earlier pursuant to Section 9 of this Agreement.",
            dt.date(2016, 7, 22),
        ),
        (
            "This Agreement shall begin on the Effective Date and shall continue until "
            "December 31, 2020, unless extended or earlier terminated.",
            dt.date(2020, 12, 31),
        ),
        ("TERM: November 01, 2014 to October 31, 2017", dt.date(2017, 10, 31)),
        ("AGREEMENT PERIOD\nTermination Date: December 31, 2023", dt.date(2023, 12, 31)),
        (
            "The term of this Agreement shall commence on the date hereof and, unless "
            "terminated as provided herein, shall continue through November 30, 1998.",
            dt.date(1998, 11, 30),
        ),
        (
            "The Term shall commence on the date of this Agreement and shall end as of\n"
            "December 31, 2000.",
            dt.date(2000, 12, 31),
        ),
        (
            "This Agreement expires on December 31, 2007, unless renewed by the parties.",
            dt.date(2007, 12, 31),
        ),
        (
            "This Agreement shall commence as of the Effective Date and, unless earlier "
            "terminated, shall terminate five (5) years following the date of launch of the "
            "first Website, but in no event later than February 28, 2013.",
            dt.date(2013, 2, 28),
        ),
        (
            "1. Term. This Second Amendment shall be effective from the Second Amendment "
            "Effective Date and shall expire on December 31, 2021.",
            dt.date(2021, 12, 31),
        ),
    ],
)
def test_explicit_end_date(clause: str, expected: dt.date) -> None:
    found = run("SUPPLY AGREEMENT between A Inc. and B LLC.\n" + clause)
    assert value(found, "end_date") == expected
    assert "perpetual" not in found


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("Avtalen trer i kraft 1. mars 2024 og gjelder i 2 år, til og med 28. februar 2026.",
         dt.date(2026, 2, 28)),
        ("Avtalen gjelder til 31.12.2027.", dt.date(2027, 12, 31)),
        ("Oppdraget starter 02.09.2024 og skal være avsluttet innen 31.12.2024.",
         dt.date(2024, 12, 31)),
        ("Avtalen løper i fem år fra første leveranse, men ikke lenger enn til 30. juni 2029.",
         dt.date(2029, 6, 30)),
    ],
)
def test_norwegian_end_date(clause: str, expected: dt.date) -> None:
    found = run("AVTALE\nmellom A AS og B AS\n\n2. VARIGHET\n\n" + clause, language="nb")
    assert value(found, "end_date") == expected


def test_norwegian_effective_dates() -> None:
    found = run("Avtalen trer i kraft 1. mars 2024 og gjelder i 2 år.", language="nb")
    assert value(found, "effective_date") == dt.date(2024, 3, 1)
    found = run("Oppdraget starter 02.09.2024.", language="nb")
    assert value(found, "effective_date") == dt.date(2024, 9, 2)


def test_end_date_is_not_derived_from_a_term() -> None:
    found = run(
        "This Agreement dated as of May 1, 2010 between A Inc. and B LLC. The term of this "
        "Agreement shall be three (3) years from the Effective Date."
    )
    assert "end_date" not in found


@pytest.mark.parametrize(
    "clause",
    [
        "The License Agreement dated March 1, 2006 between the parties shall remain in effect "
        "until June 30, 2009.",
        "The Master Supply Agreement shall continue through December 31, 2009.",
    ],
)
def test_end_date_of_another_agreement_is_not_the_end_date(clause: str) -> None:
    found = run("SERVICES AGREEMENT between A Inc. and B LLC.\n\n" + clause)
    assert "end_date" not in found


def test_payment_deadline_is_not_an_end_date_cap() -> None:
    found = run(
        "SERVICES AGREEMENT between A Inc. and B LLC.\n\nLicensee shall pay the fee under this "
        "Agreement no later than March 1, 2005."
    )
    assert "end_date" not in found


def test_extension_option_date_is_not_the_end_date() -> None:
    found = run(
        "Flotek may, by written notice, elect for the Term to be extended to December 31, 2024."
    )
    assert "end_date" not in found


@pytest.mark.parametrize(
    "clause",
    [
        "This Agreement shall be effective from the date first above written and shall "
        "continue indefinitely until terminated by either Party.",
        "This Agreement shall become effective on the Effective Date and shall continue in "
        "effect until terminated in accordance with the provisions of this Article 9.",
        "This Agreement is entered into for an unlimited period of time.",
        "This Agreement shall be valid for an indefinite period.",
        "The term of this Agreement shall commence on the Effective Date and shall end on the "
        "60th day following a written notice from one party to the other of its decision to "
        "terminate this Agreement.",
    ],
)
def test_perpetual(clause: str) -> None:
    found = run(clause)
    assert value(found, "perpetual") is True
    assert found["perpetual"].evidence[0].quote


@pytest.mark.parametrize(
    "clause",
    [
        "Avtalen gjelder fra 01.03.2024 og er en løpende avtale uten fast sluttdato.",
        "Avtalen gjelder inntil den sies opp av en av partene.",
        "Avtalen er tidsubegrenset.",
    ],
)
def test_perpetual_norwegian(clause: str) -> None:
    assert value(run(clause, language="nb"), "perpetual") is True


# Contracts with no end of their own: they end on events, on notice, or "thereafter, unless
# terminated".
@pytest.mark.parametrize("clause", [
    pytest.param(
        "Section 10. Termination. (a) This Agreement shall terminate as to the Remarketing Agent "
        "upon the earliest to occur of (a) the effective date of the resignation or removal of "
        "the Remarketing Agent, (b) the completion of a successful Transition Remarketing, or "
        "(c) the date on which no Shares are Outstanding.", id="ends-only-on-events"),
    pytest.param(
        "F. TERMINATION OF AGREEMENT\n2. This Agreement shall terminate, subject to any "
        "automatic renewal or extension for one year as required by law, upon either party "
        "giving at least one hundred twenty (120) days advance written notice to the other.",
        id="ends-only-on-notice"),
    pytest.param(
        "6. Duration, Termination and Amendments of this Agreement. This Agreement shall "
        "become effective as of the day and year first above written and shall govern the "
        "relations between the parties hereto thereafter, unless terminated as set forth in "
        "this Section 6.", id="governs-thereafter-unless-terminated"),
    pytest.param(
        "11. Termination. Notwithstanding any provisions of this Agreement to the contrary, "
        "this Agreement shall terminate upon the Trust's payment to the Company of the sum "
        "of the aggregate amount of the premiums paid under the Policy since inception.",
        id="termination-section-names-an-event"),
])
def test_a_contract_without_an_end_of_its_own_is_perpetual(clause: str) -> None:
    assert value(run(clause), "perpetual") is True


# The near-misses: a fixed term stated in the list of ends or elsewhere, or an event that is
# only one of several ways the contract may end.
@pytest.mark.parametrize("parts", [
    pytest.param((
        "Section 10. Termination. This Agreement shall terminate upon the earliest to occur of "
        "(a) the fifth anniversary of the Effective Date, (b) the dissolution of the Company, "
        "or (c) the date on which no Shares are Outstanding.",), id="list-of-ends-with-a-term"),
    pytest.param((
        "2. Term. The term of this Agreement shall be three (3) years from the Effective Date.",
        "9. This Agreement shall terminate upon either party giving at least ninety (90) "
        "days written notice to the other."), id="notice-within-a-fixed-term"),
    pytest.param((
        "6. Duration. This Agreement shall govern the relations between the parties for "
        "two (2) years and thereafter, unless terminated as set forth in this Section 6.",),
        id="governs-after-a-fixed-term"),
    pytest.param((
        "2. Term. The term of this Agreement shall be five (5) years from the Effective Date.",
        "11. Termination. This Agreement shall terminate upon the Trust's payment to the "
        "Company of the premiums paid under the Policy."), id="event-beside-a-term"),
    pytest.param((
        "11. Termination. Either party may terminate this Agreement for material breach. "
        "(c) This Agreement will automatically terminate in the event of its assignment.",),
        id="event-inside-a-termination-section"),
])
def test_an_end_beside_a_fixed_term_or_among_others_is_not_perpetual(
    parts: tuple[str, ...]
) -> None:
    assert "perpetual" not in run(*parts)


def test_renewing_term_is_not_perpetual() -> None:
    found = run(
        "The initial term of this Agreement is five (5) years and shall continue thereafter "
        "until terminated, renewing automatically for one (1) year periods."
    )
    assert "perpetual" not in found


def test_perpetual_licence_is_not_a_perpetual_contract() -> None:
    found = run("Licensor grants a perpetual, irrevocable licence to the Software.")
    assert "perpetual" not in found


def test_contract_without_dates_gives_nothing() -> None:
    assert run("The parties agree as follows.\nEach party shall act in good faith.") == {}
    assert run() == {}


def test_dates_across_line_breaks_and_pages() -> None:
    found = run(
        "THIS STRATEGIC ALLIANCE AGREEMENT is made as of 31 December,\n",
        "1996, between NORTHERN TELECOM LIMITED and ENTRUST TECHNOLOGIES INC.",
    )
    # Pages are joined, so a date broken by the page break is still read.
    assert value(found, "signed_date") == dt.date(1996, 12, 31)


def test_signed_as_of_the_effective_date_defined_below() -> None:
    found = run(
        "MANUFACTURING AND SUPPLY AGREEMENT\nThis Agreement is entered into as of the Effective "
        "Date (as defined below) by and between Apollo Endosurgery and Establishment Labs.\n"
        '1.5 "Effective Date" shall mean December 5, 2014.'
    )
    assert value(found, "effective_date") == dt.date(2014, 12, 5)
    assert value(found, "signed_date") == dt.date(2014, 12, 5)


def test_effective_date_listed_with_a_dash() -> None:
    found = run('(xxix) "EFFECTIVE DATE" - January 21st, 2002\n(xxx) "LIABILITY" - components')
    assert value(found, "effective_date") == dt.date(2002, 1, 21)


def test_norwegian_effective_on_signing() -> None:
    found = run(
        "AVTALE\nmellom A AS og B AS\n" + "Avtalen gjelder renhold. " * 30,
        "Avtalen trer i kraft ved signering av begge parter.\n\nOslo, 3. juni 2024",
        language="nb",
    )
    assert value(found, "signed_date") == dt.date(2024, 6, 3)
    assert value(found, "effective_date") == dt.date(2024, 6, 3)


def test_norwegian_contract_period_range() -> None:
    found = run("Avtaleperiode: 01.01.2025 – 31.12.2026.", language="nb")
    assert value(found, "effective_date") == dt.date(2025, 1, 1)
    assert value(found, "end_date") == dt.date(2026, 12, 31)


def test_norwegian_period_counted_from_a_date() -> None:
    found = run("Avtalen inngås for en periode på 2 år fra 1. januar 2025.", language="nb")
    assert value(found, "effective_date") == dt.date(2025, 1, 1)


def test_latest_of_side_by_side_signature_dates() -> None:
    found = run(
        "DISTRIBUTOR AGREEMENT\nBETWEEN INGRAM MICRO AND NETGEAR\n"
        "Name: Sanat Dutta            Name: Joe Booker\n"
        "Date: October 16, 1996       Date:  November 5, 1996\n",
        "APPENDIX A\nDate: November 01, 2016\n",
    )
    assert value(found, "signed_date") == dt.date(1996, 11, 5)


def test_signature_page_ends_at_an_exhibit() -> None:
    body = "The parties agree as follows. " * 40
    found = run(
        body,
        "IN WITNESS WHEREOF, the parties have executed this Agreement.\nACME INC.\n"
        "By: /s/ Jane Roe\nBETA LLC\nBy: /s/ John Doe\n"
        'EXHIBIT "A" TO FRANCHISE AGREEMENT\nMarks registered:\n'
        "Burger King Logo 16,29,30 7441 18 Feb., 1994\n",
    )
    assert value(found, "signed_date") is None


def test_signature_block_date_of_another_agreement_is_not_the_signing_date() -> None:
    body = "The parties agree as follows. " * 40
    found = run(
        body,
        "IN WITNESS WHEREOF, the parties have executed this Agreement.\nACME INC.\n"
        "By: /s/ Jane Roe\nBETA LLC\nBy: /s/ John Doe\n"
        "WHEREAS, Acme and Beta entered into that certain License Agreement dated May 8, "
        "2008 (the “Original Agreement”).",
    )
    assert value(found, "signed_date") is None


def test_lone_date_under_a_heading_is_not_a_signature_date() -> None:
    body = "The parties agree as follows. " * 40
    found = run(body, "Appendix 8:\nPress Release\nFebruary 8th, 2012\nAcme and Beta announce")
    assert value(found, "signed_date") is None


def test_lone_date_among_signatures_is_the_signing_date() -> None:
    body = "The parties agree as follows. " * 40
    found = run(
        body,
        "Party A: People’s Government of Fenyi County (seal)\nRao Cheng (signature)\n"
        "June 25, 2014\nParty B: Xinyu New Energy Co., Ltd. (seal)\n",
    )
    assert value(found, "signed_date") == dt.date(2014, 6, 25)


def test_norwegian_signature_page_ends_at_an_attachment() -> None:
    body = "Avtalen gjelder renhold. " * 40
    found = run(
        "AVTALE\nmellom A AS og B AS\n" + body,
        "For A AS                 For B AS\nSignatur: ___________    Signatur: ___________\n"
        "Vedlegg 1 Prisliste\nPrisene gjelder fra 1. januar 2025\n",
        language="nb",
    )
    assert value(found, "signed_date") is None


def test_effective_date_in_a_term_clause_is_not_the_agreement_date() -> None:
    found = run(
        'RESELLER AGREEMENT\nThis Reseller Agreement is made by and between AEIS ("AEIS") and '
        'Schoolpop, Inc. ("Schoolpop"). This Agreement is effective as of August 1, 2004, (the '
        '"Effective Date") and shall terminate on July 31, 2009.'
    )
    assert value(found, "signed_date") is None
    assert value(found, "effective_date") == dt.date(2004, 8, 1)


def test_effective_as_of_in_the_preamble_is_the_agreement_date() -> None:
    # The labelled contracts count "is effective as of DATE ... by and between" as the agreement
    # date as well (10 of 14 such preambles).
    found = run(
        "OUTSOURCING AGREEMENT\nThis Outsourcing Agreement is effective as from the 1st day of "
        "January, 2009, by and between Silicon Smelters Ltd and Ferroglobe."
    )
    assert value(found, "signed_date") == dt.date(2009, 1, 1)
    assert value(found, "effective_date") == dt.date(2009, 1, 1)


def test_as_of_a_date_not_said_of_the_agreement() -> None:
    found = run(
        "RESELLER AGREEMENT between AEIS and Schoolpop.\nSchoolpop shall manage and forecast "
        "Card needs to deplete such inventory as of December 31, 2004."
    )
    assert value(found, "signed_date") is None


def test_executed_on_their_behalf_this_day() -> None:
    found = run(
        "JOINT FILING AGREEMENT\nThe undersigned agree to file jointly.\nIn evidence whereof, "
        "the undersigned have caused this Agreement to be executed on their behalf this 7t h "
        "day of April, 2020.\nUBS ONCOLOGY IMPACT FUND L.P."
    )
    assert value(found, "signed_date") == dt.date(2020, 4, 7)


def test_amendment_preamble_dates_the_amended_agreement_only() -> None:
    found = run(
        "AMENDMENT NO. 2\nTHIS AMENDMENT NO. 2 (this “Amendment”) to the Manufacturing and "
        "Supply Agreement dated as of December 8, 2009 (the “Existing Agreement”), by and "
        "between Columbia Laboratories (Bermuda) Ltd. and Fleet Laboratories Limited."
    )
    assert value(found, "signed_date") is None


def test_signature_block_before_long_attachments() -> None:
    found = run(
        "GLOBAL MASTER SUPPLY AGREEMENT\n" + "Buyer and Seller agree as follows. " * 700,
        "BUYER SELLER\nACCEPTED AND AGREED TO BY BUYER ExxonMobil Chemical Company\n"
        "DATE OF: Exxon Mobil Corporation\nJanuary 10, 2020 Date: December 11, 2018\n"
        "/s/ Eric M. Green /s/ Kurt Aerts\nBY: Eric M. Green BY: Kurt Aerts\n",
        "ATTACHMENT A\n" + "General terms of sale. Prices are reviewed yearly. " * 600,
        "ATTACHMENT G\n" + "Standard terms. Claims are waived after 150 days. " * 600,
    )
    assert value(found, "signed_date") == dt.date(2020, 1, 10)


def test_cover_date_line_with_a_place() -> None:
    found = run(
        "TRANSPORTATION CONTRACT\nPURPOSE\nDate Bogota D.C. January 30, 2012\n"
        "Contract No. VIT-005-2012\nSENDER SOLANA PETROLEUM EXPLORATION"
    )
    assert value(found, "signed_date") == dt.date(2012, 1, 30)


def test_norwegian_cover_date_line_with_a_place() -> None:
    found = run(
        "LEIEAVTALE\nDato Trondheim 12. mars 2024\nmellom Utleier AS og Leietaker AS",
        language="nb",
    )
    assert value(found, "signed_date") == dt.date(2024, 3, 12)


@pytest.mark.parametrize(
    ("clause", "expected", "language"),
    [
        ('"Commencement Date" means: 1st January 2013.', dt.date(2013, 1, 1), "en"),
        (
            "The commencement date for this contract will be 16th June 2004.",
            dt.date(2004, 6, 16),
            "en",
        ),
        (
            "This Agreement is effective on the day of May 1, 2013 and the effective term is the "
            "same as the Cooperation Term.",
            dt.date(2013, 5, 1),
            "en",
        ),
        ("Ikrafttredelsesdato for denne avtalen er 1. mars 2024.", dt.date(2024, 3, 1), "nb"),
        ("Oppstartsdato: 15.08.2024", dt.date(2024, 8, 15), "nb"),
    ],
)
def test_effective_date_phrasings(clause: str, expected: dt.date, language: Language) -> None:
    found = run("AGREEMENT\n" + clause, language=language)
    assert value(found, "effective_date") == expected
    # A start date alone is not when the contract was signed.
    assert value(found, "signed_date") is None


def test_news_release_dateline() -> None:
    found = run(
        "United National Bancorp Enters Into\n Outsourcing Agreement with the BISYS Group, Inc.\n"
        "Bridgewater, NJ -- February 18, 1999 -- United National Bancorp (Nasdaq: UNBJ)\n"
        "announced today that its principal subsidiary has entered into an agreement."
    )
    assert value(found, "signed_date") == dt.date(1999, 2, 18)
    assert found["signed_date"].confidence <= 0.5


def test_dateline_without_an_announced_agreement_is_not_a_signing_date() -> None:
    found = run(
        "QUARTERLY UPDATE\nBridgewater, NJ -- February 18, 1999 -- Revenue rose 4 percent in the "
        "quarter, the company said."
    )
    assert value(found, "signed_date") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Lillehammer, den 3. mars 2022", dt.date(2022, 3, 3)),
        ("Sted og dato: Oslo, 1. juli 2022", dt.date(2022, 7, 1)),
        ("Oslo/Stockholm, 16. august 2021", dt.date(2021, 8, 16)),
    ],
)
def test_norwegian_place_and_date_line_variants(line: str, expected: dt.date) -> None:
    found = run(
        "AVTALE\nmellom Kunde AS og Leverandør AS\n" + "Avtalen gjelder tjenester. " * 30,
        f"{line}\n\nFor Kunde AS            For Leverandør AS",
        language="nb",
    )
    assert value(found, "signed_date") == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Rammeavtalen gjelder fra 1. januar 2024 til 31. desember 2025.", dt.date(2024, 1, 1)),
        ("Leieperioden er 48 måneder fra overtakelsesdato 1. februar 2024.", dt.date(2024, 2, 1)),
        ("Leieforholdet løper fra 1. juni 2023 i ti (10) år.", dt.date(2023, 6, 1)),
    ],
)
def test_norwegian_start_of_a_compound_named_term(sentence: str, expected: dt.date) -> None:
    assert value(run(sentence, language="nb"), "effective_date") == expected


@pytest.mark.parametrize(
    "clause",
    [
        "The term of this Agreement commences on the Effective Date and continues in perpetuity, "
        "unless termination occurs pursuant to Sections 4.2 through 4.4.",
        '"Term" means the period of time commencing on the Effective Date and continuing '
        "thereafter indefinitely until this Agreement is terminated pursuant to Section 10.",
        "This Agreement shall apply and remain in effect from the Effective Date and perpetually "
        "thereafter unless terminated pursuant to the Section entitled Termination.",
        "This Agreement will commence on the Effective Date and will continue until termination "
        "as provided below.",
    ],
)
def test_perpetual_in_other_words(clause: str) -> None:
    assert value(run(clause), "perpetual") is True


@pytest.mark.parametrize(
    "clause",
    [
        "Avtalen løper inntil en av partene sier den opp.",
        "Avtalen gjelder til skriftlig oppsigelse med tre måneders frist.",
    ],
)
def test_norwegian_runs_until_notice(clause: str) -> None:
    assert value(run(clause, language="nb"), "perpetual") is True


def test_surviving_in_perpetuity_is_not_a_perpetual_contract() -> None:
    found = run(
        "The term of this Agreement shall be five (5) years. Sections 9 and 17 shall survive any "
        "expiration or termination of this Agreement in perpetuity."
    )
    assert "perpetual" not in found


@pytest.mark.parametrize(
    ("clause", "start", "end", "language"),
    [
        (
            "The term of this Agreement shall commence January 1, 1996, and shall continue for a "
            "period of three (3) years, concluding December 31, 1998.",
            dt.date(1996, 1, 1), dt.date(1998, 12, 31), "en",
        ),
        (
            "The Joint Venture is a fixed term Joint Venture beginning November 27, 2018 and "
            "ending November 30th, 2019.",
            dt.date(2018, 11, 27), dt.date(2019, 11, 30), "en",
        ),
        (
            "The term of this Agreement for the Hosted Site shall commence upon April 1, 1999 "
            "and shall continue for a period of six (6) months.",
            dt.date(1999, 4, 1), None, "en",
        ),
        (
            "(i) Commencement Date July 1, 2017\n(ii) Termination Date December 31, 2022\n"
            "All other provisions of this Agreement apply.",
            dt.date(2017, 7, 1), dt.date(2022, 12, 31), "en",
        ),
        (
            "Oppdraget starter 2. mai 2022 og skal være ferdigstilt innen 31. oktober 2022.",
            dt.date(2022, 5, 2), dt.date(2022, 10, 31), "nb",
        ),
        (
            "Avtalen har virkning fra 1. april 2024 og gjelder i tre år.",
            dt.date(2024, 4, 1), None, "nb",
        ),
        (
            "Avtaleperioden løper fra 1. mars 2024 til 28. februar 2026.",
            dt.date(2024, 3, 1), dt.date(2026, 2, 28), "nb",
        ),
    ],
)
def test_start_and_end_in_other_words(
    clause: str, start: dt.date, end: dt.date | None, language: Language
) -> None:
    found = run("AGREEMENT\n" + clause, language=language)
    assert value(found, "effective_date") == start
    assert value(found, "end_date") == end


@pytest.mark.parametrize(
    "clause",
    [
        "This Agreement is effective as of the last date signed below.",
        "This Agreement shall become effective as of the day and year first above written.",
        "This agreement commences upon execution of this document.",
        "The Agreement shall become effective upon the completion of the execution by both "
        "Parties.",
        'The term of this Agreement will begin on the date this Agreement is signed by the last '
        'signatory ("Effective Date").',
    ],
)
def test_effective_on_signing_in_other_words(clause: str) -> None:
    found = run(
        "SERVICES AGREEMENT\nThis Agreement is made on March 3, 2015 between Acme Inc. and Beta "
        "LLC.\n" + clause
    )
    assert value(found, "effective_date") == dt.date(2015, 3, 3)


def test_a_date_under_an_appendix_heading_is_not_the_signing_date() -> None:
    found = run(
        "MASTER JOINT DEVELOPMENT AGREEMENT\n" + "The Parties shall cooperate. " * 80,
        "By signing below, the parties agree.\n/s/ Robert Erwin /s/ Kevin Wang\n"
        "Date: August 07, 2018 Date: August 08, 2018\n\nAPPENDIX A-1\nProposal to Beijing Ltd.\n"
        "Prepared by iBio, Inc.\nFebruary 24, 2018\nProject budget follows.",
    )
    assert value(found, "signed_date") == dt.date(2018, 8, 8)


def test_period_commencing_a_written_day_is_the_start() -> None:
    found = run(
        "AGREEMENT\nThe Term of this Agreement shall be for a period of [*****] years and [*****] "
        "months commencing the 1st day of September 2004."
    )
    assert value(found, "effective_date") == dt.date(2004, 9, 1)


@pytest.mark.parametrize(
    "clause",
    [
        "The sublicence shall commence on the Effective Date hereof and run with this Agreement.",
        "The warranty shall be effective upon the Effective Date of this Agreement.",
        "A project plan will be agreed sixty (60) days following the effective date of this "
        "Agreement.",
    ],
)
def test_the_defined_effective_date_is_no_reference_to_signing(clause: str) -> None:
    found = run(
        "SERVICES AGREEMENT\nThis Agreement is made on March 3, 2015 between Acme Inc. and Beta "
        "LLC.\n" + "Beta shall provide the services. " * 5 + clause
    )
    assert value(found, "effective_date") is None


@pytest.mark.parametrize(
    "clause",
    [
        'The Effective Date of this Agreement (hereinafter the "Effective Date") is May 4, 2011.',
        "THE EFFECTIVE DATE OF THIS SUPPLY AGREEMENT SHALL BE: May 4, 2011",
    ],
)
def test_effective_date_defined_in_other_words(clause: str) -> None:
    found = run("SUPPLY AGREEMENT\nBetween Acme Inc. and Beta LLC.\n" + clause)
    assert value(found, "effective_date") == dt.date(2011, 5, 4)


def test_effective_on_the_date_on_which_it_is_signed() -> None:
    found = run(
        "SERVICES AGREEMENT\nThis Agreement is made on March 3, 2015 between Acme Inc. and Beta "
        "LLC.\nThis Agreement shall become effective on the date on which it is signed by both "
        "Parties."
    )
    assert value(found, "effective_date") == dt.date(2015, 3, 3)


def test_a_deadline_prior_to_a_date_is_not_the_end_of_the_term() -> None:
    found = run(
        "AGENCY AGREEMENT\nThis Agreement is made on March 3, 2015 between Acme Inc. and Beta "
        "LLC.\nThis Agreement may be terminated by the Agent if the offering is not completed on "
        "or prior to June 30, 2016."
    )
    assert value(found, "end_date") is None


def test_another_agreement_effective_as_of_a_date_dates_that_agreement() -> None:
    found = run(
        "RESELLER AGREEMENT\nThis Agreement is entered into by and among Acme Inc., Beta LLC and "
        "Gamma Ltd. The parties have previously entered into a Supply Agreement, effective as of "
        "May 1, 2010, under which Beta buys from Acme."
    )
    assert value(found, "signed_date") is None
    assert value(found, "effective_date") is None


def test_this_agreement_with_its_exhibits_effective_as_of_a_date() -> None:
    found = run(
        "SUPPLY AGREEMENT\nThis Supply Agreement, including the Exhibits (\"Agreement\"), "
        "effective as of May 1, 2010 (\"Effective Date\"), is by and between Acme Inc. and Beta "
        "LLC."
    )
    assert value(found, "signed_date") == dt.date(2010, 5, 1)
    assert value(found, "effective_date") == dt.date(2010, 5, 1)


def test_term_until_the_end_of_the_current_calendar_year() -> None:
    found = run(
        "This Agreement is made on May 8, 2014 between A Inc. and B LLC.\n\nThis agreement "
        "shall begin upon the date of its execution and shall remain in effect until the end "
        "of the current calendar year and shall be automatically renewed for successive one "
        "(1) year periods."
    )
    assert value(found, "end_date") == dt.date(2014, 12, 31)
    assert len(found["end_date"].evidence) == 2  # the clause and the start it counts from


def test_a_calendar_year_in_another_clause_is_no_end() -> None:
    found = run(
        "This Agreement is made on May 8, 2014 between A Inc. and B LLC.\n\nRoyalties shall "
        "be paid until the end of the current calendar year."
    )
    assert "end_date" not in found


def test_effective_date_defined_at_a_time_of_day() -> None:
    found = run(
        "JOINT VENTURE AGREEMENT dated as of March 18, 2003 between T&L Inc. and Igene Inc.\n\n"
        '"EFFECTIVE DATE" means 12:01 a.m. Eastern Standard Time on March 3, 2003.'
    )
    assert value(found, "effective_date") == dt.date(2003, 3, 3)


def test_date_another_contract_was_made_effective_is_not_this_ones() -> None:
    found = run(
        "MAINTENANCE CONTRACT dated 10 October 2000\n\nThis contract replaces in full the Annex 7 "
        "which was an integral part of the original Swisscom PURCHASE & LICENSE CONTRACT, made "
        "effective on 06 April 1998.\n\nIt shall be effective on 06 October 2000 and shall have "
        "a duration of two years."
    )
    assert value(found, "effective_date") == dt.date(2000, 10, 6)


def test_date_a_recital_says_another_document_took_effect_is_not_the_effective_date() -> None:
    found = run(
        "CONSTRUCTION AND MAINTENANCE AGREEMENT\n\nTHIS AGREEMENT, made and entered into this "
        "18th day of April 2000, between and among the Parties signatory hereto,\nWITNESSETH:\n"
        "WHEREAS, the First and the Second Supplemental MOU were effective from 5 October 1999; "
        "and\nNOW, THEREFORE, the Parties agree as follows.\n\n18.1 This Agreement shall become "
        "effective on the date and year first above written."
    )
    assert value(found, "effective_date") == dt.date(2000, 4, 18)


def test_recital_of_this_agreements_effective_date_still_counts() -> None:
    found = run(
        "SUPPLY AGREEMENT between A Inc. and B LLC.\n\nWHEREAS, the parties wish this "
        "Agreement to be effective as of January 1, 2010."
    )
    assert value(found, "effective_date") == dt.date(2010, 1, 1)
