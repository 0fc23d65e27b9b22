"""Signing dates as contracts write them: misprints, split ordinals, abbreviated months, the
witness clause that dates the agreement "as of the Effective Date", and a document's own
"entered into on" beside a cover's issue date."""

from __future__ import annotations

import datetime as dt

import pytest
from extraction_reading import date_value

from extraction.dates_parse import parse_date
from extraction.model import Language

FILLER = "The parties agree as follows. " * 40



@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("executed this Agreement on the 1\r\nst day\xa0of\xa0JUNE\xa0,\xa02006 ,",
         dt.date(2006, 6, 1)),
        ("is made this 1st day of\n      ---\nNovember, 2003 by and", dt.date(2003, 11, 1)),
    ],
)
def test_ordinals_split_by_a_line_and_underlines(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


def test_made_an_entered_into_is_still_this_agreements_date() -> None:
    # The misprint "made an entered into" read as a reference to another agreement.
    preamble = ('This Sponsorship Agreement ("Agreement") is made an entered into on February 17,\n'
                '1999 ("Effective Date"), by and between Tickets.com, Inc. and MP3.com, Inc.')
    assert date_value("signed_date", preamble, FILLER) == dt.date(1999, 2, 17)


def test_an_abbreviated_month_does_not_end_the_preamble_sentence() -> None:
    preamble = ("This LICENSE AND DEVELOPMENT AGREEMENT (this Agreement) is entered into effective "
                "as of Nov. 02, 2019\n(the Effective Date) by and between Bioeq IP AG and "
                "Coherus BioSciences, Inc.")
    assert date_value("signed_date", preamble, FILLER) == dt.date(2019, 11, 2)


def test_that_certain_agreement_effective_as_of_dates_another_contract() -> None:
    page = ("2.6 The Company acknowledges the existence of agreements in effect between the "
            "parties, including that certain agreement effective as of June 25,\n2013 among NFL "
            "Enterprises LLC and others.")
    assert date_value("signed_date", "LICENSE AGREEMENT\n" + FILLER, page) is None


def test_executed_as_of_the_effective_date_dates_the_agreement() -> None:
    cover = ("COLLABORATION AGREEMENT\nbetween Xencor, Inc. and BII GmbH\n"
             "EFFECTIVE DATE: February 10, 2012\n")
    signatures = ("IN WITNESS WHEREOF, the Parties have caused this Agreement to be executed as of "
                  "the Effective Date.\nMonrovia, February 16 2012 Biberach, February 13, 2012\n"
                  "XENCOR, Inc. Boehringer Ingelheim International GmbH\n"
                  "/s/ Bassil Dahiyat /s/ Alois Konrad")
    assert date_value("signed_date", cover, FILLER, FILLER, signatures) == dt.date(2012, 2, 10)


def test_a_letter_date_is_kept_over_the_effective_date() -> None:
    # Only a date read off the signatures gives way: a letter's date is the agreement's date.
    letter = ("CONSULTING AGREEMENT\nJuly 20, 2018\nDear Gianluca:\nKiromic, Inc. is pleased to "
              "offer this Consulting Agreement. This letter agreement will be effective as of "
              "July 1, 2018.\n")
    signatures = ("IN WITNESS WHEREOF, the parties hereto have executed this Agreement as of the "
                  "Effective Date.\nKIROMIC, INC: CONSULTANT:\n"
                  "By: /s/ Scott Dahlbeck /s/ Gianluca Rotino")
    assert date_value("signed_date", letter, FILLER, signatures) == dt.date(2018, 7, 20)


def test_this_amendment_entered_into_on_wins_over_a_cover_issue_date() -> None:
    cover = "DS/C-3957/14 Issue 7\ndated March 9th , 2015\nBETWEEN\nAZUL S/A\nAND\nATR G.I.E.\n"
    body = ("This amendment (hereinafter referred to as the \u201cAmendment\u201d) is entered "
            "into on January 6th, 2016.\nBETWEEN: AZUL S/A and ATR G.I.E.\n")
    assert date_value("signed_date", cover, body, FILLER) == dt.date(2016, 1, 6)


def test_a_price_as_of_date_is_no_signing_date() -> None:
    cover = ("FIRST AMENDMENT\nThis First Amendment is entered into this 22 day of June 2018 "
             "by and between Cerus and Porex.\n")
    body = ("2. A new Exhibit D-1, as set forth in Schedule 2 to this Amendment, shall be "
            "attached. As of April 1, 2018 and continuing until Cerus determines otherwise, "
            "the price for Platelet Wafers shall be the prices set forth in Exhibit D-1.")
    assert date_value("signed_date", cover, body, FILLER) == dt.date(2018, 6, 22)



def test_signed_on_a_day_but_effective_as_of_another_is_not_effective_that_day() -> None:
    signatures = ("IN WITNESS WHEREOF the parties hereto have hereunto executed this Agreement on "
                  "the 1st day of JUNE, 2006, but effective as of the Date of Commencement.\n"
                  "SIGNED FOR AND ON BEHALF of DGT CORP.\n/s/ Norman Joe, President")
    cover = "OUTSOURCING AGREEMENT\n" + FILLER
    assert date_value("signed_date", cover, signatures) == dt.date(2006, 6, 1)
    assert date_value("effective_date", cover, signatures) is None


def test_entering_into_force_on_signature_is_effective_when_signed() -> None:
    preamble = ("This amendment (the \u201cAmendment\u201d) is entered into on January 6th, 2016 "
                "between Azul S/A and ATR G.I.E.\n")
    term = ("3. EFFECTIVE DATE AND DURATION\nThis Amendment shall enter into force on the date of "
            "its signature by both Parties and shall remain in force for the Agreement's term.")
    assert date_value("effective_date", preamble, FILLER, term) == dt.date(2016, 1, 6)


def test_entering_into_force_on_a_defined_signing_date_is_left_open() -> None:
    preamble = "This agreement is dated March 9th, 2015 between Azul S/A and ATR G.I.E.\n"
    term = ("3.1 The Agreement enters into force on the Signing Date; it will have a duration of "
            "five years as from the Start Date.")
    assert date_value("effective_date", preamble, FILLER, term) is None


def test_a_form_entered_into_as_of_its_header_effective_date_is_dated_that_day() -> None:
    # The header fills in the date, the preamble adopts it; the signature fields below only
    # say when each party got round to signing.
    form = ("Master Purchase Agreement\nAgreement Number: MP-20417\nEffective Date: 3/2/15\n"
            "Supplier Name: Harbor Tools, Inc.\n"
            "This MASTER PURCHASE AGREEMENT (\u201cAgreement\u201d) is entered into as of the "
            "Effective Date by and between Northwind Bank, N.A. and the above-named Supplier.\n"
            "Harbor Tools, Inc. Northwind Bank, N.A.\n"
            "By: /s/ Ann Lee By: /s/ Tom Ford\n"
            "Date: 3/9/15 Date: 3/2/15\n")
    assert date_value("signed_date", form, FILLER) == dt.date(2015, 3, 2)
    assert date_value("effective_date", form, FILLER) == dt.date(2015, 3, 2)


def test_signature_fields_without_an_adopted_effective_date_keep_the_last_signature() -> None:
    form = ("Master Purchase Agreement\nEffective Date: 3/2/15\n"
            "This MASTER PURCHASE AGREEMENT is made by and between Northwind Bank, N.A. and "
            "Harbor Tools, Inc.\nBy: /s/ Ann Lee By: /s/ Tom Ford\n"
            "Date: 3/9/15 Date: 3/2/15\n")
    assert date_value("signed_date", form, FILLER) == dt.date(2015, 3, 9)


def test_a_standstill_period_from_the_date_hereof_is_no_effective_date() -> None:
    preamble = ("This Cooperation Agreement is entered into as of May 4, 2021, by and between "
                "Acme Holdings, Inc. and Blue Ridge Partners LP.\n")
    covenant = ("4. Standstill. At all times during the period commencing on the date hereof and "
                "ending on the date of the 2022 Annual Meeting, the Investor shall not acquire "
                "any further shares of Common Stock.")
    assert date_value("signed_date", preamble, FILLER, covenant) == dt.date(2021, 5, 4)
    assert date_value("effective_date", preamble, FILLER, covenant) is None


def test_a_term_for_a_period_from_the_date_hereof_starts_when_signed() -> None:
    preamble = ("This Services Agreement is entered into as of May 4, 2021, by and between "
                "Acme Holdings, Inc. and Blue Ridge Partners LP.\n")
    term = ("2. Term. This Agreement shall remain in effect for a period commencing on the date "
            "hereof and ending on December 31, 2023.")
    assert date_value("effective_date", preamble, FILLER, term) == dt.date(2021, 5, 4)


def test_a_later_amendment_joined_to_the_filing_does_not_date_the_first_one() -> None:
    first = ("AMENDMENT NO. 1 TO SUPPLY AGREEMENT\nThis is the First Amendment to the Supply "
             "Agreement entered into on March 3, 2014 by and between Delta Foods and Orion "
             "Packaging.\n1. Section 4 is amended to read as set forth below.\n"
             "DELTA FOODS ORION PACKAGING\n/s/ Mary Holt /s/ Ian Park\nSignature Signature\n"
             "5/12/15 5/14/15")
    second = ("AMENDMENT NO. 2 TO SUPPLY AGREEMENT\nWHEREAS, Delta Foods and Orion Packaging "
              "entered into a Supply Agreement, as amended on May 14, 2015;\n"
              "NOW THEREFORE the parties agree that Section 6 is deleted.")
    signatures = ("DELTA FOODS\nBy: /s/ Mary Holt\nDate: 2/2/16\n"
                  "ORION PACKAGING\nBy: /s/ Ian Park\nDate: 2/9/16")
    assert date_value("signed_date", first, second, signatures) == dt.date(2015, 5, 14)


def test_an_exhibit_page_without_a_signed_first_document_changes_nothing() -> None:
    agreement = ("SUPPLY AGREEMENT\nThis Supply Agreement is made as of June 1, 2016 by and "
                 "between Delta Foods and Orion Packaging.\n" + FILLER)
    exhibit = ("EXHIBIT A\nFORM OF AMENDMENT AGREEMENT\nThis Amendment Agreement is made on "
               "________, 20__ by and between Delta Foods and Orion Packaging.")
    assert date_value("signed_date", agreement, exhibit) == dt.date(2016, 6, 1)


def test_a_cover_letter_before_the_agreement_does_not_date_it() -> None:
    letter = ("January 3, 2017\nDear Ms. Holt:\nEnclosed please find the executed License "
              "Agreement between our companies.\nVery truly yours,\nBy: /s/ Ian Park")
    agreement = ("LICENSE AGREEMENT\nThis License Agreement is made as of December 15, 2016 by "
                 "and between Delta Foods and Orion Packaging.\n" + FILLER)
    assert date_value("signed_date", letter, agreement) == dt.date(2016, 12, 15)


def test_english_enter_into_force_dates_the_start() -> None:
    text = ("3.1 This Agreement shall enter into force on 1 May 2026 and shall continue for an "
            "initial term of twenty-four (24) months.")
    assert date_value("effective_date", text) == dt.date(2026, 5, 1)


@pytest.mark.parametrize(
    ("language", "attachments", "signatures", "expected"),
    [
        ("nb", "11. VEDLEGG\n\n    Vedlegg 1   Tegning parkeringskjeller U1, datert 05.01.2026\n",
         "Tønsberg, den 12. februar 2026\n\nFor Utleier AS\n\n\nTønsberg, 17.02.26\n\n"
         "For Leietaker ANS\n", dt.date(2026, 2, 17)),
        ("en", "    Appendix 4  Supplier's offer dated 16 February 2026\n",
         "For and on behalf of                For and on behalf of\nACME AB                 "
         "            FJELL AS\n\nPlace/date: Luleå, 2 April 2026     "
         "Sted/dato: Narvik, 07.04.2026\n",
         dt.date(2026, 4, 7)),
    ],
)
def test_an_attachment_listed_with_its_date_does_not_date_the_signing(
    language: Language, attachments: str, signatures: str, expected: dt.date
) -> None:
    text = "AVTALE\n\n" + FILLER + "\n\n" + attachments + "\n\n" + signatures
    assert date_value("signed_date", text, language=language) == expected


def test_a_filing_exhibit_heading_still_dates_its_agreement() -> None:
    text = "Exhibit 10.1 Supply Agreement dated March 3, 2010\n\n" + FILLER
    assert date_value("signed_date", text) == dt.date(2010, 3, 3)


def test_only_this_agreement_taking_effect_on_signing_dates_its_start() -> None:
    preamble = ("This Strategic Alliance Agreement is entered into as of December 20, 2019, by "
                "and between Acme Candy, Inc. and Harbor Foods LLC.\n")
    others = ("7. Each of the Exclusive Supplier Operating Agreement and the Warrant is "
              "effective as of the date hereof in accordance with the terms of such document.")
    undertaking = ("2. The Company agrees that it shall take all action as is necessary, "
                   "effective immediately following the execution of this Agreement, to appoint "
                   "the New Director.")
    assert date_value("effective_date", preamble, FILLER, others) is None
    assert date_value("effective_date", preamble, FILLER, undertaking) is None
    own = "7. This Agreement shall become effective as of the date hereof."
    assert date_value("effective_date", preamble, FILLER, own) == dt.date(2019, 12, 20)


def test_a_named_covenant_period_from_the_date_hereof_is_no_effective_date() -> None:
    preamble = ("This Cooperation Agreement is entered into as of June 27, 2017, by and between "
                "Acme Group, Inc. and Blue Ridge Partners LP.\n")
    defined = ("(f) For purposes of this Agreement, “Standstill Period” shall mean the period "
               "commencing on the date of this Agreement and ending on the date of the 2018 "
               "Annual Meeting.")
    assert date_value("effective_date", preamble, FILLER, defined) is None
    term = ("(f) “Term” shall mean the period commencing on the date of this Agreement and "
            "ending on the date of the 2018 Annual Meeting.")
    assert date_value("effective_date", preamble, FILLER, term) == dt.date(2017, 6, 27)


NB_FILLER = "Partene er enige om følgende vilkår for leveransen. " * 40


def test_a_signed_column_in_a_row_per_signer_table_gives_the_last_signature() -> None:
    table = ("10 SIGNATUR\n\n"
             "| Part              | Navn        | Tittel   | Signert          |\n"
             "|-------------------|-------------|----------|------------------|\n"
             "| Ringsaker kommune | Kari Bergum | Direktør | 2025-05-12 09:14 |\n"
             "| Innlandet AS      | Jørn Hauge  | Partner  | 2025-05-09 15:31 |\n")
    assert date_value("signed_date", NB_FILLER, table, language="nb") == dt.date(2025, 5, 12)
    # A table whose date column says when something is delivered is no signature record.
    deliveries = table.replace("Signert ", "Levering")
    assert date_value("signed_date", NB_FILLER, deliveries, language="nb") is None


def test_nynorsk_and_bilingual_place_date_labels_date_the_signatures() -> None:
    block = ("SIGNED / SIGNATURER\n\n"
             "For and on behalf of Highland Aqua Ltd\nName: Callum MacLeod\n"
             "Place/date: Oban, 4 June 2025\n\n"
             "For og på vegne av Sunnfjord Sjømat AS\nNamn: Siri Førde\n"
             "Stad/dato: Florø, 11.06.2025\n")
    assert date_value("signed_date", NB_FILLER, block, language="nb") == dt.date(2025, 6, 11)
    # A delivery date in the same block is not a signing field.
    other = block.replace("Stad/dato: Florø, 11.06.2025", "Leveringsdato: 11.06.2025")
    assert date_value("signed_date", NB_FILLER, other, language="nb") == dt.date(2025, 6, 4)
