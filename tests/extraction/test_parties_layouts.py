"""Parties as covers, forms and preambles lay them out: a role printed before the name, one name
a line, a co-party "together with" another, a title word inside a company's name, a legal-form
word that begins a name, two names a line break ran together, foreign legal forms, the name under
"For and on behalf of", "Inc. of Ohio", "d/b/a", an initial, "confirms its agreement with"."""

from __future__ import annotations

from extraction_reading import party_names

from extraction.parties import extract_parties
from extraction.text import ContractText


def test_a_role_printed_before_the_name_marks_a_party() -> None:
    text = (
        "TRANSPORT CONTRACT\nContract No. 12-2020\n"
        "SHIPPER NORTHWIND OIL EXPLORATION LIMITED\nTAX ID 111.222.333-4\n"
        "TRANSPORTER ANDES PIPELINES S.A.\nTAX ID 555.666.777-8\n"
        "The SHIPPER shall deliver crude at the entrance point.\n"
    )
    assert party_names(text) == ["NORTHWIND OIL EXPLORATION LIMITED", "ANDES PIPELINES S.A."]


def test_a_quoted_role_before_the_name_on_a_cover_table() -> None:
    text = (
        "RESELLER AGREEMENT\n"
        'ACME STORAGE CORPORATION ("ACME)      "RESELLER"  BLUE RIVER SYSTEMS CORPORATION\n'
        "ADDRESS: 1 MAIN ST            ADDRESS: 2 HIGH ST\n"
    )
    assert party_names(text) == ["ACME STORAGE CORPORATION", "BLUE RIVER SYSTEMS CORPORATION"]


def test_a_form_heading_over_its_fields_is_not_a_party() -> None:
    text = (
        "RESELLER INFORMATION\nCompany Name: Kiteworks, Inc.\nAddress: 9 Elm Road\n"
        "This Agreement is between Kiteworks, Inc. (\"Reseller\") and Harbor Rewards, L.L.C. "
        '("Harbor").\n'
    )
    assert "INFORMATION Company" not in party_names(text)


def test_a_role_in_a_sentence_does_not_mark_the_next_name() -> None:
    text = (
        "Avtalen er inngått mellom Fjordby kommune, org.nr. 820615948, og Grossist Nord AS, "
        "org.nr. 890169074. Fjordby kommune omtales nedenfor som Kunden og Grossist Nord AS "
        "som Leverandøren.\n"
    )
    names = extract_parties(ContractText.of([text]), "nb")["parties"].value
    assert [p.name for p in names] == ["Fjordby kommune", "Grossist Nord AS"]


def test_parties_listed_one_a_line_under_by_and_among() -> None:
    text = (
        "JOINT VENTURE AGREEMENT\nby and among\nHokuto Circuit Works Limited\n"
        "Hokuto Holdings Limited\nand\nBrightwave, Inc.\nDate\nMay 1, 2017\n"
    )
    assert party_names(text) == [
        "Hokuto Circuit Works Limited", "Hokuto Holdings Limited", "Brightwave, Inc."
    ]


def test_a_co_party_together_with_another_and_a_manager_company() -> None:
    text = (
        "Redstone Housing REIT, Inc., a Maryland corporation (the \u201cCompany\u201d), together "
        "with Redstone Housing Holdings, L.P., a Delaware limited partnership (the "
        "\u201cOperating Partnership\u201d) and RHR Manager, LLC, a Delaware limited liability "
        "company (the \u201cManager\u201d), agrees that it may sell through Gable Point Trading, "
        "LLC, acting as agent (the \u201cAgent\u201d), shares as set forth below.\n"
    )
    assert party_names(text) == [
        "Redstone Housing REIT, Inc.", "Redstone Housing Holdings, L.P.", "RHR Manager, LLC",
        "Gable Point Trading, LLC",
    ]


def test_a_signers_title_still_is_not_a_name() -> None:
    text = (
        'This Agreement is made by and between Lumen Works, Inc. ("Lumen") and Orbit Labs LLC '
        '("Orbit").\nLUMEN WORKS, INC.\nBy: /s/ Jane Roe\nName: Jane Roe\nTitle: Manager\n'
    )
    assert party_names(text) == ["Lumen Works, Inc.", "Orbit Labs LLC"]


