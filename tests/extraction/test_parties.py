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
    assert len(found.evidence) == len(found.value)
    return [(p.name, p.role, p.org_number) for p in found.value]


def _names(text: str, language: Language = "en") -> list[str]:
    return [name for name, _, _ in _parties(text, language)]


@pytest.mark.parametrize(
    ("preamble", "names"),
    [
        ('This Master Services Agreement (the "Agreement") is entered into as of January 15, 2024 '
         'by and between Acme Widgets, Inc., a Delaware corporation ("Customer"), and Bluefield '
         'Software LLC, a California limited liability company ("Supplier").',
         ["Acme Widgets, Inc.", "Bluefield Software LLC"]),
        ("THIS AGREEMENT is made as of the 30th day of June 1999 BETWEEN: MEDIALINX INTERACTIVE, "
         'L.P., a limited partnership (hereinafter called "MLX") - and - HEALTHCENTRAL.COM INC. '
         'a corporation incorporated under the laws of the state of California (hereinafter '
         'called "HCI").', ["MEDIALINX INTERACTIVE, L.P.", "HEALTHCENTRAL.COM INC."]),
        ('This ENDORSEMENT AGREEMENT is dated as of this 14th day of November 2017, by and '
         'between Eco Science Solutions, Inc. ("ESSI"), a Nevada corporation, and Stephen Marley '
         '("Talent"), an individual.', ["Eco Science Solutions, Inc.", "Stephen Marley"]),
        ('This Co-Branding Agreement is made by and among (a) Skype Communications, S.A. '
         '("Skype"), a limited company incorporated in Luxembourg, (b) TOM Online (BVI) Limited '
         '("Online BVI"), a company incorporated in the British Virgin Islands, and (c) Tel-Online'
         ' Limited ("Company").',
         ["Skype Communications, S.A.", "TOM Online (BVI) Limited", "Tel-Online Limited"]),
        ('INTELLECTUAL PROPERTY AGREEMENT by and between HONEYWELL INTERNATIONAL INC. and GARRETT '
         'MOTION INC. Dated as of September 27, 2018',
         ["HONEYWELL INTERNATIONAL INC.", "GARRETT MOTION INC."]),
        ('This Consulting Agreement, made this 27th day of March, 2017 is entered into by '
         'Immunotolerance, Inc., a Delaware corporation (the "Company"), and Alan Crane, an '
         'individual (the "Consultant"). WHEREAS, the Company wishes to engage the Consultant.',
         ["Immunotolerance, Inc.", "Alan Crane"]),
        ('This Agreement is entered into between VerticalNet, Inc., a Pennsylvania corporation '
         'having a principal place of business at 700 Dresher Road, Horsham, Pennsylvania 19044 '
         '("VerticalNet"), and PaperExchange.com, LLC, a Delaware limited liability company '
         '("PaperExchange").', ["VerticalNet, Inc.", "PaperExchange.com, LLC"]),
    ],
)
def test_english_preambles(preamble: str, names: list[str]) -> None:
    assert _names(preamble) == names


def test_roles_come_from_the_defined_alias() -> None:
    text = (
        'This License Agreement is made by and between Fox Mobile Entertainment, Inc., a Delaware'
        ' corporation ("Licensor"), and Glu Mobile Inc., a California corporation ("Licensee").'
    )
    assert _parties(text) == [
        ("Fox Mobile Entertainment, Inc.", "licensor", None),
        ("Glu Mobile Inc.", "licensee", None),
    ]


def test_aliases_places_and_descriptions_are_not_parties() -> None:
    text = (
        'This Agreement is made between Jacksonville Jaguars, LLC, a Delaware limited liability '
        'company ("Club"), and The ARC Group, Inc., a Florida corporation (owner and operator of '
        "Dick's Wings and Grill) (\"Sponsor\"). Club and Sponsor agree as follows."
    )
    assert _names(text) == ["Jacksonville Jaguars, LLC", "The ARC Group, Inc."]


def test_a_division_of_another_company_is_not_a_party() -> None:
    text = (
        'This Agreement is between ExxonMobil Chemical Company, a division of Exxon Mobil '
        'Corporation ("Seller"), and West Pharmaceutical Services, Inc. ("Buyer").'
    )
    assert _names(text) == ["ExxonMobil Chemical Company", "West Pharmaceutical Services, Inc."]


