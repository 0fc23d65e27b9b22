"""Fuzzy supplier matching of spend: a misspelling with one clear look-alike is linked, a
doubtful one stays unmatched with a suggestion, and a confirmed suggestion becomes an alias
that matches its lines; a rejected one is not suggested again."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from conftest import World
from spend_helpers import write_text
from sqlalchemy import select

from core.models import Role, SpendLine, Supplier, SupplierAlias, SupplierSuggestion
from spend.importer import import_file
from spend.matching import rematch
from suppliers.fuzzy import FuzzyNames

SPEND = (
    "Date,Supplier,Amount\n"
    "2024-03-01,DYSON MICHAEL ASSOCIATES,100\n"   # the same words reordered: linked
    "2024-03-02,Oxford Pride,200\n"              # resembles two suppliers: ask
    "2024-03-03,Oxford Pride,300\n"
    "2024-03-04,Totally Different Firm,400\n"    # like nobody: plainly unmatched
)


def test_the_matcher_takes_clear_winners_only() -> None:
    names = FuzzyNames([(1, "Michael Dyson Associates"), (2, "Oxford Pride Group"),
                        (3, "Oxford Pride Trust"), (4, "BT")])
    clear = names.match("ASSOCIATES MICHAEL DYSON LTD")
    assert clear is not None and clear.supplier_id == 1 and clear.accepted
    misspelt = names.match("MICHEAL DYSON ASSOCIATES")  # a look-alike waits for a person
    assert misspelt is not None and misspelt.supplier_id == 1 and not misspelt.accepted
    close_call = names.match("Oxford Pride")
    assert close_call is not None and close_call.ambiguous and not close_call.accepted
    assert names.match("Totally Different Firm") is None
    assert names.match("BTT") is None  # short names match exactly or not at all


def test_suggestions_are_confirmed_into_aliases(world: World, tmp_path: Path) -> None:
    database = world.runtime.database
    with database.session() as session:
        session.add_all([Supplier(name="Michael Dyson Associates"),
                         Supplier(name="Oxford Pride Group"), Supplier(name="Oxford Pride Trust")])
        session.flush()
        import_file(session, write_text(tmp_path / "spend.csv", SPEND))
        rematch(session)
        session.commit()
        lines = {int(line.amount): line for line in session.scalars(select(SpendLine))}
        assert lines[100].supplier_match == "fuzzy" and lines[100].supplier_id is not None
        assert lines[200].supplier_id is None and lines[200].supplier_match == "unmatched"
        assert lines[400].supplier_match == "unmatched"

    editor = world.make_user("innkjop@example.com", Role.EDITOR)
    queue = editor.client.get("/api/v1/spend/supplier-suggestions").json()
    assert [(s["spelling"], s["lines"], s["ambiguous"]) for s in queue] == [
        ("Oxford Pride", 2, True)]
    with database.session() as session:
        trust = session.scalar(select(Supplier).where(Supplier.name == "Oxford Pride Trust"))
        assert trust is not None
        # The person knows better than the matcher: it is the trust.
        session.get(SupplierSuggestion, queue[0]["id"]).supplier_id = trust.id  # type: ignore[union-attr]
        session.commit()
        trust_id = trust.id
    confirmed = editor.client.post(f"/api/v1/spend/supplier-suggestions/{queue[0]['id']}/confirm")
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json() == {"spelling": "Oxford Pride", "supplier_id": trust_id,
                                "lines_matched": 2}
    with database.session() as session:
        assert session.scalar(select(SupplierAlias.supplier_id).where(
            SupplierAlias.alias == "Oxford Pride")) == trust_id
        rematch(session)  # the alias now matches it exactly, with no suggestion left
        assert {line.supplier_match for line in session.scalars(
            select(SpendLine).where(SpendLine.supplier_name == "Oxford Pride"))} == {"alias"}
        assert session.scalar(select(SupplierSuggestion)) is None
    assert editor.client.get("/api/v1/spend/supplier-suggestions").json() == []
    assert editor.client.post(
        f"/api/v1/spend/supplier-suggestions/{queue[0]['id']}/confirm").status_code == 404


def test_a_rejected_suggestion_is_not_made_again(world: World, tmp_path: Path) -> None:
    database = world.runtime.database
    with database.session() as session:
        session.add_all([Supplier(name="Oxford Pride Group"), Supplier(name="Oxford Pride Trust")])
        session.flush()
        import_file(session, write_text(tmp_path / "spend.csv", SPEND))
        rematch(session)
        session.commit()
    editor = world.make_user("innkjop@example.com", Role.EDITOR)
    viewer = world.make_user("viewer@example.com", Role.VIEWER)
    suggestion_id = editor.client.get("/api/v1/spend/supplier-suggestions").json()[0]["id"]
    assert viewer.client.post(
        f"/api/v1/spend/supplier-suggestions/{suggestion_id}/reject").status_code == 403
    assert editor.client.post(
        f"/api/v1/spend/supplier-suggestions/{suggestion_id}/reject").status_code == 204
    with database.session() as session:
        rematch(session)
        session.commit()
        assert session.scalar(select(SpendLine.supplier_id).where(
            SpendLine.amount == Decimal(200))) is None
    assert editor.client.get("/api/v1/spend/supplier-suggestions").json() == []
