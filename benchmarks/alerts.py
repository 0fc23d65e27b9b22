"""Alerts benchmark: one scheduler pass over many contracts and watches, delivery to a
loopback SMTP server, and matching one new contract against many saved-search watches.

    .venv/bin/python -m benchmarks.alerts [--contracts 100000] [--watches 10000]
                                          [--search-watches 10000]

The contracts have no owner, so the only watches are the `--watches` explicit ones (spread
over the contracts and over 100 users) and no default watches are made. Notice deadlines are
spread over the next two years, so about 1 in 8 watches has a lead time due on the day.
Prints JSON lines `{"name", "value", "unit", ...}`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import random
import socket
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from sqlalchemy import insert

from contracts import fields
from contracts.service import refresh_deadlines
from core.db import Database
from core.migrate import upgrade
from core.models import Contract, Role, SavedSearch, User, Visibility, Watch, WatchOrigin
from core.principals import principals_of_user
from search_api.port import IndexedContract
from search_api.tantivy.index import TantivySearchIndex
from watchers.channels import Channels
from watchers.delivery import deliver_due
from watchers.email_channel import SmtpMailer
from watchers.events import EVENT_KINDS
from watchers.percolator import ContractPercolation, SearchWords, parsed_search
from watchers.saved_search_matching import matches
from watchers.service import arm_alerts

TODAY = dt.date(2026, 6, 1)
NOW = dt.datetime(2026, 6, 1, 6, tzinfo=dt.UTC)
WORDS = ["maintenance", "cleaning", "software", "licence", "catering", "security", "transport",
         "consulting", "printing", "energy", "insurance", "telecom"]


class _Counter:
    def __init__(self, count: Any) -> None:
        self.count = count  # a multiprocessing.Value, read by the benchmark's process

    async def handle_DATA(  # noqa: N802 - the name aiosmtpd calls
        self, _server: Any, _session: Any, _envelope: Any
    ) -> str:
        with self.count.get_lock():
            self.count.value += 1
        return "250 OK"


def _serve_smtp(port: int, count: Any, ready: Any, stop: Any) -> None:
    """The loopback SMTP server, in a process of its own: its CPU is not the pass's."""
    smtp = Controller(_Counter(count), hostname="127.0.0.1", port=port)
    smtp.start()
    ready.set()
    stop.wait()
    smtp.stop()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def emit(name: str, value: float, unit: str, **extra: Any) -> None:
    print(json.dumps({"name": name, "value": round(value, 4), "unit": unit, **extra}),
          flush=True)


def contract_rows(count: int, rng: random.Random) -> list[dict[str, Any]]:
    rows = []
    for number in range(count):
        # End dates spread over the next two years, three months' notice.
        end = TODAY + dt.timedelta(days=95 + rng.randrange(730))
        made = Contract(id=number + 1, title=f"{rng.choice(WORDS)} agreement {number}")
        fields.set_on_contract(made, "effective_date", (end - dt.timedelta(days=1095)).isoformat())
        fields.set_on_contract(made, "end_date", end.isoformat())
        fields.set_on_contract(made, "notice_period", {"count": 3, "unit": "month"})
        refresh_deadlines(made, TODAY)
        rows.append({
            "id": made.id, "title": made.title, "visibility": Visibility.ORGANISATION,
            "source": "manual", "notes": "", "perpetual": False, "auto_renewal": False,
            "effective_date": made.effective_date, "end_date": made.end_date,
            "notice_period": made.notice_period, "computed_end_date": made.computed_end_date,
            "current_term_end": made.current_term_end, "notice_deadline": made.notice_deadline,
            "deadlines": made.deadlines, "created_at": NOW, "updated_at": NOW,
        })
    return rows


def build(database: Database, contracts: int, watches: int, rng: random.Random) -> None:
    with database.session() as session:
        session.execute(insert(User), [
            {"id": i, "email": f"user{i}@example.no", "name": "", "role": Role.VIEWER,
             "active": True, "created_at": NOW, "updated_at": NOW} for i in range(1, 101)])
        rows = contract_rows(contracts, rng)
        for start in range(0, len(rows), 5000):
            session.execute(insert(Contract), rows[start:start + 5000])
        watched = rng.sample(range(1, contracts + 1), min(watches, contracts))
        session.execute(insert(Watch), [
            {"user_id": 1 + n % 100, "contract_id": cid, "origin": WatchOrigin.USER,
             "active": True, "event_kinds": list(EVENT_KINDS), "lead_days": None,
             "channels": ["email"], "created_at": NOW - dt.timedelta(days=1),
             "updated_at": NOW} for n, cid in enumerate(watched)])


