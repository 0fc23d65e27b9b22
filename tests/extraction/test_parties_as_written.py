"""Parties the way people write them: names with "&", persons, signature blocks with titles,
Norwegian preambles and label lines, org numbers in their written styles, and the things
around a name that are not a party (headings, towns, trade names, initials, a second spelling).
"""

from __future__ import annotations

import pytest

from extraction.model import Language
from extraction.parties import extract_parties
from extraction.text import ContractText

Row = tuple[str, str | None, str | None]


def _parties(text: str, language: Language = "en") -> list[Row]:
    found = extract_parties(ContractText.of([text]), language).get("parties")
    if found is None:
        return []
    return [(p.name, p.role, p.org_number) for p in found.value]


def _names(text: str, language: Language = "en") -> list[str]:
    return [name for name, _, _ in _parties(text, language)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ('This Joint Venture Agreement is made by and between TATE & LYLE FERMENTATION PRODUCTS '
         'LTD. ("T&L"), a company incorporated in England, and IGENE BIOTECHNOLOGY, INC. '
         '("Igene"), a Maryland corporation.',
         ["TATE & LYLE FERMENTATION PRODUCTS LTD.", "IGENE BIOTECHNOLOGY, INC."]),
        ('This Agreement is entered into by and among Farids & Co. LLC ("Farids"), Edible '
         'Arrangements, LLC ("EA") and Rocky Mountain Chocolate Factory, Inc. ("Company").',
         ["Farids & Co. LLC", "Edible Arrangements, LLC",
          "Rocky Mountain Chocolate Factory, Inc."]),
    ],
)
def test_an_ampersand_stays_inside_the_name(text: str, names: list[str]) -> None:
    assert _names(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A person after another party's defined term, with a generation suffix.
        ('THIS AGREEMENT is entered into by and among ASHWORTH, INC. (the "Company"), JAMES W. '
         'NANTZ III ("Nantz"), and NANTZ COMMUNICATIONS, INC. ("Nantz Communications").',
         ["ASHWORTH, INC.", "JAMES W. NANTZ III", "NANTZ COMMUNICATIONS, INC."]),
        # A degree after the name is part of it.
        ('This Consulting Agreement is entered into by and between Emerald Health Sciences Inc. '
         '("EHS") and Michael T. Murray, N.D. ("Dr. Murray"). This Agreement sets forth ...',
         ["Emerald Health Sciences Inc.", "Michael T. Murray, N.D."]),
        # What the party is, written before the name.
        ('This Agreement is entered into on January 13, 2005 between professional golfer, TOM '
         'WATSON, (hereinafter referred to as "CONSULTANT") and ADAMS GOLF, LTD. (hereinafter '
         'referred to as "ADAMS GOLF").\nWITNESSETH',
         ["TOM WATSON", "ADAMS GOLF, LTD."]),
        # The signer is not the party: the company she is director of is.
        ('This Hosting Agreement is entered into on January 11, 2018 by and between Natalija '
         'Tunevic, director of FreeCook (hereinafter referred to as "Client") and Mitchell '
         'Vitalis, director of Mitchell\'s Web Advance, PLC (hereinafter referred to as '
         '"Company").\n1. Website Design.',
         ["FreeCook", "Mitchell's Web Advance, PLC"]),
    ],
)
def test_people_and_the_companies_they_sign_for(text: str, names: list[str]) -> None:
    assert _names(text) == names


