"""Limits on failed password attempts, per account and per client address.

Kept in process memory (one `avtale serve` process answers the pages) and driven by the
caller's clock. Designed so that an attacker who knows a colleague's e-mail cannot lock them
out for long: per-account locks are short and grow only while failures keep coming (30 s,
1 min, 2 min ... at most 5 min), a correct password clears the account's and the address's
record, and the per-address limit is separate and looser, so one noisy address does not lock
out everybody behind the same proxy as quickly as it locks itself.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True)
class ThrottlePolicy:
    free_failures: int  # failures allowed before a lock
    first_lock: dt.timedelta
    max_lock: dt.timedelta
    # After this long without a failure the record starts over (count and lock length).
    forget_after: dt.timedelta

    def lock_length(self, earlier_locks: int) -> dt.timedelta:
        return min(self.first_lock * (1 << min(earlier_locks, 30)), self.max_lock)


ACCOUNT_POLICY = ThrottlePolicy(free_failures=5, first_lock=dt.timedelta(seconds=30),
                                max_lock=dt.timedelta(minutes=5),
                                forget_after=dt.timedelta(hours=1))
ADDRESS_POLICY = ThrottlePolicy(free_failures=20, first_lock=dt.timedelta(minutes=1),
                                max_lock=dt.timedelta(minutes=15),
                                forget_after=dt.timedelta(hours=1))
# Bounds the memory an attacker can make us spend by inventing e-mails or addresses; the
# oldest records go first.
MAX_RECORDS = 100_000


@dataclass
class _Record:
    failures: int = 0
    locks: int = 0
    locked_until: dt.datetime | None = None
    last_failure: dt.datetime | None = None


@dataclass(frozen=True)
class Lockout:
    """A lock that a failure has just started; reported so it can be logged and audited."""

    scope: str  # "account" or "address"
    subject: str  # the e-mail or the address
    failures: int
    seconds: int


class LoginThrottle:
    def __init__(self, account: ThrottlePolicy = ACCOUNT_POLICY,
                 address: ThrottlePolicy = ADDRESS_POLICY,
                 max_records: int = MAX_RECORDS) -> None:
        self._policies = {"account": account, "address": address}
        self._max_records = max_records
        self._records: OrderedDict[tuple[str, str], _Record] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._records)

    def retry_after(self, account: str, address: str, now: dt.datetime) -> int | None:
        """Seconds until an attempt for this account from this address is allowed again, or
        None when it is allowed now."""
        waits = []
        with self._lock:
            for key in self._keys(account, address):
                record = self._records.get(key)
                if record and record.locked_until and record.locked_until > now:
                    waits.append(math.ceil((record.locked_until - now).total_seconds()))
        return max(waits) if waits else None

    def failed(self, account: str, address: str, now: dt.datetime) -> list[Lockout]:
        """Count a failed attempt; returns the locks it started."""
        started = []
        with self._lock:
            for key in self._keys(account, address):
                policy = self._policies[key[0]]
                record = self._records.pop(key, None) or _Record()
                if record.last_failure and now - record.last_failure >= policy.forget_after:
                    record = _Record()
                record.failures += 1
                record.last_failure = now
                if record.failures >= policy.free_failures:
                    length = policy.lock_length(record.locks)
                    record.locked_until = now + length
                    started.append(Lockout(scope=key[0], subject=key[1],
                                           failures=record.failures,
                                           seconds=int(length.total_seconds())))
                    record.locks += 1
                    record.failures = 0
                self._records[key] = record
            while len(self._records) > self._max_records:
                self._records.popitem(last=False)
        return started

    def succeeded(self, account: str, address: str) -> None:
        with self._lock:
            for key in self._keys(account, address):
                self._records.pop(key, None)

    @staticmethod
    def _keys(account: str, address: str) -> tuple[tuple[str, str], tuple[str, str]]:
        return ("account", account.strip().lower()), ("address", address)