def scheduler_pass(database: Database, port: int, received: Any) -> None:
    started, cpu = time.perf_counter(), time.process_time()
    with database.session() as session:
        armed = arm_alerts(session, today=TODAY, now=NOW, search_index=None)
    arm_seconds = time.perf_counter() - started
    emit("alerts_pass_arm_seconds", arm_seconds, "s", alerts_created=armed.created,
         cpu_seconds=round(time.process_time() - cpu, 3))
    channels = Channels(base_url="https://avtale.example.no", mail_from="avtale@example.no",
                        mailer=SmtpMailer("127.0.0.1", port, timeout=30))
    started, cpu = time.perf_counter(), time.process_time()
    delivered = deliver_due(database, channels, now=NOW, today=TODAY)
    seconds = time.perf_counter() - started
    # The loopback SMTP server runs in another process: only the sending side is counted.
    emit("alerts_pass_delivery_seconds", seconds, "s", sent=delivered.sent,
         received=received.value, cpu_seconds=round(time.process_time() - cpu, 3))
    emit("alerts_delivered_per_second", delivered.sent / seconds if seconds else 0.0, "1/s")
    emit("alerts_pass_total_seconds", arm_seconds + seconds, "s")


def saved_searches(count: int, rng: random.Random, *, distinct: bool) -> list[SavedSearch]:
    """Searches of one word out of twelve (many watches share a search), or `distinct` ones:
    two words, a prefix, an exclusion or a filter, nearly every one different."""
    found = []
    for n in range(count):
        query = rng.choice(WORDS)
        filters: dict[str, Any] = {}
        if distinct:
            kind = n % 4
            other = f"{rng.choice(WORDS)}{n}"
            query = [f"{query} OR {other}", f"{query[:4]}* -{other}",
                     f"{query} value:<{n * 100}", f'"{query} of" OR {other}'][kind]
            if n % 3 == 0:
                filters = {"statuses": ["active", "expiring"]}
        found.append(SavedSearch(id=n + 1, owner_id=1, name=f"s{n}", query=query,
                                 filters=filters, shared=True))
    return found


def match_one_contract(directory: Path, database: Database, search_watches: int,
                       rng: random.Random) -> None:
    index = TantivySearchIndex(directory / "index")
    contract = IndexedContract(contract_id=999_999, title="Maintenance of lifts",
                               body="maintenance of lifts with price indexation",
                               principals=["org"])
    index.upsert([contract])
    with database.session() as session:
        user = session.get(User, 1)
        assert user is not None
        principals = principals_of_user(user)
    for distinct in (False, True):
        searches = saved_searches(search_watches, rng, distinct=distinct)
        started = time.perf_counter()
        for saved in searches:  # what saving them does: each parsed once
            parsed_search(saved)
        parse_seconds = time.perf_counter() - started
        started = time.perf_counter()
        words = SearchWords(searches)  # built once per pass, for every changed contract
        words_seconds = time.perf_counter() - started
        started, cpu = time.perf_counter(), time.process_time()
        percolation = ContractPercolation(index, contract, TODAY, words)
        found = sum(percolation.matches(saved, principals) for saved in searches)
        seconds = time.perf_counter() - started
        # CPU seconds beside the wall clock: the machine is shared, so wall time varies.
        emit("match_one_contract_distinct_seconds" if distinct else "match_one_contract_seconds",
             seconds, "s", saved_searches=search_watches, matched=found,
             asked_engine=percolation.asked_engine, evaluated=percolation.evaluated,
             cpu_seconds=round(time.process_time() - cpu, 3),
             parse_once_seconds=round(parse_seconds, 3),
             search_words_once_seconds=round(words_seconds, 3))
    # The port's way, one search at a time, on a sample: what the percolator replaces.
    each = []
    for saved in searches[:200]:
        one = time.perf_counter()
        matches(index, saved, contract.contract_id, principals, TODAY)
        each.append(time.perf_counter() - one)
    emit("match_one_search_median_ms", statistics.median(each) * 1000, "ms", path="port")
    index.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contracts", type=int, default=100_000)
    parser.add_argument("--watches", type=int, default=10_000)
    parser.add_argument("--search-watches", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(6)
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        database = Database(f"sqlite:///{directory / 'bench.sqlite3'}")
        upgrade(database)
        started = time.perf_counter()
        build(database, args.contracts, args.watches, rng)
        emit("alerts_setup_seconds", time.perf_counter() - started, "s",
             contracts=args.contracts, watches=args.watches)
        port = _free_port()
        spawn = multiprocessing.get_context("spawn")
        received, ready, stop = spawn.Value("i", 0), spawn.Event(), spawn.Event()
        smtp = spawn.Process(target=_serve_smtp, args=(port, received, ready, stop))
        smtp.start()
        try:
            if not ready.wait(60):
                raise RuntimeError("the loopback SMTP server did not start")
            scheduler_pass(database, port, received)
        finally:
            stop.set()
            smtp.join(30)
        match_one_contract(directory, database, args.search_watches, rng)
        database.dispose()


if __name__ == "__main__":
    main()
