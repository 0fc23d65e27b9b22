from __future__ import annotations

from decimal import Decimal

import pytest

from extraction.model import Duration, Language
from extraction.money import currency_of, extract_money, parse_amount
from extraction.text import ContractText


@pytest.mark.parametrize(
    ("figure", "amount"),
    [
        ("1 250 000", "1250000"),
        ("1 250 000,-", "1250000"),
        ("1.250.000", "1250000"),
        ("1.250.000,50", "1250000.50"),
        ("1,250,000.00", "1250000.00"),
        ("12,500.00", "12500.00"),
        ("1 250,50", "1250.50"),
        ("1250.50", "1250.50"),
        ("42,50", "42.50"),
        ("450", "450"),
        ("4,500", "4500"),
    ],
)
def test_parse_amount(figure: str, amount: str) -> None:
    assert parse_amount(figure) == Decimal(amount)


@pytest.mark.parametrize(("text", "code"), [("kr", "NOK"), ("NOK", "NOK"), ("$", "USD"),
                                            ("US$", "USD"), ("€", "EUR"), ("kroner", "NOK")])
def test_currency_of(text: str, code: str) -> None:
    assert currency_of(text) == code


def _value(text: str, language: Language = "nb") -> tuple[Decimal, str, bool | None] | None:
    found = extract_money(ContractText.of([text]), language).get("contract_value")
    if found is None:
        return None
    return found.value.amount, found.value.currency, found.value.excluding_vat


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Avtalens anslåtte verdi er NOK 4 500 000,- eks. mva.",
         (Decimal(4500000), "NOK", True)),
        ("Årlig lisensavgift er kr 250 000 eks. mva. Tilleggsbrukere faktureres med kr 450,- per "
         "bruker per måned.", (Decimal(250000), "NOK", True)),
        ("Månedlig vederlag er kr 85 000 eks. mva. Samlet årlig vederlag utgjør kr 1 020 000 "
         "eks. mva.", (Decimal(1020000), "NOK", True)),
        ("Timepris er NOK 1 450,- eks. mva. Samlet anslått verdi av oppdraget er NOK 580 000,- "
         "inkl. mva.", (Decimal(580000), "NOK", False)),
        ("Kontraktens estimerte verdi er 2 millioner kroner.", (Decimal(2000000), "NOK", None)),
        ("Rammeavtalens totale verdi er estimert til NOK 12 mill.",
         (Decimal(12000000), "NOK", None)),
        # A purchase sum compounded, and the VAT rate named before the tax.
        ("Samlet kjøpesum er kr 612 500,- eks. mva., kr 765 625,- inkl. 25 % mva.",
         (Decimal(612500), "NOK", True)),
        # A sentence about an hourly rate states a rate, however long its subject.
        ("3.1 Abonnementsvederlaget er NOK 2 340 000 per år ekskl. mva.\n\n3.3 Timepris for "
         "bistand ut over avtalt omfang er NOK 1 495 ekskl. mva.",
         (Decimal(2340000), "NOK", True)),
        # Priced from an hourly rate, the total is still the contract's value.
        ("Samlet vederlag, beregnet etter timepris og et anslått forbruk på om lag 400 timer i "
         "avtaleperioden, er NOK 640 000 eks. mva.",
         (Decimal(640000), "NOK", True)),
        # "fast pris" spelt apart; the VAT-inclusive restatement names "merverdiavgift",
        # which is no fee.
        ("Avropet har en fast pris på NOK 1 847 500 ekskl. merverdiavgift, tilsvarende "
         "NOK 2 309 375 inkl. merverdiavgift.", (Decimal(1847500), "NOK", True)),
        ("Beløpet på NOK 80 000 er inkl. merverdiavgift.", None),
        # A sum insured is no contract value, compounded or not.
        ("Samlet forsikringssum er kr 5 000 000.", None),
    ],
)
def test_norwegian_contract_value(text: str, expected: tuple[Decimal, str, bool | None]) -> None:
    assert _value(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The total fees payable under this Agreement shall not exceed USD 1,200,000.00.",
         (Decimal("1200000.00"), "USD", None)),
        ("Licensee shall pay Licensor an annual license fee of $150,000, payable in advance.",
         (Decimal(150000), "USD", None)),
        ("The Contract Value is EUR 2.5 million.", (Decimal("2500000.0"), "EUR", None)),
        ("Supplier's aggregate liability shall not exceed $1,000,000.", None),
        ("The hourly rate is USD 175.00 per hour.", None),
    ],
)
def test_english_contract_value(text: str, expected: tuple[Decimal, str, bool | None]) -> None:
    assert _value(text, "en") == expected


def _payment(text: str, language: Language = "en") -> tuple[int, str] | None:
    found = extract_money(ContractText.of([text]), language).get("payment_terms")
    return None if found is None else (found.value.count, found.value.unit)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Betalingsbetingelser: 30 dager netto.", (30, "day")),
        ("Betalingsvilkår er 14 dager netto.", (14, "day")),
        ("Betaling skal skje innen 30 dager fra fakturadato.", (30, "day")),
        ("Betalingsfrist er 30 dager.", (30, "day")),
        ("All invoices are payable net 45.", (45, "day")),
        ("Customer shall pay each undisputed invoice within thirty (30) days of receipt of "
         "invoice.", (30, "day")),
        ("Invoices will be paid within 15 days of receipt of the invoice.", (15, "day")),
        ("Payment of FCC invoices shall be due within sixty (60) days of the respective invoice "
         "date.", (60, "day")),
        ("Either party may terminate this Agreement upon thirty (30) days written notice.", None),
        ("Licensor shall respond within ten (10) days after receipt of the request.", None),
    ],
)
def test_payment_terms(text: str, expected: tuple[int, str] | None) -> None:
    assert _payment(text) == expected