def test_a_legal_form_word_after_and_begins_a_name() -> None:
    text = (
        "This agreement is made by and between QUOTEX, INC. (hereinafter referred to as "
        '"QTX"), a Delaware Corporation with its place of business at 300 Lake Drive, Chicago, '
        'Illinois 60605 and AB Marlow, Inc. (hereinafter referred to as "ABM") with its '
        "place of business in New York.\n"
    )
    assert party_names(text) == ["QUOTEX, INC.", "AB Marlow, Inc."]


def test_two_names_run_together_over_a_line_break_are_not_a_third_party() -> None:
    text = (
        "This License Agreement is between THE MAPLE FILM CORPORATION, located at 1 Elm St, "
        "Carlsbad, CA 92009 and BLUEFIN MEDIA\u2019 located at 2 Oak St, Del Mar, CA 92014\n"
        "Licensor: BLUEFIN MEDIA\nLicensee THE MAPLE FILM CORPORATION\n"
        "the parties agree as follows:\n"
    )
    names = party_names(text)
    assert "THE MAPLE FILM CORPORATION" in names
    assert not any("Licensee" in name for name in names)


def test_a_broker_named_securities_is_a_party() -> None:
    text = (
        "This Remarketing Agreement is dated as of August 26, 2014, among Norland, Inc., a "
        "Delaware corporation (the \u201cCompany\u201d), and Harbor Bank Securities Inc. "
        "(\u201cHarbor Bank\u201d), as remarketing agent.\n"
    )
    assert party_names(text) == ["Norland, Inc.", "Harbor Bank Securities Inc."]


def test_a_securities_heading_is_still_not_a_party() -> None:
    text = (
        "SECURITIES AND EXCHANGE COMMISSION\nThis Agreement is made by and between Lumen "
        'Works, Inc. ("Lumen") and Orbit Labs LLC ("Orbit").\n'
    )
    assert party_names(text) == ["Lumen Works, Inc.", "Orbit Labs LLC"]


def test_a_party_called_by_its_office_is_a_party() -> None:
    text = (
        'This Agreement is made by and between ABC Bank, N.A., a national banking association '
        '("Bank"), and XYZ Capital Management, LLC ("Manager").\n'
    )
    assert party_names(text) == ["ABC Bank, N.A.", "XYZ Capital Management, LLC"]


def test_a_document_alias_still_is_no_party() -> None:
    text = (
        'This Services Agreement (the "Agreement") is made by and between Lumen Works, Inc. '
        '("Lumen") and Orbit Labs LLC ("Orbit").\n'
    )
    assert party_names(text) == ["Lumen Works, Inc.", "Orbit Labs LLC"]


def test_a_name_with_of_the_inside() -> None:
    text = (
        'This Agreement is made by and between The Regents of the University of Arcadia '
        '("The Regents") and Genomix Inc. ("Licensee").\n'
    )
    assert party_names(text) == ["The Regents of the University of Arcadia", "Genomix Inc."]


def test_and_the_still_separates_two_aliases() -> None:
    text = (
        'This Agreement is made among Sky Media, S.A. ("Sky"), Tel-Link Limited ("Company"), '
        'and Online Asia Limited ("Online Asia"). Sky, Online Asia and the Company may be '
        'referred to as "Parties".\n'
    )
    assert party_names(text) == ["Sky Media, S.A.", "Tel-Link Limited", "Online Asia Limited"]


def test_pte_ltd_is_one_legal_form_not_a_sentence_end() -> None:
    text = (
        'This Agreement is made by and between Omega Bio S.p.A., an Italian company ("Omega"), '
        'and Sigma Labs Pte. Ltd., a Singapore company ("Sigma").\n'
    )
    assert party_names(text) == ["Omega Bio S.p.A.", "Sigma Labs Pte. Ltd."]


def test_legal_forms_of_other_countries_end_a_name() -> None:
    text = (
        "SERVICES AGREEMENT\nBETWEEN\nLIGNES AERIENNES DU SUD, G.I.E.\nAND\n"
        "Kenanga Data Sdn. Bhd.\nThis Agreement sets out the services.\n"
        "For and on behalf of\nKenanga Data Sdn. Bhd.\nBy:\n"
    )
    assert party_names(text) == ["LIGNES AERIENNES DU SUD, G.I.E.", "Kenanga Data Sdn. Bhd."]