@pytest.mark.parametrize(
    ("block", "name"),
    [
        ("Title: General Counsel\nUNIFORM INVESTCO GP LLC\nBy: /s/ David A. Marple\n",
         "UNIFORM INVESTCO GP LLC"),
        ("DISTRIBUTOR\nMOBILEVISION COMMUNICATIONS LTD.\nBy: /s/ J. Smith\n",
         "MOBILEVISION COMMUNICATIONS LTD."),
        ("APPROVED FOR ADAMS GOLF, LTD.\nBy: /s/ B. H. Adams\n", "ADAMS GOLF, LTD."),
    ],
)
def test_a_title_or_role_above_a_signed_name_is_not_part_of_it(block: str, name: str) -> None:
    text = f"Terms of service.\n\nIN WITNESS WHEREOF the parties sign.\n{block}"
    assert _names(text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        # A heading with its full stop.
        'This Agreement is made between Acme Widgets, Inc. ("Company") and Beta LLC ("Client").\n'
        "(b) Due Dates and Delays. Company will use its best efforts to deliver on time.",
        # The redaction banner of SEC filings.
        "CERTAIN INFORMATION HAS BEEN OMITTED BECAUSE IT IS BOTH (1) NOT MATERIAL AND (2) WOULD "
        "LIKELY CAUSE COMPETITIVE HARM TO THE COMPANY IF PUBLICLY DISCLOSED.\n"
        'This Agreement is made between Acme Widgets, Inc. ("Company") and Beta LLC ("Client").',
        # A town, by the state after it.
        "Service Provider: Acme Widgets, Inc.\nSite Location: Rancho Cordova, CA\n"
        'This Agreement is made between Acme Widgets, Inc. ("Company") and Beta LLC ("Client").',
        # A role phrase is not a name.
        'This Agreement is made between Acme Widgets, Inc. ("Company") and Beta LLC ("Client").'
        '\nThe Academic Support Services Service Provider ("Provider") shall report monthly.',
        # The parent of a party, however it is described.
        'This Agreement is made between Acme Widgets, Inc. ("Company") and Beta LLC ("Client"). '
        'Beta is a wholly owned subsidiary of publicly traded company Gamma Holdings, Inc., '
        '("GHI"), a Nevada corporation.\nWhereas, the parties wish to cooperate.',
        # One word with a description but no alias is what a party is, not its name.
        'This Agreement is made\nBETWEEN:\nAcme Widgets, Inc., a company having its office in '
        'Burnaby ("Company")\nAND:\nBeta LLC, Businessperson, having an office at 2975 East 4th '
        'Avenue ("Client")\nWITNESSES THAT',
        # A section of another document.
        'This amendment to Section 2 (titled "Term"), Part B of the Co-Branding Agreement is made '
        'between Acme Widgets, Inc. (hereinafter "Company") and Beta LLC (hereinafter "Client").',
    ],
)
def test_what_is_not_a_party(text: str) -> None:
    assert _names(text) == ["Acme Widgets, Inc.", "Beta LLC"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # The cover's spelling gives way to the one the contract defines a term for.
        ("STREMICK HERITAGE FOODS, LLC and\nPREMIER NUTRITION CORPORATION\nMANUFACTURING "
        'AGREEMENT\nTHIS MANUFACTURING AGREEMENT is made between Stremicks Heritage Foods, LLC '
        '("Heritage"), a Delaware limited liability company, and PREMIER NUTRITION CORPORATION '
        '("Premier"), a Delaware corporation.',
         ["Stremicks Heritage Foods, LLC", "PREMIER NUTRITION CORPORATION"]),
        # A trade name is not another party.
        ('This Agreement is made between Reed\'s, Inc., a Delaware corporation ("Reed\'s") and BC '
        'Marketing Concepts Inc., dba Full Sail Brewing Company, an Oregon corporation '
        '("Company").',
         ["Reed's, Inc.", "BC Marketing Concepts Inc."]),
        # Initials the contract uses for a party it names in full.
        ("RATE AGREEMENT BETWEEN LG&E AND TENNESSEE GAS PIPELINE COMPANY\nTHIS AGREEMENT is made "
        'by and between TENNESSEE GAS PIPELINE COMPANY, a Delaware corporation ("Transporter"), '
        'and LOUISVILLE GAS AND ELECTRIC COMPANY, a Kentucky corporation ("Shipper").',
         ["TENNESSEE GAS PIPELINE COMPANY", "LOUISVILLE GAS AND ELECTRIC COMPANY"]),
        # Two companies whose names differ only by a bracket stay two.
        ('This Agreement is made by and among TOM Online (BVI) Limited ("Online BVI"), a British '
        'Virgin Islands company, and TOM Online Limited ("TOM"), a Cayman Islands company.',
         ["TOM Online (BVI) Limited", "TOM Online Limited"]),
    ],
)
def test_one_party_is_reported_once(text: str, names: list[str]) -> None:
    assert sorted(_names(text)) == sorted(names)


