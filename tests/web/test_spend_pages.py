"""The spend analysis pages as a browser gets them, on a small imported file with known
answers: loyalty and leakage for one category, purchase development, prices paid and what
paying above the price list cost, their charts, exports holding exactly the rows shown, and
a restricted contract's figures kept from those who may not see it.

The world: Cleaning (Renhold, everyone sees it, 2024, detergent agreed at 50.00) and Paper
(Papir, restricted, 2024, Office supplies, copy paper agreed at 50.00). The lines:
  2024-01-15 Renhold Cleaning  1000  detergent 20 x 50   on Cleaning, at the price
  2024-02-10 Renhold Cleaning  1100  detergent 20 x 55   on Cleaning, 100.00 above
  2024-04-10 Renhold Cleaning   240  detergent  4 (60)   on Cleaning,  40.00 above
  2024-04-20 Skitt   Cleaning   500  mops       5 x 100  no contract
  2024-03-05 Papir   Office     550  paper     10 x 55   on Paper (restricted), 50.00 above
  2025-01-10 Renhold Cleaning   300  detergent  6 x 50   after Cleaning ended
"""

from __future__ import annotations

import csv
import datetime as dt
import html as html_module
import io
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from card_cells import every_cell_is_a_card_line
from conftest import World
from fake_clock import install_clock
from openpyxl import load_workbook
from page_client import Browser
from spend_helpers import write_text

from core.models import Category, Contract, ContractPriceItem, Role, Supplier, Visibility
from spend.service import import_and_match
from web.formatting import period_text

SPEND = (
    "Date,Supplier,Amount,Category,Description,Quantity,Unit price\n"
    "2024-01-15,Renhold Vest AS,1000,Cleaning,Vaskemiddel,20,50\n"
    "2024-02-10,Renhold Vest AS,1100,Cleaning,Vaskemiddel,20,55\n"
    "2024-04-10,Renhold Vest AS,240,Cleaning,Vaskemiddel,4,\n"
    "2024-04-20,Skitt Fiske AS,500,Cleaning,Mopper,5,100\n"
    "2024-03-05,Papir AS,550,Office supplies,Kopipapir A4,10,55\n"
    "2025-01-10,Renhold Vest AS,300,Cleaning,Vaskemiddel,6,50\n"
)
NNBSP = "\u202f"  # English money groups thousands with a narrow no-break space


@pytest.fixture
def spend(world: World, tmp_path: Path) -> dict[str, Any]:
    # Concentration looks at the 12 months up to today: 2024, without the 2025 line.
    install_clock(world.app_client.app).now = dt.datetime(2024, 12, 31, 12, 0, tzinfo=dt.UTC)
    with world.runtime.database.session() as session:
        cleaning = Category(name="Cleaning")
        office = Category(name="Office supplies")
        renhold = Supplier(name="Renhold Vest AS", org_number="923609016")
        papir = Supplier(name="Papir AS")
        session.add_all([cleaning, office, renhold, papir])
        session.flush()
        shown = Contract(title="Cleaning", supplier_id=renhold.id,
                         effective_date=dt.date(2024, 1, 1), ends_on=dt.date(2024, 12, 31))
        shown.price_items.append(ContractPriceItem(description="Vaskemiddel", unit="l",
                                                   unit_price=Decimal("50.00")))
        secret = Contract(title="Paper", supplier_id=papir.id, category_id=office.id,
                          visibility=Visibility.RESTRICTED,
                          effective_date=dt.date(2024, 1, 1), ends_on=dt.date(2024, 12, 31))
        secret.price_items.append(ContractPriceItem(description="Kopipapir A4", unit="box",
                                                    unit_price=Decimal("50.00")))
        session.add_all([shown, secret])
        session.flush()
        import_and_match(session, write_text(tmp_path / "spend.csv", SPEND))
        ids = {"shown": shown.id, "secret": secret.id}
    return {"viewer": Browser(world, world.make_user("viewer@example.no", Role.VIEWER)),
            "admin": Browser(world, world.make_user("admin@example.no", Role.ADMIN)), **ids}


