"""Why a row of a spend file was refused or imported without a date, as messages
(core/i18n.py): raised by `spend.values`, stored and served in English (the import's JSON),
and read back into a message where a page shows them in the reader's language.

Reading the stored English back, rather than storing the message beside it, keeps the
import's JSON as the API has always served it and works for imports made before."""

from __future__ import annotations

import re

from core.i18n import N_, Message

NO_AMOUNT = N_("no amount")
AMOUNT_NOT_A_NUMBER = N_("amount %(raw)s is not a number")
NO_DATE = N_("no date")
NO_DATE_BUT_TIME = N_("no date (%(raw)s)")
DATE_DOES_NOT_EXIST = N_("date %(raw)s does not exist")
NOT_A_DATE = N_("date %(raw)s is not a date (day first or ISO expected)")
WITHOUT_DATE = N_("%(problem)s: imported without a date")

_ROW_PROBLEMS = (NO_AMOUNT, AMOUNT_NOT_A_NUMBER, NO_DATE, NO_DATE_BUT_TIME, DATE_DOES_NOT_EXIST,
                 NOT_A_DATE)
_WITHOUT_DATE_SUFFIX = WITHOUT_DATE.removeprefix("%(problem)s")


def _pattern(msgid: str) -> re.Pattern[str]:
    parts = re.split(r"%\((\w+)\)s", msgid)
    regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+)"
                    for i, part in enumerate(parts))
    return re.compile(regex + r"\Z")


_PATTERNS = tuple((msgid, _pattern(msgid)) for msgid in _ROW_PROBLEMS)


def message_of_reason(reason: str) -> Message:
    """The message a stored reason (or a count's kind, "amount … is not a number") was
    written from; an unknown reason comes back as a message of its own text."""
    if reason.endswith(_WITHOUT_DATE_SUFFIX):
        inner = message_of_reason(reason.removesuffix(_WITHOUT_DATE_SUFFIX))
        return Message(WITHOUT_DATE, {"problem": inner})
    for msgid, pattern in _PATTERNS:
        found = pattern.match(reason)
        if found:
            return Message(msgid, found.groupdict())
    return Message(reason)