# Norwegian: valid (MOD11) organisation numbers in the styles contracts write them.
@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("Avtale om rørleggertjenester\n\nDenne avtalen er inngått mellom Berg & Sønn Rørlegger "
         "AS, org.nr. 987 654 325, og Fjordkode AS, Org. nr: 923609016.\n\n1. Avtalens omfang",
         [("Berg & Sønn Rørlegger AS", None, "987654325"), ("Fjordkode AS", None, "923609016")]),
        ("Avtale om drift\n\nmellom\nBerg & Sønn Rørlegger AS, org.nr. 987 654 325, heretter "
         "kalt Kunden,\nog\nNordic Systems AB, NO 923609016 MVA, heretter kalt Leverandøren\n\n"
         "1. Formål",
         [("Berg & Sønn Rørlegger AS", "customer", "987654325"),
          ("Nordic Systems AB", "supplier", "923609016")]),
        ("Denne avtalen er inngått mellom Stiftelsen Fjellheim, org.nr. 998 877 660 "
         "(«Oppdragsgiver»), og Brødrene Dahl & Sønner AS, org. nr. 923 456 783 («Leverandøren»).",
         [("Stiftelsen Fjellheim", "customer", "998877660"),
          ("Brødrene Dahl & Sønner AS", "supplier", "923456783")]),
    ],
)
def test_norwegian_preambles_with_ampersands_and_org_numbers(text: str, rows: list[Row]) -> None:
    assert _parties(text, "nb") == rows


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("Utleier: Berg & Sønn Rørlegger AS, org.nr. 987 654 325\nLeietaker: Müller Logistik "
         "GmbH\n\n1. Leieobjektet",
         [("Berg & Sønn Rørlegger AS", "landlord", "987654325"),
          ("Müller Logistik GmbH", "tenant", None)]),
        ("Kunde: Vestland fylkeskommune, Org. nr: 923609016\nLeverandør: Acme Software Ltd\n\n"
         "1. Omfang",
         [("Vestland fylkeskommune", "customer", "923609016"),
          ("Acme Software Ltd", "supplier", None)]),
        ("Bestiller: Bodø kommune (org.nr. 972 418 013)\nOppdragstaker: Hansen & Co Rådgivning AS, "
         "NO 812345672 MVA\n\n1. Oppdraget",
         [("Bodø kommune", "customer", "972418013"),
          ("Hansen & Co Rådgivning AS", "supplier", "812345672")]),
        # The label with its colon on a line of its own, the name under it.
        ("KUNDE:\nBerg & Sønn Rørlegger AS\norg.nr. 987 654 325\n\nLEVERANDØR:\nSvensk Städ AB\n\n"
         "1. Avtalen",
         [("Berg & Sønn Rørlegger AS", "customer", "987654325"),
          ("Svensk Städ AB", "supplier", None)]),
    ],
)
def test_norwegian_label_lines(text: str, rows: list[Row]) -> None:
    assert _parties(text, "nb") == rows


def test_the_filing_stamp_on_every_page_is_not_a_party() -> None:
    text = ("GUARANTEE\nThe guarantors guarantee the obligations of the franchisee.\n"
            "Source: SOUPMAN, INC., 8-K, 8/14/2015\nNotice to the guarantors is given in writing.")
    assert _names(text) == []


