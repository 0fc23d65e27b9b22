"""Contract value and payment terms.

Amounts are written many ways: "NOK 1 250 000,-", "kr 250 000 eks. mva.", "USD 12,500.00",
"$1,000,000", "EUR 1.250.000". A contract names many amounts (hourly rates, penalties, liability
caps); the contract value is the one next to words that say so ("contract value", "total",
"avtalens verdi", "anslått verdi", "annual license fee"), never a unit price or a cap.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, NamedTuple

from extraction.durations import duration_of, find_durations
from extraction.model import Duration, Finding, Language, Money
from extraction.other_agreements import names_other_agreement, own_kinds
from extraction.text import ContractText
from extraction.value_scope import counts_options, for_whole_period, outside_this_contract

_I = re.IGNORECASE

_CURRENCIES = {
    "nok": "NOK", "kr": "NOK", "kr.": "NOK", "kroner": "NOK", "norske kroner": "NOK",
    "usd": "USD", "$": "USD", "us$": "USD", "dollars": "USD", "eur": "EUR", "€": "EUR",
    "euro": "EUR", "gbp": "GBP", "£": "GBP", "sek": "SEK", "dkk": "DKK", "chf": "CHF",
    "cad": "CAD", "rmb": "CNY", "cny": "CNY", "jpy": "JPY",
}
_CURRENCY = r"(?:NOK|USD|EUR|GBP|SEK|DKK|CHF|CAD|RMB|CNY|JPY|US\$|kr\.?|\$|€|£)"
_CURRENCY_AFTER = r"(?:NOK|USD|EUR|GBP|SEK|DKK|kroner|norske\s+kroner|dollars|euro|kr\.?)"
# 1 250 000 | 1,250,000.00 | 1.250.000,50 | 12500 | 1 250,-
_FIGURE = r"\d{1,3}(?:(?:[ \u00a0]|,|\.)\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_SCALE_WORDS = r"million|millioner|mill\.?|mnok|billion|milliard(?:er)?|mrd\.?|thousand"
# "MNOK 46,8", "MEUR 3,2": the figure is in millions of the currency.
_IN_MILLIONS = r"\bM(?=(?:NOK|EUR|USD|SEK|DKK)\b)"
_AMOUNT = re.compile(
    rf"(?P<millions>{_IN_MILLIONS})?(?P<cur>{_CURRENCY})\s?(?P<num>{_FIGURE})(?:\s?,-|\s?,–)?"
    rf"(?:\s+(?P<scale>{_SCALE_WORDS}))?"
    rf"|(?P<num2>{_FIGURE})(?:\s?,-)?(?:\s+(?P<scale2>{_SCALE_WORDS}))?"
    rf"\s+(?P<cur2>{_CURRENCY_AFTER})\b",
    _I,
)
# An amount's figure starts with a digit at most this far into the match: after a currency
# of at most four characters ("MNOK", "US$", "kr.") and one space.
_MAX_DIGIT_OFFSET = 5
_DIGITS = re.compile(r"\d+")


def amounts_in(body: str) -> Iterator[re.Match[str]]:
    """The matches of `_AMOUNT.finditer(body)`, four times faster: a match can only start
    within `_MAX_DIGIT_OFFSET` characters before a digit, so only those places are tried
    (in order, each after the last match's end, as finditer does). Scanning every position
    of a contract for a currency word was ~10% of extraction."""
    resume = 0
    for run in _DIGITS.finditer(body):
        for start in range(max(resume, run.start() - _MAX_DIGIT_OFFSET), run.end()):
            if start < resume:
                continue
            match = _AMOUNT.match(body, start)
            if match is not None:
                yield match
                resume = match.end()


_SCALES = {
    "million": 10**6, "millioner": 10**6, "mill": 10**6, "mill.": 10**6, "mnok": 10**6,
    "billion": 10**9, "milliard": 10**9, "milliarder": 10**9, "mrd": 10**9, "mrd.": 10**9,
    "thousand": 10**3,
}
# VAT is said right after the amount or after its period ("kr 49 000 per måned eks. mva.").
_EXCLUDING_VAT = re.compile(
    r"^[\s,.-]{0,3}(?:(?:per|pr\.?)\s+\w+[\s,]+)?(?:\(?\s*)?"
    r"(?:eks(?:kl)?\.?\s*(?:mva|merverdiavgift)|eksklusive\s+(?:mva"
    r"|merverdiavgift)|uten\s+mva|excl(?:uding|\.|usive\s+of)?\s*(?:of\s+)?VAT|ex\.?\s*VAT"
    r"|net\s+of\s+VAT)",
    _I,
)
# "kr 765 625,- inkl. 25 % mva.": the rate may be named before the tax.
_INCLUDING_VAT = re.compile(
    r"^[\s,.-]{0,3}(?:(?:per|pr\.?)\s+\w+[\s,]+)?(?:\(?\s*)?"
    r"(?:inkl\.?\s*(?:\d{1,2}(?:[.,]\d+)?\s*%\s*)?(?:mva|merverdiavgift)|inklusive\s+(?:mva"
    r"|merverdiavgift)|incl(?:uding|\.|usive\s+of)?\s*(?:of\s+)?VAT)",
    _I,
)
_VALUE_WORDS = re.compile(
    r"contract\s+(?:value|price|sum|amount)|total\s+(?:contract\s+)?(?:value|price|fees?"
    r"|amount|consideration|cost|compensation)|aggregate|not\s+(?:to\s+)?exceed|estimated"
    r"\s+value|maximum\s+value|(?:avtalens|kontraktens|rammeavtalens|oppdragets|avropets)"
    r"\s+(?:\w+\s+){0,2}"
    # "Kontraktens økonomiske ramme er": the frame the contract's purchases are held within.
    r"(?:verdi|ramme\b)|anslått\w*\s+verdi|estimert\w*\s+verdi"
    # "Kundens estimerte innkjøp under avtalen er": what the customer expects to buy.
    r"|(?:estimert|anslått|forventet)\w*\s+(?:[\wæøå]+\s+)?(?:innkjøp|kjøp|volum)"
    # "Det samlede sponsorbeløpet", "samlet leiebeløp": Norwegian compounds the noun.
    # "Samlet kjøpesum er kr 612 500", "samlet kontraktssum": a sum compounded too.
    r"|samle(?:t|de)\s+(?:\w+\s+){0,2}[\wæøå]*(?:verdi|vederlag|pris|beløp|leie|sum)"
    r"|kontraktsverdi"
    r"|totalt?|rammens\s+(?:størrelse|verdi)|verdi\s+av\s+(?:oppdraget|avtalen|kontrakten)"
    # "Øvre ramme for avropet er NOK 850 000": the budget a call-off or assignment may use.
    r"|\bramme(?:n)?\s+for\s+(?:avropet|oppdraget|avtalen|kontrakten|leveransen)",
    _I,
)
_FEE_WORDS = re.compile(
    r"annual|yearly|license\s+fee|licence\s+fee|subscription\s+fee|fees?|purchase\s+price"
    # "Fast sesongpris (beredskap og inntil 20 utrykninger) er kr 245 000": what it covers
    # may be said in brackets before the amount.
    # "fast pris" is "fastpris" spelt apart; "merverdiavgift" (VAT) is no fee.
    r"|årlig|lisensavgift|vederlag|(?<!merverdi)avgift|kontraktssum|fast\s?pris\w*|honorar\w*"
    r"|pris(?:en)?\s+(?:\([^)]{0,80}\)\s+)?(?:for|er)"
    # "Månedlig leie for utstyret er", "Fast pris per sesong er": what or how often before.
    r"|\b(?:hus|måneds|års|grunn)?leie(?:n|summen)?\s+(?:for\s+[\wæøå]+\s+)?(?:er|utgjør|skal\s+være)"
    r"|\bpris(?:en)?\s+(?:per|pr\.?)\s+[\wæøå]+\s+(?:er|utgjør)"
    r"|\b(?:base|monthly|annual)\s+rent|\brent\s+(?:is|of|shall\s+be)"
    # "fast bedriftsabonnement på kr 18 900,-": a subscription compounded with who it is for.
    r"|abonnement\w*",
    _I,
)
# A rent per area ("kr 1 650 per m² for kontor", "kr 95 pr. kvm") is a unit price too.
# A "gebyr" is mostly charged once (establishment, documents, reminders, a breach), so it is
# the contract's fee only when it recurs: "Fast administrasjonsgebyr kr 1 450,- per måned".
_RECURRING_ONLY_FEE = re.compile(r"[\wæøå]*gebyr(?:et)?\b", _I)
_UNIT_PRICE = re.compile(
    r"(?:per|pr\.?)\s+(?:m²|m2|m³|m3|kvm|kvadratmeter)"
    r"|per\s+(?:time|hour|bruker|user|gang|stk|unit|enhet|dag|day|person|seat"
    r"|licen[cs]e|lisens|km|kg|ansatt\w*|elev\w*|deltaker\w*|kjøretøy\w*|employee)"
    # "reduseres vederlaget med kr 6 500 per påbegynt stengt døgn": a rate per day.
    r"|per\s+(?:påbegynt\w*\s+)?(?:[\wæøå]+\s+)?døgn\b"
    r"|timepris|hourly|timesats|/\s*(?:time|hour|hr|t)\b"
    r"|each\b|pr\.\s*(?:time|bruker|stk)",
    _I,
)
# "3.3 Timepris for bistand ut over avtalt omfang er NOK 1 495": a sentence whose subject is
# an hourly rate states a rate however far the subject stands from the amount.
_HOURLY_RATE = re.compile(
    r"\W*(?:\d+(?:\.\d+)*\.?\s+)?(?:timepris\w*|timesats\w*|(?:the\s+)?hourly\s+rates?)\b", _I
)
# A fee per year or month is kept as such, never taken for the contract's total. A season
# (winter service, summer maintenance) comes once a year, so a price per season is yearly.
# "Fast månedspris", "årsleien": Norwegian compounds the period with the fee.
_PER_YEAR = re.compile(
    r"\b(?:årlig\w*|års(?:pris|leie|avgift|vederlag|honorar|beløp)\w*"
    r"|per\s+år|pr\.?\s*år|annual(?:ly)?|yearly|per\s+(?:annum|year)|a\s+year"
    r"|each\s+year|every\s+year|(?:per|pr\.?)\s+(?:vinter|sommer)?sesong|per\s+season)\b",
    _I,
)
_PER_MONTH = re.compile(
    r"\b(?:månedlig\w*|måneds(?:pris|leie|avgift|vederlag|honorar|beløp)\w*"
    r"|per\s+måned|pr\.?\s*(?:måned|mnd)|monthly|per\s+month|a\s+month"
    r"|each\s+month|every\s+month)\b|/\s*(?:mnd|month)\b",
    _I,
)
_NOT_VALUE = re.compile(
    r"liabilit|ansvar|erstatning|penalt|dagbot|forsinkelse|insurance|forsikring|cap\b"
    r"|capital|share|stock|loan|lån|revenue|omsetning|net\s+sales|deductible|egenandel"
    r"|damages|bonus|reimburs|expenses|utgifter"
    # A one-off sum ("et engangsbeløp på EUR 12 000" for implementation) is not what the
    # contract is worth; its recurring fee or total is.
    r"|engangs"
    # An establishment fee is paid once at the start; an infringement fee is a penalty.
    r"|etablerings(?:gebyr|kostnad|honorar)\w*|oppstartsgebyr\w*|overtredelsesgebyr\w*"
    # "Leien er beregnet på grunnlag av en anskaffelseskost på kr 1 285 000": what a lease's
    # rent is computed from (the object's cost), not what the lease is worth.
    r"|anskaffelseskost\w*|kostpris\w*|beregnet\s+på\s+grunnlag\s+av",
    _I,
)

_PAYMENT_NET = re.compile(
    r"\b(?P<days>\d{1,3})\s*(?:dager|days|dgr\.?|d\.)\s+netto\b|\bnetto\s+(?P<days2>\d{1,3})"
    r"\s*(?:dager|days|d\.)|\bnet\s+(?P<days3>\d{1,3})\b(?:\s+days)?"
    r"|\b(?:betalingsfrist(?:en)?|betalingsbetingelser|betalingsvilkår|payment\s+terms?)"
    r"\s*(?:er|is|are|:)?\s*(?P<days4>\d{1,3})\s*(?:dager|days)\b"
    # "Betaling skjer 45 dager etter fakturadato", "med forfall 15 dager", "Forfall 30 dager fra
    # fakturadato": Norwegian states the due time after the verb or noun, not after "netto".
    # "Forfall: 10 dager etter fakturadato" as a label too.
    # "Betaling skal skje senest 30 dager etter mottatt faktura", "Forfall er 21 dager" too.
    r"|\b(?:betaling|betales|forfall|forfaller)\s*:?\s+"
    r"(?:(?:skal\s+)?skje[r]?\s+|til\s+betaling\s+|er\s+|skal\s+være\s+)?"
    r"(?:innen\s+|senest\s+)?"
    r"(?P<days5>\d{1,3})\s*(?:dager|dgr\.?)\b"
    # "Faktura sendes med 14 dagers betalingsfrist", "30 dagers forfall": the genitive before
    # the noun.
    r"|\b(?P<days6>\d{1,3})\s*dagers\s+(?:betalingsfrist|forfall|betalingsbetingelse)\w*",
    _I,
)
# "dersom leien ikke betales innen 14 dager etter skriftlig påkrav": the grace after a demand
# before the tenant is in default, not the time an invoice gives.
_AFTER_DEMAND = re.compile(
    r"\W{0,3}(?:etter|fra)\s+(?:skriftlig\s+|mottatt\s+)?(?:påkrav|purring|betalingsvarsel"
    r"|betalingsoppfordring|varsel)",
    _I,
)
# "Byggherren skal betale innen 30 dager etter mottatt avdragsnota": the NS building contracts
# (8405, 8406, 8407) invoice by instalment note (avdragsnota) and final account
# (sluttoppstilling), not by "faktura".
_INVOICE = re.compile(r"invoice|faktura|statement|avdragsnota|sluttoppstilling", _I)
_PAYMENT_CONTEXT = re.compile(
    r"invoice|faktura|payable|payment|betal|paid|pay\b|remit|forfall", _I
)


def parse_amount(text: str) -> Decimal | None:
    """A written figure as a Decimal: '1 250 000' and '1.250.000' (Norwegian thousands),
    '1,250,000.00' (English), '1 250,50' and '1250.50' (decimals)."""
    figure = re.sub(r"[\s\u00a0]", "", text.strip()).rstrip(",-–")
    if not figure or not re.fullmatch(r"[\d.,]+", figure):
        return None
    if "," in figure and "." in figure:
        decimal_mark = "," if figure.rfind(",") > figure.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        figure = figure.replace(thousands, "").replace(decimal_mark, ".")
    elif "," in figure or "." in figure:
        mark = "," if "," in figure else "."
        groups = figure.split(mark)
        if len(groups) > 2 or (len(groups[-1]) == 3 and len(groups[0]) <= 3):
            figure = figure.replace(mark, "")  # thousands separators
        else:
            figure = figure.replace(mark, ".")
    try:
        return Decimal(figure)
    except InvalidOperation:
        return None


def currency_of(text: str) -> str | None:
    key = re.sub(r"\s+", " ", text.strip().lower())
    return _CURRENCIES.get(key) or _CURRENCIES.get(key.rstrip("."))


def extract_money(text: ContractText, language: Language) -> dict[str, Finding[Any]]:
    found: dict[str, Finding[Any]] = {}
    value = _contract_value(text, language)
    if value is not None:
        found["contract_value"] = value
    terms = _payment_terms(text)
    if terms is not None:
        found["payment_terms"] = terms
    return found


def _contract_value(text: ContractText, language: Language = "en") -> Finding[Money] | None:
    body = text.text
    kinds = own_kinds(body) if language == "nb" else frozenset()
    scored: list[_Scored] = []
    previous_end = -1
    for m in amounts_in(body):
        restated = _restates_previous(body[previous_end : m.start()]) if previous_end >= 0 \
            else False
        previous_end = m.end()
        if restated:
            continue
        line_start = body.rfind("\n", 0, m.start()) + 1
        if body[line_start : line_start + 1] == "|":
            continue  # a row of a price table
        amount = parse_amount(m.group("num") or m.group("num2"))
        if amount is None or amount <= 0:
            continue
        scale = (m.group("scale") or m.group("scale2") or "").lower()
        if scale:
            amount *= _SCALES.get(scale, _SCALES.get(scale.rstrip("."), 1))
        elif m.group("millions"):
            amount *= 10**6
        currency = currency_of(m.group("cur") or m.group("cur2"))
        if currency is None:
            continue
        lo, hi = text.sentence_around(m.start(), limit=300)
        before = body[max(lo, m.start() - 160) : m.start()]
        after = body[m.end() : min(hi, m.end() + 60)]
        per = _period(before[-60:], after[:40])
        score = 0.0
        if _VALUE_WORDS.search(before):
            score += 3
        recurring_gebyr = per is not None and _RECURRING_ONLY_FEE.search(before[-60:]) is not None
        if _FEE_WORDS.search(before) or recurring_gebyr:
            score += 1.5
        if (_UNIT_PRICE.search(before[-40:]) or _UNIT_PRICE.search(_own_words(after[:30]))
                or _HOURLY_RATE.match(body, lo, m.start())):
            score -= 4
        if _NOT_VALUE.search(body[lo : m.start()]):
            score -= 3
        if _PART_OF_SUM.search(body, lo, m.start()):
            continue
        with_options = counts_options(body[lo : m.start()])
        if outside_this_contract(body[m.end() : hi]):
            continue
        if score < 1.5 or amount < 1000:
            continue
        if language == "nb" and names_other_agreement(body, m.start(), kinds):
            continue
        excluding: bool | None = None
        tail = body[m.end() : m.end() + 40]
        if _EXCLUDING_VAT.search(tail):
            excluding = True
        elif _INCLUDING_VAT.search(tail):
            excluding = False
        if per is None and score >= 3 and for_whole_period(body[lo:hi]):
            # A total for the whole period outweighs the fee word of a yearly fee or estimate.
            score += 1.5
        money = Money(amount=amount, currency=currency, excluding_vat=excluding, per=per)
        confidence = 0.8 if score >= 3 else 0.55
        finding: Finding[Money] = Finding(
            value=money, confidence=confidence, evidence=[text.evidence(lo, hi)]
        )
        # Higher score wins; among equals a total beats a periodic fee, a sum without VAT
        # beats the same sum with it ("kr 4 870 000 eks. mva., kr 6 087 500 inkl. mva."), then
        # an estimate beats a ceiling stated beside it ("maksimale verdi", which public
        # procurement must state), then the larger amount (a total beats its parts).
        ceiling = _MAXIMUM.search(body, max(lo, m.start() - 60), m.start()) is not None
        instalment = _instalment(body[lo : m.start()], after[:40])
        key = (score, not instalment, per is None, excluding is not False, not ceiling, amount)
        scored.append(_Scored(key, with_options, finding))
    if any(not entry.with_options and entry.names_value and not entry.ceiling
           for entry in scored):
        # The value for the fixed period is stated: the one with the options taken up is what
        # the contract may grow to. Without it, the options-inclusive estimate is the value.
        scored = [entry for entry in scored if not entry.with_options]
    return max(scored, key=lambda entry: entry.key).finding if scored else None


class _Scored(NamedTuple):
    """An amount's ranking key (score, not an instalment, a total, without VAT, not a
    ceiling, the amount), whether it counts the options in, and its finding."""

    key: tuple[float, bool, bool, bool, bool, Decimal]
    with_options: bool
    finding: Finding[Money]

    @property
    def names_value(self) -> bool:
        return self.key[0] >= 3  # value words before it ("samlet verdi", "total value")

    @property
    def ceiling(self) -> bool:
        return not self.key[4]


# "kr 27 300 per måned, hvorav kr 15 800 gjelder vaktmester": a share of the sum just stated.
_PART_OF_SUM = re.compile(r"\b(?:hvorav|herav|av\s+dette(?:\s+beløpet)?|of\s+which)\b", _I)


# "kr 46 800 eks. mva (kr 58 500 inkl. mva)", "NOK 1 000 000 (EUR 86 000)": the amount in
# brackets right after another restates it (with VAT, in another currency); it is not a
# candidate of its own, or a sum with VAT could outrank the sum it repeats.
_RESTATING_BRACKET = re.compile(r"[^;:\n]{0,25}(?:\n[^;:\n]{0,5})?\(\s*(?:dvs\.?\s*|i\.e\.,?\s*)?")


def _restates_previous(between: str) -> bool:
    return _RESTATING_BRACKET.fullmatch(between) is not None and ")" not in between


def _own_words(after: str) -> str:
    """The words after an amount up to the next amount: "kr 840 000, herav kr 1 200 per m²"
    prices the area in the second amount, not the first."""
    following = _AMOUNT.search(after)
    return after if following is None else after[: following.start()]


# "Serviceavgiften faktureres kvartalsvis med kr 9 600", "betales i to like rater": the
# instalment a fee is invoiced in, ranked below the fee itself.
_INSTALMENT = re.compile(
    r"\b(?:kvartalsvis|halvårlig\w*|(?:per|pr\.?)\s+(?:kvartal|halvår|termin)|terminvis"
    r"|terminbeløp\w*|like\s+rater|avdrag\w*|quarterly|semi-annual\w*|per\s+quarter"
    r"|instal(?:l)?ments?)\b",
    _I,
)


def _instalment(sentence_before: str, after: str) -> bool:
    return _INSTALMENT.search(sentence_before) is not None or (
        _INSTALMENT.search(_own_words(after)) is not None
    )


# A ceiling ("maksimale verdi", "maximum value") is no estimate of the fixed period's value.
_MAXIMUM = re.compile(r"\b(?:maksima\w*|maximum|høyeste|øvre)\b", _I)


def _period(before: str, after: str) -> Literal["year", "month"] | None:
    """The period a fee is stated for, read from the words just around the amount."""
    if _PER_MONTH.search(after) or _PER_MONTH.search(before):
        return "month"
    if _PER_YEAR.search(after) or _PER_YEAR.search(before):
        return "year"
    return None


def _payment_terms(text: ContractText) -> Finding[Duration] | None:
    body = text.text
    for m in _PAYMENT_NET.finditer(body):
        days = (m.group("days") or m.group("days2") or m.group("days3") or m.group("days4")
                or m.group("days5") or m.group("days6"))
        window = body[max(0, m.start() - 200) : m.end() + 100]
        if not _PAYMENT_CONTEXT.search(window) and not re.search(r"netto", m.group(0), _I):
            continue
        if _AFTER_DEMAND.match(body, m.end(), m.end() + 60):
            continue
        lo, hi = text.sentence_around(m.start())
        return Finding(
            value=Duration(count=int(days), unit="day"),
            confidence=0.85,
            evidence=[text.evidence(lo, hi)],
        )
    # The same matches as DURATION_RE.finditer, ~6x faster on a whole contract.
    for m in find_durations(body):
        duration = duration_of(m)
        if duration is None or duration.unit not in ("day", "week") or duration.count > 180:
            continue
        before = body[max(0, m.start() - 150) : m.start()]
        after = body[m.end() : m.end() + 80]
        if not re.search(r"\b(?:within|innen|net|netto|payable|due|(?:no|not)\s+later\s+than)\b"
                         r"[^.;]{0,30}$", before, _I):
            continue
        invoice_after = _INVOICE.search(after[:60])
        invoice_before = _INVOICE.search(before) and re.search(
            r"^[^.;]{0,30}\b(?:receipt|mottak|mottatt)", after, _I
        )
        if not (invoice_after or invoice_before):
            continue
        if not re.search(r"\b(?:pa(?:y|id|yable|yment)|betal\w*|remit\w*|due|forfall\w*)\b",
                         before[-150:] + after[:60], _I):
            continue
        if re.search(
            r"notice|varsel|terminat|oppsi|\bcure|remedy|audit|\bdispute", before[-80:], _I
        ):
            continue
        lo, hi = text.sentence_around(m.start())
        return Finding(value=duration, confidence=0.7, evidence=[text.evidence(lo, hi)])
    return None
