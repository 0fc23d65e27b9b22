"""Small things on the pages: the favicon, how an empty result names the search, and the
unit of a price list."""

from __future__ import annotations

import html
import re

from conftest import World
from page_client import Browser
from pdf_factory import fixture_text, pdf_from_text

from core.models import Role


def test_pages_link_a_favicon_the_app_serves(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    page = Browser(world, editor)
    link = re.search(r'<link rel="icon" href="([^"]+)"', page.get("/").text)
    assert link, "no favicon link"
    icon = page.get(link.group(1))
    assert icon.status_code == 200
    assert icon.headers["content-type"].startswith("image/svg+xml")
    assert icon.text.lstrip().startswith("<svg")


def test_an_empty_result_quotes_the_search_once(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    page = Browser(world, editor)
    phrase = html.unescape(page.get("/", params={"q": '"zzqx nothing"'}).text)
    assert "No contracts match “zzqx nothing”." in phrase
    words = html.unescape(page.get("/", params={"q": 'zzqx "nothing here"'}).text)
    assert 'No contracts match “zzqx "nothing here"”.' in words


def test_a_price_list_names_its_unit_once(world: World) -> None:
    editor = world.make_user("innkjop@example.no", Role.EDITOR)
    pdf = pdf_from_text(fixture_text("nb_renholdsavtale"))
    response = editor.client.post("/api/v1/documents",
                                  files=[("files", ("renhold.pdf", pdf, "application/pdf"))])
    assert response.status_code == 202, response.text
    world.wait_idle()
    status = editor.client.get(f"/api/v1/documents/{response.json()['documents'][0]['id']}")
    contract_id = status.json()["contract_id"]
    fields = editor.client.get(f"/api/v1/contracts/{contract_id}").json()["fields"]
    [prices] = [row["value"] for row in fields if row["field"] == "price_items"]
    assert "per måned" in [item["unit"] for item in prices]  # as the price list writes it
    text = html.unescape(Browser(world, editor).get(f"/contracts/{contract_id}").text)
    assert "per måned" in text and "per gang" in text
    assert "per per" not in text