def test_a_guarantee_names_the_party_it_is_an_inducement_to() -> None:
    text = ('GUARANTEE OF FRANCHISE AGREEMENT\nAs an inducement to Harbor Grill Systems, Inc. '
            '("Franchisor") to enter into a Franchise Agreement with the franchisee, the '
            'undersigned guarantors jointly and severally agree as follows:\nA. Guarantors '
            'shall pay all monies payable by the franchisee.')
    assert _names(text) == ["Harbor Grill Systems, Inc."]


def test_a_company_the_party_succeeds_to_is_still_not_a_party() -> None:
    text = ('This Agreement is made between Harbor Grill Systems, Inc. ("Franchisor") and Bayside '
            'Foods LLC ("Franchisee"), successor to Gamma Restaurants Corp. ("Gamma").\nWHEREAS')
    assert _names(text) == ["Harbor Grill Systems, Inc.", "Bayside Foods LLC"]


def test_a_person_a_letter_agreement_retains_in_its_role_is_a_party() -> None:
    text = ('CONSULTING AGREEMENT\nJuly 20, 2018\nDear Maria:\nHelix Bio, Inc., a Delaware '
            'corporation (the "Company"), is pleased to offer this Consulting Agreement to retain '
            'Maria\nLindqvist ("Consultant") to perform certain consulting activities.\n'
            "1. Services and Compensation.")
    assert _names(text) == ["Helix Bio, Inc.", "Maria Lindqvist"]


def test_the_place_that_ends_an_address_before_a_role_is_not_a_party() -> None:
    text = ('SUPPLY AGREEMENT\nThis Agreement is made between Helix Bio, Inc. ("Supplier") and '
            'Coral Trading Limited, of 4 Rue Higginson, Port Vila, Vanuatu ("Customer").\n'
            "WHEREAS")
    assert _names(text) == ["Helix Bio, Inc.", "Coral Trading Limited"]


def test_a_local_chapter_is_named_by_its_association_a_dash_and_the_chapter() -> None:
    text = ('ENDORSEMENT AGREEMENT\nThis Endorsement Agreement is made between Pro Hockey Alumni -'
            '\nGreat Lakes Chapter ("PHA-GL"), a charitable corporation organized under the laws '
            'of Michigan, and Northway Drinks, Inc. ("Company").\nRECITALS')
    assert _names(text) == ["Pro Hockey Alumni - Great Lakes Chapter", "Northway Drinks, Inc."]


def test_a_dash_before_other_words_still_ends_a_name() -> None:
    text = ('ENDORSEMENT AGREEMENT - ADDENDUM I\nThis Addendum is made between Pro Hockey Alumni, '
            'Inc. ("PHA") - Great Lakes Office - and Northway Drinks, Inc. ("Company").\nRECITALS')
    assert _names(text) == ["Pro Hockey Alumni, Inc.", "Northway Drinks, Inc."]


def test_a_title_before_an_upper_case_name_stays() -> None:
    text = ('This Agreement is made BETWEEN: EMERALD HEALTH NATURALS, INC. ("Company") AND: '
            'DR. GAETANO MORELLO N.D. INC. ("Contractor")\nWITNESSES THAT')
    assert _names(text) == ["EMERALD HEALTH NATURALS, INC.", "DR. GAETANO MORELLO N.D. INC."]


def test_a_term_in_the_definitions_is_not_a_party() -> None:
    text = ('This Agreement is made between Acme Widgets, Inc. ("Company") and Beta LLC ("Client").'
            "\n1. Definitions\n(l) Parent Company: A company that owns no less than 50% of the "
            "equity of a company.\n(m) Path: the connection between two interfaces.")
    assert _names(text) == ["Acme Widgets, Inc.", "Beta LLC"]


