"""Every page at 390 px wide (a phone), in English and in Norwegian (longer words): nothing
scrolls sideways, the filters come above the results, the table becomes cards."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from conftest import PASSWORD
from e2e.test_browser import CHROMIUM, CHROMIUM_ARGS, EMAIL, LiveServer, live_server

from core.models import Role
from core.users import create_user

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser
__all__ = ["live_server"]  # the fixture, imported to be used here

PHONE = {"width": 390, "height": 844}
# Set to a folder to keep a picture of every page in both languages, for a person to look at.
SHOTS = os.environ.get("AVTALE_PHONE_SCREENSHOTS")
# Which elements stick out, to say what to fix when the test fails.
WIDEST = """[...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 5)
  .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""


def _contract(server: LiveServer) -> tuple[int, int]:
    from contracts.schemas import ContractCreate
    from contracts.service import create_contract
    from core.models import User

    with server.runtime.database.session() as session:
        admin = create_user(session, email="admin@example.no", role=Role.ADMIN,
                            password=PASSWORD)
        user = session.query(User).filter_by(email=EMAIL).one()
        contract = create_contract(session, user, ContractCreate(
            title="Rammeavtale om drift og vedlikehold av kommunens lange veinett " * 2,
            supplier_name="Veivedlikehold Nordre Fjordbyen Entreprenørforretning AS",
            end_date=dt.date.today() + dt.timedelta(days=45), auto_renewal=True,
            renewal_term={"count": 1, "unit": "year"},  # type: ignore[arg-type]
            notice_period={"count": 3, "unit": "month"},  # type: ignore[arg-type]
            value_amount="12500000", value_currency="NOK",
        ), dt.date.today())
        del admin
        assert contract.supplier_id is not None
        return contract.id, contract.supplier_id


def _spend(server: LiveServer, contract_id: int, supplier_id: int) -> None:
    """Spend under the contract, some above its price list, so the spend pages and the
    contract page draw their charts and tables."""
    from decimal import Decimal

    from core.models import ContractPriceItem, SpendLine
    from spend import rollup

    today = dt.date.today()
    with server.runtime.database.session() as session:
        session.add(ContractPriceItem(contract_id=contract_id, description="Asfaltlapping",
                                      unit="m2", unit_price=Decimal("400")))
        for number in range(1, 13):
            day = today - dt.timedelta(days=30 * number)
            session.add(SpendLine(
                natural_key=f"phone-{number}", source_file="phone.csv", line_number=number,
                date=day, month=day.strftime("%Y-%m"), amount=Decimal(125_000 * number),
                supplier_name="Veivedlikehold Nordre Fjordbyen Entreprenørforretning AS",
                supplier_id=supplier_id, contract_id=contract_id, on_contract=True,
                category_text="Vedlikehold av kommunale veier og gater",
                description="Asfaltlapping", quantity=Decimal(250),
                unit_price=Decimal(500 * number)))
        session.flush()
        rollup.rebuild(session)  # lines written here, not by an import: the reports read it


def _import_evaluation_and_risk(server: LiveServer, supplier_id: int, tmp: Path) -> int:
    """A spend import with rejected rows, a scored evaluation and register figures, so the
    imports' lists, the criteria and the indicators are drawn too. The import's id."""
    import httpx

    from core.models import SupplierRegisterRecord, User
    from core.tokens import create_token
    from spend.service import import_and_match

    lines = tmp / "leverandorreskontro.csv"
    lines.write_text("Dato,Leverandør,Beløp,Beskrivelse\n"
                     "2025-11-03,Veivedlikehold Nordre Fjordbyen Entreprenørforretning AS,"
                     "125000,Asfaltlapping\n2025-11-04,,10,Strøing\n"
                     "2025-11-05,Brøyting AS,ikke et tall,Brøyting\n", encoding="utf-8")
    with server.runtime.database.session() as session:
        imported = import_and_match(session, lines).id
        session.add(SupplierRegisterRecord(
            supplier_id=supplier_id, register="brreg", identifier="923609016",
            entity={"name": "VEIVEDLIKEHOLD"}, status_flags=[], failures=0,
            accounts=[{"year": 2025, "equity": 6e6, "total_assets": 2e7}],
            fetched_at=dt.datetime.now(dt.UTC)))
        token = create_token(session, session.query(User).filter_by(email=EMAIL).one(), "e2e")
        session.commit()
    with httpx.Client(base_url=server.url + "/api/v1",
                      headers={"Authorization": f"Bearer {token}"}) as api:
        template = api.get("/evaluation-templates").json()[0]
        made = api.post(f"/suppliers/{supplier_id}/evaluations",
                        json={"template_id": template["id"]})
        assert made.status_code == 201, made.text
        scored = api.put(f"/suppliers/{supplier_id}/evaluations/{made.json()['id']}/scores",
                         json={"scores": [{"criterion_id": c["id"], "score": 3}
                                          for c in template["criteria"]]})
        assert scored.status_code == 200, scored.text
    return imported


