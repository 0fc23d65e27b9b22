"""Evaluations: default templates, admin-only template edits (versioned once used), several
evaluators combined by weight, scores on the template's scale, and an evaluation made for a
restricted contract seen only by those who may see the contract."""

from __future__ import annotations

from typing import Any

from conftest import Actor, World

from core.models import Role

API = "/api/v1"


def _contract(owner: Actor, title: str, **extra: Any) -> dict[str, Any]:
    response = owner.client.post(f"{API}/contracts", json={
        "title": title, "supplier_name": "Renhold Vest AS",
        "supplier_org_number": "923609016", **extra})
    assert response.status_code == 201, response.text
    return dict(response.json())


def _english_template(actor: Actor) -> dict[str, Any]:
    templates = actor.client.get(f"{API}/evaluation-templates").json()
    return next(t for t in templates if t["language"] == "en")


def test_default_templates_in_norwegian_and_english(world: World) -> None:
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    templates = viewer.client.get(f"{API}/evaluation-templates").json()
    assert {t["language"] for t in templates} == {"en", "nb"}
    norwegian = next(t for t in templates if t["language"] == "nb")
    assert [c["name"] for c in norwegian["criteria"]][:2] == ["Kvalitet", "Leveringspresisjon"]
    # Listing twice does not seed twice.
    assert len(viewer.client.get(f"{API}/evaluation-templates").json()) == 2


def test_two_evaluators_are_combined_by_weight(world: World) -> None:
    first = world.make_user("first@example.no", Role.EDITOR)
    second = world.make_user("second@example.no", Role.EDITOR)
    contract = _contract(first, "Renhold 2026")
    supplier_id = contract["supplier"]["id"]
    template = _english_template(first)
    quality, delivery = template["criteria"][0], template["criteria"][1]  # weights 3 and 2

    made = first.client.post(f"{API}/suppliers/{supplier_id}/evaluations", json={
        "template_id": template["id"], "contract_id": contract["id"],
        "period_start": "2026-01-01", "period_end": "2026-06-30",
        "evaluated_on": "2026-07-05"})
    assert made.status_code == 201, made.text
    url = f"{API}/suppliers/{supplier_id}/evaluations/{made.json()['id']}"
    assert first.client.put(f"{url}/scores", json={"scores": [
        {"criterion_id": quality["id"], "score": 5, "comment": "Very clean"},
        {"criterion_id": delivery["id"], "score": 2}]}).status_code == 200
    combined = second.client.put(f"{url}/scores", json={"scores": [
        {"criterion_id": quality["id"], "score": 3},
        {"criterion_id": delivery["id"], "score": 4}]}).json()

    means = {c["criterion_id"]: c["mean"] for c in combined["criteria"]}
    assert means[quality["id"]] == 4.0 and means[delivery["id"]] == 3.0
    # (3 * 4.0 + 2 * 3.0) / 5; criteria nobody scored do not count as zero.
    assert combined["overall"] == 3.6
    assert combined["percent"] == 65.0
    assert combined["evaluators"] == 2

    # Scoring again replaces one's own scores only.
    again = first.client.put(f"{url}/scores", json={"scores": [
        {"criterion_id": quality["id"], "score": 1}]}).json()
    assert {c["criterion_id"]: c["mean"] for c in again["criteria"]}[quality["id"]] == 2.0
    assert again["evaluators"] == 2


