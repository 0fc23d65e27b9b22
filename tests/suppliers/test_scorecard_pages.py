"""The scorecard sections as pages show them: a supplier's evaluations (overall and per
criterion) and register figures with formulas, and the contract page's evaluations of its
supplier, leaving out an evaluation made for a contract the viewer may not see."""

from __future__ import annotations

import datetime as dt

from conftest import World
from signin import signed_in_browser

from core.models import Role, Supplier, SupplierRegisterRecord


def test_scorecard_and_contract_page_show_what_the_viewer_may_see(world: World) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    world.make_user("reader@example.no", Role.VIEWER)
    made = owner.client.post("/api/v1/contracts", json={
        "title": "Renhold 2026", "supplier_name": "Renhold Vest AS"}).json()
    secret = owner.client.post("/api/v1/contracts", json={
        "title": "Secret cleaning", "supplier_name": "Renhold Vest AS",
        "visibility": "restricted"}).json()
    supplier_id = made["supplier"]["id"]
    template = next(t for t in owner.client.get("/api/v1/evaluation-templates").json()
                    if t["language"] == "nb")
    url = f"/api/v1/suppliers/{supplier_id}/evaluations"
    shown = owner.client.post(url, json={"template_id": template["id"],
                                         "evaluated_on": "2026-03-01"}).json()
    owner.client.put(f"{url}/{shown['id']}/scores", json={"scores": [
        {"criterion_id": c["id"], "score": 4} for c in template["criteria"]]})
    owner.client.post(url, json={"template_id": template["id"], "contract_id": secret["id"],
                                 "evaluated_on": "2026-04-01"})
    with world.runtime.database.session() as session:
        supplier = session.get(Supplier, supplier_id)
        assert supplier is not None
        session.add(SupplierRegisterRecord(
            supplier_id=supplier_id, register="brreg", identifier="923609016",
            entity={"name": "RENHOLD VEST AS"}, status_flags=["winding_up"],
            accounts=[{"year": 2025, "equity": 6e6, "total_assets": 2e7}],
            fetched_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC), failures=0))
        session.commit()

    reader = signed_in_browser(world, "reader@example.no")
    page = reader.get(f"/suppliers/{supplier_id}/scorecard")
    assert page.status_code == 200
    assert "Kvalitet" in page.text and "4.00" in page.text  # per criterion and overall
    assert "1 Apr 2026" not in page.text and "2026-04-01" not in page.text
    assert "equity / total assets" in page.text and "winding up" in page.text
    assert "risk: high" in page.text  # winding-up is a status flag: high whatever the figures

    contract_page = reader.get(f"/contracts/{made['id']}")
    assert "Evaluations of Renhold Vest AS" in contract_page.text
    assert contract_page.text.count("Leverandørevaluering") == 1
    assert reader.get("/suppliers/999999/scorecard").status_code == 404
