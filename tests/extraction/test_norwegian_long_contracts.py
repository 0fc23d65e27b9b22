"""What long Norwegian contracts write around the answer: numbered clauses under headings,
deadlines to take up an extension, trial-period notice, one-off sums, combined role labels."""

from __future__ import annotations

from decimal import Decimal

import pytest
from extraction_reading import read

from extraction.model import Duration, Money


def test_a_numbered_clause_under_a_heading_keeps_its_term() -> None:
    found = read(
        "3 VARIGHET OG FORNYELSE\n3.1 Avtalen løper fra leveringsstart 01.01.2025 i 24 "
        "måneder.\n3.2 Avtalen fornyes deretter automatisk for 12 måneder av gangen."
    )
    assert found.initial_term.value == Duration(count=24, unit="month")


def test_a_term_from_an_iso_date() -> None:
    found = read("Avtalen gjelder fra 2022-10-01 i 36 måneder.")
    assert found.initial_term.value == Duration(count=36, unit="month")


@pytest.mark.parametrize(
    "deadline",
    [
        "Kunden skal gi skriftlig melding om forlengelse senest seks måneder før avtalens utløp.",
        "Forlengelse forutsetter at Leietaker gir Utleier skriftlig melding senest 12 måneder før "
        "leieperiodens utløp.",
    ],
)
def test_the_deadline_to_take_up_an_extension_is_not_the_notice(deadline: str) -> None:
    found = read(f"Avtalen gjelder i tre år. {deadline} Kunden kan si opp avtalen med 3 "
                  "måneders skriftlig varsel.")
    assert found.notice_period.value == Duration(count=3, unit="month")


def test_notice_during_the_trial_period_is_not_the_notice() -> None:
    found = read(
        "Avtalen løper inntil videre. I prøvetiden kan hver av partene si opp avtalen med 14 "
        "dagers skriftlig varsel. Etter prøvetiden kan avtalen sies opp av hver av partene med "
        "tre (3) måneders skriftlig varsel."
    )
    assert found.notice_period.value == Duration(count=3, unit="month")


def test_a_due_time_written_as_a_label() -> None:
    found = read("Alle beløp faktureres Leietaker. Forfall: 10 dager etter fakturadato.")
    assert found.payment_terms.value == Duration(count=10, unit="day")


def test_a_one_off_sum_is_not_the_value() -> None:
    found = read(
        "5.1 Årlig lisensavgift inkludert support er EUR 48 000 eks. mva.\n"
        "5.2 Implementeringsbistand faktureres med et engangsbeløp på EUR 12 000."
    )
    assert found.contract_value.value == Money(
        amount=48000, currency="EUR", excluding_vat=True, per="year"
    )


def test_what_a_price_covers_in_brackets_before_the_amount() -> None:
    found = read(
        "Fast sesongpris (beredskap og inntil 20 utrykninger per sesong) er kr 245 000 eks. mva. "
        "per sesong."
    )
    assert found.contract_value.value.amount == 245000
    assert found.contract_value.value.per == "year"


def test_a_party_labelled_with_two_roles() -> None:
    found = read(
        "KONTRAKT OM VINTERDRIFT\n\nByggherre/Oppdragsgiver: Hallingfjell kommune, org. nr. "
        "941 917 674\nEntreprenør/Oppdragstaker: Brøyt & Strø Hallingdal AS, org. nr. "
        "831 465 859\n\nKontrakten bygger på NS 8406."
    )
    assert [(p.name, p.org_number) for p in found.parties.value] == [
        ("Hallingfjell kommune", "941917674"),
        ("Brøyt & Strø Hallingdal AS", "831465859"),
    ]


def test_the_date_of_an_earlier_offer_is_not_the_signing_date() -> None:
    found = read(
        "Avtalen erstatter tidligere tilbud, herunder tilbud datert 12. august 2022.\n\n"
        "Oslo, 21. september 2022\n\nNordisk Data AS"
    )
    assert found.signed_date.value.isoformat() == "2022-09-21"


def test_a_block_preamble_is_read_party_by_party() -> None:
    found = read(
        "AVTALE OM DRIFTSTJENESTER\n\nAvtale mellom:\n\nFjellvik Kartdata IKS (Kunden)\n"
        "Org.nr.: 915985343\n\nog\n\nSolstrand Drift AS (Leverandøren)\nNO 938 958 351 MVA\n\n"
        "1. Avtalens omfang\nLeverandøren skal drifte Kundens fagsystemer."
    )
    parties = {p.name: p.org_number for p in found.parties.value}
    assert parties == {"Fjellvik Kartdata IKS": "915985343", "Solstrand Drift AS": "938958351"}


def test_a_stated_last_day_of_a_lease_wins_over_start_plus_term() -> None:
    found = read(
        "4. LEIETID\n4.1 Leieforholdet starter 1. februar 2025 og løper i 10 – ti – år, til og "
        "med 31. januar 2035."
    )
    assert found.end_date.value.isoformat() == "2035-01-31"


