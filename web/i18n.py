"""The pages in English or Norwegian (bokmål): message catalogues, the current language.

Messages are written in English in the templates (`{% trans %}`, `_()`) and in the code
(`flash(request, "Saved.")`); web/locale/nb/LC_MESSAGES/messages.po holds their Norwegian.
The .po file is compiled in memory on first use (Babel), so no binary .mo lives in git and no
build step can be forgotten. English needs no catalogue: a msgid is its own English text.

Which language a page is in is the signed-in person's choice (`users.language`), else the
organisation's (`AVTALE_DEFAULT_LANGUAGE`). Templates read it from a context variable that
`web.common.render` sets for the one render it does, so concurrent requests in other
languages never see it.
"""

from __future__ import annotations

import gettext as gettext_module
import io
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = {"en": "English", "nb": "Norsk (bokmål)"}
DEFAULT_LANGUAGE = "en"
# Babel's locale for formats: Norwegian bokmål as written in Norway.
BABEL_LOCALES = {"en": "en_GB", "nb": "nb_NO"}

_current: ContextVar[str] = ContextVar("page_language", default=DEFAULT_LANGUAGE)


def known(language: str | None) -> str | None:
    return language if language in LANGUAGES else None


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
    the catalogue does not know (a reason from a lower layer) comes back as it is."""
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


def current_language() -> str:
    return _current.get()


def set_current_language(language: str) -> None:
    _current.set(known(language) or DEFAULT_LANGUAGE)


def babel_locale() -> str:
    return BABEL_LOCALES[current_language()]


def gettext(message: str) -> str:
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return translations(current_language()).ngettext(singular, plural, count)
