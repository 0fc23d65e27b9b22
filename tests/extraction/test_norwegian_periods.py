"""Norwegian ways of writing when a contract starts and ends and how long notice runs."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from extraction.dates import extract_dates
from extraction.durations import parse_duration
from extraction.model import Duration, Finding
from extraction.terms import extract_terms
from extraction.text import ContractText

PREAMBLE = (
    "AVTALE\n\nMellom Aker Drift AS, org.nr. 890748333, og Oslo kommune, org.nr. 988762326, er "
    "det inngått følgende avtale.\n\n1. Varighet\n"
)
SIGNATURES = "\n\n2. Lovvalg\nAvtalen er underlagt norsk rett.\n\nOslo, 10. januar 2023\n"


def dates(clause: str) -> dict[str, Finding[Any]]:
    return extract_dates(ContractText.of([PREAMBLE + clause + SIGNATURES]), "nb")


def value(found: dict[str, Finding[Any]], name: str) -> Any:
    finding = found.get(name)
    return None if finding is None else finding.value


@pytest.mark.parametrize(
    ("clause", "start", "end"),
    [
        ("Kontraktsperiode: 01.03.2023–28.02.2025.", dt.date(2023, 3, 1), dt.date(2025, 2, 28)),
        ("Avtalen gjelder f.o.m. 01.02.2023 t.o.m. 31.01.2025.",
         dt.date(2023, 2, 1), dt.date(2025, 1, 31)),
        ("Avtaleperioden er 01.09.2023 - 31.08.2025.", dt.date(2023, 9, 1), dt.date(2025, 8, 31)),
        ("Oppstart: 15.08.2023. Avtalen varer til 14.08.2025.",
         dt.date(2023, 8, 15), dt.date(2025, 8, 14)),
        ("Avtalen gjelder fra og med 15. oktober 2023 til og med 30. april 2025.",
         dt.date(2023, 10, 15), dt.date(2025, 4, 30)),
    ],
)
def test_a_period_written_as_its_two_ends(clause: str, start: dt.date, end: dt.date) -> None:
    found = dates(clause)
    assert value(found, "effective_date") == start
    assert value(found, "end_date") == end


@pytest.mark.parametrize(
    "clause",
    [
        "Leieforholdet starter ved overtakelse den 3. mars 2023 og løper i 36 måneder.",
        "Avtalen har virkning fra 3. mars 2023 og gjelder til den sies opp.",
    ],
)
def test_the_start_named_by_an_event_with_its_date(clause: str) -> None:
    assert value(dates(clause), "effective_date") == dt.date(2023, 3, 3)


@pytest.mark.parametrize(
    "clause",
    [
        "Avtalen gjelder fra den dato den er signert av begge parter, og løper i 3 år.",
        "Avtalen gjelder i tre år fra kontraktsinngåelse.",
    ],
)
def test_a_start_on_signing_is_the_signing_date(clause: str) -> None:
    assert value(dates(clause), "effective_date") == dt.date(2023, 1, 10)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Avtalen løper i 3 – tre – år", Duration(count=3, unit="year")),
        ("en oppsigelsestid på 6 – seks – måneder", Duration(count=6, unit="month")),
        ("med en måneds skriftlig varsel", Duration(count=1, unit="month")),
        ("med en ukes varsel", Duration(count=1, unit="week")),
    ],
)
def test_norwegian_duration_forms(phrase: str, expected: Duration) -> None:
    assert parse_duration(phrase) == expected


def terms(clause: str) -> dict[str, Finding[Any]]:
    return extract_terms(ContractText.of([PREAMBLE + clause + SIGNATURES]), "nb")


def test_a_term_with_the_figure_spelled_out_between_dashes() -> None:
    found = terms("Avtalen løper i 3 – tre – år fra leveringsstart 01.01.24.")
    assert value(found, "initial_term") == Duration(count=3, unit="year")


def test_notice_written_with_a_genitive_unit() -> None:
    found = terms("Hver av partene kan si opp avtalen med en måneds skriftlig varsel.")
    assert value(found, "notice_period") == Duration(count=1, unit="month")


def test_notice_to_use_an_option_to_extend_is_not_the_notice_period() -> None:
    found = terms(
        "Leieforholdet løper i 36 måneder. Leietaker har rett til å forlenge leieforholdet med "
        "12 måneder ved skriftlig varsel senest 3 måneder før leietidens utløp."
    )
    assert value(found, "notice_period") is None


def test_the_deadline_to_notify_an_extension_is_not_the_notice_period() -> None:
    found = terms(
        "Avtalen løper i fem år. Kunden kan forlenge avtalen med to år. Fornyelse skal varsles "
        "skriftlig senest seks måneder før avtaleperiodens utløp."
    )
    assert value(found, "notice_period") is None


def test_notice_that_no_extension_is_wanted_is_the_notice_period() -> None:
    found = terms(
        "Avtalen forlenges automatisk med ett år. Ønskes ikke forlengelse må dette varsles "
        "skriftlig senest tre måneder før utløp."
    )
    assert value(found, "notice_period") == Duration(count=3, unit="month")


def test_the_current_agreement_period_is_no_open_ended_agreement() -> None:
    found = dates("Avtalen gjelder fra og med 1. juni 2025 og løper i tre (3) år. Varsel om "
                  "opsjon gis senest to måneder før utløpet av den løpende avtaleperioden.")
    assert "perpetual" not in found


def test_a_running_agreement_is_open_ended() -> None:
    found = dates("Avtalen gjelder fra 1. juni 2025 og er en løpende avtale som kan sies opp "
                  "med tre måneders varsel.")
    assert value(found, "perpetual") is True


def test_notice_to_cancel_an_assignment_is_the_notice_period() -> None:
    found = terms("Oppdragsgiver kan avbestille leveransen med ti (10) dagers skriftlig varsel.")
    assert value(found, "notice_period") == Duration(count=10, unit="day")


def _notice(clause: str) -> Duration | None:
    found = extract_terms(ContractText.of([PREAMBLE + clause + SIGNATURES]), "nb")
    return value(found, "notice_period")


@pytest.mark.parametrize(("clause", "expected"), [
    ("Oppdragsgiver kan si opp avtalen med en frist på 120 dager.",
     Duration(count=120, unit="day")),
    ("Oppdragsgiver kan si opp avtalen med skriftlig varsel på minst tre (3) måneder.",
     Duration(count=3, unit="month")),
    ("Etter prøveperioden er den gjensidige oppsigelsesfristen tre (3) måneder.",
     Duration(count=3, unit="month")),
])
def test_notice_named_before_its_figure(clause: str, expected: Duration) -> None:
    assert _notice(clause) == expected


def test_a_number_word_starts_a_word() -> None:
    # "oppsigelsesfristen" ends in "ten", which is no number here.
    assert parse_duration("oppsigelsesfristen tre (3) måneder") == Duration(count=3, unit="month")


def test_the_pronoun_after_a_term_sentence_is_the_agreement() -> None:
    found = dates("Avtalen gjelder for tre (3) sesonger. Den trer i kraft 15.10.2024 og utløper "
                  "30.04.2027.\n\n2. Oppdraget\nEntreprenøren skal brøyte veiene og strø "
                  "gangveiene når det er glatt, hele sesongen.")
    assert value(found, "effective_date") == dt.date(2024, 10, 15)


def test_a_licence_that_runs_from_a_date() -> None:
    # In a licence agreement the licence's own term is the contract's.
    found = dates("Lisensen løper i to (2) år fra 1. mars 2023, og fornyes deretter årlig.")
    assert value(found, "effective_date") == dt.date(2023, 3, 1)


def test_a_start_at_an_event_dated_after_its_name() -> None:
    found = dates("Avtaleperioden er tre (3) år, med oppstart ved sesongstart 1. mai 2023.")
    assert value(found, "effective_date") == dt.date(2023, 5, 1)


def test_a_ground_lease_names_its_term_festetiden() -> None:
    clause = "Festetiden er åtti (80) år regnet fra 1.1.2025.\n"
    found = dates(clause)
    assert value(found, "effective_date") == dt.date(2025, 1, 1)
    assert value(terms(clause), "initial_term") == Duration(count=80, unit="year")


def test_a_warranty_running_until_a_date_is_not_the_agreements_end() -> None:
    found = dates("Avtalen gjelder fra 1. februar 2023 og løper inntil den sies opp. Produsentens "
                  "garanti på anlegget, som løper til 1. juni 2027, påvirkes ikke av denne "
                  "avtalen.\n")
    assert value(found, "end_date") is None


def test_the_agreement_running_until_a_date_after_a_warranty_is_its_end() -> None:
    found = dates("Leverandøren gir 24 måneders garanti på utført arbeid. Avtalen løper til "
                  "31. desember 2025.\n")
    assert value(found, "end_date") == dt.date(2025, 12, 31)


def test_notice_of_one_month_written_with_an_accented_en() -> None:
    found = terms(
        "Avtalen løper i tre år. Kunden kan si opp avtalen med én måneds skriftlig varsel."
    )
    assert value(found, "notice_period") == Duration(count=1, unit="month")


def test_an_accented_en_before_no_unit_is_no_duration() -> None:
    assert parse_duration("én måned") == Duration(count=1, unit="month")
    assert parse_duration("Sameiet kan si opp avtalen én gang per sesong.") is None


def test_an_extension_notified_without_a_modal_is_the_options_deadline() -> None:
    found = terms(
        "Avtalen løper i to år. Byggherren kan forlenge kontrakten med ett år. Forlengelse "
        "meddeles skriftlig senest fire måneder før kontraktsperioden utløper. Kunden kan si "
        "opp avtalen med tre måneders skriftlig varsel."
    )
    assert value(found, "notice_period") == Duration(count=3, unit="month")
    # Notifying that no extension is wanted ends the contract: that is its notice.
    declined = terms(
        "Avtalen forlenges automatisk med ett år. Ikke forlengelse varsles skriftlig senest "
        "fire måneder før utløp."
    )
    assert value(declined, "notice_period") == Duration(count=4, unit="month")


def test_an_end_named_then_restated_as_a_date_after_a_comma() -> None:
    found = dates("Avtalen gjelder for tre vintersesonger fra 15. oktober 2025, og avtalen utløper "
                  "ved slutten av sesongen 2027/2028, den 15. april 2028.")
    assert value(found, "end_date") == dt.date(2028, 4, 15)
    # A meeting held at the end of a season is no end of the agreement.
    meeting = dates("Avtalen gjelder fra 15. oktober 2025. Evalueringsmøte holdes ved slutten av "
                    "sesongen, den 15. april 2026.")
    assert value(meeting, "end_date") is None
