"""Every example search the search page shows works: no error, and a hit on a corpus that
has what the example looks for."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import World
from page_client import Browser
from pdf_factory import contract_pdf

from core.models import Role, User
from web.search_examples import EXAMPLES

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
NORWEGIAN = Path(__file__).resolve().parents[1] / "fixtures/norwegian"
# The Norwegian examples look for a cleaning contract with "daglig renhold" and the supplier
# Rent & Pent Vest AS; the power contract mentions pris and kraft, and no cleaning.
CORPUS = {
    "en": (MATCHING, OTHER),
    "nb": (contract_pdf([(NORWEGIAN / "tuning_stiftelse_renhold.txt").read_text()]),
           contract_pdf([(NORWEGIAN / "tuning_kraft_fastpris.txt").read_text()])),
}
_EXAMPLE = re.compile(r'<code class="search-example">([^<]+)</code>')
_PLACEHOLDER = {
    "en": re.compile(r"""placeholder=(["'])Search contracts, e\.g\. (.+?)\1"""),
    "nb": re.compile(r"""placeholder=(["'])Søk i avtaler, f\.eks\. (.+?)\1"""),
}


@pytest.mark.parametrize("language", ["en", "nb"])
def test_every_example_on_the_search_page_finds_its_contract(world: World, language: str
                                                             ) -> None:
    """Norwegian pages showed the English examples, which find nothing in Norwegian
    contracts."""
    editor = world.make_user("editor@example.no", Role.EDITOR)
    ids = []
    matching_body, other_body = CORPUS[language]
    for name, data in (("ramme.pdf", matching_body), ("draft.pdf", other_body)):
        response = editor.client.post("/api/v1/documents",
                                      files=[("files", (name, data, "application/pdf"))])
        assert response.status_code == 202, response.text
        ids.append(response.json()["documents"][0]["id"])
    world.wait_idle()
    matching = editor.client.get(f"/api/v1/documents/{ids[0]}").json()["contract_id"]

    with world.runtime.database.session() as session:
        user = session.get(User, editor.user.id)
        assert user is not None
        user.language = language
        session.commit()
    page = Browser(world, editor)
    shown = page.get("/").text
    placeholder = _PLACEHOLDER[language].search(shown)
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
    assert examples[1:] == [e.in_language(language).query for e in EXAMPLES]
