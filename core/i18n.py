"""Messages for people in English or Norwegian (bokmål): the one message catalogue, and
sentences that lower layers hand up before anyone has chosen their language.

Messages are written in English in the code and templates; web/locale/nb/LC_MESSAGES/
messages.po holds their Norwegian. The catalogue lives beside the pages, where translators
already look, but is read here so that every layer (the pages, the e-mails of watchers, the
explanations of the deadline engine) uses the same one; web/i18n.py re-exports it and adds
the page's current language. The .po file is compiled in memory on first use (Babel), so no
binary .mo lives in git. English needs no catalogue: a msgid is its own English text.

A lower layer that explains itself returns a `Message` (an N_-marked English msgid and its
parameters as values: dates as `dt.date`, durations as `Duration`, counts as ints), not a
finished sentence. `render` puts it into a language: the msgid through the catalogue and each
parameter in that language's format (Norwegian dates 19.07.2021, "3 år"). The API keeps
serving English (`Message.english()`) beside the stable msgid and parameters (`to_json`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gettext as gettext_module
import io
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from babel.dates import format_date as babel_format_date
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parents[1] / "web" / "locale"
LANGUAGES = {"en": "English", "nb": "Norsk (bokmål)"}
DEFAULT_LANGUAGE = "en"
# Babel's locale for formats: Norwegian bokmål as written in Norway.
BABEL_LOCALES = {"en": "en_GB", "nb": "nb_NO"}


def known(language: str | None) -> str | None:
    return language if language in LANGUAGES else None


def language_or_default(language: str | None) -> str:
    return known(language) or DEFAULT_LANGUAGE


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"


@cache
def translations(language: str) -> gettext_module.NullTranslations:
    path = catalogue_path(language)
    if language == DEFAULT_LANGUAGE or not path.is_file():
        return gettext_module.NullTranslations()
    with path.open("rb") as source:
        catalogue = read_po(source, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return gettext_module.GNUTranslations(compiled)


def translate(language: str, message: str, **params: Any) -> str:
    """`message` in `language`, with `%(name)s` placeholders filled from `params`. A message
    the catalogue does not know comes back as it is."""
    text = translations(language).gettext(message)
    return text % params if params else text


def translate_plural(language: str, singular: str, plural: str, count: int,
                     **params: Any) -> str:
    text = translations(language).ngettext(singular, plural, count)
    return text % ({"num": count} | params)


def N_(message: str) -> str:  # noqa: N802 - the name extraction tools look for
    """Marks a message for the catalogue where it is defined; translated where it is shown."""
    return message


def Np_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - as N_
    """Marks a singular and plural pair for the catalogue as one plural message, so that
    `ngettext` finds it where the count is known."""
    return singular, plural


# Durations as words; the same msgids the pages use for a field's value (web/formatting.py).
UNIT_WORDS = {
    "day": Np_("%(num)d day", "%(num)d days"),
    "week": Np_("%(num)d week", "%(num)d weeks"),
    "month": Np_("%(num)d month", "%(num)d months"),
    "year": Np_("%(num)d year", "%(num)d years"),
}


@dataclasses.dataclass(frozen=True)
class Ordinal:
    """A number said as an ordinal: "3rd" in English, "3." in Norwegian."""

    number: int


@dataclasses.dataclass(frozen=True)
class Listing:
    """Values said as a list: "bankrupt and dissolved", "konkurs og oppløst"."""

    items: tuple[Any, ...]


@dataclasses.dataclass(frozen=True)
class LongDate:
    """A date written out, as e-mails say it: "30 September 2026", "30. september 2026"."""

    day: dt.date


@dataclasses.dataclass(frozen=True)
class Message:
    """A sentence not yet in a language: an English msgid (marked with N_ or Np_ where it is
    written) with `%(name)s` placeholders, and the values that fill them. A plural message
    has its `plural` msgid too, and its count in `params["num"]`."""

    id: str
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    plural: str | None = None

    def english(self) -> str:
        return render(self, DEFAULT_LANGUAGE)

    def to_json(self) -> dict[str, Any]:
        """The stable msgid and its parameters in plain JSON (ISO dates, {"count", "unit"}
        durations, {"ordinal": n}), from which `from_json` gets the message back."""
        data: dict[str, Any] = {"message": self.id, "params": _param_json(self.params)}
        if self.plural is not None:
            data["plural"] = self.plural
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Message:
        return cls(str(data["message"]), _params_from_json(data.get("params") or {}),
                   data.get("plural"))


def message(said: str, /, **params: Any) -> Message:
    """`said` (an N_-marked msgid) with the values of its placeholders."""
    return Message(said, params)


def plural_message(forms: tuple[str, str], count: int, **params: Any) -> Message:
    return Message(forms[0], {"num": count, **params}, forms[1])


class MessageError(ValueError):
    """A ValueError that says what is wrong as a `Message`: `str()` is its English (for logs
    and the API); pages show `.message` in the reader's language."""

    def __init__(self, message: Message | str) -> None:
        # A plain string is an English msgid without parameters (the catalogue may know it).
        said = message if isinstance(message, Message) else Message(message)
        super().__init__(said.english())
        self.message = said