def test_uk_company_number_and_ein() -> None:
    text = (
        "This Agreement is entered into by and between Northwind Analytics Limited, a company "
        "incorporated in England and Wales with company number 08123456 (\"Customer\"), and "
        "Bluefield Software, Inc., a Delaware corporation (EIN 12-3456789) (\"Supplier\")."
    )
    assert _parties(text) == [
        ("Northwind Analytics Limited", "customer", "08123456"),
        ("Bluefield Software, Inc.", "supplier", "12-3456789"),
    ]


def test_norwegian_block_preamble() -> None:
    text = (
        "RAMMEAVTALE\n\nMellom:\n\nVestland fylkeskommune\norg.nr. 926 018 159\n"
        "Postboks 7900, 5020 Bergen\nheretter kalt Kunden\n\nog\n\nFjordkode AS\n"
        "org.nr. 923 609 016\nheretter kalt Leverandøren\n\n1. AVTALENS FORMÅL"
    )
    assert _parties(text, "nb") == [
        ("Vestland fylkeskommune", "customer", "926018159"),
        ("Fjordkode AS", "supplier", "923609016"),
    ]


def test_norwegian_inline_preamble() -> None:
    text = (
        "Denne avtalen er inngått mellom Nordre Follo kommune, org.nr. 883 016 610, heretter "
        "kalt Kunden, og Skyarkiv Norge AS, org.nr. 818 609 132, heretter kalt Leverandøren."
    )
    assert _parties(text, "nb") == [
        ("Nordre Follo kommune", "customer", "883016610"),
        ("Skyarkiv Norge AS", "supplier", "818609132"),
    ]


def test_norwegian_labelled_lines() -> None:
    text = (
        "KONSULENTAVTALE\n\nOppdragsgiver: Fjellheim Energi AS, org.nr. 819 935 181\n"
        "Oppdragstaker: Haugen Rådgivning ENK, org.nr. 890 937 861\n"
    )
    assert _parties(text, "nb") == [
        ("Fjellheim Energi AS", "customer", "819935181"),
        ("Haugen Rådgivning ENK", "supplier", "890937861"),
    ]


def test_invalid_norwegian_org_number_is_left_out() -> None:
    text = "Oppdragsgiver: Fjellheim Energi AS, org.nr. 819 935 182\n"
    assert _parties(text, "nb") == [("Fjellheim Energi AS", "customer", None)]


def test_signature_blocks_when_there_is_no_preamble() -> None:
    text = (
        "JOINT FILING AGREEMENT\nThe undersigned agree to file jointly.\n"
        "IN WITNESS WHEREOF the undersigned execute this Agreement.\n"
        "ATHENE ANNUITY AND LIFE COMPANY\nBy: /s/ Matthew O'Mara\n"
        "ATHENE HOLDING LTD.\nBy: /s/ Matthew O'Mara\n"
    )
    assert _names(text) == ["ATHENE ANNUITY AND LIFE COMPANY", "ATHENE HOLDING LTD."]


def test_no_parties() -> None:
    assert _parties("1. Definitions. Capitalised terms have the meanings below.") == []


def test_numbered_uk_parties_clause() -> None:
    text = (
        "SUPPLY AGREEMENT\nTHIS AGREEMENT is dated 1 May 2020\nPARTIES\n(1) ACME LIMITED "
        "incorporated and registered in England and Wales with company number 01234567 whose "
        'registered office is at 1 High Street, Leeds (the "Supplier"); and\n(2) BETA PLC '
        "incorporated and registered in England and Wales with company number 07654321 whose "
        'registered office is at 2 Low Road, York (the "Customer").\nAGREED TERMS\n'
    )
    assert _parties(text) == [
        ("ACME LIMITED", "supplier", "01234567"),
        ("BETA PLC", "customer", "07654321"),
    ]


def test_person_party_after_a_company() -> None:
    text = (
        "This Consulting Agreement is entered into as of March 3, 2021 by and between Bright "
        'Labs, Inc., a Delaware corporation (EIN 12-3456789) (the "Company"), and Jane Doe, an '
        'individual residing in Austin, Texas ("Consultant").'
    )
    assert _parties(text) == [
        ("Bright Labs, Inc.", None, "12-3456789"),
        ("Jane Doe", "consultant", None),
    ]