class _Tables(HTMLParser):
    """Each <table id=...>'s body rows as lists of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._in_body = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._table = dict(attrs).get("id")
            if self._table:
                self.tables[self._table] = []
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._table and self._in_body:
            self.tables[self._table].append([])
        elif tag == "td" and self._table and self._in_body:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None and self._table:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tbody":
            self._in_body = False
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _tables(html: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def _csv(browser: Browser, url: str) -> list[list[str]]:
    response = browser.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _xlsx(browser: Browser, url: str) -> list[list[Any]]:
    response = browser.get(url)
    assert response.status_code == 200, response.text
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _number(cell: Any) -> Any:
    """A cell as a number where it is one (XLSX keeps numbers, CSV has their text; a share's
    last digits differ between the two)."""
    try:
        return Decimal(str(cell)).quantize(Decimal("0.000001"))
    except ArithmeticError:
        return "" if cell is None else str(cell)


def _bars(html: str, label: str) -> int:
    """The bars in the chart with this aria-label."""
    chart = re.search(rf'<svg class="bar-chart"[^>]*aria-label="{re.escape(label)}">(.*?)</svg>',
                      html, re.S)
    assert chart, f"no bar chart {label!r}"
    return chart.group(1).count("<rect ")


def test_one_category_on_contract_off_contract_and_paid_above(spend: dict[str, Any]) -> None:
    page = spend["viewer"].get("/spend?category=Cleaning")
    assert page.status_code == 200
    text = page.text
    summary = text[text.index('id="category-summary"'):text.index("</section>")]
    assert f"Bought on contract: 2{NNBSP}340.00 of 3{NNBSP}140.00 (75%)." in summary
    assert "Off contract: 800.00, most from Skitt Fiske AS." in summary
    # The restricted Paper line is another category and hidden from this viewer anyway.
    assert "Paying above the agreed prices cost 140.00." in summary
    found = _tables(text)
    assert found["table-loyalty-by-category"] == [
        ["Cleaning", f"3{NNBSP}140.00", f"2{NNBSP}340.00", "800.00", "75%", "5"]]
    assert found["table-leakage"] == [["Skitt Fiske AS", "500.00", "1", "no contract"],
                                      ["Renhold Vest AS", "300.00", "1",
                                       "contract not in force"]]
    assert 'aria-label="Spend on contract by category"' not in text  # one bar says nothing
    assert found["table-concentration-categories"] == [  # 2024 only: the clock's 12 months
        ["Cleaning", "Renhold Vest AS", "82%", f"2{NNBSP}840.00", "concentrated"]]
    assert found["table-concentration-contracts"] == [
        ["Cleaning", "Renhold Vest AS", "Cleaning", "82%"]]

    everything = spend["viewer"].get("/spend").text
    assert [row[0] for row in _tables(everything)["table-loyalty-by-category"]] == [
        "Cleaning", "Office supplies"]
    assert _bars(everything, "Spend on contract by category") == 2
    assert _bars(everything, "Spend on contract by quarter") == 3  # 2024-Q1, Q2 and 2025-Q1
    assert 'href="/spend/development' in everything and 'href="/spend/prices' in everything


def test_purchase_development_with_the_change_from_the_period_before(
        spend: dict[str, Any]) -> None:
    viewer = spend["viewer"]
    page = viewer.get("/spend/development?by=supplier&period=quarter").text
    rows = _tables(page)["table-development"]
    assert [r for r in rows if r[0] == "Renhold Vest AS"] == [
        ["Renhold Vest AS", "Q1 2024", f"2{NNBSP}100.00", "–", "–"],
        ["Renhold Vest AS", "Q2 2024", "240.00", f"-1{NNBSP}860.00", "-89%"],
        ["Renhold Vest AS", "Q1 2025", "300.00", "60.00", "+25%"],
    ]
    assert len(rows) == 5
    assert _bars(page, "Spend by period, all rows in the table") == 3  # one per quarter

    yearly = _tables(viewer.get(
        "/spend/development?by=category&period=year&category=Cleaning").text)
    assert yearly["table-development"] == [
        ["Cleaning", "2024", f"2{NNBSP}840.00", "–", "–"],
        ["Cleaning", "2025", "300.00", f"-2{NNBSP}540.00", "-89%"]]


def test_contract_figures_only_for_contracts_one_may_see(spend: dict[str, Any]) -> None:
    viewer, admin = spend["viewer"], spend["admin"]
    url = "/spend/development?by=contract&period=year"
    mine = viewer.get(url).text
    assert _tables(mine)["table-development"] == [
        [f"Cleaning (#{spend['shown']})", "2024", f"2{NNBSP}340.00", "–", "–"]]
    assert "Paper" not in mine
    assert [r[0] for r in _csv(viewer, "/spend/export/development.csv?by=contract&period=year")
            [1:]] == [f"Cleaning (#{spend['shown']})"]
    assert len(_tables(admin.get(url).text)["table-development"]) == 2

    hidden = viewer.get("/spend/prices").text
    assert [r[0] for r in _tables(hidden)["table-price-compliance"]] == ["Cleaning", "Cleaning"]
    assert "Paying above the agreed prices cost 140.00." in hidden
    shown = admin.get("/spend/prices").text
    assert [r[0] for r in _tables(shown)["table-price-compliance"]] == [
        "Cleaning", "Paper", "Cleaning"]
    assert "Paying above the agreed prices cost 190.00." in shown
    assert [r[0] for r in _csv(viewer, "/spend/export/price-compliance.csv")[1:]] == [
        "Cleaning", "Cleaning"]

    concentrated = "/spend/export/concentration-contracts.csv"
    assert [r[0] for r in _csv(viewer, concentrated)[1:]] == ["Cleaning"]
    assert [r[0] for r in _csv(admin, concentrated)[1:]] == ["Paper", "Cleaning"]
    assert f'href="/contracts/{spend["secret"]}"' not in viewer.get("/spend").text

    assert viewer.get(f"/contracts/{spend['secret']}").status_code == 404
    assert viewer.get(f"/contracts/{spend['secret']}/spend.csv").status_code == 404
    assert admin.get(f"/contracts/{spend['secret']}/spend.csv").status_code == 200


def test_prices_paid_over_time_as_a_line_chart(spend: dict[str, Any]) -> None:
    page = spend["viewer"].get("/spend/prices?period=quarter").text
    rows = _tables(page)["table-price-development"]
    assert [r for r in rows if r[0] == "Renhold Vest AS"] == [
        ["Renhold Vest AS", "vaskemiddel", "Q1 2024", "52.50", "50.00", "55.00", "2"],
        ["Renhold Vest AS", "vaskemiddel", "Q2 2024", "60.00", "60.00", "60.00", "1"],
        ["Renhold Vest AS", "vaskemiddel", "Q1 2025", "50.00", "50.00", "50.00", "1"],
    ]
    assert len(rows) == 5
    chart = page[page.index('<svg class="line-chart"'):page.index("</svg>",
                                                               page.index("line-chart"))]
    assert chart.count("<polyline ") == 3  # detergent, paper, mops
    assert chart.count("<circle ") == 5  # one a period each series has
    assert "vaskemiddel (Renhold Vest AS), Q2 2024: 60.00" in chart
    compliance = _tables(page)["table-price-compliance"]
    assert compliance == [
        ["Cleaning", "2024-02-10", "vaskemiddel", "50.00", "55.00", "20", "5.00", "100.00"],
        ["Cleaning", "2024-04-10", "vaskemiddel", "50.00", "60.00", "4", "10.00", "40.00"]]
    one = _tables(spend["viewer"].get("/spend/prices?supplier=Papir AS").text)
    assert [r[0] for r in one["table-price-development"]] == ["Papir AS"]


@pytest.mark.parametrize(("page", "table", "export"), [
    ("/spend?category=Cleaning", "table-leakage", "leakage"),
    ("/spend", "table-loyalty-by-category", "loyalty-by-category"),
    ("/spend", "table-loyalty-by-quarter", "loyalty-by-quarter"),
    ("/spend", "table-concentration-categories", "concentration-categories"),
    ("/spend", "table-concentration-contracts", "concentration-contracts"),
    ("/spend/development?by=supplier&period=month", "table-development", "development"),
    ("/spend/prices?period=year", "table-price-development", "price-development"),
    ("/spend/prices?category=Cleaning", "table-price-compliance", "price-compliance"),
])
def test_exports_hold_exactly_the_rows_shown(spend: dict[str, Any], page: str, table: str,
                                             export: str) -> None:
    viewer = spend["viewer"]
    html = viewer.get(page).text
    shown = _tables(html)[table]
    assert shown
    found = re.search(rf'href="(/spend/export/{export}\.csv\?[^"]*)"', html)
    assert found, f"no export link for {table}"
    link = html_module.unescape(found.group(1))
    for name, value in parse_qsl(page.partition("?")[2]):  # the page's own filter goes along
        assert (name, value) in parse_qsl(link.partition("?")[2])
    rows = _csv(viewer, link)
    assert len(rows) == len(shown) + 1  # the header
    # Periods are the reader's on the page (Q1 2024), ISO in the export (2024-Q1).
    assert [period_text(r[0]) for r in rows[1:]] == [r[0] for r in shown]
    sheet = _xlsx(viewer, link.replace(".csv", ".xlsx"))
    assert sheet[0] == rows[0]
    assert [[_number(c) for c in r] for r in sheet[1:]] == [[_number(c) for c in r]
                                                             for r in rows[1:]]


def test_export_figures_are_numbers(spend: dict[str, Any]) -> None:
    sheet = _xlsx(spend["viewer"], "/spend/export/price-compliance.xlsx")
    assert sheet[0] == ["Contract", "Date", "Item", "Agreed unit price", "Paid unit price",
                        "Quantity", "Above per unit", "Paid above"]
    assert [r[-1] for r in sheet[1:]] == [100, 40]
    assert spend["viewer"].get("/spend/export/nothing.csv").status_code == 404
    assert spend["viewer"].get("/spend/export/leakage.pdf").status_code == 404


def test_contract_page_shows_its_spend_by_month(world: World, spend: dict[str, Any]) -> None:
    viewer = spend["viewer"]
    page = viewer.get(f"/contracts/{spend['shown']}").text
    assert 'id="contract-spend"' in page
    assert _bars(page, "Spend by month, Jan 2024 to Apr 2024") == 3
    assert f"2{NNBSP}340.00 from Jan 2024 to Apr 2024." in page
    assert '<td data-label="Month">Apr 2024</td>' in page
    rows = _csv(viewer, f"/contracts/{spend['shown']}/spend.csv")
    assert rows == [["Month", "Amount"], ["2024-04", "240.00"], ["2024-02", "1100.00"],
                    ["2024-01", "1000.00"]]  # the export keeps ISO months
    with world.runtime.database.session() as session:
        empty = Contract(title="Nothing bought")
        session.add(empty)
        session.flush()
        empty_id = empty.id
    assert 'id="contract-spend"' not in viewer.get(f"/contracts/{empty_id}").text


def test_price_compliance_dates_are_the_readers_and_the_export_stays_iso(
    spend: dict[str, Any],
) -> None:
    """The table's dates were ISO on a Norwegian page, beside Norwegian money."""
    viewer = spend["viewer"]
    viewer.post("/account/language", {"language": "nb"})
    shown = _tables(viewer.get("/spend/prices").text)["table-price-compliance"]
    assert shown and all(re.fullmatch(r"\d\d\.\d\d\.\d{4}", row[1]) for row in shown), shown
    rows = _csv(viewer, "/spend/export/price-compliance.csv")
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", row[1]) for row in rows[1:]), rows


