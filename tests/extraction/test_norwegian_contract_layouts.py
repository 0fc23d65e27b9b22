"""Norwegian contract layouts: party blocks under free labels, letters to a company's board,
attachments 'datert' a date, trial and option notices, VAT-exclusive sums and due dates."""

from __future__ import annotations

import pytest
from extraction_reading import read

from extraction.model import Duration
from extraction.parties.tables import table_parties


def test_party_blocks_under_labels_outside_the_role_list() -> None:
    found = read(
        "SERVICEAVTALE\n\nEier av anlegget:\nSameiet Fjellstien 4\nOrg. nr. 921 867 263\n\n"
        "Serviceleverandør:\nTrappeløft Service AS\nNO 928 487 822 MVA\n\n"
        "1. Avtalens gjenstand\nAvtalen gjelder vedlikehold av heis."
    )
    parties = {p.name: p.org_number for p in found.parties.value}
    assert parties == {"Sameiet Fjellstien 4": "921867263", "Trappeløft Service AS": "928487822"}


def test_a_letter_to_the_board_names_the_company() -> None:
    found = read(
        "Nordlys Revisjon AS\nForetaksregisteret NO 906870703 MVA\nStorgata 1, 8006 Bodø\n\n"
        "Styret i\nHavbris Fisk AS\norg nr 961162149\n\nBodø, den 24. januar 2024\n\n"
        "OPPDRAGSBEKREFTELSE\nVi skal revidere selskapets årsregnskap."
    )
    assert sorted(p.name for p in found.parties.value) == ["Havbris Fisk AS", "Nordlys Revisjon AS"]


@pytest.mark.parametrize(
    "attachment",
    ["Bilag 1: Vedlikeholdsprogram, datert 15. januar 2024",
     "c) Konkurransegrunnlag med beskrivelse og tegninger datert 15. januar 2024"],
)
def test_an_attachment_dated_a_date_is_not_the_signing(attachment: str) -> None:
    filler = "Avtalen reguleres av norsk rett.\n" * 30
    found = read(f"AVTALE\n\n{attachment}\n\n{filler}\nOslo, 01.02.2024\n\n"
                  "_____________          _____________\n")
    assert found.signed_date.value.isoformat() == "2024-02-01"


def test_notice_in_a_trial_period_is_not_the_notice() -> None:
    found = read(
        "Avtalen gjelder fra 1. mars 2024 og løper inntil den sies opp. De tre første månedene "
        "er en prøveperiode. I prøveperioden kan hver av partene si opp avtalen med fjorten (14) "
        "dagers skriftlig varsel. Etter prøveperioden kan hver av partene si opp avtalen med seks "
        "(6) måneders skriftlig varsel."
    )
    assert found.notice_period.value == Duration(count=6, unit="month")


def test_the_deadline_to_announce_an_extension_is_not_the_notice() -> None:
    found = read(
        "Kontraktsperioden er tre (3) år fra 1. februar 2024. Varsel om forlengelse gis senest "
        "fire (4) måneder før utløpet av kontraktsperioden. Oppdragsgiver kan si opp kontrakten "
        "med seks (6) måneders skriftlig varsel."
    )
    assert found.notice_period.value == Duration(count=6, unit="month")


def test_the_sum_without_vat_beats_the_same_sum_with_it() -> None:
    found = read("Kontraktssummen er kr 4 870 000 eks. mva., kr 6 087 500 inkl. mva.")
    assert found.contract_value.value.amount == 4870000


def test_a_monthly_fixed_price() -> None:
    found = read("For tjenestene betaler Kunden en månedlig fastpris på kr 86 500 eks.\nmva.")
    value = found.contract_value.value
    assert (value.amount, value.per) == (86500, "month")


def test_a_rent_per_square_metre_is_a_unit_price() -> None:
    found = read("Samlet årlig leie er kr 840 000, herav kr 1 200 per m² for butikkarealet "
                 "og kr 450 pr. kvm for lager.")
    value = found.contract_value.value
    assert (value.amount, value.per) == (840000, "year")


def test_a_yearly_fee_restated_with_vat_in_brackets() -> None:
    found = read("Det årlige vederlaget for regnskapstjenestene etter punkt 2 er kr 120 000 "
                 "eks. mva.\n(kr 150 000 inkl. mva.), fakturert to ganger i året.")
    value = found.contract_value.value
    assert (value.amount, value.per) == (120000, "year")


