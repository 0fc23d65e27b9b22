"""No page shows English to someone who chose Norwegian: every template's visible text goes
through the catalogue, every message in it has Norwegian, and the formats follow."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from conftest import World
from page_client import Browser

from core.models import Role, User
from web import i18n
from web.formatting import date_text, duration_text, money_text

TEMPLATES = Path(__file__).resolve().parents[2] / "web/templates"
VISIBLE_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
# Words that are the same in both languages (names, codes, examples people type as written).
SAME_IN_BOTH = {"Avtale", "NOK", "AVTALE_", "IT", "Software", "Licences", "contract"}
_TRANS_BLOCK = re.compile(r"{%-?\s*trans\b.*?%}.*?{%-?\s*endtrans\s*-?%}", re.S)
_EXPRESSION = re.compile(r"{{.*?}}", re.S)
_STATEMENT = re.compile(r"{%.*?%}|{#.*?#}", re.S)
_WORD = re.compile(r"[A-Za-zÆØÅæøå]{2,}")
_EMAIL = re.compile(r"\S+@\S+")  # example addresses are written the same in both


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "code"):
            self._skipping += 1
        for name, value in attrs:
            if name in VISIBLE_ATTRIBUTES and value:
                self._check(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "code") and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._check(data)

    def _check(self, text: str) -> None:
        words = [w for w in _WORD.findall(_EMAIL.sub("", text)) if w not in SAME_IN_BOTH]
        if words:
            self.found.append(text.strip())


def untranslated_text(source: str) -> list[str]:
    """Visible text of a template outside {% trans %} blocks and _() calls."""
    source = _TRANS_BLOCK.sub("¤", source)
    source = _EXPRESSION.sub("¤", source)
    source = _STATEMENT.sub("", source)
    parser = _VisibleText()
    parser.feed(source)
    return parser.found


def test_the_checker_finds_bare_text_and_accepts_wrapped_text() -> None:
    assert untranslated_text('<p title="Hello there">{{ _("Hi") }}</p>') == ["Hello there"]
    assert untranslated_text("<h1>Sign in</h1>") == ["Sign in"]
    assert untranslated_text("<p>{% trans %}All good{% endtrans %} {{ n }}</p>") == []
    assert untranslated_text('<option{% if x %} selected{% endif %}>{{ _("a") }}</option>') == []


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_every_template_wraps_its_visible_text(template: str) -> None:
    found = untranslated_text((TEMPLATES / template).read_text())
    assert found == [], f"{template}: wrap in {{% trans %}} or _(): {found}"


EMAIL_TEMPLATES = Path(__file__).resolve().parents[2] / "watchers/templates"


@pytest.mark.parametrize("template", sorted(p.name for p in EMAIL_TEMPLATES.glob("*.*")))
def test_every_email_template_wraps_its_visible_text(template: str) -> None:
    # One template a message, whatever the language: its words come from the catalogue.
    found = untranslated_text((EMAIL_TEMPLATES / template).read_text())
    assert found == [], f"{template}: wrap in {{% trans %}} or _(): {found}"


def test_every_message_has_norwegian() -> None:
    with i18n.catalogue_path("nb").open("rb") as source:
        catalogue = read_po(source, locale="nb")
    empty = [m.id for m in catalogue if m.id and not all(
        m.string if isinstance(m.string, tuple) else (m.string,))]
    assert empty == [], f"messages without Norwegian: {empty}"


def test_norwegian_formats() -> None:
    i18n.set_current_language("nb")
    try:
        assert date_text(dt.date(2027, 3, 1)) == "01.03.2027"
        assert date_text("2027-03-01") == "01.03.2027"
        assert money_text("1234.5", "NOK") == "1\xa0234,50\xa0kr"
        # Durations are plural messages: "1 år", "3 måneder", not the English fallback.
        assert [duration_text({"count": n, "unit": u}) for n, u in (
            (1, "year"), (2, "year"), (1, "month"), (3, "month"), (1, "week"), (6, "week"),
            (1, "day"), (30, "day"))] == [
            "1 år", "2 år", "1 måned", "3 måneder", "1 uke", "6 uker", "1 dag", "30 dager"]
    finally:
        i18n.set_current_language("en")
    assert date_text(dt.date(2027, 3, 1)) == "2027-03-01"


def _catalogue_english() -> set[str]:
    with i18n.catalogue_path("nb").open("rb") as source:
        catalogue = read_po(source, locale="nb")
    # Long enough to be a sentence of English, not a word both languages share.
    return {str(m.id) for m in catalogue if isinstance(m.id, str) and len(m.id) > 14
            and "%(" not in m.id and "<" not in m.id}


PAGES = ["/", "/?q=nothingmatches", "/table", "/review", "/upload", "/contracts/new",
         "/deadlines", "/inbox", "/account", "/account/password", "/admin/users",
         "/admin/tokens", "/admin/audit", "/admin/settings", "/spend", "/spend/import",
         "/spend/development", "/spend/prices"]


def test_pages_in_norwegian_show_no_english_from_the_catalogue(world: World) -> None:
    admin = world.make_user("admin@example.no", Role.ADMIN)
    with world.runtime.database.session() as session:
        user = session.get(User, admin.user.id)
        assert user is not None
        user.language = "nb"
    browser = Browser(world, admin)
    created = browser.post("/contracts/new", {"title": "Renholdsavtale",
                                              "end_date": "2027-03-01"})
    assert created.status_code == 303
    contract_page = browser.get(created.headers["location"]).text
    assert "Avtalen er opprettet" in contract_page  # the flash message, translated
    assert "01.03.2027" in contract_page and "2027-03-01</" not in contract_page
    english = _catalogue_english()
    pages = [*PAGES, created.headers["location"]]
    for path in pages:
        response = browser.get(path)
        assert response.status_code == 200, path
        assert '<html lang="nb">' in response.text, path
        shown = [text for text in english if f">{text}<" in response.text]
        assert shown == [], f"{path} shows English: {shown}"


def test_language_follows_the_account_and_the_organisation_default(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    browser = Browser(world, editor)
    assert "Sign out" in browser.get("/account").text  # the default, English
    refused = browser.post("/account/language", {"language": "xx"})
    assert refused.status_code == 303
    assert "Choose one of the languages offered." in browser.get("/account").text
    saved = browser.post("/account/language", {"language": "nb"})
    assert saved.status_code == 303
    page = browser.get("/account").text
    assert "Språket er lagret." in page and "Logg ut" in page
    wrong = browser.post("/contracts/new", {"title": "X", "effective_date": "2027-05-01",
                                            "end_date": "2027-01-01"})
    assert wrong.status_code == 422 and "Ikke lagret" in wrong.text
