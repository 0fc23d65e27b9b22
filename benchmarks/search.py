"""Search at scale through the HTTP API, against the raw tantivy adapter on the same corpus.

    nice .venv/bin/python benchmarks/search.py [--contracts 10000] [--pages 10 30]
        [--words-per-page 300] [--queries 300] [--throughput-seconds 15] [--seed 7]

Builds N contracts of tens of pages (see `search_corpus`: sentences of the real CUAD
contracts when ../shared is there) in a fresh SQLite database, rebuilds the tantivy index from
it (`search_api.service.rebuild`), starts the real app (`create_app`, no worker) with uvicorn in
a child process, and as a signed-in non-admin user sends:

- `text_facets`: full-text queries (all facets, highlights), one at a time;
- `filters_facets`: no text, only filters (supplier, category, status, expiry range, value),
  all facets, one at a time;
- the same queries straight to `TantivySearchIndex.search` in this process (`raw`), so the
  HTTP overhead shows as a ratio of p95s;
- a mix of both from 1, 4 and 16 concurrent clients for `--throughput-seconds` each.

Prints JSON lines `{"name", "value", "unit", ...}`: insert and index build times, index size,
latency p50/p95 per kind over HTTP and raw, the ratios, requests per second per concurrency,
and the server process's resident and peak memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx

from avtale.runtime import Runtime
from benchmarks.search_corpus import TEXT_QUERIES, Corpus, build_corpus
from core.models import Role
from core.principals import principals_of_user
from core.settings import Settings
from core.tokens import create_token
from core.users import create_user
from search_api.endpoints import build_query
from search_api.service import rebuild

KINDS = ("text_facets", "filters_facets")
CONCURRENCY = (1, 4, 16)


def settings_for(data_dir: Path) -> Settings:
    return Settings(environment="development", data_dir=data_dir, database_url="",
                    broker_url="", search_backend="tantivy")


def serve(data_dir: Path, port: int) -> None:
    """The child process: the app on the benchmark's data directory (no worker)."""
    import uvicorn

    from avtale.app import create_app

    runtime = Runtime.build(settings_for(data_dir), migrate=False)
    app = create_app(runtime=runtime, run_worker=False)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


def start_server(data_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, __file__, "--serve", str(data_dir),
                                "--port", str(port)])
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the search server exited")
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("the search server did not start")


def query_params(rng: random.Random, corpus: Corpus, today: dt.date,
                 kind: str) -> dict[str, Any]:
    params: dict[str, Any] = {}
    if kind == "text_facets":
        params["q"] = rng.choice(TEXT_QUERIES)
        return params
    choice = rng.randrange(5)
    if choice == 0:
        params["supplier"] = rng.choice(corpus.suppliers[:40])
    elif choice == 1:
        params["category"] = rng.choice(corpus.categories)
    elif choice == 2:
        params["status"] = rng.choice(["expiring", "active", "expired"])
    elif choice == 3:
        start = today + dt.timedelta(days=rng.randint(-365, 730))
        params["expires_from"] = start.isoformat()
        params["expires_to"] = (start + dt.timedelta(days=180)).isoformat()
        params["sort"] = "end_date"
    else:
        params["value_min"] = rng.choice([100_000, 1_000_000, 10_000_000])
        params["sort"] = "-value"
    return params


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = fraction * (len(ordered) - 1)
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def emit(name: str, value: float, unit: str, **extra: Any) -> None:
    print(json.dumps({"name": name, "value": round(value, 4), "unit": unit, **extra}),
          flush=True)


def timed_http(client: httpx.Client, params: dict[str, Any]) -> tuple[float, bool]:
    sent = time.perf_counter()
    response = client.get("/api/v1/search", params=params)
    elapsed = (time.perf_counter() - sent) * 1000
    if response.status_code != 200:
        print(f"HTTP {response.status_code} for {params}: {response.text[:200]}",
              file=sys.stderr)
        return elapsed, False
    return elapsed, True


def throughput(url: str, token: str, mix: list[dict[str, Any]], clients: int,
               seconds: float) -> tuple[int, int, float]:
    """(requests, errors, elapsed) of `clients` threads sending `mix` round-robin."""
    counts = [0] * clients
    errors = [0] * clients
    stop = time.perf_counter() + seconds

    def client_loop(number: int) -> None:
        with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"},
                          timeout=120) as client:
            position = number * 7
            while time.perf_counter() < stop:
                _, ok = timed_http(client, mix[position % len(mix)])
                position += 1
                counts[number] += 1
                errors[number] += not ok

    started = time.perf_counter()
    threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts), sum(errors), time.perf_counter() - started


def memory_mb(pid: int) -> dict[str, float]:
    found: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0]) / 1024
    return found


