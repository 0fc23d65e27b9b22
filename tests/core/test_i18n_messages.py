"""Messages a lower layer hands up (core/i18n.py): one msgid, put into English or Norwegian
with its dates, durations and ordinals in that language's format, and back from JSON."""

from __future__ import annotations

import datetime as dt

from core.i18n import LongDate, Message, MessageError, Ordinal, message, plural_message, render
from extraction.model import Duration

TERM_END = message(
    "Initial term %(term)s from %(start)s ends on the %(nth)s anniversary, %(end)s",
    term=Duration(count=3, unit="year"), start=dt.date(2018, 7, 19), nth=Ordinal(3),
    end=dt.date(2021, 7, 19))


def test_a_message_reads_in_english_and_norwegian() -> None:
    assert TERM_END.english() == (
        "Initial term 3 years from 2018-07-19 ends on the 3rd anniversary, 2021-07-19")
    assert render(TERM_END, "nb") == (
        "Første periode på 3 år fra 19.07.2018 slutter på 3. årsdag, 19.07.2021")
    assert render(TERM_END, "xx") == TERM_END.english()  # an unknown language is English


def test_the_json_form_gives_the_same_message_back() -> None:
    data = TERM_END.to_json()
    assert data["params"]["nth"] == {"ordinal": 3} and data["params"]["start"] == "2018-07-19"
    again = Message.from_json(data)
    assert render(again, "nb") == render(TERM_END, "nb")
    assert again.english() == TERM_END.english()


def test_plurals_nested_messages_and_long_dates() -> None:
    one = plural_message(("After %(num)d renewal no further renewal is permitted: the "
                          "contract ended %(ended)s",
                          "After %(num)d renewals no further renewal is permitted: the "
                          "contract ended %(ended)s"), 1, ended=dt.date(2027, 3, 1))
    assert render(one, "nb").startswith("Etter 1 fornyelse er ingen flere")
    assert render(Message.from_json(one.to_json()), "nb").endswith("sluttet 01.03.2027")
    label = message("the org number of %(name)s", name="Vakt AS")
    error = MessageError(message("%(label)s %(number)s is not a valid Norwegian organisation "
                                 "number (its check digit does not match; look for a typo)",
                                 label=label, number="123456789"))
    assert str(error).startswith("the org number of Vakt AS 123456789 is not a valid")
    assert render(error.message, "nb").startswith("org.nr. til Vakt AS 123456789 er ikke")
    assert render(message("Ended %(ended)s", ended=LongDate(dt.date(2026, 9, 30))), "nb") == (
        "Sluttet 30. september 2026")
