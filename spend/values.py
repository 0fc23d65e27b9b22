"""Reading amounts and dates as ledgers write them: either decimal mark, thousands
separators, currency signs, credits in parentheses or with a trailing minus; dates day-first
or ISO."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from core.i18n import MessageError, message
from spend import problems


class UnreadableValueError(MessageError):
    """A cell that cannot be read; the message is the reason shown to the user (stored in
    English, shown in the reader's language: see spend/problems.py)."""


_CURRENCY = re.compile(r"(?i)(nok|sek|dkk|gbp|eur|usd|kr\.?|[£$€¥])")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")


def parse_amount(text: object, *, decimal_comma: bool = False) -> Decimal:
    """The amount in `text`. `decimal_comma` says what the file's convention is, for the
    cases a single value cannot settle ("1,234" is 1234 in an English file, 1.234 in a
    Norwegian one)."""
    if isinstance(text, int | float | Decimal) and not isinstance(text, bool):
        return Decimal(str(text))
    raw = str(text or "").strip()
    if not raw:
        raise UnreadableValueError(problems.NO_AMOUNT)
    value = _CURRENCY.sub("", raw)
    value = _SPACES.sub("", value)
    negative = False
    if value.startswith("(") and value.endswith(")"):
        negative, value = True, value[1:-1]
    if value.endswith("-"):
        negative, value = True, value[:-1]
    if value.upper().endswith("CR"):
        negative, value = True, value[:-2]
    if value.startswith("-"):
        negative, value = not negative, value[1:]
    elif value.startswith("+"):
        value = value[1:]
    value = _CURRENCY.sub("", value)
    value = _normalise_marks(value, decimal_comma=decimal_comma)
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", value):
        raise UnreadableValueError(message(problems.AMOUNT_NOT_A_NUMBER, raw=repr(raw)))
    try:
        amount = Decimal(value)
    except InvalidOperation as error:  # pragma: no cover - the pattern above rules it out
        raise UnreadableValueError(
            message(problems.AMOUNT_NOT_A_NUMBER, raw=repr(raw))) from error
    return -amount if negative else amount


def _normalise_marks(value: str, *, decimal_comma: bool) -> str:
    """Digits with at most one '.' as the decimal mark."""
    if "," in value and "." in value:
        # Both present: whichever comes last is the decimal mark.
        if value.rfind(",") > value.rfind("."):
            return value.replace(".", "").replace(",", ".")
        return value.replace(",", "")
    for mark, other in ((",", "."), (".", ",")):
        if mark not in value or other in value:
            continue
        parts = value.split(mark)
        grouped = len(parts) > 1 and all(len(p) == 3 for p in parts[1:]) and 0 < len(parts[0]) <= 3
        if len(parts) > 2:
            # "1.234.567" or "1,234,567": several marks can only be thousands separators.
            return value.replace(mark, "") if grouped else value
        is_decimal_mark = (mark == ",") == decimal_comma
        if grouped and not is_decimal_mark:
            return value.replace(mark, "")
        return value.replace(mark, ".")
    return value


_DATE_FORMATS = (
    "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%y", "%d.%m.%y", "%d-%b-%Y", "%d %b %Y",
    "%d-%b-%y", "%d %B %Y", "%Y%m%d",
)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MIDNIGHT_ONLY = re.compile(r"0?0:00(:00)?")
_DAY_FIRST = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")


def parse_date(value: object) -> dt.date:
    """The date in a cell, read day-first unless it is ISO (year first)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = str(value or "").strip()
    if not raw:
        raise UnreadableValueError(problems.NO_DATE)
    if _MIDNIGHT_ONLY.fullmatch(raw):
        # A time with no day: the export lost the date.
        raise UnreadableValueError(message(problems.NO_DATE_BUT_TIME, raw=raw))
    day_first = _DAY_FIRST.fullmatch(raw)
    if day_first:
        try:
            return dt.date(int(day_first[3]), int(day_first[2]), int(day_first[1]))
        except ValueError as error:
            raise UnreadableValueError(
                message(problems.DATE_DOES_NOT_EXIST, raw=repr(raw))) from error
    iso = _ISO.match(raw)
    if iso:
        try:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError as error:
            raise UnreadableValueError(
                message(problems.DATE_DOES_NOT_EXIST, raw=repr(raw))) from error
    text = raw.split()[0] if re.match(r"\d", raw) and " " in raw and ":" in raw else raw
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise UnreadableValueError(message(problems.NOT_A_DATE, raw=repr(raw)))


def parse_optional_decimal(value: object, *, decimal_comma: bool = False) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_amount(value, decimal_comma=decimal_comma)


def clean_text(value: object, limit: int) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text[:limit] or None
