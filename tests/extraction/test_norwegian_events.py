"""A term counted from an event whose date another clause states."""

from __future__ import annotations

import datetime as dt

from extraction.dates import extract_dates
from extraction.terms import extract_terms
from extraction.text import ContractText


def _effective(text: str) -> dt.date | None:
    found = extract_dates(ContractText.of([text]), "nb")
    return found["effective_date"].value if "effective_date" in found else None


def test_a_term_counted_from_a_start_dated_elsewhere() -> None:
    text = ("DRIFTSAVTALE\n\n2.1 Idriftsettelse er planlagt til 3.2.25.\n\n"
            "3.1 Avtalen løper i fire år regnet fra idriftsettelse.\n\nBodø, 2. januar 2025\n")
    assert _effective(text) == dt.date(2025, 2, 3)


def test_an_event_date_that_defines_its_name() -> None:
    text = ("LEIEKONTRAKT\n\nLokalene overtas av Leietaker 01.06.2025 («Overtakelsesdagen»).\n\n"
            "Leietiden er fem år regnet fra overtakelse.\n")
    assert _effective(text) == dt.date(2025, 6, 1)


def test_a_deadline_for_the_event_is_not_its_date() -> None:
    text = ("KJØPSAVTALE\n\nVarene leveres innen 1. mai 2025.\n\n"
            "Avtalen gjelder fra 10. april 2025 og løper i to år regnet fra levering.\n")
    assert _effective(text) == dt.date(2025, 4, 10)


def test_a_licence_term_under_a_heading_listing_its_subjects() -> None:
    text = ("5 LISENSPERIODE, FORNYELSE OG OPPHØR\n"
            "5.1 Lisensen gjelder i tre (3) år fra leveringsdato.\n")
    term = extract_terms(ContractText.of([text]), "nb")["initial_term"].value
    assert (term.count, term.unit) == (3, "year")


def test_a_delivery_agreed_for_a_day_with_the_term_counted_from_it() -> None:
    # "avtalt til" sets the day of the event; it is not the contract's end.
    text = ("LEIEAVTALE\n\n2.1 Levering og installasjon er avtalt til 15/3-2022. Leieperioden er "
            "60 måneder og regnes fra levering.\n\nTromsø, 3/3-2022\n")
    found = extract_dates(ContractText.of([text]), "nb")
    assert found["effective_date"].value == dt.date(2022, 3, 15)
    assert "end_date" not in found


def test_an_event_dated_in_a_relative_clause() -> None:
    # The event is named, then dated in the clause that follows it ("..., som er satt til").
    text = ("DRIFTSAVTALE\n\n1.2 Avtalen trer i kraft ved signering. Tjenesten leveres fra "
            "oppstart, som er satt til 15. mars 2025.\n\n1.3 Avtalen løper i to år regnet "
            "fra oppstart.\n\nMolde, 3. februar 2025\n")
    assert _effective(text) == dt.date(2025, 3, 15)


def test_an_event_said_to_happen_on_a_day() -> None:
    # "skal skje" dates the event itself; the term counted from it starts then.
    text = ("LEIEKONTRAKT\n\n3 Overtakelse skal skje den 1. april 2026.\n\n"
            "4 Leietiden er seks år regnet fra overtakelse.\n\nHamar, 12. januar 2026\n")
    assert _effective(text) == dt.date(2026, 4, 1)


def test_an_event_said_to_happen_by_a_deadline_is_not_dated() -> None:
    text = ("LEIEKONTRAKT\n\nOvertakelse skjer innen 1. april 2026.\n\n"
            "Leietiden er seks år regnet fra overtakelse.\n\nHamar, 12. januar 2026\n")
    assert _effective(text) != dt.date(2026, 4, 1)


def test_the_start_waits_for_an_event_planned_for_a_day() -> None:
    text = ("AVTALE OM MOBILTJENESTER\n\n3.1 Avtalen trer i kraft fra den dato tjenestene er satt "
            "i drift, planlagt 1. april 2025.\n\n3.2 Avtalen har en bindingstid på 24 måneder.\n\n"
            "Oslo, 3. mars 2025\n")
    assert _effective(text) == dt.date(2025, 4, 1)


def test_a_planned_visit_is_not_the_start() -> None:
    text = ("SERVICEAVTALE\n\n2.1 Avtalen gjelder fra signering.\n\n3.1 Første servicebesøk er "
            "planlagt 15. november 2025.\n\nBergen, 12. september 2025\n")
    assert _effective(text) != dt.date(2025, 11, 15)
