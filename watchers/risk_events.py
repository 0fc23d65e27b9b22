"""The "supplier_risk" event: a contract's supplier got riskier, as the register refresh (or
the bulk load) recorded it in a `SupplierRiskChange`: its risk level rose, or a register
flagged it bankrupt, in winding-up, under forced dissolution or deleted.

It is news, not a date ahead: dated the day it was found and alerted once per change,
contract and watch. The alert's lead-time slot holds the change's id, which puts the change
itself in the alerts' unique key: two changes found on one day both alert, and a rerun, a
catch-up or a second scheduler arms nothing twice.

Who is told: the owner of each active contract with the supplier (their watch, whatever its
event kinds: the issue is theirs to act on), and everyone else whose watch on the contract
follows "supplier_risk". Only people who may see the contract, now and again at send time.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core.clock import as_utc
from core.models import Alert, AlertState, Contract, SupplierRiskChange, Watch
from core.principals import may_see
from watchers.events import SUPPLIER_RISK, ContractEvent
from watchers.scheduling import Recipient, deliveries_for, new_alert

# A change found longer ago than this is history: a watch made later is not told of it.
NEWS_FOR = dt.timedelta(days=14)


def risk_event(change: SupplierRiskChange, contract_id: int) -> ContractEvent:
    return ContractEvent(contract_id, SUPPLIER_RISK, as_utc(change.detected_at).date(), {
        "supplier": change.supplier.name, "previous_level": change.previous_level,
        "level": change.level, "flags": list(change.new_flags)})


def risk_change_event(session: Session, alert: Alert) -> ContractEvent | None:
    """The change the alert is about, while the contract's supplier is still the one it
    concerns."""
    change = session.get(SupplierRiskChange, alert.lead_days)
    if change is None or change.supplier_id != alert.contract.supplier_id:
        return None
    return risk_event(change, alert.contract_id)


def arm_risk_alerts(
    session: Session,
    watches: Sequence[Watch],
    existing: dict[tuple[int, int], list[Alert]],
    recipient_of: Callable[[Watch], Recipient],
    now: dt.datetime,
) -> int:
    """Arm an alert for each recent change of each watched active contract's supplier that
    the watch has not had; returns how many were created."""
    changes: dict[int, list[SupplierRiskChange]] = defaultdict(list)
    for change in session.scalars(
            select(SupplierRiskChange).where(SupplierRiskChange.detected_at >= now - NEWS_FOR)
            .order_by(SupplierRiskChange.id).options(selectinload(SupplierRiskChange.supplier))):
        changes[change.supplier_id].append(change)
    if not changes:
        return 0
    created = 0
    for watch in watches:
        contract = watch.contract
        if contract is None or contract.supplier_id not in changes:
            continue
        if not (_in_force(contract) and _follows(watch, contract)):
            continue
        if not (watch.user.active and may_see(watch.user, contract)):
            continue
        known = existing[(watch.id, contract.id)]
        had = {a.lead_days for a in known if a.event_kind == SUPPLIER_RISK}
        for change in changes[contract.supplier_id]:
            if change.id in had:
                continue
            alert = new_alert(watch, contract, SUPPLIER_RISK, as_utc(change.detected_at).date(),
                              change.id, AlertState.DUE, now)
            alert.deliveries = deliveries_for(watch, recipient_of(watch), now)
            session.add(alert)
            known.append(alert)
            created += 1
    return created


def _in_force(contract: Contract) -> bool:
    return contract.archived_at is None and contract.status != "expired"


def _follows(watch: Watch, contract: Contract) -> bool:
    return SUPPLIER_RISK in watch.event_kinds or watch.user_id == contract.owner_id
