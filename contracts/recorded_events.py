"""What the deadline engine takes from a contract's recorded events (contracts.lifecycle)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from core.models import ContractEvent, LifecycleKind


@dataclasses.dataclass(frozen=True)
class LifecycleInputs:
    notice_given_on: dt.date | None = None
    options_exercised: int = 0
    terminated_on: dt.date | None = None


def lifecycle_inputs(events: Iterable[ContractEvent]) -> LifecycleInputs:
    """What the engine takes from the events in force. A renewal on new terms starts the
    contract afresh: only what was recorded after it still counts."""
    standing = sorted((e for e in events if e.withdrawn_at is None),
                      key=lambda e: (e.occurred_on, e.id or 0))
    renewals = [i for i, e in enumerate(standing) if e.kind is LifecycleKind.RENEWED]
    if renewals:
        standing = standing[renewals[-1] + 1:]
    notices = [e.occurred_on for e in standing if e.kind is LifecycleKind.NOTICE_GIVEN]
    terminations = [e.occurred_on for e in standing if e.kind is LifecycleKind.TERMINATED]
    return LifecycleInputs(
        # The first notice given is the one that counts; a second changes nothing.
        notice_given_on=min(notices) if notices else None,
        options_exercised=sum(e.kind is LifecycleKind.OPTION_EXERCISED for e in standing),
        terminated_on=min(terminations) if terminations else None,
    )