def test_the_name_under_for_and_on_behalf_of_is_a_party_without_a_legal_form() -> None:
    text = (
        "The Purchasers shall share the cost of the cable.\n"
        "IN WITNESS WHEREOF the Parties have signed this Agreement.\n"
        "For and on behalf of\nNordlink Telecom\nBy:\n"
        "For and on behalf of\nPulau Networks Berhad (123456-K)\nBy:\n"
        "For and on behalf of\nthe Purchasers\nBy:\n"
    )
    assert sorted(party_names(text)) == ["Nordlink Telecom", "Pulau Networks Berhad"]


_CABLE_BODY = "The cable is built, owned and maintained together by its members. " * 30 + "\n"


def test_the_line_under_for_and_on_behalf_of_is_the_name_as_written() -> None:
    text = (
        _CABLE_BODY + "IN WITNESS WHEREOF the Parties have signed this Agreement.\n"
        "For and on behalf of\nLevel 3 Networks Asia Ltd.\nBy:\n"
        "For and on behalf of\nFormosa Cable Co., Ltd. Preparatory Office\nBy:\n"
    )
    assert party_names(text) == [
        "Level 3 Networks Asia Ltd.", "Formosa Cable Co., Ltd. Preparatory Office"
    ]


def test_a_signers_line_under_for_and_on_behalf_of_is_not_taken_whole() -> None:
    text = (
        _CABLE_BODY + "IN WITNESS WHEREOF the Parties have signed this Agreement.\n"
        "For and on behalf of\nKestrel Telecom Ltd. Registered Office\nBy:\n"
        "For and on behalf of\nOsprey Cable Ltd. 12 March 2001\nBy:\n"
        "For and on behalf of\nHarbour Cable Limited\nBy:\n"
    )
    assert party_names(text) == ["Harbour Cable Limited"]


def test_a_signature_line_without_on_behalf_of_still_needs_a_legal_form() -> None:
    text = (
        "IN WITNESS WHEREOF the parties have signed.\n"
        "Harbour Telecom\nBy: /s/ Ann Lee\n"
        "Quay Systems Ltd.\nBy: /s/ Bo Ek\n"
    )
    assert party_names(text) == ["Quay Systems Ltd."]


def test_of_a_state_after_the_legal_form_belongs_to_the_name() -> None:
    text = (
        "This Agreement is made by and between Keystone Bancorp, Inc. of Ohio, a stock holding "
        'company (the "Company"), and Ridge Trust Co., a trust company (the "Trustee").\n'
        "WHEREAS"
    )
    assert party_names(text) == ["Keystone Bancorp, Inc. of Ohio", "Ridge Trust Co."]


def test_the_legal_name_before_d_b_a_is_the_party() -> None:
    text = (
        "This Agreement is made by and between Lakeside Savings Bank d/b/a Lakeside Bank, a "
        'state savings bank (the "Bank"), and Ferro Advisors, LLC (the "Adviser").\nWHEREAS'
    )
    assert party_names(text) == ["Lakeside Savings Bank", "Ferro Advisors, LLC"]


def test_an_initial_that_begins_a_company_name_is_kept() -> None:
    text = (
        "This Agreement is made by and between\nG. Moretti Farmaceutici S.p.A.\n"
        'with an office at Via Roma 1, Milan ("Moretti")\nand\nBluefin Labs, Inc.\n'
        'with an office at 2 Dock Street, Boston ("Bluefin").\n'
        "RECITALS\nA. Bluefin develops assays.\n"
    )
    assert party_names(text) == ["G. Moretti Farmaceutici S.p.A.", "Bluefin Labs, Inc."]


def test_an_engagement_letter_names_the_party_it_confirms_its_agreement_with() -> None:
    text = (
        'Harbor Holdings, Inc., a Maryland corporation (the "Company"), hereby confirms its '
        "agreement with Pier Capital Markets, L.P. (the \"Agent\") with respect to the offer "
        "of shares.\n1. Appointment of Agent.\n"
    )
    assert party_names(text) == ["Harbor Holdings, Inc.", "Pier Capital Markets, L.P."]


