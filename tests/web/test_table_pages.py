"""The table view: sorting, columns, exports of exactly what the user may see, bulk actions."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from conftest import Actor, World

from core.models import Role
from tests.web.test_pages import Browser

TODAY = dt.date.today()


@pytest.fixture
def people(world: World) -> dict[str, Actor]:
    return {
        "editor": world.make_user("editor@example.no", Role.EDITOR),
        "other": world.make_user("other@example.no", Role.EDITOR),
        "viewer": world.make_user("viewer@example.no", Role.VIEWER),
    }


def _contract(actor: Actor, title: str, **fields: object) -> int:
    response = actor.client.post("/api/v1/contracts", json={"title": title, **fields})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


@pytest.fixture
def contracts(world: World, people: dict[str, Actor]) -> dict[str, int]:
    editor = people["editor"]
    made = {
        "beta": _contract(editor, "Beta cleaning", supplier_name="Zeta Renhold AS",
                          end_date=(TODAY + dt.timedelta(days=30)).isoformat(),
                          value_amount="2000", value_currency="NOK"),
        "alpha": _contract(editor, "Alpha licence", supplier_name="Acme Software",
                           end_date=(TODAY + dt.timedelta(days=400)).isoformat(),
                           value_amount="90000", value_currency="NOK"),
        "formula": _contract(editor, "=HYPERLINK(\"http://evil\")", supplier_name="Evil AS"),
        "secret": _contract(people["other"], "Secret merger", visibility="restricted"),
    }
    world.wait_idle()
    return made


def _csv(browser: Browser, query: str = "") -> list[list[str]]:
    response = browser.get("/table/export.csv" + query)
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"].startswith("attachment;")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_table_sorts_by_any_column_and_shows_only_what_one_may_see(
    world: World, people: dict[str, Actor], contracts: dict[str, int]
) -> None:
    viewer = Browser(world, people["viewer"])
    page = viewer.get("/table?order=title&dir=asc").text
    assert "Secret merger" not in page
    assert page.index("Alpha licence") < page.index("Beta cleaning")
    by_value = viewer.get("/table?order=value&dir=desc&col=title&col=value").text
    assert by_value.index("Alpha licence") < by_value.index("Beta cleaning")
    assert ">Supplier<" not in by_value  # the column chooser left it out
    filtered = viewer.get("/table?q=cleaning").text
    assert "Beta cleaning" in filtered and "Alpha licence" not in filtered
    assert viewer.get("/table?q=%22unclosed").status_code == 400


def test_csv_and_xlsx_exports_hold_exactly_the_visible_rows(
    world: World, people: dict[str, Actor], contracts: dict[str, int]
) -> None:
    from openpyxl import load_workbook

    viewer = Browser(world, people["viewer"])
    rows = _csv(viewer, "?order=title&col=title&col=supplier&col=value")
    assert rows[0] == ["Id", "Title", "Supplier", "Value", "Currency"]
    titles = [r[1] for r in rows[1:]]
    assert titles == ["'=HYPERLINK(\"http://evil\")", "Alpha licence", "Beta cleaning"]
    assert "Secret merger" not in str(rows)
    assert rows[2][3:] == ["90000.00", "NOK"]

    owner_rows = _csv(Browser(world, people["other"]), "?q=secret")
    assert [r[1] for r in owner_rows[1:]] == ["Secret merger"]

    response = viewer.get("/table/export.xlsx?order=title&col=title&col=end_date")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["Id", "Title", "Current term ends"]
    assert [v[1] for v in values[1:]] == [
        "'=HYPERLINK(\"http://evil\")", "Alpha licence", "Beta cleaning"]
    assert values[2][2].date() == TODAY + dt.timedelta(days=400)


def test_bulk_actions_change_what_one_may_change_and_skip_the_rest(
    world: World, people: dict[str, Actor], contracts: dict[str, int]
) -> None:
    editor = Browser(world, people["editor"])
    done = editor.post("/table/bulk", {
        "action": "category", "value": "Facilities / Cleaning",
        "ids": [contracts["beta"], contracts["alpha"]], "search": "q=",
    })
    assert done.status_code == 303
    assert "2 changed" in editor.get("/table").text
    for key in ("beta", "alpha"):
        shown = people["editor"].client.get(f"/api/v1/contracts/{contracts[key]}").json()
        assert shown["category"]["path"] == "Facilities / Cleaning"

    # The other editor's restricted contract is not the first editor's to change.
    editor.post("/table/bulk", {"action": "archive", "ids": [contracts["secret"]],
                                "search": ""})
    assert "1 skipped" in editor.get("/table").text
    assert people["other"].client.get(
        f"/api/v1/contracts/{contracts['secret']}").json()["archived_at"] is None

    unknown = editor.post("/table/bulk", {"action": "assign_owner", "value": "nobody@x.no",
                                          "ids": [contracts["beta"]], "search": ""})
    assert unknown.status_code == 303
    assert "Nothing changed: no user" in editor.get("/table").text

    everything = editor.post("/table/bulk", {"action": "archive", "all_matching": "1",
                                             "search": "q=cleaning"})
    assert everything.status_code == 303
    world.wait_idle()
    page = editor.get("/table").text
    assert "Beta cleaning" not in page and "Alpha licence" in page

    viewer = Browser(world, people["viewer"])
    refused = viewer.post("/table/bulk", {"action": "archive", "ids": [contracts["alpha"]],
                                          "search": ""})
    assert refused.status_code == 303
    assert "1 skipped" in viewer.get("/table").text
