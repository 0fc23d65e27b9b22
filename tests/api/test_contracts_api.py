from __future__ import annotations

from conftest import World

from core.models import Role


def test_health_needs_no_token(world: World) -> None:
    response = world.app_client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_api_refuses_requests_without_a_valid_token(world: World) -> None:
    assert world.app_client.get("/api/v1/contracts/1").status_code == 401
    response = world.app_client.get(
        "/api/v1/contracts/1", headers={"Authorization": "Bearer avt_not-a-token"}
    )
    assert response.status_code == 401


def test_create_and_edit_a_paper_contract(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    response = editor.client.post("/api/v1/contracts", json={
        "title": "Rammeavtale renhold",
        "supplier_name": "Renhold Vest AS",
        "supplier_org_number": "923609016",
        "category_path": "Facilities / Cleaning",
        "effective_date": "2024-01-31",
        "initial_term": {"count": 1, "unit": "month"},
        "notice_period": {"count": 10, "unit": "day"},
        "value_amount": "250000.00",
        "value_currency": "NOK",
    })
    assert response.status_code == 201, response.text
    contract = response.json()
    assert contract["supplier"]["name"] == "Renhold Vest AS"
    assert contract["category"]["path"] == "Facilities / Cleaning"
    assert contract["source"] == "manual"
    # A month from Jan 31 has no corresponding day, so it runs to the end of February
    # (a leap year here).
    assert contract["deadlines"]["end_date"] == "2024-02-29"

    patched = editor.client.patch(f"/api/v1/contracts/{contract['id']}",
                                  json={"end_date": "2025-06-30", "title": "Renhold 2025"})
    assert patched.status_code == 200, patched.text
    assert patched.json()["end_date"] == "2025-06-30"
    assert patched.json()["title"] == "Renhold 2025"


def test_viewer_cannot_create_or_edit(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    assert viewer.client.post("/api/v1/contracts", json={"title": "x"}).status_code == 403
    contract_id = editor.client.post("/api/v1/contracts", json={"title": "x"}).json()["id"]
    assert viewer.client.get(f"/api/v1/contracts/{contract_id}").status_code == 200
    response = viewer.client.patch(f"/api/v1/contracts/{contract_id}", json={"title": "y"})
    assert response.status_code == 403


def test_restricted_contract_is_404_for_others(world: World) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    colleague = world.make_user("colleague@example.no", Role.VIEWER)
    outsider = world.make_user("outsider@example.no", Role.EDITOR)
    admin = world.make_user("admin@example.no", Role.ADMIN)
    contract_id = owner.client.post("/api/v1/contracts", json={
        "title": "Confidential settlement", "visibility": "restricted",
        "allowed_user_emails": ["colleague@example.no"],
    }).json()["id"]
    assert owner.client.get(f"/api/v1/contracts/{contract_id}").status_code == 200
    assert colleague.client.get(f"/api/v1/contracts/{contract_id}").status_code == 200
    assert admin.client.get(f"/api/v1/contracts/{contract_id}").status_code == 200
    assert outsider.client.get(f"/api/v1/contracts/{contract_id}").status_code == 404
    assert outsider.client.patch(f"/api/v1/contracts/{contract_id}",
                                 json={"title": "x"}).status_code == 404


def test_invalid_contract_input_is_a_4xx(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    assert editor.client.post("/api/v1/contracts", json={}).status_code == 422
    response = editor.client.post("/api/v1/contracts", json={
        "title": "x", "value_amount": "100"})
    assert response.status_code == 422
    response = editor.client.post("/api/v1/contracts", json={
        "title": "x", "perpetual": True, "end_date": "2030-01-01"})
    assert response.status_code == 422


def test_contract_list_shows_only_visible_contracts(world: World) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    owner.client.post("/api/v1/contracts", json={"title": "Open"})
    owner.client.post("/api/v1/contracts", json={"title": "Closed", "visibility": "restricted"})
    mine = owner.client.get("/api/v1/contracts").json()
    theirs = viewer.client.get("/api/v1/contracts").json()
    assert mine["total"] == 2
    assert [c["title"] for c in mine["contracts"]] == ["Closed", "Open"]
    assert theirs["total"] == 1
    assert [c["title"] for c in theirs["contracts"]] == ["Open"]
