"""What people type is checked: dates in order, plausible years, positive durations and
Norwegian org numbers that pass MOD11, refused with 422 and a message, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import Actor, World
from page_client import Browser

from core.models import Role

EFFECTIVE = {"title": "Renhold", "effective_date": "2025-01-01"}


@pytest.fixture
def editor(world: World) -> Actor:
    return world.make_user("editor@example.no", Role.EDITOR)


def created(editor: Actor, body: dict[str, Any]) -> dict[str, Any]:
    response = editor.client.post("/api/v1/contracts", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


@pytest.mark.parametrize("body, message", [
    (EFFECTIVE | {"end_date": "2024-12-31"}, "before the effective date"),
    ({"title": "R", "signed_date": "2025-02-01", "end_date": "2025-01-31"},
     "before the signing date"),
    ({"title": "R", "supplier_name": "Renhold Vest AS", "supplier_org_number": "923609017"},
     "not a valid Norwegian organisation number"),
    ({"title": "R", "parties": [{"name": "Renhold Vest AS", "org_number": "923 609 017"}]},
     "not a valid Norwegian organisation number"),
    # Durations are bounded twice: by the schema (1-10,000) and by the plausibility check.
    (EFFECTIVE | {"initial_term": {"count": 0, "unit": "year"}}, "greater than or equal to 1"),
    (EFFECTIVE | {"notice_period": {"count": -3, "unit": "month"}},
     "greater than or equal to 1"),
    (EFFECTIVE | {"extension_options": [{"count": 0, "unit": "year"}]},
     "greater than or equal to 1"),
    (EFFECTIVE | {"initial_term": {"count": 200, "unit": "year"}}, "century"),
    (EFFECTIVE | {"end_date": "9999-12-31"}, "the year must be from 1900 to 2199"),
    ({"title": "R", "effective_date": "2201-01-01"}, "the year must be from 1900 to 2199"),
])
def test_implausible_input_is_refused_with_a_message(
    world: World, editor: Actor, body: dict[str, Any], message: str
) -> None:
    response = editor.client.post("/api/v1/contracts", json=body)
    assert response.status_code == 422, response.text
    assert message in response.text
    assert editor.client.get("/api/v1/contracts").json()["total"] == 0


def test_a_patch_is_checked_against_the_dates_already_there(world: World, editor: Actor) -> None:
    contract = created(editor, EFFECTIVE | {"end_date": "2026-12-31"})
    response = editor.client.patch(f"/api/v1/contracts/{contract['id']}",
                                   json={"end_date": "2024-06-30"})
    assert response.status_code == 422, response.text
    assert "before the effective date 2025-01-01" in response.text
    assert editor.client.get(f"/api/v1/contracts/{contract['id']}").json()["end_date"] == (
        "2026-12-31")


def test_a_review_correction_is_checked_too(world: World, editor: Actor) -> None:
    contract = created(editor, EFFECTIVE)
    url = f"/api/v1/contracts/{contract['id']}/fields"
    for field, value, message in [
        ("end_date", "2024-06-30", "before the effective date"),
        ("end_date", "3000-01-01", "not a plausible date"),
        ("notice_period", {"count": 0, "unit": "month"}, "at least 1 month"),
        ("parties", [{"name": "Renhold Vest AS", "org_number": "923609017"}],
         "not a valid Norwegian organisation number"),
    ]:
        response = editor.client.post(f"{url}/{field}/review",
                                      json={"decision": "correct", "value": value})
        assert response.status_code == 422, (field, response.text)
        assert message in response.text


def test_a_valid_org_number_written_in_groups_is_kept_as_digits(
    world: World, editor: Actor
) -> None:
    contract = created(editor, {"title": "R", "supplier_name": "Renhold Vest AS",
                                "supplier_org_number": "923 609 016"})
    assert contract["supplier"]["org_number"] == "923609016"


def test_the_forms_redisplay_a_refused_contract_with_what_was_typed(
    world: World, editor: Actor
) -> None:
    page = Browser(world, editor)
    form = {"title": "Renhold 2025", "supplier_name": "Renhold Vest AS",
            "supplier_org_number": "923 609 016", "effective_date": "2025-01-01",
            "end_date": "2024-12-31", "visibility": "organisation"}
    response = page.post("/contracts/new", form)
    assert response.status_code == 422
    assert "Not saved" in response.text and "before the effective date" in response.text
    assert 'value="923 609 016"' in response.text and 'value="2024-12-31"' in response.text

    ok = page.post("/contracts/new", form | {"end_date": "2026-12-31"})
    assert ok.status_code == 303, ok.text
    edit = ok.headers["location"] + "/edit"
    refused = page.post(edit, form | {"supplier_org_number": "923609017",
                                      "end_date": "2026-12-31"})
    assert refused.status_code == 422
    assert "not a valid Norwegian organisation number" in refused.text
    assert 'value="923609017"' in refused.text