@contextlib.contextmanager
def _signed_in_phone(server: LiveServer) -> Iterator[Page]:
    """A page of Chromium at phone width, signed in as the test user."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=PHONE)
            page.set_default_timeout(20_000)
            page.goto(server.url + "/login")
            page.fill("input[name=email]", EMAIL)
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(server.url + "/")
            yield page
        finally:
            browser.close()


def _choose_language(server: LiveServer, language: str) -> None:
    from sqlalchemy import update

    from core.models import User

    with server.runtime.database.session() as session:
        session.execute(update(User).where(User.email == EMAIL).values(language=language))


# Any table cell that is not a card line (its table kept its columns at 390 px).
TABLE_CELLS = """[...document.querySelectorAll('table:not(.fields) tbody td')]
  .filter(e => getComputedStyle(e).display !== 'block')
  .slice(0, 3).map(e => e.closest('table').className + ' ' + e.textContent.trim())"""


# Pages whose scripts change them after they load (the PDF viewer, Swagger UI): measured once
# the network is idle. The others are measured when loaded (waiting for idle costs 0.5 s each).
_SCRIPTED = ("/contracts/", "/docs")


@pytest.mark.parametrize("language", ["en", "nb"])  # in parallel: ~45 s of page loads
def test_no_page_scrolls_sideways_at_phone_width(live_server: LiveServer, tmp_path: Path,
                                                 language: str) -> None:
    contract_id, supplier_id = _contract(live_server)
    _spend(live_server, contract_id, supplier_id)
    import_id = _import_evaluation_and_risk(live_server, supplier_id, tmp_path)
    live_server.runtime.jobs.wait_idle()
    live_server.runtime.sync_search()
    base = live_server.url
    pages = ["/", "/?q=vedlikehold", "/table", "/review", "/upload", "/contracts/new",
             f"/contracts/{contract_id}", "/account", "/account/password", "/docs",
             "/deadlines", "/inbox", "/deliveries", "/spend", "/spend/development",
             "/spend/prices", "/spend/import", "/help/search",
             "/suppliers", f"/suppliers/{supplier_id}", f"/suppliers/{supplier_id}/scorecard",
             f"/spend/imports?id={import_id}"]
    with _signed_in_phone(live_server) as page:
        too_wide, not_cards = {}, {}
        _choose_language(live_server, language)
        for path in pages:
            page.goto(base + path)
            page.wait_for_load_state(
                "networkidle" if path.startswith(_SCRIPTED) or SHOTS else "load")
            if path != "/docs":  # Swagger UI is English whatever the user chose
                assert page.get_attribute("html", "lang") == language, path
            if SHOTS:
                name = path.strip("/").replace("/", "_").replace("?", "_") or "search"
                page.screenshot(path=f"{SHOTS}/{language}-{name}.png", full_page=True)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                too_wide[(language, path)] = (width, page.evaluate(WIDEST))
            if columns := page.evaluate(TABLE_CELLS):
                not_cards[(language, path)] = columns
        assert too_wide == {}, f"pages wider than {PHONE['width']} px: {too_wide}"
        assert not_cards == {}, f"tables that keep their columns: {not_cards}"
        if language != "en":
            return

        page.goto(base + "/?q=vedlikehold")
        facets = page.locator(".facets").bounding_box()
        first_hit = page.locator(".hit").first.bounding_box()
        assert facets is not None and first_hit is not None
        assert facets["y"] < first_hit["y"]  # filters above the results, not beside

        page.goto(base + "/table")
        cell = page.locator(".table-view td[data-label='Supplier']").first
        assert cell.evaluate("e => getComputedStyle(e).display") == "block"  # a card

        page.goto(base + f"/contracts/{contract_id}")  # its upcoming events as cards too
        event = page.locator(".upcoming-event td").first
        assert event.evaluate("e => getComputedStyle(e).display") == "block"
        page.goto(base + "/deliveries")  # a row without columns gets no "label:" prefix
        empty = page.locator(".table-view td[colspan]").first
        assert empty.evaluate("e => getComputedStyle(e, '::before').content") in (
            "none", "normal")


def _link_rows(page: Page) -> list[int]:
    """The distinct tops of the header's links: one per row of links."""
    tops = page.evaluate(
        "[...document.querySelectorAll('.topbar nav a')]"
        ".map(a => Math.round(a.getBoundingClientRect().top))")
    return sorted(set(tops))