def test_the_later_of_two_place_date_pairs_on_one_signature_line() -> None:
    body = "Avtalen er underlagt norsk rett.\n" * 30
    found = read(
        f"LISENSAVTALE\n\n{body}\nFor Kunde SA                         For Leverandør Ltd\n"
        "Trondheim, 21. september 2022                London, 23 September 2022\n\n"
        "____________________                 ____________________\n"
    )
    assert found.signed_date.value.isoformat() == "2022-09-23"


def test_two_place_date_pairs_joined_by_a_slash() -> None:
    body = "Avtalen er underlagt norsk rett.\n" * 30
    found = read(
        f"LISENSAVTALE\n\n{body}\nBodø, 3. oktober 2023 / Uppsala, 5. oktober 2023\n\n"
        "Nordland Vekst AS                         Ekholm Data AB\n"
    )
    assert found.signed_date.value.isoformat() == "2023-10-05"


def _value(text: str) -> tuple[Decimal, str | None] | None:
    found = read(text).contract_value
    return None if found is None else (found.value.amount, found.value.per)


def test_the_fixed_period_value_beats_the_one_with_options() -> None:
    assert _value(
        "3.3 Estimert verdi for den faste avtaleperioden (2 år) er kr 2 800 000 eks. mva. Med "
        "begge opsjonsårene utgjør den estimerte verdien kr 5 600 000 eks. mva."
    ) == (Decimal(2800000), None)


def test_the_options_inclusive_estimate_beats_the_ceiling() -> None:
    assert _value(
        "Samlet estimert verdi av rammeavtalen, inkludert opsjoner, er kr 12 800 000 eks. mva.\n"
        "Rammeavtalens maksimale verdi er kr 16 000 000 eks. mva."
    ) == (Decimal(12800000), None)


def test_a_sum_outside_this_contract_is_not_its_value() -> None:
    assert _value(
        "AVTALE OM LEVERING AV FJERNVARME\n\nTilknytningsavgiften på kr 185 000 eks. mva. er "
        "gjort opp og omfattes ikke av denne avtalen. Prisene følger prislisten."
    ) is None


def test_the_framework_value_is_not_the_call_offs() -> None:
    assert _value(
        "AVROPSAVTALE\n\n1.2 Rammeavtalens maksimale verdi er kr 480 000 000 eks. mva.\n"
        "4.2 Avropets samlede verdi er estimert til kr 2 460 000 eks. mva."
    ) == (Decimal(2460000), None)


@pytest.mark.parametrize(("text", "expected"), [
    ("Månedlig leie for utstyret er kr 2 140 eks. mva. pr. måned.", (Decimal(2140), "month")),
    ("Fast pris per sesong er kr 96 000 eks. mva.", (Decimal(96000), "year")),
    ("Kundens estimerte innkjøp under avtalen er kr 3 600 000 eks. mva.", (Decimal(3600000), None)),
])
def test_fees_and_estimates_as_norwegian_writes_them(
        text: str, expected: tuple[Decimal, str | None]) -> None:
    assert _value(text) == expected


def test_work_left_out_of_the_price_does_not_make_it_no_value() -> None:
    assert _value("Fast pris per sesong er kr 96 000 eks. mva.; bortkjøring av snø inngår ikke.") \
        == (Decimal(96000), "year")


def test_the_budget_frame_of_an_assignment_beside_its_hourly_rate() -> None:
    # The VAT note ends the frame's sentence; the hourly rate after it is a sentence of its own.
    assert _value(
        "OPPDRAGSAVTALE\n\n3. Pris\nRammen for oppdraget er kr 420 000 eks. mva. Timepris for "
        "prosjektleder er kr 1 250 eks. mva. Faktura sendes hver måned."
    ) == (Decimal("420000"), None)


def test_a_leased_objects_cost_is_not_the_lease_value() -> None:
    # The rent is worked out from the object's cost; the rent is what the lease is worth.
    assert _value(
        "LEASINGAVTALE\n\n4. Leie\nMånedlig leie utgjør kr 9 450 eks. mva.\n\n"
        "Leien er beregnet ut fra objektets kostpris på kr 412 000 eks. mva. og en fast rente."
    ) == (Decimal("9450"), "month")


def test_the_shares_of_a_fee_are_not_its_value() -> None:
    assert _value(
        "SERVICEAVTALE\n\n5. Pris\nÅrlig vederlag er kr 96 000 eks. mva., herav kr 60 000 for "
        "service på heisene og kr 36 000 for døgnvakt."
    ) == (Decimal("96000"), "year")


def test_a_cancellation_notice_when_the_assignment_names_no_other() -> None:
    found = read(
        "OPPDRAGSAVTALE\n\n4. Avbestilling\nKunden kan avbestille hele eller deler av oppdraget "
        "med tre ukers skriftlig varsel.\n\n5. Lovvalg\nNorsk rett gjelder."
    )
    assert found.notice_period.value == Duration(count=3, unit="week")


def test_a_notice_to_terminate_wins_over_a_cancellation_notice() -> None:
    found = read(
        "OPPDRAGSAVTALE\n\n4. Avbestilling\nKunden kan avbestille oppdraget med 10 dagers "
        "varsel.\n\n5. Oppsigelse\nAvtalen kan sies opp med to måneders skriftlig varsel."
    )
    assert found.notice_period.value == Duration(count=2, unit="month")