@pytest.mark.parametrize(
    ("sentence", "days"),
    [
        ("Betaling skjer 45 dager etter fakturadato.", 45),
        ("Fakturaene har forfall 15 dager.", 15),
        ("Leien forfaller til betaling innen 10 dager etter fakturadato.", 10),
    ],
)
def test_norwegian_payment_terms_after_the_verb(sentence: str, days: int) -> None:
    found = extract_money(ContractText.of([sentence]), "nb")["payment_terms"]
    assert found.value == Duration(count=days, unit="day")


def test_a_building_contract_pays_by_instalment_note() -> None:
    assert _payment("Byggherren skal betale innen 30 dager etter mottatt avdragsnota.", "nb") == (
        30, "day"
    )
    # The contractor answering a note within a deadline is no payment.
    answer = "Entreprenøren skal svare innen 14 dager etter mottatt avdragsnota."
    assert _payment(answer, "nb") is None


def test_a_complaint_deadline_is_not_payment_terms() -> None:
    assert "payment_terms" not in extract_money(
        ContractText.of(["Reklamasjon må skje innen 7 dager."]), "nb"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Rent is a fee; VAT may follow its period.
        ("Leien er kr 49 000 per måned eks. mva. for begge maskinene.",
         (Decimal(49000), True, "month")),
        ("Husleien utgjør kr 620 000 per år ekskl. mva.", (Decimal(620000), True, "year")),
        # A season comes once a year.
        ("Fast sesongpris er kr 68 000 eks. mva. per sesong.", (Decimal(68000), True, "year")),
        ("The monthly rent is USD 12,500.", (Decimal(12500), None, "month")),
    ],
)
def test_fees_keep_their_period(text: str, expected: tuple[Decimal, bool | None, str]) -> None:
    language: Language = "en" if text.startswith("The") else "nb"
    found = extract_money(ContractText.of([text]), language).get("contract_value")
    assert found is not None
    assert (found.value.amount, found.value.excluding_vat, found.value.per) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The figure is in millions of the currency.
        ("Estimert samlet kontraktsverdi for perioden er MNOK 46,8 eks. mva.",
         (Decimal("46800000.0"), None)),
        # Norwegian compounds the value noun and the period with the fee.
        ("Det samlede sponsorbeløpet for avtaleperioden utgjør kr 300 000,-.",
         (Decimal(300000), None)),
        ("Fast månedspris for tjenestene er kr 4 900,- eks. mva.", (Decimal(4900), "month")),
        # The fee, not the instalment it is invoiced in.
        ("Fast årlig serviceavgift er kr 38 400,- eks. mva. Serviceavgiften faktureres "
         "kvartalsvis forskuddsvis med kr 9 600,- eks. mva.", (Decimal(38400), "year")),
        # A rate per employee or per day is a unit price, not the fee.
        ("Virksomheten betaler en fast årlig avgift på kr 312 000,-. Avgiften er beregnet med "
         "utgangspunkt i 140 ansatte (kr 2 228,57 per ansatt).", (Decimal(312000), "year")),
        ("Oppdragsgiver betaler et fast årlig driftsvederlag på kr 2 340 000,-. Ved stenging "
         "reduseres vederlaget med kr 6 500,- per påbegynt stengt døgn.",
         (Decimal(2340000), "year")),
    ],
)
def test_norwegian_fee_forms(text: str, expected: tuple[Decimal, str | None]) -> None:
    found = extract_money(ContractText.of([text]), "nb").get("contract_value")
    assert found is not None
    assert (found.value.amount, found.value.per) == expected


def test_an_instalment_alone_is_still_the_fee() -> None:
    found = extract_money(
        ContractText.of(["Avgiften faktureres kvartalsvis med kr 9 600,- eks. mva."]), "nb"
    ).get("contract_value")
    assert found is not None and found.value.amount == Decimal(9600)


def test_a_word_starting_with_m_before_the_currency_is_no_million() -> None:
    assert _value("Samlet verdi er NOK 46 800.") == (Decimal(46800), "NOK", None)


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Forfall er 21 dager etter mottak av korrekt elektronisk faktura.", "nb", (21, "day")),
        ("Payment shall be made no later than thirty (30) days from the invoice date.", "en",
         (30, "day")),
        # The grace after a demand before default is not the time an invoice gives.
        ("Fravikelse kan kreves dersom leien ikke betales innen 14 dager etter skriftlig "
         "påkrav.", "nb", None),
        ("The Supplier shall deliver no later than thirty (30) days from the order date.", "en",
         None),
    ],
)
def test_payment_terms_stated_as_due_time(
    text: str, language: Language, expected: tuple[int, str] | None
) -> None:
    assert _payment(text, language) == expected


def test_a_subscription_or_a_recurring_gebyr_is_the_contract_fee() -> None:
    subscription = "3.1 Bedriften betaler et fast bedriftsabonnement på kr 18 900,- per måned."
    assert _value(subscription) == (Decimal("18900"), "NOK", None)
    monthly = "4.1 Fast administrasjonsgebyr kr 1 450,- per måned."
    assert _value(monthly) == (Decimal("1450"), "NOK", None)
    # A gebyr charged once (establishment, documents) is no fee the contract is worth.
    once = "4.4 Etablerings- og dokumentgebyr kr 2 500 betales med første faktura."
    assert _value(once) is None


def test_days_in_the_genitive_before_betalingsfrist_are_the_payment_terms() -> None:
    sentence = "3.4 Faktura sendes månedlig med 14 dagers betalingsfrist."
    assert _payment(sentence, "nb") == (14, "day")
    # Days of notice before a price change are no time to pay.
    assert _payment("3.5 Prisendring varsles med 60 dagers skriftlig varsel.", "nb") is None