def test_header_links_wrap_in_rows_whatever_the_account_name(live_server: LiveServer) -> None:
    """A short account name ("Kari") left the links, beside it, the width of the longest
    link: one link per line at 390 px. And a two-word link ("Last opp") stays on one line."""
    from sqlalchemy import update

    from core.models import User

    with live_server.runtime.database.session() as session:
        session.execute(update(User).where(User.email == EMAIL).values(name="Kari"))
    base = live_server.url
    with _signed_in_phone(live_server) as page:
        for language in ("en", "nb"):
            _choose_language(live_server, language)
            for size in (PHONE, {"width": 1280, "height": 800}):
                page.set_viewport_size(size)  # type: ignore[arg-type]
                page.goto(base + "/deadlines")
                links = page.locator(".topbar nav a").count()
                rows = _link_rows(page)
                assert len(rows) <= 3, (language, size, rows)
                assert len(rows) < links / 2, (language, size, rows)
                heights = page.evaluate(
                    "[...document.querySelectorAll('.topbar nav a')]"
                    ".map(a => a.getClientRects().length)")
                assert set(heights) == {1}, (language, size, heights)  # no link broken


def test_search_filters_keep_from_and_to_on_one_line(live_server: LiveServer) -> None:
    """A "to" box wrapped alone to the start of the next line read as a filter of its own
    ("to [    ]"), at 1280 px as at 390 px."""
    base = live_server.url
    with _signed_in_phone(live_server) as page:
        for language in ("en", "nb"):
            _choose_language(live_server, language)
            for size in (PHONE, {"width": 1280, "height": 800}):
                page.set_viewport_size(size)  # type: ignore[arg-type]
                page.goto(base + "/")
                pairs = page.evaluate(
                    "[...document.querySelectorAll('.filters input[name$=_min],"
                    " .filters input[name=expires_from]')].map(low => {"
                    " const high = low.form.elements[low.name.replace('_min', '_max')"
                    ".replace('_from', '_to')];"
                    " return [low.name, Math.round(low.getBoundingClientRect().top),"
                    " Math.round(high.getBoundingClientRect().top)]; })")
                assert len(pairs) == 4
                for name, low, high in pairs:
                    assert low == high, (language, size, name)
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= size["width"], (language, size)


def test_filter_boxes_stay_inside_their_form_and_empty_card_values_show_a_dash(
    live_server: LiveServer,
) -> None:
    """At 390 px in Norwegian the supplier search box stuck out of its card (the page did
    not scroll, so the width check above missed it), and a card's empty value read
    "Leverandør:" with nothing after it."""
    from contracts.schemas import ContractCreate
    from contracts.service import create_contract
    from core.models import User

    _contract(live_server)  # a supplier, for the supplier list
    with live_server.runtime.database.session() as session:
        user = session.query(User).filter_by(email=EMAIL).one()
        create_contract(session, user, ContractCreate(title="Kantine"), dt.date.today())
    live_server.runtime.jobs.wait_idle()
    live_server.runtime.sync_search()
    base = live_server.url
    with _signed_in_phone(live_server) as page:
        for language in ("en", "nb"):
            _choose_language(live_server, language)
            for path in ("/", "/suppliers", "/deadlines", "/spend", "/spend/prices"):
                page.goto(base + path)
                outside = page.evaluate(
                    "[...document.querySelectorAll('form.filters')].flatMap(form => {"
                    " const edge = form.getBoundingClientRect().right"
                    " - parseFloat(getComputedStyle(form).paddingRight);"
                    " return [...form.querySelectorAll('input:not([type=hidden]), select')]"
                    ".filter(box => box.getBoundingClientRect().right > edge + 1)"
                    ".map(box => box.name); })")
                assert outside == [], (language, path, outside)
            page.goto(base + "/table")
            dashes = page.evaluate(
                "[...document.querySelectorAll('.table-view td[data-label]:empty')]"
                ".map(td => getComputedStyle(td, '::after').content)")
            assert dashes and set(dashes) == {'"—"'}, (language, dashes)