def test_every_member_of_a_consortium_that_signs() -> None:
    regions = ["Northern", "Southern", "Eastern", "Western", "Pacific", "Atlantic"]
    places = ["Coastal", "Island", "Harbour", "Valley", "Mountain"]
    members = [f"{a} {b} Telecom Limited" for a in regions for b in places]
    blocks = "".join(f"For and on behalf of\n{name}\nBy:\n" for name in members)
    body = "The cable is built, owned and maintained together by its members. " * 60
    text = f"CONSTRUCTION AND MAINTENANCE AGREEMENT\n{body}\nIN WITNESS WHEREOF\n{blocks}"
    assert _names(text) == members


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("LEIEAVTALE\n\nAvtalen er inngått mellom:\n\nUtleier:\nBerg & Sønn Eiendom AS\n"
         "Org.nr. 923 609 016\n\nog\n\nLeietaker:\nMüller Logistik GmbH\nHRB 12345, Hamburg\n\n"
         "1. Leieobjektet",
         [("Berg & Sønn Eiendom AS", "landlord", "923609016"),
          ("Müller Logistik GmbH", "tenant", None)]),
        ('This Agreement is made between Fjordkode AS (org. no. 923 609 016) ("Customer") and '
         'Müller Logistik GmbH, Hamburg, Germany ("Supplier").\n\n1. Scope',
         [("Fjordkode AS", "customer", "923609016"), ("Müller Logistik GmbH", "supplier", None)]),
        ("Bestiller: Statens vegvesen, org.nr. 972 418 013\nOppdragstaker: Nordic Consulting Ltd, "
         "London (company number 01234567)\n\n1. Oppdraget",
         [("Statens vegvesen", "customer", "972418013"),
          ("Nordic Consulting Ltd", "supplier", "01234567")]),
        # A Swedish organisation number is not a Norwegian one.
        ("Avtale mellom Bodø kommune, org.nr. 972 418 013, (heretter kalt Kunden) og Svensk Städ "
         "AB, org.nr. 556123-4567 (heretter kalt Leverandøren).\n\n1. Avtalens formål",
         [("Bodø kommune", "customer", "972418013"), ("Svensk Städ AB", "supplier", None)]),
        ("Partene\n\nKunde: Boligbyggelaget Fjellheim BA, org. nr. 998 877 660\nLeverandør: Snø & "
         "Is Brøyting AS, Org. nr: 923456783\n\n1. Omfang",
         [("Boligbyggelaget Fjellheim BA", "customer", "998877660"),
          ("Snø & Is Brøyting AS", "supplier", "923456783")]),
    ],
)
def test_foreign_parties_beside_norwegian_ones(text: str, rows: list[Row]) -> None:
    assert _parties(text, "nb") == rows


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # A firm named after its partners lists them with commas, up to its legal form.
        ("1. PARTER\n\nUtleier:      Sentrumsgården Tønsberg AS\n"
         "              Org.nr. 858 025 788\n\n"
         "Leietaker:    Berge, Lie og Hov Regnskap ANS\n              Org.nr. 881 436 396\n",
         ["Sentrumsgården Tønsberg AS", "Berge, Lie og Hov Regnskap ANS"]),
        ("Rammeavtalen er inngått mellom Statens vegvesen (heretter «Oppdragsgiver») og "
         "Advokatfirmaet Lund, Berg & Co AS (heretter «Leverandøren»).",
         ["Statens vegvesen", "Advokatfirmaet Lund, Berg & Co AS"]),
        # Near miss: the comma after a name that has its legal form ends that name.
        ("Avtalen er inngått mellom Fjordbygg AS, Vestbygg AS og Nordbygg AS (heretter "
         "«Kundene») og Rørlegger Hansen AS (heretter «Leverandøren»).",
         ["Fjordbygg AS", "Vestbygg AS", "Nordbygg AS", "Rørlegger Hansen AS"]),
    ],
)
def test_a_firm_named_after_its_partners(text: str, names: list[str]) -> None:
    assert _names(text, "nb") == names