def test_cover_page_names_confirmed_by_the_body() -> None:
    # "BETWEEN / INGRAM MICRO / AND / NETGEAR": no legal form on the cover; the body names them
    # with a description and with a legal form.
    text = (
        "DISTRIBUTOR AGREEMENT\n   BETWEEN\n   INGRAM MICRO\n   AND\n   NETGEAR\n"
        "NETGEAR Agreement Number: N115          Effective Date: March 1, 1996\n"
        "                                        Term: 1 Year\n"
        "Ingram Micro, a corporation organized under the laws of the State of California, "
        '("Distributor") and NETGEAR, Inc. ("NETGEAR"), agree that the following terms govern.'
    )
    assert _parties(text) == [
        ("NETGEAR, Inc.", None, None),
        ("Ingram Micro", "distributor", None),
    ]


def test_cover_page_block_with_address_and_alias() -> None:
    text = (
        "OUTSOURCING AGREEMENT\n BETWEEN:\n MODUS MEDIA INTERNATIONAL\n LANDDROSTLAAN 51\n"
        ' 7327 GM APELDOORN\n (HEREINAFTER "MMI")\n AND\n DRAGON SYSTEMS, INC.\n'
        ' 320 NEVADA STREET\n (HEREAFTER "DRAGON SYSTEMS")\n1. PURPOSE OF AGREEMENT\n'
        "MMI will produce products for Dragon Systems."
    )
    assert sorted(_names(text)) == ["DRAGON SYSTEMS, INC.", "MODUS MEDIA INTERNATIONAL"]


def test_cover_page_name_that_is_only_an_alias_is_not_a_party() -> None:
    text = (
        "MANUFACTURING AGREEMENT\nBetween\nSonos\nAnd\nIAC\n1. DEFINITIONS\n"
        'The supplier, Inventec Appliances ("IAC"), makes the products.'
    )
    assert "IAC" not in _names(text)



def test_parties_of_an_amended_agreement_are_not_parties() -> None:
    text = (
        "This Amendment is made as of May 1, 2020 by and between Acme Corp., a Delaware "
        'corporation ("Acme"), and Beta LLC ("Beta"), as an amendment to that certain Supply '
        "Agreement dated May 1, 2010 by and between Acme Corp. and Gamma Industries, Inc."
    )
    assert _names(text) == ["Acme Corp.", "Beta LLC"]


def test_a_clause_deep_in_the_body_does_not_replace_the_opening_clause() -> None:
    filler = "The Parties shall cooperate in good faith. " * 120
    text = (
        "ORDERLY MARKETING AGREEMENT\nThis Agreement is entered into by and among GWG "
        'Holdings, Inc., a Delaware corporation ("GWG"), and the Trust Advisors listed on '
        "Schedule A.\nWHEREAS, the parties wish to cooperate.\n" + filler
        + "This certificate is executed by Delaware Trust Company, a Delaware corporation, and "
        "Jon R. Sabes, an individual, as trustees.\n"
    )
    assert _names(text) == ["GWG Holdings, Inc."]


def test_a_party_introduced_with_an_article_after_a_colon() -> None:
    text = (
        "Strategic Alliance Agreement\nThis Agreement is made and entered into this 30th day of "
        "June 2017,\nBetween:\nTurnkey Capital Inc., having its office located at 2929 E. "
        'Commercial Blvd, hereinafter referred to as "TKCI";\nAnd:\nA Seminole Indian Company '
        "to be formed by Former Tribal Chairman James E. Billie and Craig Talesman, having an "
        'office located at 1800 Frank Huff Road, hereinafter referred to as "SIC".\nOverview\n'
    )
    assert _names(text) == ["Turnkey Capital Inc.", "Seminole Indian Company"]


def test_the_owners_of_a_party_are_not_parties() -> None:
    text = (
        'This Agreement is made by and between Acme Corp. ("Acme") and Beta Ventures LLC, a '
        "company owned by its Chairman James E. Billie and Jane Doe, having its office at 1 Main "
        'Street ("Beta").'
    )
    assert _names(text) == ["Acme Corp.", "Beta Ventures LLC"]