def test_a_company_an_agreement_is_with_in_a_sentence_is_not_a_party() -> None:
    text = (
        'This Agreement is made between Harbor Holdings, Inc. (the "Company") and Jane Roe '
        '(the "Executive"). The Company entered into an agreement with Dock Lenders, LLC '
        "in 2019.\nWHEREAS"
    )
    assert party_names(text) == ["Harbor Holdings, Inc.", "Jane Roe"]


def test_unquoted_initials_between_a_name_and_its_description() -> None:
    text = (
        "This Agreement is made by and between Orbit Health, Inc, a Nevada corporation "
        '("Orbit") and Plains Care Network (PCN) A Texas\nCorporation whose address is '
        "9 Hill Road, Austin.\nWITNESSETH:"
    )
    assert party_names(text) == ["Orbit Health, Inc", "Plains Care Network"]


def test_a_word_that_begins_with_a_legal_form_is_no_description() -> None:
    text = (
        'This Agreement is made between Harbor Holdings, Inc. (the "Company") and North Bank, '
        'N.A. (the "Bank").\nThe Company keeps the assets free of liens other than those of '
        "the Bank and Permitted Liens under the Credit Agreement.\n"
    )
    assert party_names(text) == ["Harbor Holdings, Inc.", "North Bank, N.A."]


def test_a_long_name_broken_over_two_signature_lines() -> None:
    text = (
        "IN WITNESS WHEREOF the undersigned have signed.\n"
        "Tidewater Income and Growth Fund\nOffshore, LP\nBy: /s/ Ann Lee\n"
        "Ann Lee\nPier Advisors, LLC\nBy: /s/ Bo Ek\n"
    )
    assert party_names(text) == ["Tidewater Income and Growth Fund Offshore, LP",
                                 "Pier Advisors, LLC"]


def test_a_name_above_a_by_line_is_not_taken_as_the_line_before_a_signer() -> None:
    # "Acme Inc.\nBy: /s/ ...\nName: ...": the company line must not be read as the first line
    # of a broken name whose second line is the signature.
    text = (
        "IN WITNESS WHEREOF the parties have signed this Agreement.\n"
        "Harbourside Analytics Inc.\nBy: /s/ Mara Holt\nName: Mara Holt\nTitle: President\n"
        "Lindqvist Freight Ltd.\nBy: /s/ Per Berg\nName: Per Berg\nTitle: Director\n"
    )
    assert party_names(text) == ["Harbourside Analytics Inc.", "Lindqvist Freight Ltd."]


def test_the_issuer_a_joint_filing_reports_on_is_not_a_party() -> None:
    text = (
        "JOINT FILING AGREEMENT\nReporting Person (a): Alder Capital LP\n"
        "Designated Filer: Birch Holdings Ltd.\nIssuer and CUSIP: Cedar Therapeutics, Inc. "
        "(12345X678)\nDated: March 3, 2020\n"
    )
    assert party_names(text) == ["Alder Capital LP", "Birch Holdings Ltd."]


def test_a_labelled_filer_is_still_a_party() -> None:
    text = (
        "JOINT FILING AGREEMENT\nReporting Person: Alder Capital LP\n"
        "Designated Filer: Cedar Issuer Services, Inc.\nDated: March 3, 2020\n"
    )
    assert party_names(text) == ["Alder Capital LP", "Cedar Issuer Services, Inc."]



_JOINT_FILERS = (
    "JOINT FILING AGREEMENT\nThe undersigned agree to file jointly.\n"
    "NORTH HARBOR FUND, L.P.\nBy: North Harbor GP, LLC, its General Partner\n"
    "By: /s/ Ann Lee\nName: Ann Lee\nTitle: General Counsel\n"
    "NORTH HARBOR PARTNERS (OFFSHORE) MASTER,\n{second}\n"
    "By: North Harbor GP, LLC, its General Partner\nBy: /s/ Ann Lee\nName: Ann Lee\n"
    "Title: General Counsel\n"
)


def test_a_legal_form_wrapped_alone_to_the_next_line_ends_the_name_above() -> None:
    assert party_names(_JOINT_FILERS.format(second="L.P.")) == [
        "NORTH HARBOR FUND, L.P.", "NORTH HARBOR PARTNERS (OFFSHORE) MASTER, L.P."
    ]


def test_a_line_ending_in_a_comma_above_other_words_is_not_joined_to_them() -> None:
    assert party_names(_JOINT_FILERS.format(second="Trading Desk")) == [
        "NORTH HARBOR FUND, L.P."
    ]