def test_payment_due_at_the_latest_days_after_invoice() -> None:
    found = read("Betaling skal skje senest 30 dager etter mottatt korrekt faktura.")
    assert found.payment_terms.value == Duration(count=30, unit="day")


def test_confidentiality_without_time_limit_does_not_make_the_contract_open_ended() -> None:
    found = read(
        "3.1 Avtalen gjelder fra 1. januar 2025 for ett (1) år.\n"
        "5. Taushetsplikt\nMegleren plikter å bevare taushet om Kundens forretningsforhold. "
        "Taushetsplikten gjelder også etter at avtalen er opphørt, uten tidsbegrensning."
    )
    assert found.perpetual is None
    assert found.initial_term.value == Duration(count=1, unit="year")


def test_a_monthly_fee_called_honorar() -> None:
    found = read("Oppdragsgiver betaler et fast månedlig honorar på kr 7 800 eks. mva.")
    value = found.contract_value.value
    assert (value.amount, value.per) == (7800, "month")


def test_a_title_line_dated_a_date_still_dates_this_agreement() -> None:
    found = read("Avtale om renholdstjenester, datert 3. mars 2024\n\nKunden betaler månedlig.")
    assert found.signed_date.value.isoformat() == "2024-03-03"


def test_a_term_counted_from_signing_starts_on_the_signing_date() -> None:
    filler = "Avtalen er underlagt norsk rett.\n" * 30
    found = read(f"AVTALE\n\n3.1 Avtalen løper i 24 måneder fra signering.\n{filler}\n"
                  "Bergen, den 1. februar 2024\n\n_____________          _____________\n")
    assert found.effective_date.value.isoformat() == "2024-02-01"


def _parties(text: str) -> dict[str, str | None]:
    return {p.name: p.org_number for p in read(text).parties.value}


def test_parties_in_a_table_a_row_each() -> None:
    assert _parties(
        "LEIEKONTRAKT\n\n1. PARTENE\n\n| Rolle | Navn | Org.nr. | Adresse |\n|---|---|---|---|\n"
        "| Utleier | Brygga Eiendom AS | 890 937 861 | Kaia 1 |\n"
        "| Leietaker | Havblikk Optikk AS | 979 754 329 | Torget 2 |\n\n2. LEIEOBJEKTET\nTekst."
    ) == {"Brygga Eiendom AS": "890937861", "Havblikk Optikk AS": "979754329"}


def test_parties_in_a_table_a_column_each() -> None:
    assert _parties(
        "RAMMEAVTALE\n\n| Part | Oppdragsgiver | Leverandør |\n|---|---|---|\n"
        "| Navn | Fjellbygd kommune | Rein Vask AS |\n| Org.nr. | 943 634 076 | NO 956516064 MVA |"
        "\n\n1. OMFANG\nTekst."
    ) == {"Fjellbygd kommune": "943634076", "Rein Vask AS": "956516064"}


def test_parties_in_two_columns_of_text_under_their_roles() -> None:
    assert _parties(
        "KONSULENTAVTALE\n\nOppdragsgiver                     Oppdragstaker\n"
        "Fjordvik fylkeskommune            Berg & Dahl AS\n"
        "Org. nr: 912 768 422              Org.nr 984656327\n\n1 OPPDRAGET\nTekst."
    ) == {"Fjordvik fylkeskommune": "912768422", "Berg & Dahl AS": "984656327"}


def test_the_contact_persons_under_the_role_labels_are_not_parties() -> None:
    assert _parties(
        "AVTALE\n\nKunde: Fjordheim IKT IKS, org.nr. 866 121 877\n"
        "Leverandør: Datenwerk GmbH, org.nr. 985 355 215\n\nKontaktpersoner:\n"
        "Kunden: Tone Vik, IKT-sjef\nLeverandøren: Markus Hoff, salgssjef\n\n1 OMFANG\nTekst."
    ) == {"Fjordheim IKT IKS": "866121877", "Datenwerk GmbH": "985355215"}