def test_labelled_lines_with_non_breaking_spaces_and_a_seal() -> None:
    text = (
        "Cooperation Agreement\nParty\xa0A:\xa0People’s\xa0Government\xa0of\xa0Fenyi\xa0County\n"
        "Party\xa0B:\xa0Xinyu\xa0Xinwei\xa0New\xa0Energy\xa0Co.,\xa0Ltd.\nParty A welcomes Party B."
        "\n\nParty\xa0A:\xa0People’s\xa0Government\xa0of\xa0Fenyi\xa0County\xa0(seal)\n"
    )
    assert _names(text) == [
        "People’s Government of Fenyi County",
        "Xinyu Xinwei New Energy Co., Ltd.",
    ]


def test_a_form_names_the_party_in_the_name_field_under_its_role() -> None:
    text = (
        "SPONSORSHIP AGREEMENT\nAGREEMENT SUMMARY\nSPONSOR:\nName: Harbor Fish Tacos Phone: "
        "619/555-0100\nAddress: 12 Quay Street, San Diego, CA 92101\nSPONSORSHIP BENEFITS:\n"
        'Bayfront Ballpark LLC ("Ballpark") shall provide Sponsor with the benefits below.\n'
    )
    assert _parties(text) == [
        ("Harbor Fish Tacos", "sponsor", None),
        ("Bayfront Ballpark LLC", None, None),
    ]


def test_the_name_field_of_a_signature_under_a_role_is_the_signer() -> None:
    text = (
        "IN WITNESS WHEREOF the parties have signed this Agreement.\nLICENSOR:\n"
        "Name: Ann Lee\nTitle: President\nLICENSEE:\nName: Bo Ek\nTitle: Director\n"
    )
    assert _names(text) == []


def test_a_labelled_name_keeps_its_legal_form_after_a_comma() -> None:
    text = "Licensor: Hertz Investment Group, LLC\nLicensee: Hertz Group Realty Trust, Inc.\n"
    assert _parties(text) == [
        ("Hertz Investment Group, LLC", "licensor", None),
        ("Hertz Group Realty Trust, Inc.", "licensee", None),
    ]


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("KUNDE: VESTLAND FYLKESKOMMUNE\nLEVERANDØR: FJORDKODE AS\n",
         [("VESTLAND FYLKESKOMMUNE", "customer", None), ("FJORDKODE AS", "supplier", None)]),
        ("Kunde:\xa0Vestland fylkeskommune, org.nr. 926 018 159\nLeverandør:\xa0Fjordkode AS\n",
         [("Vestland fylkeskommune", "customer", "926018159"), ("Fjordkode AS", "supplier", None)]),
        ("Kunde\nVestland fylkeskommune\norg.nr. 926 018 159\n\nLeverandør\nFjordkode AS\n"
         "org.nr. 923 609 016\n",
         [("Vestland fylkeskommune", "customer", "926018159"),
          ("Fjordkode AS", "supplier", "923609016")]),
        ("Bestilleren: Oslo kommune v/ Utdanningsetaten\nOppdragstakeren: Fjordkode AS\n",
         [("Oslo kommune", "customer", None), ("Fjordkode AS", "supplier", None)]),
        ("Kunden: Bergen kommune\nKonsulenten: Haugen Rådgivning ENK\n",
         [("Bergen kommune", "customer", None), ("Haugen Rådgivning ENK", "supplier", None)]),
    ],
)
def test_norwegian_label_blocks(text: str, rows: list[Row]) -> None:
    assert _parties(text, "nb") == rows