def directory_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--contracts", type=int, default=10_000)
    parser.add_argument("--pages", type=int, nargs=2, default=(10, 30), metavar=("MIN", "MAX"))
    parser.add_argument("--words-per-page", type=int, default=300)
    parser.add_argument("--queries", type=int, default=300, help="per kind, one client")
    parser.add_argument("--throughput-seconds", type=float, default=15)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.serve, args.port)
        return 0

    with tempfile.TemporaryDirectory(prefix="avtale-bench-search-") as tmp:
        data_dir = Path(tmp)
        runtime = Runtime.build(settings_for(data_dir))
        try:
            with runtime.database.session() as session:
                admin = create_user(session, email="admin@example.no", role=Role.ADMIN)
                viewer = create_user(session, email="viewer@example.no", role=Role.VIEWER)
                token = create_token(session, viewer, "benchmark")
                owners, viewer_id = [admin.id, viewer.id], viewer.id
                principals = principals_of_user(viewer)

            started = time.perf_counter()
            corpus = build_corpus(runtime, args.contracts, args.seed, owners, viewer_id,
                                  pages=tuple(args.pages), words_per_page=args.words_per_page)
            built = time.perf_counter()
            indexed = rebuild(runtime.database, runtime.search_index)
            close = getattr(runtime.search_index, "close", None)
            if close is not None:
                close()  # merges finished: the size below is the settled index
            rebuilt = time.perf_counter()
            base = {"contracts": corpus.contracts, "restricted": corpus.restricted,
                    "pages_per_contract": round(corpus.pages / max(1, corpus.contracts), 1),
                    "words_per_contract": round(corpus.words / max(1, corpus.contracts)),
                    "real_sentences": corpus.real_sentences}
            emit("search.corpus.insert_seconds", built - started, "s", **base)
            emit("search.index.rebuild_seconds", rebuilt - built, "s", **base, indexed=indexed,
                 contracts_per_second=round(indexed / max(rebuilt - built, 1e-9), 1))
            emit("search.index.size_mb", directory_bytes(runtime.settings.index_dir) / 2**20,
                 "MB", **base, text_mb=round(corpus.words * 6.5 / 2**20))

            rng = random.Random(args.seed + 1)
            today = dt.date.today()
            plans = {kind: [query_params(rng, corpus, today, kind) for _ in range(args.queries)]
                     for kind in KINDS}
            process, url = start_server(data_dir)
            try:
                results = measure(args, runtime, principals, plans, url, token, base)
                memory = memory_mb(process.pid)
            finally:
                process.terminate()
                process.wait(timeout=60)
            emit("search.server.memory_rss_mb", memory.get("VmRSS", 0.0), "MB", **base,
                 peak_mb=round(memory.get("VmHWM", 0.0), 1))
        finally:
            runtime.close()
    return 1 if results["errors"] else 0


def measure(args: argparse.Namespace, runtime: Runtime, principals: frozenset[str],
            plans: dict[str, list[dict[str, Any]]], url: str, token: str,
            base: dict[str, Any]) -> dict[str, int]:
    errors = 0
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"},
                      timeout=120) as client:
        for params in [p for plan in plans.values() for p in plan[: args.warmup]]:
            timed_http(client, params)
        for kind, plan in plans.items():
            http: list[float] = []
            for params in plan:
                elapsed, ok = timed_http(client, params)
                http.append(elapsed)
                errors += not ok
            raw = raw_latencies(runtime, principals, plan)
            detail = {**base, "queries": len(plan), "clients": 1}
            for label, fraction in (("p50", 0.5), ("p95", 0.95)):
                emit(f"search.http.{kind}.latency_{label}_ms", percentile(http, fraction), "ms",
                     **detail)
                emit(f"search.raw.{kind}.latency_{label}_ms", percentile(raw, fraction), "ms",
                     **detail)
            emit(f"search.http_over_raw.{kind}.p95_ratio",
                 percentile(http, 0.95) / max(percentile(raw, 0.95), 1e-9), "x", **detail)
    mix = [p for pair in zip(*plans.values(), strict=True) for p in pair]
    for clients in CONCURRENCY:
        sent, failed, elapsed = throughput(url, token, mix, clients, args.throughput_seconds)
        errors += failed
        emit(f"search.http.throughput_{clients}_clients", sent / elapsed, "requests/s", **base,
             clients=clients, requests=sent, errors=failed, seconds=round(elapsed, 1),
             cpus=os.cpu_count())
    return {"errors": errors}


def raw_latencies(runtime: Runtime, principals: frozenset[str],
                  plan: list[dict[str, Any]]) -> list[float]:
    """The same queries on the adapter, as the endpoint builds them."""
    found: list[float] = []
    for params in plan:
        query = build_query(
            q=params.get("q", ""), supplier=[params["supplier"]] if "supplier" in params
            else None, category=[params["category"]] if "category" in params else None,
            status_=[params["status"]] if "status" in params else None,
            expires_from=dt.date.fromisoformat(params["expires_from"])
            if "expires_from" in params else None,
            expires_to=dt.date.fromisoformat(params["expires_to"])
            if "expires_to" in params else None,
            value_min=params.get("value_min"), sort=params.get("sort", "relevance"),
        )
        sent = time.perf_counter()
        runtime.search_index.search(query, principals)
        found.append((time.perf_counter() - sent) * 1000)
    return found


if __name__ == "__main__":
    raise SystemExit(main())
