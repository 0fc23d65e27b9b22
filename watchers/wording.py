"""What an alert says: event names and what to do, as messages of the one catalogue
(core/i18n.py, web/locale/nb/LC_MESSAGES/messages.po), put into the recipient's language.

Each event kind has a label and a sentence builder; a new kind (a supplier risk alert, say)
adds one entry to `EVENT_LABELS` and one to `_WHAT_TO_DO`, and its Norwegian to the .po file.
Dates are written out ("30 September 2026", "30. september 2026"), as e-mails say them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from core import i18n
from core.i18n import N_, Listing, LongDate, Message, message

LANGUAGES = tuple(i18n.LANGUAGES)

EVENT_LABELS = {
    "end": N_("Contract end"),
    "notice": N_("Notice deadline"),
    "renewal": N_("Renewal"),
    "option": N_("Option deadline"),
    "review": N_("Review date"),
    "match": N_("New match"),
    "evaluation": N_("Supplier evaluation due"),
    "supplier_risk": N_("Supplier risk"),
}
# How a register's status flag reads in "the register reports X as ..." / "... at X er ...".
RISK_FLAGS = {
    "bankruptcy": N_("bankrupt"), "winding_up": N_("in winding-up"),
    "forced_dissolution": N_("under forced winding-up or dissolution"),
    "deleted": N_("deleted"), "insolvency": N_("in insolvency proceedings"),
    "dissolved": N_("dissolved"),
}
RISK_LEVELS = {"low": N_("low"), "medium": N_("medium"), "high": N_("high"),
               "unknown": N_("unknown")}


def language_of(value: str | None) -> str:
    return value if value in LANGUAGES else "en"


def event_label(kind: str, language: str) -> str:
    return i18n.translate(language_of(language), EVENT_LABELS[kind])


def format_date(day: dt.date, language: str) -> str:
    return i18n.long_date(day, language_of(language))


def format_duration(duration: Mapping[str, Any] | None, language: str) -> str | None:
    term = _term(duration)
    return i18n.duration(term["count"], term["unit"], language_of(language)) if term else None


def what_to_do(kind: str, on: dt.date, facts: Mapping[str, Any], language: str) -> str:
    return i18n.render(what_to_do_message(kind, on, facts), language_of(language))


def what_to_do_message(kind: str, on: dt.date, facts: Mapping[str, Any]) -> Message:
    """The sentence an alert about `kind` on `on` leads with, not yet in a language."""
    build = _WHAT_TO_DO.get(kind)
    if build is None:
        raise ValueError(f"unknown event kind {kind!r}")
    return build(LongDate(on), facts)


def _term(duration: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not duration or duration.get("unit") not in i18n.UNIT_WORDS:
        return None
    return {"count": int(duration["count"]), "unit": str(duration["unit"])}


def _date_fact(facts: Mapping[str, Any], name: str) -> LongDate | None:
    value = facts.get(name)
    return LongDate(value) if isinstance(value, dt.date) else None


def _end(day: LongDate, facts: Mapping[str, Any]) -> Message:
    return message(N_("the contract ends on %(day)s: renew, extend or replace it in time"),
                   day=day)


def _notice(day: LongDate, facts: Mapping[str, Any]) -> Message:
    if facts.get("prevents_renewal"):
        term = _term(facts.get("renewal_term"))
        if term:
            return message(N_("give notice by %(day)s or the contract renews for %(term)s"),
                           day=day, term=term)
        return message(N_("give notice by %(day)s or the contract renews"), day=day)
    term_end = _date_fact(facts, "term_end")
    if term_end:
        return message(N_("give notice by %(day)s if the contract is to end on %(term_end)s"),
                       day=day, term_end=term_end)
    return message(N_("give notice by %(day)s if the contract is to end"), day=day)


def _renewal(day: LongDate, facts: Mapping[str, Any]) -> Message:
    term = _term(facts.get("renewal_term"))
    notice = _date_fact(facts, "notice_deadline")
    if term and notice:
        return message(N_("the contract renews for %(term)s on %(day)s unless notice is given "
                          "by %(notice)s"), term=term, day=day, notice=notice)
    if term:
        return message(N_("the contract renews for %(term)s on %(day)s"), term=term, day=day)
    if notice:
        return message(N_("the contract renews on %(day)s unless notice is given by "
                          "%(notice)s"), day=day, notice=notice)
    return message(N_("the contract renews on %(day)s"), day=day)


def _option(day: LongDate, facts: Mapping[str, Any]) -> Message:
    number = facts.get("number") or 1
    new_end = _date_fact(facts, "new_end_date")
    if new_end:
        return message(N_("exercise option %(number)s by %(day)s to extend the contract to "
                          "%(new_end)s"), number=number, day=day, new_end=new_end)
    return message(N_("exercise option %(number)s by %(day)s"), number=number, day=day)


def _review(day: LongDate, facts: Mapping[str, Any]) -> Message:
    return message(N_("review by %(day)s whether the open-ended contract is still needed"),
                   day=day)


def _evaluation(day: LongDate, facts: Mapping[str, Any]) -> Message:
    decision = _date_fact(facts, "decision_on") or day
    if facts.get("decision") == "option":
        return message(N_("evaluate the supplier by %(day)s, before the option deadline "
                          "%(decision)s"), day=day, decision=decision)
    return message(N_("evaluate the supplier by %(day)s, before the notice deadline "
                      "%(decision)s"), day=day, decision=decision)


def _supplier_risk(day: LongDate, facts: Mapping[str, Any]) -> Message:
    supplier = facts.get("supplier") or Message(N_("the supplier"))
    flags = [Message(RISK_FLAGS[flag]) if flag in RISK_FLAGS else flag
             for flag in facts.get("flags") or []]
    before, after = facts.get("previous_level"), facts.get("level")
    rose = before != after and before in RISK_LEVELS and after in RISK_LEVELS
    levels = ({"before": Message(RISK_LEVELS[str(before)]),
               "after": Message(RISK_LEVELS[str(after)])} if rose else {})
    if flags and levels:
        return message(N_("the register reports %(supplier)s as %(flags)s, and its risk level "
                          "rose from %(before)s to %(after)s: check what it means for the "
                          "contract and whether you need a fallback"),
                       supplier=supplier, flags=Listing(tuple(flags)), **levels)
    if flags:
        return message(N_("the register reports %(supplier)s as %(flags)s: check what it means "
                          "for the contract and whether you need a fallback"),
                       supplier=supplier, flags=Listing(tuple(flags)))
    if levels:
        return message(N_("the risk level of %(supplier)s rose from %(before)s to %(after)s: "
                          "check what it means for the contract and whether you need a "
                          "fallback"), supplier=supplier, **levels)
    # A change records flags or levels; this is a fallback.
    return message(N_("the risk of %(supplier)s has increased: check what it means for the "
                      "contract and whether you need a fallback"), supplier=supplier)


def _match(day: LongDate, facts: Mapping[str, Any]) -> Message:
    return message(N_("the contract now matches your saved search “%(search)s”: check "
                      "whether it concerns you"), search=facts.get("search") or "")


_WHAT_TO_DO: dict[str, Callable[[LongDate, Mapping[str, Any]], Message]] = {
    "end": _end,
    "notice": _notice,
    "renewal": _renewal,
    "option": _option,
    "review": _review,
    "evaluation": _evaluation,
    "supplier_risk": _supplier_risk,
    "match": _match,
}