def test_a_label_on_its_own_line_needs_a_name_under_it() -> None:
    text = (
        'This Agreement is made by and between Acme Corp. ("Customer") and Beta LLC '
        '("Supplier").\nCustomer\nThe Customer shall pay all invoices.\n'
    )
    assert _names(text) == ["Acme Corp.", "Beta LLC"]


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        # a title line stuck to the preamble
        ("KONSULENTAVTALE Mellom Fjordkode Bergen AS (org.nr. 923 609 016) og Vestland "
         "fylkeskommune (org.nr. 926 018 159)",
         [("Fjordkode Bergen AS", None, "923609016"),
          ("Vestland fylkeskommune", None, "926018159")]),
        ("KONSULENTAVTALE Mellom Fjordkode Bergen AS og Vestland fylkeskommune",
         [("Fjordkode Bergen AS", None, None), ("Vestland fylkeskommune", None, None)]),
        ("Avtale mellom Fjordkode Bergen AS (org.nr. 923 609 016) («Leverandøren») og Bergen "
         "kommune (org.nr. 964 338 531) («Kunden»).",
         [("Fjordkode Bergen AS", "supplier", "923609016"),
          ("Bergen kommune", "customer", "964338531")]),
        ("Mellom Bergen kommune (Oppdragsgiver) og Fjordkode AS (Oppdragstaker) er det inngått "
         "følgende avtale.",
         [("Bergen kommune", "customer", None), ("Fjordkode AS", "supplier", None)]),
        ("Denne avtalen er inngått mellom Fjordkode Bergen AS og Bergen kommune.\n\n1. Formål",
         [("Fjordkode Bergen AS", None, None), ("Bergen kommune", None, None)]),
        ("Avtale mellom Fjordkode Bergen AS og Bergen kommune på vegne av Vestland fylkeskommune",
         [("Fjordkode Bergen AS", None, None), ("Bergen kommune", None, None)]),
        ("Denne avtalen er inngått mellom Bergen kommune, heretter kalt Bestiller, og Fjordkode "
         "AS, heretter kalt Oppdragstakeren.",
         [("Bergen kommune", "customer", None), ("Fjordkode AS", "supplier", None)]),
    ],
)
def test_norwegian_mellom_preambles(text: str, rows: list[Row]) -> None:
    assert _parties(text, "nb") == rows


@pytest.mark.parametrize(
    "text",
    [
        "Partene:\n1. Fjordkode Bergen AS, org.nr. 923 609 016 (Leverandøren)\n"
        "2. Vestland fylkeskommune, org.nr. 926 018 159 (Kunden)\n\n1. Avtalens formål\n",
        "PARTENE\n1. Fjordkode Bergen AS (org.nr. 923 609 016), heretter kalt Leverandøren\n"
        "2. Vestland fylkeskommune (org.nr. 926 018 159), heretter kalt Kunden\n",
    ],
)
def test_norwegian_numbered_parties(text: str) -> None:
    assert _parties(text, "nb") == [
        ("Fjordkode Bergen AS", "supplier", "923609016"),
        ("Vestland fylkeskommune", "customer", "926018159"),
    ]


def test_a_next_sentence_is_not_a_description() -> None:
    text = (
        "This Outsourcing Agreement is made by and between:\nSilicon Smelters Pty Ltd, "
        'registration nr 1998/019036/07 (hereinafter referred to as "the Customer"),\nAND\n'
        'Espacio Information Technology, SA., a public limited company ("EIT").\n'
        "1.2. The Customer manufactures ferro-alloys in its factories: Polokwane and Rand Carbide."
        "\n1.3. EIT is a company that develops data processing systems.\n"
        "In consideration of the payments the parties agree as follows:\n"
    )
    assert "Rand Carbide." not in _names(text)
    assert "Rand Carbide" not in _names(text)


def test_two_signature_blocks_side_by_side() -> None:
    text = (
        "SERVICES AGREEMENT\nThe parties agree to the terms below.\n"
        "IN WITNESS WHEREOF, the parties executed this Agreement.\n"
        "SILICON SMELTERS PTY LTD ESPACIO INFORMATION TECHNOLOGY, S.A.\n"
        "Name: B. Ollivier Name: Carlos Lafitte\n"
    )
    assert _names(text) == ["SILICON SMELTERS PTY LTD", "ESPACIO INFORMATION TECHNOLOGY, S.A."]


def test_a_party_named_only_on_a_schedule() -> None:
    text = (
        "THIS ORDERLY MARKETING AGREEMENT is entered into on December 27, 2018 by and among\n"
        'GWG Holdings, Inc., a Delaware corporation ("GWG"), and the Trust Advisors to the '
        'Seller Trusts listed on Schedule A hereto (the "Trust\nAdvisors"), and any other '
        "person that becomes a party to this Agreement.\nWHEREAS, the parties agree.\n"
    )
    assert _names(text) == ["GWG Holdings, Inc.", "Trust Advisors to the Seller Trusts"]


