"""Norwegian contract layouts: party blocks under free labels, letters to a company's board,
attachments 'datert' a date, trial and option notices, VAT-exclusive sums and due dates."""

from __future__ import annotations

import pytest
from extraction_reading import read

from extraction.model import Duration


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
