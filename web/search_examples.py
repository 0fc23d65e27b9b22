"""The example searches the search page shows. Each is a query the search really
understands (see search_api.query_language), and a test runs every one of them against a
small corpus in each language: an example that finds nothing teaches people the wrong
syntax. Norwegian pages show Norwegian words (and field names), as a Norwegian contract has
them; the English ones would find nothing in a Norwegian archive."""

from __future__ import annotations

from dataclasses import dataclass

from web.i18n import N_


@dataclass(frozen=True)
class SearchExample:
    query: str
    finds: str
    # The same sign with Norwegian words, for Norwegian pages: the query, or the query and
    # what it finds when that differs from `finds`.
    norwegian: str | tuple[str, str] | None = None

    def in_language(self, language: str) -> SearchExample:
        if language != "nb" or self.norwegian is None:
            return self
        if isinstance(self.norwegian, str):
            return SearchExample(self.norwegian, self.finds)
        return SearchExample(*self.norwegian)


EXAMPLES: tuple[SearchExample, ...] = (
    SearchExample('"limitation of liability"', N_("the words next to each other, in this order"),
                  '"daglig renhold"'),
    SearchExample("party:acme", N_("contracts with a party whose name has the word acme"),
                  ("leverandør:pent", N_("the linked supplier's name has the word pent"))),
    SearchExample("title:rammeavtale", N_("a word in the title"),
                  "tittel:renhold"),
    SearchExample("indeks*", N_("words starting with indeks (indeksregulering, indeksert)"),
                  ("renhold*", N_("words starting with renhold (renholdet, renholdsplan)"))),
    SearchExample("liability -draft", N_("liability, but not in contracts that mention draft"),
                  ("pris -kraft", N_("pris, but not in contracts that mention kraft"))),
    SearchExample("IT OR software", N_("either word"),
                  "renhold OR vaktmester"),
)


def examples_in(language: str) -> tuple[SearchExample, ...]:
    return tuple(example.in_language(language) for example in EXAMPLES)


def placeholder_query(language: str) -> str:
    """The two examples in the search box's placeholder, run together as one search."""
    first, second = examples_in(language)[:2]
    return f"{first.query} {second.query}"
