"""Spend import throughput and the contract-loyalty report on synthetic spend lines.

    .venv/bin/python benchmarks/spend.py [--import-lines 1000000] [--loyalty-lines 1000000]
                                         [--repeats 3] [--seed 7]

Writes a CSV of `--import-lines` synthetic payment lines (Oxford's layout: 400 suppliers,
40 categories, dates over four years, a few credits) and imports it into a fresh SQLite
database with `spend.service.import_and_match` (reading, de-duplication, batched inserts and
matching to 400 suppliers, half of them with a contract). Then fills the database up to
`--loyalty-lines` lines with plain inserts, builds the monthly rollup the reports read
(`spend.rollup.rebuild`, timed: it is what a full re-match costs on top of matching), and
times `spend.reports.loyalty` by category (the stored on-contract flag, no contracts joined),
the same over a window that cuts two months (so lines are read too), and the supplier list
(`suppliers.supplier_list.supplier_rows`, its 12-month spend per supplier), the best of
`--repeats` runs each.

Prints JSON lines `{"name", "value", "unit", ...}`: import lines per second, peak resident
memory of the import, rollup build seconds, loyalty seconds and supplier list seconds.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.db import Database
from core.migrate import upgrade
from core.models import Category, Contract, Supplier
from core.principals import ORGANISATION
from spend import reports, rollup
from spend.service import import_and_match
from suppliers.supplier_list import supplier_rows

HEADER = ["Service Area", "Expenditure Category", "Expenditure Code", "Paid Date", "Trans No",
          "Amount", "Supplier ID", "Supplier Name"]
START = dt.date(2014, 1, 1)
DAYS = 4 * 365
T = TypeVar("T")


def emit(name: str, value: float, unit: str, **extra: object) -> None:
    print(json.dumps({"name": name, "value": round(value, 4), "unit": unit, **extra}),
          flush=True)


def supplier_name(index: int) -> str:
    return f"Supplier {index:03d} Ltd"


def write_csv(path: Path, lines: int, rng: random.Random) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number in range(lines):
            supplier = rng.randrange(400)
            day = START + dt.timedelta(days=rng.randrange(DAYS))
            amount = round(rng.uniform(500, 50_000) * (-1 if rng.random() < 0.03 else 1), 2)
            writer.writerow([f"Unit {supplier % 12}", f"Category {supplier % 40}",
                             f"K{supplier % 40:04d}", day.strftime("%d/%m/%Y"),
                             f"{number} - 1", f"{amount:.2f}", f"2000{supplier:04d}",
                             supplier_name(supplier)])


def seed_register(database: Database) -> None:
    with database.session() as session:
        for index in range(40):
            session.add(Category(name=f"Category {index}"))
        session.flush()
        for index in range(400):
            supplier = Supplier(name=supplier_name(index))
            session.add(supplier)
            session.flush()
            if index % 2 == 0:
                session.add(Contract(title=f"Contract {index}", supplier_id=supplier.id,
                                     effective_date=START + dt.timedelta(days=index),
                                     ends_on=START + dt.timedelta(days=index + 900)))


# Lines generated inside SQLite: Python hashing and binding each of 10 million rows took
# most of an hour here. A multiplicative hash of the line number stands in for the random
# generator (same spread: 400 suppliers, four years, 500-50,000, 60% of a contracted
# supplier's lines on contract), so the fill is the same for the same seed.
_FILL = """
WITH RECURSIVE numbers(n) AS (SELECT :first UNION ALL SELECT n + 1 FROM numbers WHERE n < :last),
hashed AS (SELECT n, (n * 2654435761 + :seed) % 4294967296 AS h FROM numbers),
drawn AS (SELECT n, h % 400 AS supplier, date('2014-01-01', '+' || ((h / 400) % 1460) || ' days')
          AS day, 500 + (h / 584000) % 49500 + (n % 100) / 100.0 AS amount,
          (n * 7 + h) % 10 < 6 AS lucky FROM hashed)
INSERT INTO spend_lines (natural_key, source_file, line_number, date, month, supplier_name,
                         amount, category_text, category_id, supplier_id, on_contract)