def test_spend_tables_are_cards_on_a_phone(world: World, spend: dict[str, Any]) -> None:
    """The imports' lists and the contract's spend by month stayed tables: at 390 px
    "Vaskemiddel" and the month broke mid-word."""
    admin = spend["admin"]
    bad = "Date,Supplier,Amount\n2024-05-02,Renhold Vest AS,not a number\n2024-05-03,,10\n"
    posted = admin.post("/spend/import", files={"files": ("mai.csv", bad.encode(), "text/csv")})
    assert posted.status_code == 303, posted.text
    for language in ("en", "nb"):
        admin.post("/account/language", {"language": language})
        every_cell_is_a_card_line(admin.get(posted.headers["location"]).text)
        every_cell_is_a_card_line(admin.get("/spend/import").text)
        page = admin.get(f"/contracts/{spend['shown']}").text
        spent = page.split('id="contract-spend"')[1].split("</section>")[0]
        every_cell_is_a_card_line(spent)


def test_months_and_quarters_read_the_readers_way(spend: dict[str, Any]) -> None:
    """Charts and tables said "2024-04" in both languages; a reader says "Apr 2024" or
    "apr. 2024". The API keeps ISO months."""
    viewer = spend["viewer"]
    viewer.post("/account/language", {"language": "nb"})
    page = viewer.get(f"/contracts/{spend['shown']}").text
    assert _bars(page, "Innkjøp per måned, jan. 2024 til apr. 2024") == 3
    assert '<td data-label="Måned">apr. 2024</td>' in page
    assert 'class="bar-chart-label">feb. 2024</text>' in page
    quarters = _tables(viewer.get("/spend/development?by=supplier&period=quarter").text)
    assert ["Renhold Vest AS", "K2 2024"] in [row[:2] for row in quarters["table-development"]]
    months = _tables(viewer.get("/spend/development?by=supplier&period=month").text)
    assert "apr. 2024" in [row[1] for row in months["table-development"]]
    api = viewer.get(f"/api/v1/contracts/{spend['shown']}/spend").json()
    assert [m["month"] for m in api["by_month"]] == ["2024-01", "2024-02", "2024-04"]


def test_spend_with_nothing_on_contract_says_so_instead_of_empty_charts(world: World) -> None:
    """A first import, before any contract: the loyalty charts were empty frames with the
    category names run together beneath."""
    editor = world.make_user("editor@example.no", Role.EDITOR)
    lines = ("Date,Supplier,Amount,Category\n2024-01-15,Renhold Vest AS,1000,Cleaning\n"
             "2024-02-10,Papir AS,550,Office supplies\n")
    imported = editor.client.post("/api/v1/spend/imports",
                                  files={"files": ("spend.csv", lines.encode(), "text/csv")})
    assert imported.status_code == 200, imported.text
    browser = Browser(world, editor)
    page = browser.get("/spend").text
    assert '<svg class="bar-chart"' not in page
    assert "Nothing here was bought on contract yet" in page
    assert 'id="table-loyalty-by-category"' in page  # the figures are still there
    browser.post("/account/language", {"language": "nb"})
    assert "Ingenting her er kjøpt på avtale ennå" in browser.get("/spend").text