def test_lower_case_parties_on_a_schedule_are_not_a_name() -> None:
    text = (
        'This Agreement is made by and between Acme Corp. ("Acme") and the sellers listed on '
        'Schedule A hereto (the "Sellers").'
    )
    assert _names(text) == ["Acme Corp."]


def test_a_short_name_next_to_the_full_name_is_not_another_party() -> None:
    text = (
        "THIS AGREEMENT is made effective as of June 29, 2006 between PRIME ENERGY CORPORATION "
        "(\"Prime\"), GUARANTY BANK, FSB ('Guaranty\") and Guaranty, as agent, (the \"Agent\")."
    )
    names = _names(text)
    assert "GUARANTY BANK, FSB" in names
    assert "Guaranty" not in names


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # The defined term after a long description, and a line "AND:" between the parties.
        ("THIS AGREEMENT is\nBETWEEN:\nParatek Pharmaceuticals, Inc., a company having a place "
         "of business at 75 Park Plaza, 4th Floor, Boston, MA 02116, USA (“Customer”)\nAND:\n"
         "CARBOGEN AMCIS AG, a company having a place of business at Hauptstrasse 171, 4416 "
         "Bubendorf, Switzerland (“Supplier”).",
         {"Paratek Pharmaceuticals, Inc.": "customer", "CARBOGEN AMCIS AG": "supplier"}),
        # The role is the second of two defined terms; the last words of a longer one.
        ('This Agreement is made between SFG Financial Corp, a Nevada corporation ("E-Path FX",'
         ' "Licensor"), and Harbour Analytics LLC, a Delaware limited liability company (the '
         '"Maintenance Service Provider").',
         {"SFG Financial Corp": "licensor", "Harbour Analytics LLC": "supplier"}),
        # "Company" is no role, and the next party's "Consultant" is not this one's.
        ('This Consulting Agreement is entered into by and between Kiromic, Inc, a Delaware '
         'corporation with offices in Houston ("Company"), and a consultant named below '
         '("Consultant").',
         {"Kiromic, Inc": None}),
    ],
)
def test_roles_from_the_clause_that_defines_each_party(
    text: str, roles: dict[str, str | None]
) -> None:
    found = {name: role for name, role, _ in _parties(text)}
    assert {name: found.get(name, "missing") for name in roles} == roles


@pytest.mark.parametrize(
    ("text", "parties"),
    [
        # The clauses after "mellom X og Y" are not parties.
        ("VEDLIKEHOLDSAVTALE\nDenne avtalen er inngått mellom Havn Vedlikehold AS, org.nr. "
         "987654325, og Fjordbyen kommune, org.nr. 812345672.\n1. Varighet. Avtalen gjelder "
         "fra 1. januar 2025.",
         [("Havn Vedlikehold AS", None, "987654325"), ("Fjordbyen kommune", None, "812345672")]),
        # Written in English, with Norwegian org numbers: "and" starts the next party.
        ('RAMMEAVTALE\nThis agreement is made between Fjordbyen kommune (the "Customer") and '
         'Acme Consulting AS, org.nr. 923609016 (the "Supplier").\n1. Limitation of liability. '
         "The cap is the annual fees.\n2. Prices. Prices follow the index.",
         [("Fjordbyen kommune", "customer", None),
          ("Acme Consulting AS", "supplier", "923609016")]),
        # A numbered list of parties ends where the clause numbering starts again.
        ("AVTALE\nPartene:\n1. Bergen kommune, org.nr. 812345672 (Oppdragsgiver)\n"
         "2. Fjordkode AS, org.nr. 923609016 (Leverandøren)\n1. Varighet\nAvtalen gjelder ...",
         [("Bergen kommune", "customer", "812345672"),
          ("Fjordkode AS", "supplier", "923609016")]),
    ],
)
def test_norwegian_style_preambles_end_at_the_clauses(text: str, parties: list[Row]) -> None:
    assert _parties(text, "nb") == parties