def test_bad_scores_are_refused_and_nothing_is_lost(world: World) -> None:
    editor = world.make_user("editor@example.no", Role.EDITOR)
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    supplier_id = _contract(editor, "Renhold")["supplier"]["id"]
    template = _english_template(editor)
    criterion = template["criteria"][0]["id"]
    url = f"{API}/suppliers/{supplier_id}/evaluations"
    evaluation_id = editor.client.post(url, json={"template_id": template["id"]}).json()["id"]
    scores_url = f"{url}/{evaluation_id}/scores"
    assert editor.client.put(scores_url, json={"scores": [
        {"criterion_id": criterion, "score": 4}]}).status_code == 200

    off_scale = editor.client.put(scores_url, json={"scores": [
        {"criterion_id": criterion, "score": 9}]})
    assert off_scale.status_code == 422 and "from 1 to 5" in off_scale.text
    foreign = editor.client.put(scores_url, json={"scores": [
        {"criterion_id": 999999, "score": 3}]})
    assert foreign.status_code == 422 and "not in the template" in foreign.text
    assert viewer.client.put(scores_url, json={"scores": [
        {"criterion_id": criterion, "score": 3}]}).status_code == 403
    assert viewer.client.post(url, json={"template_id": template["id"]}).status_code == 403
    backwards = editor.client.post(url, json={"template_id": template["id"],
                                              "period_start": "2026-05-01",
                                              "period_end": "2026-01-01"})
    assert backwards.status_code == 422
    assert editor.client.get(f"{API}/suppliers/999999/evaluations").status_code == 404

    kept = editor.client.get(f"{url}/{evaluation_id}").json()
    assert [(s["criterion_id"], s["score"]) for s in kept["scores"]] == [(criterion, 4)]


def test_an_evaluation_for_a_restricted_contract_is_seen_with_the_contract(
    world: World,
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    outsider = world.make_user("outsider@example.no", Role.EDITOR)
    secret = _contract(owner, "Secret cleaning", visibility="restricted")
    open_contract = _contract(outsider, "Open cleaning")
    supplier_id = secret["supplier"]["id"]
    assert open_contract["supplier"]["id"] == supplier_id
    template_id = _english_template(owner)["id"]
    url = f"{API}/suppliers/{supplier_id}/evaluations"
    secret_id = owner.client.post(url, json={"template_id": template_id,
                                             "contract_id": secret["id"]}).json()["id"]
    general_id = owner.client.post(url, json={"template_id": template_id}).json()["id"]

    assert [e["id"] for e in owner.client.get(url).json()] == [secret_id, general_id]
    assert [e["id"] for e in outsider.client.get(url).json()] == [general_id]
    assert outsider.client.get(f"{url}/{secret_id}").status_code == 404
    # Nor can the outsider attach an evaluation to the contract they may not see.
    refused = outsider.client.post(url, json={"template_id": template_id,
                                              "contract_id": secret["id"]})
    assert refused.status_code == 404


def test_templates_are_admin_edited_and_versioned_once_used(world: World) -> None:
    admin = world.make_user("admin@example.no", Role.ADMIN)
    editor = world.make_user("editor@example.no", Role.EDITOR)
    body = {"name": "IT services", "language": "en",
            "criteria": [{"name": "Uptime", "weight": 2}, {"name": "Support", "weight": 1}]}
    assert editor.client.post(f"{API}/evaluation-templates", json=body).status_code == 403
    made = admin.client.post(f"{API}/evaluation-templates", json=body)
    assert made.status_code == 201, made.text
    template_id = made.json()["id"]
    bad = admin.client.post(f"{API}/evaluation-templates", json={**body, "criteria": []})
    assert bad.status_code == 422

    # Unused: edited in place.
    body["criteria"][0]["weight"] = 3
    edited = admin.client.put(f"{API}/evaluation-templates/{template_id}", json=body).json()
    assert edited["id"] == template_id and edited["criteria"][0]["weight"] == 3

    supplier_id = _contract(editor, "Hosting")["supplier"]["id"]
    evaluation = editor.client.post(f"{API}/suppliers/{supplier_id}/evaluations",
                                    json={"template_id": template_id}).json()
    # Used: a new version; the evaluation keeps the criteria it was made on.
    body["criteria"][0]["weight"] = 5
    version = admin.client.put(f"{API}/evaluation-templates/{template_id}", json=body).json()
    assert version["id"] != template_id and version["replaces_id"] == template_id
    active = {t["id"] for t in admin.client.get(f"{API}/evaluation-templates").json()}
    assert version["id"] in active and template_id not in active
    kept = editor.client.get(
        f"{API}/suppliers/{supplier_id}/evaluations/{evaluation['id']}").json()
    assert [c["weight"] for c in kept["criteria"]] == [3, 1]
