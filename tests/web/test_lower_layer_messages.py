"""What lower layers say reaches a Norwegian page in Norwegian: the deadline engine's
explanation, the checks on typed values, party roles, the contract's life and its errors.
The lower layers hand up messages (msgid and values), the page translates and formats them;
the API keeps serving English."""

from __future__ import annotations

import datetime as dt
import html

from conftest import World
from page_client import Browser, csrf_of

from core.models import Role, User

TODAY = dt.date.today()
# A contract that renews each year after a 3-year initial term from 19 July 2018.
TERMS = {
    "title": "Renholdsavtale", "effective_date": "2018-07-19",
    "initial_term": {"count": 3, "unit": "year"}, "auto_renewal": True,
    "renewal_term": {"count": 1, "unit": "year"}, "notice_period": {"count": 3, "unit": "month"},
    "parties": [{"name": "Renhold AS", "role": "supplier"},
                {"name": "Fjordbyen kommune", "role": "customer"}],
}
# English the lower layers used to hand the pages as finished sentences.
ENGLISH = (
    "ends on the 3rd anniversary", "Initial term 3 years from", "Renews for 1 year periods",
    "Unless notice is given", "to stop the renewal", "last day", "Notice given on",
    "is before the effective date", "is not a valid Norwegian organisation number",
    "give a date as YYYY-MM-DD", "(supplier)", "(customer)",
)


def _norwegian_editor(world: World) -> tuple[Browser, int]:
    editor = world.make_user("redaktor@example.no", Role.EDITOR)
    with world.runtime.database.session() as session:
        user = session.get(User, editor.user.id)
        assert user is not None
        user.language = "nb"
    created = editor.client.post("/api/v1/contracts", json=TERMS)
    assert created.status_code == 201, created.text
    return Browser(world, editor), int(created.json()["id"])


def _shown(page: str) -> str:
    return html.unescape(page)


def _english_in(page: str) -> list[str]:
    return [phrase for phrase in ENGLISH if phrase in page]


def test_the_deadline_explanation_and_party_roles_are_norwegian(world: World) -> None:
    browser, cid = _norwegian_editor(world)
    page = _shown(browser.get(f"/contracts/{cid}").text)
    assert "Første periode på 3 år fra 19.07.2018 slutter på 3. årsdag, 19.07.2021" in page
    assert "Fornyes for perioder på 1 år: gjeldende periode" in page
    assert "Med mindre den sies opp, fornyes den " in page
    assert "Oppsigelse 3 måneder før " in page and "for å stoppe fornyelsen: siste dag" in page
    assert "Renhold AS (leverandør)" in page and "Fjordbyen kommune (kunde)" in page
    assert _english_in(page) == []


def test_the_api_keeps_the_explanation_in_english_with_its_message_and_values(
    world: World,
) -> None:
    browser, cid = _norwegian_editor(world)
    data = browser.client.get(f"/api/v1/contracts/{cid}").json()
    first = data["deadlines"]["explanation"][0]
    assert first["text"] == ("Initial term 3 years from 2018-07-19 ends on the 3rd anniversary, "
                             "2021-07-19")
    assert first["message"] == ("Initial term %(term)s from %(start)s ends on the %(nth)s "
                                "anniversary, %(end)s")
    assert first["params"] == {"term": {"count": 3, "unit": "year"}, "start": "2018-07-19",
                               "nth": {"ordinal": 3}, "end": "2021-07-19"}


def test_invalid_values_are_refused_in_norwegian(world: World) -> None:
    browser, cid = _norwegian_editor(world)
    facts = {"title": "Renholdsavtale", "effective_date": "2018-07-19", "visibility":
             "organisation"}
    early = browser.post(f"/contracts/{cid}/edit", facts | {"end_date": "2018-01-31"})
    assert early.status_code == 422
    page = _shown(early.text)
    assert "Ikke lagret" in page
    assert "sluttdatoen 31.01.2018 er før startdatoen 19.07.2018" in page
    typo = browser.post("/contracts/new", {"title": "Vaktmester", "supplier_name": "Vakt AS",
                                           "supplier_org_number": "123456789"})
    assert typo.status_code == 422
    page = _shown(typo.text)
    assert "leverandørens org.nr. 123456789 er ikke et gyldig norsk organisasjonsnummer" in page
    assert _english_in(page) == []


def test_the_contracts_life_and_its_errors_are_norwegian(world: World) -> None:
    browser, cid = _norwegian_editor(world)
    bad = browser.post(f"/contracts/{cid}/events", {"kind": "notice_given",
                                                   "occurred_on": "i morgen"})
    assert bad.status_code == 303
    page = _shown(browser.get(f"/contracts/{cid}").text)
    assert "Ikke registrert: Dato: oppgi en dato som ÅÅÅÅ-MM-DD" in page
    done = browser.post(f"/contracts/{cid}/events", {"kind": "notice_given",
                                                    "occurred_on": TODAY.isoformat()})
    assert done.status_code == 303
    page = _shown(browser.get(f"/contracts/{cid}").text)
    # Renewed every year since 2021: the notice reaches the end of the current term.
    assert f"Oppsagt {TODAY:%d.%m.%Y} (for sent for en tidligere periode): avtalen slutter " \
        in page
    assert "(Oppsagt, Gjelder fra," in page  # the recorded event named as a source
    assert "ingen fornyelse følger" in page
    assert _english_in(page) == []


def test_spend_row_problems_are_norwegian_on_the_page_and_english_in_the_api(
    world: World,
) -> None:
    editor = world.make_user("innkjop@example.no", Role.EDITOR)
    with world.runtime.database.session() as session:
        user = session.get(User, editor.user.id)
        assert user is not None
        user.language = "nb"
    rows = ("Date,Supplier,Amount\n2024-01-02,Acme Ltd,100.00\n2024-01-03,Acme Ltd,oops\n"
            "31.02.2024,Acme Ltd,5.00\n,Acme Ltd,7.00\n")
    imported = editor.client.post("/api/v1/spend/imports",
                                   files={"files": ("jan.csv", rows.encode(), "text/csv")})
    assert imported.status_code == 200, imported.text
    (summary,) = imported.json()["imports"]
    assert [p["reason"] for p in summary["problems"]] == [
        "amount 'oops' is not a number", "date '31.02.2024' does not exist",
        "no date: imported without a date"]
    page = _shown(Browser(world, editor).get(f"/spend/imports?id={summary['id']}").text)
    assert "beløpet 'oops' er ikke et tall" in page and "beløpet … er ikke et tall" in page
    assert "datoen '31.02.2024' finnes ikke" in page
    assert "mangler dato: importert uten dato" in page
    assert "is not a number" not in page and "imported without a date" not in page


def test_a_spend_file_that_cannot_be_read_is_refused_in_norwegian(world: World) -> None:
    editor = world.make_user("regnskap@example.no", Role.EDITOR)
    with world.runtime.database.session() as session:
        user = session.get(User, editor.user.id)
        assert user is not None
        user.language = "nb"
    browser = Browser(world, editor)
    form = browser.get("/spend/import")
    posted = browser.post("/spend/import", data={"csrf_token": csrf_of(form.text)},
                          files={"files": ("spend.csv", b"\x00\x01\x02binary", "text/csv")},
                          csrf=False)
    if posted.status_code in (302, 303):
        posted = browser.get(posted.headers["location"])
    page = _shown(posted.text)
    assert "filen er binær, ikke CSV-tekst" in page, page[-2000:]
    assert "the file is binary" not in page