def test_the_entreprenor_label_names_the_supplier() -> None:
    parties = _parties(
        "AVTALE OM SNØBRØYTING\n\nOppdragsgiver: Solbakken Borettslag BA, org.nr. 926 000 705\n"
        "Entreprenør: Hansen Maskin AS, org.nr. 961489709\n\nFaktura sendes forretningsfører, "
        "Askerbo Forvaltning AS, org.nr. 910 020 110.\n\n1 OPPDRAGET\nTekst."
    )
    assert parties == {"Solbakken Borettslag BA": "926000705", "Hansen Maskin AS": "961489709"}


def test_a_name_wrapped_at_the_line_end_in_the_preamble() -> None:
    assert _parties(
        "TRANSPORTAVTALE\n\nMellom Tanafjord kommune, org.nr. 912 481 077, heretter kalt "
        "Oppdragsgiver, og Finnmark\nTurbuss AS, NO 969 007 207 MVA, heretter kalt "
        "Transportøren, er det inngått følgende avtale.\n\n1 BAKGRUNN\nTekst."
    ) == {"Tanafjord kommune": "912481077", "Finnmark Turbuss AS": "969007207"}


def test_a_foreign_company_is_followed_up_by_its_norwegian_org_number() -> None:
    parties = _parties(
        "LISENSAVTALE\n\nLisensgiver:\nRouteplan Systems Ltd\nCompany No. 10473829, Cambridge\n"
        "Norsk filial: Routeplan Systems Ltd NUF, org.nr. 905 445 545\n\n"
        "Lisenstaker:\nVestlandske Bussruter AS\norg.nr. 849 440 195\n\n1. LISENSEN\nTekst."
    )
    assert parties["Routeplan Systems Ltd"] == "905445545"


def test_role_columns_in_the_signature_block_are_not_a_party_list() -> None:
    names = sorted(_parties(
        "AVTALE\n\nMellom Fjord Drift AS, org.nr. 890748333, heretter kalt Kunden, og Aker Bygg "
        "AS, org.nr. 988762326, heretter kalt Leverandøren, er det inngått følgende avtale.\n\n"
        + "1. Omfang\nLeverandøren skal levere tjenestene.\n" * 80
        + "Kunde                         Leverandør\nNavn: Kari Eide               Navn: Jon Dahl\n"
    ))
    assert names == ["Aker Bygg AS", "Fjord Drift AS"]


def test_parties_listed_by_number_after_mellom_and_a_colon() -> None:
    # A party without a legal form ("Vestfold kommune") is still a party when listed.
    assert _parties(
        "RENHOLDSAVTALE\n\nDenne avtalen er inngått mellom:\n\n"
        "1) Vestfold kommune, org.nr. 823 456 786 («Kunden»)\n"
        "2) Glans Renhold AS, org.nr. 976 543 211 («Leverandøren»)\n\n"
        "1. Omfang\nLeverandøren skal vaske skolene."
    ) == {"Vestfold kommune": "823456786", "Glans Renhold AS": "976543211"}


def test_an_org_number_labelled_by_its_abbreviated_register_name() -> None:
    # "foretaksnr." is the Foretaksregisteret's number, the same as the org.nr.
    assert _parties(
        "AVTALE OM VAKTHOLD\n\nAvtalen er inngått mellom\n\nBerg Vekter AS, foretaksnr. "
        "888.111.220, heretter kalt Leverandøren, og\n\nLien Sameie, foretaksnr. 933.221.105, "
        "heretter kalt Kunden.\n\n1. Omfang\nVakthold av garasjeanlegget."
    ) == {"Berg Vekter AS": "888111220", "Lien Sameie": "933221105"}


def test_an_org_number_from_the_preamble_when_the_parties_are_read_elsewhere() -> None:
    # The parties are read off the role labels late in the text; their numbers stand beside
    # their names where the contract first introduces them.
    found = _parties(
        "SERVICEAVTALE\n\nAvtalen er inngått mellom Nordhei kommune, org.nr. 817 263 542, "
        "Torget 1, og Fjordlys Teknikk AS, org.nr. 976 543 211, Kaia 3.\n\n1. Omfang\nService på "
        "lysanlegg.\n\nKunde: Nordhei kommune\nLeverandør: Fjordlys Teknikk AS\n"
    )
    assert found == {"Nordhei kommune": "817263542", "Fjordlys Teknikk AS": "976543211"}


