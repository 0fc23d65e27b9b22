"""The scheduler pass: bring default watches in step, arm the alerts that are due, deliver.

`run_alerts` is what `avtale alerts run`, the in-process scheduler of `avtale serve` and the
"watchers.run_alerts" job all call. It can run any number of times a day, and two passes may
overlap: the alerts' unique key (watch, contract, event, event date, lead time) decides what
exists, and deliveries are claimed one by one (see `watchers.delivery`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.db import Database
from core.models import Watch
from core.principals import principals_of_user
from search_api.port import SearchIndex
from watchers import repository
from watchers.channels import Channels, ClosableMailer
from watchers.default_watches import sync_default_watches
from watchers.delivery import DeliveryCounts, deliver_due
from watchers.digests import DigestCounts, collect_digests, deliver_digests
from watchers.new_matches import arm_new_matches
from watchers.risk_events import arm_risk_alerts
from watchers.saved_search_matching import matching_contract_ids
from watchers.scheduling import ArmingCounts, Recipient, arm_watch

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class PassReport:
    default_watches_created: int
    armed: ArmingCounts
    delivered: DeliveryCounts
    digests: DigestCounts


def run_alerts(
    database: Database,
    channels: Channels,
    *,
    now: dt.datetime,
    today: dt.date | None = None,
    search_index: SearchIndex | None = None,
) -> PassReport:
    """One pass. `now` is the clock (UTC); `today` defaults to its date. Saved-search
    watches are evaluated only when a search index is given."""
    now = now.astimezone(dt.UTC)
    today = today or now.date()
    for attempt in (1, 2):
        try:
            with database.session() as session:
                created = sync_default_watches(session, now)
                armed = arm_alerts(session, today=today, now=now, search_index=search_index)
            break
        except IntegrityError:
            # Another pass created the same alert first; its rows are visible now.
            if attempt == 2:
                raise
            log.info("an overlapping scheduler pass armed the same alerts; arming again")
    digests = DigestCounts()
    try:
        delivered = deliver_due(database, channels, now=now, today=today)
        collect_digests(database, now=now, today=today, counts=digests)
        deliver_digests(database, channels, now=now, today=today, counts=digests)
    finally:
        if isinstance(channels.mailer, ClosableMailer):
            channels.mailer.close()  # the pass's one SMTP connection
    return PassReport(default_watches_created=created, armed=armed, delivered=delivered,
                      digests=digests)


def arm_alerts(
    session: Session, *, today: dt.date, now: dt.datetime, search_index: SearchIndex | None
) -> ArmingCounts:
    preferences = repository.preferences_by_user(session)
    webhooks = repository.active_webhooks_by_user(session)
    contract_watches = repository.active_contract_watches(session)
    search_watches = (
        repository.active_saved_search_watches(session) if search_index is not None else []
    )
    # Few contracts require supplier evaluations: one query for all instead of one each.
    evaluated = repository.contracts_requiring_evaluation(session)
    alerts = repository.alerts_by_watch_and_contract(
        session, [w.id for w in [*contract_watches, *search_watches]]
    )

    def recipient(watch: Watch) -> Recipient:
        return Recipient(watch.user, preferences.get(watch.user_id),
                         webhooks.get(watch.user_id, []))

    total = ArmingCounts()
    for watch in contract_watches:
        assert watch.contract is not None and watch.contract_id is not None
        total.add(arm_watch(session, watch, watch.contract, recipient(watch),
                            alerts[(watch.id, watch.contract_id)], today, now,
                            evaluation_required=watch.contract_id in evaluated))
    total.created += arm_risk_alerts(session, contract_watches, alerts, recipient, now)
    for watch in search_watches:
        assert search_index is not None and watch.saved_search is not None
        saved = watch.saved_search
        # A search its owner stopped sharing finds nothing more for anyone else.
        usable = saved.shared or saved.owner_id == watch.user_id
        matched = (matching_contract_ids(search_index, saved, principals_of_user(watch.user),
                                         today) if usable else [])
        # Contracts that matched before but no longer do are armed too, with no events
        # left to alert on, which withdraws what they still had pending.
        earlier = [cid for (wid, cid) in alerts if wid == watch.id]
        contracts = repository.contracts_by_id(session, [*matched, *earlier])
        still = set(matched)
        for contract_id, contract in contracts.items():
            total.add(arm_watch(session, watch, contract, recipient(watch),
                                alerts[(watch.id, contract_id)], today, now,
                                still_matches=contract_id in still,
                                evaluation_required=contract_id in evaluated))
    if search_index is not None:
        total.created += arm_new_matches(session, search_watches, search_index, alerts,
                                         recipient, today, now)
    session.flush()
    return total
