"""The pages in English or Norwegian (bokmål): message catalogues, the current language.

Messages are written in English in the templates (`{% trans %}`, `_()`) and in the code
(`flash(request, "Saved.")`); web/locale/nb/LC_MESSAGES/messages.po holds their Norwegian.
The catalogue machinery is core/i18n.py's (the e-mails and the lower layers' messages use it
too); this module re-exports it and adds which language the page being rendered is in.

Which language a page is in is the signed-in person's choice (`users.language`), else the
organisation's (`AVTALE_DEFAULT_LANGUAGE`). Templates read it from a context variable that
`web.common.render` sets for the one render it does, so concurrent requests in other
languages never see it.
"""

from __future__ import annotations

from contextvars import ContextVar

# The catalogue and the messages lower layers hand up are core's (core/i18n.py), so that
# watchers' e-mails and the deadline engine use the same catalogue as the pages.
from core.i18n import (
    BABEL_LOCALES,
    DEFAULT_LANGUAGE,
    LANGUAGES,
    LOCALE_DIR,
    N_,
    Message,
    MessageError,
    Np_,
    catalogue_path,
    known,
    message,
    render,
    translate,
    translate_plural,
    translations,
)

__all__ = [
    "BABEL_LOCALES",
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LOCALE_DIR",
    "N_",
    "Message",
    "MessageError",
    "Np_",
    "babel_locale",
    "catalogue_path",
    "current_language",
    "gettext",
    "known",
    "message",
    "ngettext",
    "render",
    "render_current",
    "set_current_language",
    "translate",
    "translate_plural",
    "translations",
]

_current: ContextVar[str] = ContextVar("page_language", default=DEFAULT_LANGUAGE)


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


def render_current(message: Message) -> str:
    """A lower layer's message (see core/i18n.py) in the page's language."""
    return render(message, current_language())