def test_role_labels_with_a_title_and_phone_name_contact_persons_not_parties() -> None:
    # "Kunden: Driftssjef Ola Berg, tlf. ...": the party's contact, whatever heads the block.
    assert _parties(
        "SERVICEAVTALE\n\nMellom Nordvik kommune, org.nr. 964 982 953 («Kunden»), og "
        "Varme Teknikk AS, org.nr. 917 230 110 («Leverandøren»).\n\n"
        "1. Omfang\nLeverandøren skal yte service på varmeanleggene.\n\n"
        "12. Kommunikasjon\nKunden: Driftssjef Ola Berg, tlf. 907 11 223\n"
        "Leverandøren: Siri Lunde, e-post siri@varmeteknikk.no\n"
    ) == {"Nordvik kommune": "964982953", "Varme Teknikk AS": "917230110"}


def test_a_party_keeps_its_labelled_name_when_only_a_legal_form_and_phone_follow() -> None:
    assert _parties(
        "AVTALE\n\nKunde: Fjellheim Hytter AS, tlf. 22 33 44 55\n"
        "Leverandør: Bryn Regnskap AS, org.nr. 976 543 211\n\n1. Omfang\nRegnskapsføring."
    ) == {"Fjellheim Hytter AS": None, "Bryn Regnskap AS": "976543211"}


def test_a_name_does_not_run_on_over_a_blank_line() -> None:
    # A reference line above the preamble ends with a department: it is not part of the name.
    assert _parties(
        "SERVICEAVTALE\nVår ref.: 23/1140 Innkjøpsseksjonen\n\n"
        "Helse Vestvik HF, organisasjonsnummer 983974678, heretter kalt Kunden, og\n\n"
        "Medisinsk Drift AS, organisasjonsnummer 917230110, heretter kalt Leverandøren, "
        "inngår følgende avtale.\n\n1. Omfang\nService på utstyret."
    ) == {"Helse Vestvik HF": "983974678", "Medisinsk Drift AS": "917230110"}


def test_signers_dated_by_a_signing_service_sign_when_the_last_signs() -> None:
    found = read("AVTALE OM VAKTMESTERTJENESTER\n\nAvtalen gjelder fra 1. mars 2025.\n\n"
                 "SIGNATURER\n\nFor Kunden\n  Per Olsen, styreleder – signert med BankID "
                 "14.02.2025 kl. 09:12\n\nFor Leverandøren\n  Kari Dahl, daglig leder – "
                 "elektronisk signert via Signicat 17.02.2025 kl. 15:40\n")
    assert found.signed_date.value.isoformat() == "2025-02-17"


def test_a_tender_said_to_be_dated_does_not_date_the_contract() -> None:
    found = read("KONTRAKT OM RENHOLD\n\n1. Bakgrunn\nTilbudet ble datert 4. mars 2024 og er "
                 "vedlagt som bilag 2.\n\n2. Varighet\nKontrakten gjelder fra 1. mai 2024.\n\n"
                 "Tromsø, 15. april 2024\n")
    assert found.signed_date.value.isoformat() == "2024-04-15"


def test_the_contracts_economic_frame_is_its_value() -> None:
    found = read("Kontraktens økonomiske ramme er kr 900 000 eks. mva for hele perioden.")
    assert found.contract_value.value.amount == 900000


def test_a_compound_role_in_a_party_table_names_a_party() -> None:
    assert _parties(
        "SERVICEAVTALE\n\n| Part | Navn | Org.nr. | Adresse |\n|---|---|---|---|\n"
        "| Oppdragsgiver | Sameiet Solbakken Brygge | 975 131 408 | Bryggen 2 |\n"
        "| Serviceleverandør | Nordvarme AS | 837 975 840 | Kokstad 31 |\n\n1. OMFANG\nTekst."
    ) == {"Sameiet Solbakken Brygge": "975131408", "Nordvarme AS": "837975840"}


def test_a_table_row_whose_first_cell_is_no_role_is_no_party() -> None:
    assert _parties(
        "SERVICEAVTALE\n\n| Part | Navn | Org.nr. | Adresse |\n|---|---|---|---|\n"
        "| Oppdragsgiver | Sameiet Solbakken Brygge | 975 131 408 | Bryggen 2 |\n"
        "| Serviceleverandør | Nordvarme AS | 837 975 840 | Kokstad 31 |\n"
        "| Kontaktadresse | Vaktmester Hansen AS | | Bryggen 2 |\n"
        "| Underleverandør | Rørlegger Hansen AS | 984 656 327 | Kaia 3 |\n\n1. OMFANG\nTekst."
    ) == {"Sameiet Solbakken Brygge": "975131408", "Nordvarme AS": "837975840"}


