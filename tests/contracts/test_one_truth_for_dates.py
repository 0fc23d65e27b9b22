"""Search, lists, the review queue and the contract itself show the same status and dates:
the deadline engine's for today, after renewals, recomputed when the calendar moves on."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from conftest import Actor, World

from core.models import Role

TODAY = dt.date.today()


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@pytest.fixture
def owner(world: World) -> Actor:
    return world.make_user("owner@example.no", Role.EDITOR)


def _create(actor: Actor, **fields: Any) -> dict[str, Any]:
    response = actor.client.post("/api/v1/contracts", json=fields)
    assert response.status_code == 201, response.text
    return dict(response.json())


def _search(actor: Actor, **params: Any) -> dict[str, Any]:
    response = actor.client.get("/api/v1/search", params=params)
    assert response.status_code == 200, response.text
    return dict(response.json())


def _facet(result: dict[str, Any], name: str) -> dict[str, int]:
    return {f["value"]: f["count"] for f in result["facets"][name]}


def test_an_auto_renewed_contract_shows_its_current_term_everywhere(
    world: World, owner: Actor
) -> None:
    # Signed in the nineties, renewed every year since: its current term ends in 8 days.
    current_end = TODAY + dt.timedelta(days=8)
    if (current_end.month, current_end.day) == (2, 29):
        current_end += dt.timedelta(days=1)
    first_end = _years_before(current_end, 32)
    created = _create(
        owner, title="Maintenance agreement", supplier_name="Vedlikehold AS",
        effective_date=_years_before(first_end, 1).isoformat(), end_date=first_end.isoformat(),
        auto_renewal=True, renewal_term={"count": 1, "unit": "year"},
        notice_period={"count": 2, "unit": "month"},
    )
    world.wait_idle()

    page = owner.client.get(f"/api/v1/contracts/{created['id']}").json()
    assert page["status"] == "active"  # renews without limit: it never ends on its own
    assert page["current_term_end"] == current_end.isoformat()
    assert page["next_renewal_date"] == (current_end + dt.timedelta(days=1)).isoformat()
    notice = dt.date.fromisoformat(page["notice_deadline"])
    assert notice > TODAY  # this term's deadline passed: the next term's is the one to act on

    (hit,) = _search(owner, q="maintenance")["hits"]
    assert hit["status"] == page["status"]
    assert hit["end_date"] == page["current_term_end"]
    assert hit["next_renewal_date"] == page["next_renewal_date"]
    assert hit["notice_deadline"] == page["notice_deadline"]
    facets = _search(owner)
    assert _facet(facets, "end_date")["expired"] == 0  # not "Already ended"
    assert _facet(facets, "end_date")["0-30d"] == 1

    (listed,) = owner.client.get("/api/v1/contracts").json()["contracts"]
    assert (listed["status"], listed["end_date"], listed["notice_deadline"]) == (
        page["status"], page["current_term_end"], page["notice_deadline"])

    html = owner.client.get("/", params={"q": "maintenance"}).text
    assert "Current term ends" in html and "unless notice is given" in html


def test_unknown_is_a_status_like_the_others(world: World, owner: Actor) -> None:
    undated = _create(owner, title="Undated framework agreement")
    dated = _create(owner, title="Dated framework agreement",
                    end_date=(TODAY + dt.timedelta(days=400)).isoformat())
    world.wait_idle()

    assert owner.client.get(f"/api/v1/contracts/{undated['id']}").json()["status"] == "unknown"
    everything = _search(owner)
    assert _facet(everything, "status") == {"active": 1, "expiring": 0, "expired": 0,
                                             "unknown": 1}
    unknown = _search(owner, status="unknown")
    assert [h["contract_id"] for h in unknown["hits"]] == [undated["id"]]
    assert unknown["hits"][0]["status"] == "unknown"
    active = _search(owner, status="active")
    assert [h["contract_id"] for h in active["hits"]] == [dated["id"]]
    page = owner.client.get("/", params={"status": "unknown"})
    assert page.status_code == 200 and "Undated framework agreement" in page.text


def test_the_daily_pass_moves_status_and_index_with_the_calendar(
    world: World, owner: Actor
) -> None:
    ends = TODAY + dt.timedelta(days=100)
    created = _create(owner, title="Office lease", end_date=ends.isoformat())
    world.wait_idle()
    assert _search(owner, status="active")["total"] == 1

    runtime = world.runtime
    runtime.today = lambda: TODAY + dt.timedelta(days=20)  # 80 days before the end
    assert runtime.refresh_deadlines() == 1
    world.wait_idle()
    assert [h["contract_id"] for h in _search(owner, status="expiring")["hits"]] == [
        created["id"]]
    assert runtime.refresh_deadlines() == 0  # done for that day: a second pass changes nothing

    runtime.today = lambda: ends + dt.timedelta(days=1)
    assert runtime.refresh_deadlines() == 1
    world.wait_idle()
    (hit,) = _search(owner, status="expired")["hits"]
    assert hit["end_date"] == ends.isoformat()


def test_contracts_stored_before_the_upgrade_get_todays_deadlines(
    world: World, owner: Actor
) -> None:
    from sqlalchemy import update

    from core.models import Contract

    created = _create(owner, title="Old row", end_date=(TODAY + dt.timedelta(days=10)).isoformat())
    with world.runtime.database.session() as session:
        # What the migration leaves: no status, never computed.
        session.execute(update(Contract).values(status="unknown", deadlines_as_of=None))
    assert world.runtime.refresh_deadlines() == 1
    world.wait_idle()
    (hit,) = _search(owner, status="expiring")["hits"]
    assert hit["contract_id"] == created["id"]


def test_a_daily_pass_cut_short_keeps_its_finished_batches_and_resumes(
    world: World, owner: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import select

    import contracts.stored_deadlines as stored
    from core.models import Contract

    ends = TODAY + dt.timedelta(days=100)
    ids = [_create(owner, title=f"Lease {n}", end_date=ends.isoformat())["id"] for n in range(3)]
    world.wait_idle()
    monkeypatch.setattr(stored, "REFRESH_BATCH", 1)
    later = TODAY + dt.timedelta(days=20)
    world.runtime.today = lambda: later
    real_refresh = stored.refresh_deadlines

    def fail_on_the_last(contract: Contract, today: dt.date) -> bool:
        if contract.id == ids[-1]:
            raise RuntimeError("worker stopped")
        return real_refresh(contract, today)

    monkeypatch.setattr(stored, "refresh_deadlines", fail_on_the_last)
    with pytest.raises(RuntimeError):
        world.runtime.refresh_deadlines()
    with world.runtime.database.session() as session:
        computed = {row.id: row.deadlines_as_of for row in session.execute(
            select(Contract.id, Contract.deadlines_as_of))}
    assert [computed[i] == later for i in ids] == [True, True, False]

    monkeypatch.setattr(stored, "refresh_deadlines", real_refresh)
    assert world.runtime.refresh_deadlines() == 1  # only the one left over
