"""Every example search the search page shows works: no error, and a hit on a corpus that
has what the example looks for."""

from __future__ import annotations

import html
import re

from conftest import World
from page_client import Browser
from pdf_factory import contract_pdf

from core.models import Role

# What the examples look for: a phrase, a party named Acme, a word in the title, words
# starting with "indeks", "liability" without "draft", IT or software.
MATCHING = contract_pdf([
    "RAMMEAVTALE OM IT-TJENESTER\n\nThis framework agreement is made on 1 March 2024 "
    'between Fjordbyen kommune (the "Customer") and Acme Consulting AS, a Norwegian company '
    '(the "Supplier").\n\n1. Limitation of liability. The limitation of liability is the '
    "annual fees.\n\n2. Prices. Prices are subject to indeksregulering each January.\n\n"
    "3. Software. The Supplier delivers software and IT operations."
])
OTHER = contract_pdf([
    "SERVICES AGREEMENT\n\nThis draft services agreement is made on 1 March 2024 between "
    'Nordlys Drift AS (the "Customer") and Beta Services Ltd (the "Supplier").\n\n'
    "1. Liability. Each party's liability is unlimited."
])
_EXAMPLE = re.compile(r'<code class="search-example">([^<]+)</code>')
_PLACEHOLDER = re.compile(r"""placeholder=(["'])Search contracts, e\.g\. (.+?)\1""")


def test_every_example_on_the_search_page_finds_its_contract(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    ids = []
    for name, data in (("ramme.pdf", MATCHING), ("draft.pdf", OTHER)):
        response = editor.client.post("/api/v1/documents",
                                      files=[("files", (name, data, "application/pdf"))])
        assert response.status_code == 202, response.text
        ids.append(response.json()["documents"][0]["id"])
    world.wait_idle()
    matching = editor.client.get(f"/api/v1/documents/{ids[0]}").json()["contract_id"]

    page = Browser(world, editor)
    shown = page.get("/").text
    placeholder = _PLACEHOLDER.search(shown)
    assert placeholder, "the search box shows no example"
    examples = [html.unescape(placeholder.group(2))] + [
        html.unescape(example) for example in _EXAMPLE.findall(shown)
    ]
    for query in examples:
        response = editor.client.get("/api/v1/search", params={"q": query})
        assert response.status_code == 200, (query, response.text)
        hits = [hit["contract_id"] for hit in response.json()["hits"]]
        assert hits == [matching], (query, hits)
        on_the_page = page.get("/", params={"q": query})
        assert on_the_page.status_code == 200, query
        assert f'href="/contracts/{matching}"' in on_the_page.text, query
    assert len(examples) >= 4  # the placeholder's and the list's