def message_of(error: Exception) -> Message:
    """What an error says, as a message: its own, or its English text as a msgid."""
    if isinstance(error, MessageError):
        return error.message
    return Message(str(error))


def render(message: Message, language: str) -> str:
    """`message` in `language`: its msgid through the catalogue, each parameter in that
    language's format."""
    language = language_or_default(language)
    catalogue = translations(language)
    if message.plural is not None:
        count = int(message.params.get("num", 1))
        text = catalogue.ngettext(message.id, message.plural, count)
    else:
        text = catalogue.gettext(message.id)
    params = {name: format_value(value, language) for name, value in message.params.items()}
    if message.plural is not None:
        params["num"] = message.params.get("num", 1)
    return text % params if params else text


def format_value(value: Any, language: str) -> Any:
    """A parameter of a message as `language` writes it."""
    if isinstance(value, Message):
        return render(value, language)
    if isinstance(value, Ordinal):
        return ordinal(value.number, language)
    if isinstance(value, LongDate):
        return long_date(value.day, language)
    if isinstance(value, Listing):
        return str(format_list([str(format_value(item, language)) for item in value.items],
                               locale=BABEL_LOCALES[language_or_default(language)]))
    if isinstance(value, Mapping) and isinstance(value.get("count"), int) \
            and isinstance(value.get("unit"), str):
        return duration(value["count"], value["unit"], language)
    if isinstance(value, dt.datetime):
        return short_date(value.date(), language)
    if isinstance(value, dt.date):
        return short_date(value, language)
    count, unit = getattr(value, "count", None), getattr(value, "unit", None)
    if isinstance(count, int) and isinstance(unit, str):
        return duration(count, unit, language)
    return value


def short_date(day: dt.date, language: str) -> str:
    """2021-07-19 in English, 19.07.2021 in Norwegian (as the pages write dates)."""
    if language_or_default(language) == "nb":
        return str(babel_format_date(day, "dd.MM.yyyy", locale=BABEL_LOCALES["nb"]))
    return day.isoformat()


def long_date(day: dt.date, language: str) -> str:
    """19 July 2021 in English, 19. juli 2021 in Norwegian (as the e-mails write dates)."""
    locale = BABEL_LOCALES[language_or_default(language)]
    return str(babel_format_date(day, "long", locale=locale))


def duration(count: int, unit: str, language: str) -> str:
    if unit not in UNIT_WORDS:
        return f"{count} {unit}{'' if count == 1 else 's'}"
    singular, plural = UNIT_WORDS[unit]
    return translate_plural(language_or_default(language), singular, plural, count)


def ordinal(number: int, language: str) -> str:
    if language_or_default(language) == "nb":
        return f"{number}."
    teens = 10 <= number % 100 <= 20
    suffix = "th" if teens else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _param_json(params: Mapping[str, Any]) -> dict[str, Any]:
    return {name: _value_json(value) for name, value in params.items()}


def _value_json(value: Any) -> Any:
    if isinstance(value, Message):
        return value.to_json()
    if isinstance(value, Ordinal):
        return {"ordinal": value.number}
    if isinstance(value, LongDate):
        return {"long_date": value.day.isoformat()}
    if isinstance(value, Listing):
        return {"list": [_value_json(item) for item in value.items]}
    if isinstance(value, dt.date):
        return value.isoformat()
    count, unit = getattr(value, "count", None), getattr(value, "unit", None)
    if isinstance(count, int) and isinstance(unit, str):
        return {"count": count, "unit": unit}
    return value


@dataclasses.dataclass(frozen=True)
class _Duration:
    count: int
    unit: str


def _params_from_json(params: Mapping[str, Any]) -> dict[str, Any]:
    return {str(name): _value_from_json(value) for name, value in params.items()}


def _value_from_json(value: Any) -> Any:
    if isinstance(value, Mapping):
        if "message" in value:
            return Message.from_json(value)
        if "ordinal" in value:
            return Ordinal(int(value["ordinal"]))
        if "list" in value:
            return Listing(tuple(_value_from_json(item) for item in value["list"]))
        if "long_date" in value:
            return LongDate(dt.date.fromisoformat(str(value["long_date"])))
        if "count" in value and "unit" in value:
            return _Duration(int(value["count"]), str(value["unit"]))
    if isinstance(value, str) and len(value) == 10 and value[4:5] == "-" == value[7:8]:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value
