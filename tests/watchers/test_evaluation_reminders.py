"""A contract that requires an evaluation before its notice deadline reminds its owner
through the default watch (e-mail on loopback SMTP), shows the evaluation on the Deadlines
rows while it is owed, overdue included, and stops once the supplier is evaluated."""

from __future__ import annotations

import datetime as dt

from conftest import World

from core.models import Role, User
from tests.watchers.helpers import RENEWING, SmtpServer, make_contract, run_pass
from watchers.channels import Channels
from watchers.upcoming import upcoming_for

CREATED = dt.date(2026, 6, 1)
NOTICE = dt.date(2026, 9, 30)  # RENEWING's notice deadline, seen from CREATED
EVALUATION_DUE = NOTICE - dt.timedelta(days=60)


def _owed(world: World, user_id: int, day: dt.date) -> list[dt.date]:
    with world.runtime.database.session() as session:
        user = session.get(User, user_id)
        assert user is not None
        return [row.event.on for row in upcoming_for(session, user, day, 90)
                if row.event.kind == "evaluation"]


def test_owner_is_reminded_to_evaluate_before_the_notice_deadline(
    world: World, smtp_server: SmtpServer, channels: Channels
) -> None:
    owner = world.make_user("owner@example.no", Role.EDITOR)
    viewer = world.make_user("viewer@example.no", Role.VIEWER)
    contract_id = make_contract(world, owner, CREATED, supplier_name="Renhold Vest AS",
                                **RENEWING)
    url = f"/api/v1/contracts/{contract_id}/evaluation-requirement"
    assert viewer.client.put(url, json={}).status_code == 403
    assert owner.client.put(url, json={"days_before": -1}).status_code == 422
    assert owner.client.put(url, json={}).json() == {
        "contract_id": contract_id, "required": True, "days_before": 60}
    assert viewer.client.get(url).json()["required"] is True

    run_pass(world, channels, CREATED)
    (mail,) = smtp_server.messages  # the 90-day lead time of the evaluation has come
    body = mail.get_body(("plain",))
    assert body is not None
    text = " ".join(body.get_content().split()).lower()  # wrapped, capitalised
    assert "evaluate the supplier by 1 august 2026, before the notice deadline " \
        "30 september 2026" in text

    # Overdue: still on the Deadlines rows, dated when it fell due.
    assert _owed(world, owner.user.id, EVALUATION_DUE + dt.timedelta(days=5)) == [
        EVALUATION_DUE]

    supplier_id = owner.client.get(f"/api/v1/contracts/{contract_id}").json()["supplier"]["id"]
    template_id = owner.client.get("/api/v1/evaluation-templates").json()[0]["id"]
    made = owner.client.post(f"/api/v1/suppliers/{supplier_id}/evaluations", json={
        "template_id": template_id, "contract_id": contract_id,
        "evaluated_on": (EVALUATION_DUE + dt.timedelta(days=6)).isoformat()})
    assert made.status_code == 201, made.text
    assert _owed(world, owner.user.id, EVALUATION_DUE + dt.timedelta(days=7)) == []

    # No longer required: nothing owed even without an evaluation.
    assert owner.client.delete(url).json()["required"] is False