def test_the_parent_company_behind_a_party_is_not_a_party() -> None:
    names = set(_parties(
        "THIS AGREEMENT is made between:\n\n(1) Nordvik Energi AB, a company incorporated in "
        "Sweden (the \"Supplier\"); and\n\n(2) Fjellanlegg AS, a Norwegian limited company, "
        "Org.nr. 867 428 909 (the \"Customer\").\n\nThe Supplier's obligations are guaranteed by "
        "its parent company Nordvik Holding AB pursuant to a separate parent company guarantee."
        "\n\n1. DEFINITIONS\nText."
    ))
    assert names == {"Nordvik Energi AB", "Fjellanlegg AS"}


def test_a_signing_record_after_the_statement_of_electronic_signing_dates_the_contract() -> None:
    found = read("TRANSPORTAVTALE\n\nAvtalen gjelder fra 1. januar 2026.\n\n10. Signering\n\n"
                 "Avtalen er signert elektronisk av partenes representanter.\n\n"
                 "Signeringshistorikk\n2025-11-20 10:14  Geir Olsen (Transportøren) signerte\n"
                 "2025-11-24 15:32  Ingvild Rasmussen (Kunden) signerte\n")
    assert found.signed_date.value.isoformat() == "2025-11-24"


def test_a_time_stamped_date_without_electronic_signing_is_no_signing_record() -> None:
    found = read("AVTALE OM RENHOLD\n\nAvtalen gjelder fra 1. januar 2026.\n\n5. Møter\n\n"
                 "Oppstartsmøte holdes 05.01.2026 kl. 09:00 hos Kunden.\n")
    assert found.signed_date is None


def test_parties_in_a_grid_without_header_a_row_each() -> None:
    assert _parties(
        "LEIEKONTRAKT\n\n1. PARTENE\n\n+----------+--------------------------+\n"
        "| Utleier  | Storgata Eiendom AS      |\n|          | Org.nr. 890 937 861      |\n"
        "+----------+--------------------------+\n"
        "| Leietaker| Fjordkode AS             |\n|          | Org.nr. 917 230 110      |\n"
        "+----------+--------------------------+\n\n2. LEIEOBJEKTET\nLokaler i Storgata 1."
    ) == {"Storgata Eiendom AS": "890937861", "Fjordkode AS": "917230110"}


def test_a_grid_naming_one_role_is_no_party_table() -> None:
    assert table_parties(
        "1. KONTAKTPERSONER\n\n| Leverandør | Kari Dahl          |\n"
        "|            | Tlf. 900 00 000    |\n| Telefon    | 22 00 00 00        |\n"
    ) == []


def test_signers_lines_of_a_signing_record_sign_when_the_last_signs() -> None:
    found = read("AVROPSAVTALE\n\nLeveransen skjer innen 30 dager.\n\nFor Kunden\nElin Vatne\n\n"
                 "Signicat – Dokumentet er signert elektronisk\n"
                 "Henrik Sæther      BankID   Signert 2025-03-03 14:22:10 CET\n"
                 "Elin Vatne         BankID   Signert 2025-03-05 09:07:44 CET\n")
    assert found.signed_date.value.isoformat() == "2025-03-05"


def test_a_transport_contract_labels_its_carrier_transportor() -> None:
    assert _parties(
        "TRANSPORTAVTALE\n\nPartene i avtalen er:\n\n"
        "Oppdragsgiver:  Polarprodukter ASA, org. nr. 856 110 192, Fiskekaia 2, 9008 Tromsø\n"
        "Transportør:    Budstikka Logistikk AS, org. nr. 844 396 023, Terminalvegen 7\n\n"
        "Transportøren er et heleid datterselskap av Budstikka Holding AS (org.nr. 975 702 472). "
        "Morselskapet er ikke part i avtalen.\n\n1. Omfang\nHenting av pakker."
    ) == {"Polarprodukter ASA": "856110192", "Budstikka Logistikk AS": "844396023"}