SELECT 'fill-' || n, 'fill.csv', n, day, substr(day, 1, 7),
       printf('Supplier %03d Ltd', supplier), amount, 'Category ' || (supplier % 40),
       supplier % 40 + 1, supplier + 1, supplier % 2 = 0 AND lucky
FROM drawn
"""


def fill_lines(database: Database, target: int, seed: int) -> int:
    """Lines up to `target` (the import path is measured separately), a million a commit."""
    with database.engine.connect() as connection:
        number = int(connection.exec_driver_sql("SELECT count(*) FROM spend_lines").scalar_one())
    raw = database.engine.raw_connection()
    try:
        cursor = raw.cursor()
        while number < target:
            last = min(number + 1_000_000, target)
            cursor.execute(_FILL, {"first": number, "last": last - 1, "seed": seed})
            raw.commit()
            number = last
    finally:
        raw.close()
    return number


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--import-lines", type=int, default=1_000_000)
    parser.add_argument("--loyalty-lines", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="avtale-spend-bench-") as tmp:
        folder = Path(tmp)
        database = Database(f"sqlite:///{folder / 'spend.sqlite3'}")
        upgrade(database)
        seed_register(database)
        source = folder / "spend.csv"
        write_csv(source, args.import_lines, rng)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        cpu_before = _cpu_seconds()
        started = time.perf_counter()
        with database.session() as session:
            record = import_and_match(session, source)
            imported = record.rows_imported
        seconds = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu_before
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        emit("spend.import.lines_per_second", imported / seconds, "lines/s",
             lines=imported, seconds=round(seconds, 2), backend="sqlite",
             # The machine is shared: lines per CPU second says what one free core does.
             cpu_seconds=round(cpu, 2), lines_per_cpu_second=round(imported / cpu, 1),
             file_mb=round(source.stat().st_size / 1e6, 1))
        emit("spend.import.peak_rss_mb", rss_after / 1024, "MB",
             before_import_mb=round(rss_before / 1024, 1), lines=imported)
        lines = fill_lines(database, max(args.loyalty_lines, imported), args.seed)
        started, cpu_before = time.perf_counter(), _cpu_seconds()
        with database.session() as session:
            rollup.rebuild(session)
        emit("spend.rollup.rebuild_seconds", time.perf_counter() - started, "s", lines=lines,
             cpu_seconds=round(_cpu_seconds() - cpu_before, 2), backend="sqlite")
        with database.session() as session:
            rows, seconds, cpu = best_of(args.repeats, lambda: reports.loyalty(session,
                                                                            "category"))
            emit("spend.loyalty.by_category_seconds", seconds, "s", lines=lines,
                 cpu_seconds=cpu, categories=len(rows), backend="sqlite",
                 repeats=args.repeats)
            _, seconds, cpu = best_of(args.repeats, lambda: reports.loyalty(
                session, "category", reports.Window(dt.date(2015, 3, 17), dt.date(2016, 9, 12))))
            emit("spend.loyalty.by_category_cut_window_seconds", seconds, "s", lines=lines,
                 cpu_seconds=cpu, window="2015-03-17..2016-09-12", backend="sqlite",
                 repeats=args.repeats)
            # The data ends in 2017: the list's 12 months up to a day inside it, cutting two.
            suppliers, seconds, cpu = best_of(args.repeats, lambda: supplier_rows(
                session, frozenset({ORGANISATION}), dt.date(2017, 6, 15)))
            emit("spend.supplier_list.seconds", seconds, "s", lines=lines, cpu_seconds=cpu,
                 suppliers=len(suppliers), backend="sqlite", repeats=args.repeats)
        database.dispose()


def best_of(repeats: int, run: Callable[[], T]) -> tuple[T, float, float]:
    """The result, and the least wall and CPU seconds of `repeats` runs."""
    timings, cpu_timings = [], []
    for _ in range(repeats):
        started, cpu_before = time.perf_counter(), _cpu_seconds()
        result = run()
        timings.append(time.perf_counter() - started)
        cpu_timings.append(_cpu_seconds() - cpu_before)
    return result, min(timings), round(min(cpu_timings), 3)


if __name__ == "__main__":
    main()
