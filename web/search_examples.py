"""The example searches the search page shows. Each is a query the search really
understands (see search_api.query_language), and a test runs every one of them against a
small corpus: an example that finds nothing teaches people the wrong syntax."""

from __future__ import annotations

from dataclasses import dataclass

from web.i18n import N_


@dataclass(frozen=True)
class SearchExample:
    query: str
    finds: str


EXAMPLES: tuple[SearchExample, ...] = (
    SearchExample('"limitation of liability"', N_("the words next to each other, in this order")),
    SearchExample("party:acme", N_("contracts with a party whose name has the word acme")),
    SearchExample("title:rammeavtale", N_("a word in the title")),
    SearchExample("indeks*", N_("words starting with indeks (indeksregulering, indeksert)")),
    SearchExample("liability -draft", N_("liability, but not in contracts that mention draft")),
    SearchExample("IT OR software", N_("either word")),
)
# The two in the search box's placeholder, run together as one search.
PLACEHOLDER_QUERY = f"{EXAMPLES[0].query} {EXAMPLES[1].query}"
