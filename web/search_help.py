"""The search syntax help page (/help/search): every part of the query language with an
example that runs it. The syntax itself is defined once, in search_api.query_language; a
test parses every example here and runs it, so the page cannot teach what the search does
not understand."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from web.common import PageUser, render
from web.i18n import N_
from web.search_examples import SearchExample

router = APIRouter()


@dataclass(frozen=True)
class SyntaxSection:
    title: str
    examples: tuple[SearchExample, ...]
    note: str = ""


SECTIONS: tuple[SyntaxSection, ...] = (
    SyntaxSection(N_("Words and phrases"), (
        SearchExample("liability cap", N_("contracts with both words (all words must match)"),
                      "daglig renhold"),
        SearchExample('"limitation of liability"',
                      N_("the words next to each other, in this order"),
                      '"daglig renhold"'),
        SearchExample("avtaler", N_("also avtale and avtalen: Norwegian and English words "
                                    "find their other forms"),
                      ("oppsigelsen", N_("also oppsigelse and oppsigelser: Norwegian and "
                                         "English words find their other forms"))),
    ), N_("Upper and lower case do not matter, nor do accents: tromso finds Tromsø.")),
    SyntaxSection(N_("Either, not, groups"), (
        SearchExample("IT OR software", N_("either word (OR in capitals)"),
                      "renhold OR vaktmester"),
        SearchExample("liability -draft", N_("liability, but not in contracts that mention draft"),
                      ("pris -kraft", N_("pris, but not in contracts that mention kraft"))),
        SearchExample("NOT draft", N_("every contract that does not mention draft"),
                      ("NOT kraft", N_("every contract that does not mention kraft"))),
        SearchExample("cleaning (Oslo OR Bergen)", N_("cleaning, and Oslo or Bergen"),
                      ("renhold (Oslo OR Bergen)", N_("renhold, and Oslo or Bergen"))),
    )),
    SyntaxSection(N_("Word starts and misspellings"), (
        SearchExample("indeks*", N_("words starting with indeks (indeksregulering, indeksert)"),
                      ("oppsig*", N_("words starting with oppsig (oppsigelse, oppsigelsestid)"))),
        SearchExample("indexaton~", N_("words spelt nearly so (up to two letters different)"),
                      "leverandr~"),
        SearchExample("renhold~1", N_("at most one letter different"),
                      "renholt~1"),
    )),
    SyntaxSection(N_("In one part of the contract"), (
        SearchExample("title:rammeavtale", N_("a word in the title"),
                      "tittel:renhold"),
        SearchExample("party:acme", N_("contracts with a party whose name has the word acme"),
                      ("part:pent", N_("contracts with a party whose name has the word pent"))),
        SearchExample("supplier:renhold", N_("the linked supplier's name has the word renhold"),
                      "leverandør:renhold"),
        SearchExample("category:IT", N_("a word of the category"),
                      "kategori:renhold"),
        SearchExample('law:"new york"', N_("the governing law"),
                      "lov:norway"),
        SearchExample("body:indexation", N_("a word in the contract's text only"),
                      "tekst:renholdsplan"),
    )),
    SyntaxSection(N_("Status, dates and value"), (
        SearchExample("status:expiring", N_("by status: active, expiring, expired or unknown")),
        SearchExample("expires:<90d", N_("ends within the next 90 days (d, w, m, y)"),
                      "utløper:<90d"),
        SearchExample("notice:<30d", N_("the notice deadline is within the next 30 days"),
                      "frist:<30d"),
        SearchExample("expires:2027", N_("ends in 2027 (or a month: expires:2027-06)"),
                      ("utløper:2027", N_("ends in 2027 (or a month: utløper:2027-06)"))),
        SearchExample("expires:2027-01-01..2027-06-30", N_("ends between two dates"),
                      "utløper:2027-01-01..2027-06-30"),
        SearchExample("value:>1000000", N_("the contract value is above 1,000,000"),
                      "verdi:>1000000"),
        SearchExample("value:100000..500000", N_("the contract value is between two amounts"),
                      "verdi:100000..500000"),
    ), N_("Filters combine with words: cleaning status:active expires:<1y.")),
    SyntaxSection(N_("Supplier risk, evaluations and spend"), (
        SearchExample("risk:high", N_("the supplier's financial risk is high (low, medium, "
                                      "high, or unknown when not looked up)"),
                      "risiko:high"),
        SearchExample("score:<3", N_("the supplier's last evaluation scored below 3"),
                      "poeng:<3"),
        SearchExample("spend:>100000", N_("more than 100,000 bought under the contract in "
                                          "the last 12 months"),
                      "innkjøp:>100000"),
        SearchExample("category:IT risk:high", N_("IT contracts with a high-risk supplier"),
                      ("kategori:renhold risiko:high",
                       N_("cleaning contracts with a high-risk supplier"))),
    ), N_("Spend counts the 12 months up to the newest spend line imported. The risk level "
          "is the one from the supplier's last register lookup.")),
)


@router.get("/help/search", response_class=HTMLResponse, include_in_schema=False)
def search_help_page(request: Request, user: PageUser) -> HTMLResponse:
    return render(request, "search_help.html", {"sections": SECTIONS}, user=user)
