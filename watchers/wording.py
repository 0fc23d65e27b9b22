"""What an alert says, in English and Norwegian bokmål: event names, dates, what to do."""

from __future__ import annotations

import datetime as dt
from typing import Any

LANGUAGES = ("en", "nb")

_LABELS = {
    "en": {
        "end": "Contract end",
        "notice": "Notice deadline",
        "renewal": "Renewal",
        "option": "Option deadline",
        "review": "Review date",
        "match": "New match",
        "evaluation": "Supplier evaluation due",
        "supplier_risk": "Supplier risk",
    },
    "nb": {
        "end": "Avtaleslutt",
        "notice": "Oppsigelsesfrist",
        "renewal": "Fornyelse",
        "option": "Opsjonsfrist",
        "review": "Revisjonsdato",
        "match": "Nytt treff",
        "evaluation": "Leverandørevaluering",
        "supplier_risk": "Leverandørrisiko",
    },
}

# How a register's status flag reads in "the register reports X as ..." / "... at X er ...".
_FLAGS = {
    "en": {"bankruptcy": "bankrupt", "winding_up": "in winding-up",
           "forced_dissolution": "under forced winding-up or dissolution",
           "deleted": "deleted", "insolvency": "in insolvency proceedings",
           "dissolved": "dissolved"},
    "nb": {"bankruptcy": "konkurs", "winding_up": "under avvikling",
           "forced_dissolution": "under tvangsavvikling eller tvangsoppløsning",
           "deleted": "slettet", "insolvency": "under insolvensbehandling",
           "dissolved": "oppløst"},
}
_LEVELS = {
    "en": {"low": "low", "medium": "medium", "high": "high", "unknown": "unknown"},
    "nb": {"low": "lav", "medium": "middels", "high": "høy", "unknown": "ukjent"},
}

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "nb": ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
           "september", "oktober", "november", "desember"),
}

_UNITS = {
    "en": {"day": ("day", "days"), "week": ("week", "weeks"), "month": ("month", "months"),
           "year": ("year", "years")},
    "nb": {"day": ("dag", "dager"), "week": ("uke", "uker"), "month": ("måned", "måneder"),
           "year": ("år", "år")},
}


def language_of(value: str | None) -> str:
    return value if value in LANGUAGES else "en"


def event_label(kind: str, language: str) -> str:
    return _LABELS[language_of(language)][kind]


def format_date(day: dt.date, language: str) -> str:
    month = _MONTHS[language_of(language)][day.month - 1]
    if language_of(language) == "nb":
        return f"{day.day}. {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def format_duration(duration: dict[str, Any] | None, language: str) -> str | None:
    if not duration or duration.get("unit") not in _UNITS["en"]:
        return None
    count = int(duration["count"])
    singular, plural = _UNITS[language_of(language)][duration["unit"]]
    return f"{count} {singular if count == 1 else plural}"


def what_to_do(kind: str, on: dt.date, facts: dict[str, Any], language: str) -> str:
    lang = language_of(language)
    day = format_date(on, lang)
    term = format_duration(facts.get("renewal_term"), lang)

    def date_fact(name: str) -> str | None:
        value = facts.get(name)
        return format_date(value, lang) if isinstance(value, dt.date) else None

    nb = lang == "nb"
    if kind == "end":
        return (f"avtalen utløper {day}: forny, forleng eller erstatt den i tide" if nb
                else f"the contract ends on {day}: renew, extend or replace it in time")
    if kind == "notice":
        if facts.get("prevents_renewal"):
            if nb:
                return f"si opp innen {day}, ellers fornyes avtalen" + (
                    f" for {term}" if term else "")
            return f"give notice by {day} or the contract renews" + (
                f" for {term}" if term else "")
        term_end = date_fact("term_end")
        if nb:
            return f"si opp innen {day} om avtalen skal avsluttes" + (
                f" {term_end}" if term_end else "")
        return f"give notice by {day} if the contract is to end" + (
            f" on {term_end}" if term_end else "")
    if kind == "renewal":
        notice = date_fact("notice_deadline")
        if nb:
            text = "avtalen fornyes" + (f" for {term}" if term else "") + f" {day}"
            return text + (f" med mindre den sies opp innen {notice}" if notice else "")
        text = "the contract renews" + (f" for {term}" if term else "") + f" on {day}"
        return text + (f" unless notice is given by {notice}" if notice else "")
    if kind == "option":
        number = facts.get("number") or 1
        new_end = date_fact("new_end_date")
        if nb:
            return f"bruk opsjon {number} innen {day}" + (
                f" for å forlenge avtalen til {new_end}" if new_end else "")
        return f"exercise option {number} by {day}" + (
            f" to extend the contract to {new_end}" if new_end else "")
    if kind == "review":
        return (f"vurder innen {day} om den løpende avtalen fortsatt trengs" if nb
                else f"review by {day} whether the open-ended contract is still needed")
    if kind == "evaluation":
        decision = date_fact("decision_on") or day
        if facts.get("decision") == "option":
            return (f"evaluer leverandøren innen {day}, før opsjonsfristen {decision}" if nb
                    else f"evaluate the supplier by {day}, before the option deadline "
                    f"{decision}")
        return (f"evaluer leverandøren innen {day}, før oppsigelsesfristen {decision}" if nb
                else f"evaluate the supplier by {day}, before the notice deadline {decision}")
    if kind == "supplier_risk":
        return _supplier_risk(facts, nb)
    if kind == "match":
        search = facts.get("search") or ""
        return (f"avtalen treffer nå det lagrede søket «{search}»: sjekk om den angår deg"
                if nb else
                f"the contract now matches your saved search “{search}”: "
                "check whether it concerns you")
    raise ValueError(f"unknown event kind {kind!r}")


def _supplier_risk(facts: dict[str, Any], nb: bool) -> str:
    lang = "nb" if nb else "en"
    supplier = facts.get("supplier") or ("leverandøren" if nb else "the supplier")
    flags = [_FLAGS[lang].get(flag, flag) for flag in facts.get("flags") or []]
    before, after = facts.get("previous_level"), facts.get("level")
    rose = before != after and before in _LEVELS["en"] and after in _LEVELS["en"]
    levels = (_LEVELS[lang][str(before)], _LEVELS[lang][str(after)]) if rose else None
    found: list[str] = []
    if not (flags or levels):  # a change records one or the other; this is a fallback
        found.append(f"risikoen for {supplier} har økt" if nb else
                     f"the risk of {supplier} has increased")
    if nb:
        if flags:
            found.append(f"registeret melder at {supplier} er {_joined(flags, 'og')}")
        if levels:
            whose = "risikonivået" if flags else f"risikonivået til {supplier}"
            found.append(f"{whose} har steget fra {levels[0]} til {levels[1]}")
        return (", og ".join(found) + ": vurder hva det betyr for avtalen, og om dere "
                "trenger en reserveløsning")
    if flags:
        found.append(f"the register reports {supplier} as {_joined(flags, 'and')}")
    if levels:
        whose = "its risk level" if flags else f"the risk level of {supplier}"
        found.append(f"{whose} rose from {levels[0]} to {levels[1]}")
    return (", and ".join(found) + ": check what it means for the contract and whether "
            "you need a fallback")


def _joined(words: list[str], conjunction: str) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {conjunction} {words[-1]}"