def test_the_first_recital_names_the_parties_of_a_contract_without_preamble() -> None:
    text = (
        "Supply Agreement\n"
        "WHEREAS NORTHWIND is a pharmaceutical company with offices at 1 Main Street, Boston, "
        'MA 02110 ("NORTHWIND") and Andes Medical Products Co. LTD is a distributor with '
        'offices at 2 High Street, Lima, Peru ("ANDES"), each a "Party" together, "Parties", and\n'
        "WHEREAS the Parties wish to cooperate,\nNOW, THEREFORE, the Parties agree as follows:\n"
    )
    assert "Andes Medical Products Co. LTD" in party_names(text)


def test_a_recital_that_does_not_define_the_parties_names_none() -> None:
    text = (
        "Supply Agreement\n"
        "WHEREAS Andes Medical Products Co. LTD is a supplier of the Products to the market,\n"
        "WHEREAS the buyer wishes to buy,\nNOW, THEREFORE, it is agreed as follows:\n"
    )
    assert "Andes Medical Products Co. LTD" not in party_names(text)


def test_an_alias_after_the_town_of_a_party_without_legal_form_marks_it() -> None:
    text = (
        'THIS SPONSORSHIP AGREEMENT (hereinafter the "Agreement") is made by and between '
        "NORTHWIND RACING, INC., a North Carolina corporation (hereinafter Northwind), and "
        'Harbor Super Lubricants, Anaheim, Calif. (Hereinafter to be referred to as "Harbor");\n'
        "WITNESSETH:\n"
    )
    assert party_names(text) == ["NORTHWIND RACING, INC.", "Harbor Super Lubricants"]


def test_a_town_with_an_alias_after_it_is_not_a_party_itself() -> None:
    text = (
        'THIS SPONSORSHIP AGREEMENT (hereinafter the "Agreement") is made by and between '
        'NORTHWIND RACING, INC., a North Carolina corporation ("Northwind"), and '
        'HARBOR LUBRICANTS LLC, a California limited liability company, of Anaheim, Calif. '
        '("Harbor");\nWITNESSETH:\n'
    )
    assert party_names(text) == ["NORTHWIND RACING, INC.", "HARBOR LUBRICANTS LLC"]


def test_the_department_after_a_companys_name_is_part_of_that_party() -> None:
    text = (
        "This Agreement is entered into this 31 January, 1994 by and between NORDEX S.A., "
        "Departement VISION Systemes whose address is 33, route de la Gare, 77300 Fontainebleau, "
        "France (hereinafter referred to as VISION) and XIMAGE corporation whose address is "
        "1 Main Street, San Jose, California (hereinafter referred to as XIMAGE).\n"
        "1. Definitions\n"
    )
    assert party_names(text) == ["NORDEX S.A.", "XIMAGE corporation"]


def test_a_company_named_division_after_a_comma_is_still_a_party() -> None:
    text = (
        "This Agreement is made by and among NORDEX S.A., Division Nine Ventures LLC and "
        'Harbor Tools Inc. (each a "Party").\nWHEREAS\n'
    )
    assert party_names(text) == ["NORDEX S.A.", "Division Nine Ventures LLC", "Harbor Tools Inc."]


def test_a_forms_legal_name_field_without_colon_holds_a_party() -> None:
    text = (
        "FORM OF SUB-RESELLER AGREEMENT\nSignature Page\n"
        "Reseller Full Legal Name Harbor.org, a nonprofit public benefit corporation having its\n"
        "principal place of business at 50 Fremont Street, San Francisco, California 94105\n"
        "This Sub-Reseller Agreement is made by and between Northwind, inc., a Delaware "
        "corporation (“Northwind”) and the Reseller named above.\n"
    )
    assert party_names(text) == ["Harbor.org", "Northwind, inc."]


def test_a_word_after_legal_name_in_a_sentence_is_not_a_party() -> None:
    text = (
        "This Agreement is made by and between Northwind, inc., a Delaware corporation "
        "(“Northwind”) and Harbor Tools LLC, a Utah limited liability company (“Harbor”).\n"
        "Each party shall use its full legal name Harbor, a trade name, in all notices.\n"
    )
    assert party_names(text) == ["Northwind, inc.", "Harbor Tools LLC"]
