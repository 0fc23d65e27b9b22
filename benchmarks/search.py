"""Search at scale through the HTTP API, against the raw tantivy adapter on the same corpus.

    nice .venv/bin/python benchmarks/search.py [--contracts 10000] [--pages 10 30]
        [--words-per-page 300] [--queries 300] [--throughput-seconds 15] [--seed 7]
        [--workers 1 2] [--load threads wrk] [--data-dir DIR [--build-only]]

Builds N contracts of tens of pages (see `search_corpus`: sentences of the real CUAD
contracts when ../shared is there) in a fresh SQLite database, rebuilds the tantivy index from
it (`search_api.service.rebuild`), starts the real app (`create_app`, no worker) with uvicorn in
a child process (`--workers` processes reading the one index), and as a signed-in non-admin
user sends:

- `text_facets`: full-text queries (all facets, highlights), one at a time;
- `filters_facets`: no text, only filters (supplier, category, status, expiry range, value),
  all facets, one at a time;
- each query also straight to `TantivySearchIndex.search` in this process (`raw`: the same
  facets and highlights), and to the adapter plus the passages the endpoint adds from the
  stored pages (`service`: everything but HTTP, the user lookup and JSON), so the HTTP
  overhead shows as ratios of p95s;
- a mix of both from 1, 4 and 16 concurrent clients for `--throughput-seconds` each, from
  httpx threads in this process (`throughput_*`) and from `wrk` (`throughput_wrk_*`, when
  installed), which takes far less of the server's CPU (see `search_load`).

With `--data-dir` the corpus is built there and kept, and a later run with the same corpus
options measures it again without building (`--build-only` stops after the build).

Prints JSON lines `{"name", "value", "unit", ...}`: insert and index build times, index size,
latency p50/p95 per kind over HTTP, raw and service, the ratios, requests per second per load
generator and concurrency, and the server processes' resident and peak memory.
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
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from sqlalchemy import select

from avtale.runtime import Runtime
from benchmarks.search_corpus import TEXT_QUERIES, Corpus, build_corpus
from benchmarks.search_load import LOADS, thread_load, timed_http, wrk_available, wrk_load
from core.models import Role, User
from core.principals import principals_of_user
from core.settings import Settings
from core.tokens import create_token
from core.users import create_user
from search_api.endpoints import build_query
from search_api.passages import with_passages
from search_api.query_language import parse_query
from search_api.service import rebuild

KINDS = ("text_facets", "filters_facets")
VIEWER_EMAIL = "viewer@example.no"
DATA_DIR_VARIABLE = "BENCHMARK_DATA_DIR"
CONCURRENCY = (1, 4, 16)


def settings_for(data_dir: Path) -> Settings:
    return Settings(environment="development", data_dir=data_dir, database_url="",
                    broker_url="", search_backend="tantivy")


def benchmark_app() -> Any:
    """The app of one server process, on the data directory in BENCHMARK_DATA_DIR (no
    worker: the index is read-only here). A factory, so uvicorn can start it in each of
    several worker processes."""
    from avtale.app import create_app

    runtime = Runtime.build(settings_for(Path(os.environ[DATA_DIR_VARIABLE])), migrate=False)
    return create_app(runtime=runtime, run_worker=False)


def serve(data_dir: Path, port: int, workers: int) -> None:
    """The child process: uvicorn with `workers` processes, each reading the one index."""
    import uvicorn

    os.environ[DATA_DIR_VARIABLE] = str(data_dir)
    uvicorn.run("benchmarks.search:benchmark_app", factory=True, host="127.0.0.1", port=port,
                workers=workers, log_level="warning", access_log=False,
                timeout_worker_healthcheck=60)  # a busy machine imports the app slowly


def start_server(data_dir: Path, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    root = str(Path(__file__).resolve().parent.parent)
    process = subprocess.Popen([sys.executable, __file__, "--serve", str(data_dir),
                                "--port", str(port), "--workers", str(workers)],
                               env={**os.environ, "PYTHONPATH": root})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the search server exited")
        try:
            if httpx.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                # Every worker process answers before the clock starts: warm-up requests
                # reach them in turn.
                for _ in range(4 * workers):
                    httpx.get(f"{url}/api/v1/health", timeout=30)
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
    parser.add_argument("--workers", type=int, nargs="+", default=[1],
                        help="server worker processes; each count is measured in turn")
    parser.add_argument("--load", choices=LOADS, nargs="+", default=list(LOADS),
                        help="load generators for the throughput (wrk when installed)")
    parser.add_argument("--data-dir", type=Path,
                        help="build the corpus here and keep it; a directory holding one "
                        "built with the same corpus options is reused (no build)")
    parser.add_argument("--build-only", action="store_true",
                        help="build (or find) the corpus in --data-dir, then stop")
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.serve, args.port, args.workers[0])
        return 0
    if args.build_only and args.data_dir is None:
        parser.error("--build-only needs --data-dir")
    if args.data_dir is not None:
        args.data_dir.mkdir(parents=True, exist_ok=True)
        return run(args, args.data_dir)
    with tempfile.TemporaryDirectory(prefix="avtale-bench-search-") as tmp:
        return run(args, Path(tmp))


def run(args: argparse.Namespace, data_dir: Path) -> int:
    runtime = Runtime.build(settings_for(data_dir))
    try:
        prepared = prepare_corpus(args, runtime, data_dir)
        if args.build_only:
            return 0
        base = prepared.base
        rng = random.Random(args.seed + 1)
        today = dt.date.today()
        plans = {kind: [query_params(rng, prepared.corpus, today, kind)
                        for _ in range(args.queries)] for kind in KINDS}
        errors = 0
        for workers in args.workers:
            process, url = start_server(data_dir, workers)
            try:
                errors += measure(args, runtime, prepared, plans, url,
                                  {**base, "workers": workers})
                memory = server_memory_mb(process.pid)
            finally:
                process.terminate()
                process.wait(timeout=60)
            emit("search.server.memory_rss_mb", memory["rss"], "MB", **base, workers=workers,
                 peak_mb=round(memory["peak"], 1), processes=memory["processes"])
    finally:
        runtime.close()
    return 1 if errors else 0


@dataclass
class Prepared:
    corpus: Corpus
    token: str
    principals: frozenset[str]
    base: dict[str, Any]


CORPUS_FILE = "benchmark-corpus.json"


def prepare_corpus(args: argparse.Namespace, runtime: Runtime, data_dir: Path) -> Prepared:
    """Build the corpus and index in `data_dir`, or find the one built there before."""
    options = {"contracts": args.contracts, "pages": list(args.pages),
               "words_per_page": args.words_per_page, "seed": args.seed}
    saved = data_dir / CORPUS_FILE
    if saved.exists():
        kept = json.loads(saved.read_text())
        if kept["options"] != options:
            raise SystemExit(f"{data_dir} holds a corpus built with {kept['options']}, "
                             f"not {options}: use another --data-dir")
        corpus = Corpus(**kept["corpus"])
        with runtime.database.session() as session:
            viewer = session.scalar(select(User).where(User.email == VIEWER_EMAIL))
            assert viewer is not None
            principals = principals_of_user(viewer)
        base = kept["base"]
        emit("search.corpus.reused", 1, "corpus", **base, data_dir=str(data_dir))
        emit("search.index.size_mb", directory_bytes(runtime.settings.index_dir) / 2**20,
             "MB", **base, text_mb=round(corpus.words * 6.5 / 2**20))
        return Prepared(corpus, kept["token"], principals, base)

    with runtime.database.session() as session:
        admin = create_user(session, email="admin@example.no", role=Role.ADMIN)
        viewer = create_user(session, email=VIEWER_EMAIL, role=Role.VIEWER)
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
    saved.write_text(json.dumps({"options": options, "token": token, "base": base,
                                 "corpus": asdict(corpus)}))
    return Prepared(corpus, token, principals, base)


def measure(args: argparse.Namespace, runtime: Runtime, prepared: Prepared,
            plans: dict[str, list[dict[str, Any]]], url: str, base: dict[str, Any]) -> int:
    """Latency of each kind over HTTP and raw, one query at a time (each query sent to both
    in turn, so that load from other processes falls on both alike), then throughput."""
    errors = 0
    token = prepared.token
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"},
                      timeout=120) as client:
        for params in [p for plan in plans.values() for p in plan[: args.warmup]]:
            timed_http(client, params)
            raw_latency(runtime, prepared.principals, params, passages=True)
        for kind, plan in plans.items():
            http: list[float] = []
            raw: list[float] = []
            service: list[float] = []
            for params in plan:
                elapsed, ok = timed_http(client, params)
                http.append(elapsed)
                errors += not ok
                raw.append(raw_latency(runtime, prepared.principals, params, passages=False))
                service.append(raw_latency(runtime, prepared.principals, params,
                                           passages=True))
            detail = {**base, "queries": len(plan), "clients": 1}
            for label, fraction in (("p50", 0.5), ("p95", 0.95)):
                for side, values in (("http", http), ("raw", raw), ("service", service)):
                    emit(f"search.{side}.{kind}.latency_{label}_ms",
                         percentile(values, fraction), "ms", **detail)
            emit(f"search.http_over_raw.{kind}.p95_ratio",
                 percentile(http, 0.95) / max(percentile(raw, 0.95), 1e-9), "x", **detail)
            emit(f"search.http_over_service.{kind}.p95_ratio",
                 percentile(http, 0.95) / max(percentile(service, 0.95), 1e-9), "x", **detail)
    mix = [p for pair in zip(*plans.values(), strict=True) for p in pair]
    loads = {"threads": thread_load, "wrk": wrk_load}
    for load in args.load:
        if load == "wrk" and not wrk_available():
            print("wrk is not installed (apt-get install wrk): no wrk figures", file=sys.stderr)
            continue
        for clients in CONCURRENCY:
            sent, failed, elapsed = loads[load](url, token, mix, clients,
                                                args.throughput_seconds)
            errors += failed
            name = "throughput" if load == "threads" else f"throughput_{load}"
            emit(f"search.http.{name}_{clients}_clients", sent / max(elapsed, 1e-9),
                 "requests/s", **base, load=load, clients=clients, requests=sent,
                 errors=failed, seconds=round(elapsed, 1), cpus=os.cpu_count())
    return errors


def raw_latency(runtime: Runtime, principals: frozenset[str], params: dict[str, Any], *,
                passages: bool) -> float:
    """One query on the adapter, as the endpoint builds it; with `passages`, also the
    passages the endpoint adds to each hit from the stored pages (the search service's whole
    work, without HTTP, the user lookup and JSON)."""
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
    result = runtime.search_index.search(query, principals)
    if passages:
        with runtime.database.session() as session:
            with_passages(session, result, parse_query(query.text))
    return (time.perf_counter() - sent) * 1000


def server_memory_mb(pid: int) -> dict[str, float]:
    """Resident and peak memory of the server and its worker processes, summed."""
    pids = [pid, *_children(pid)]
    found = {"rss": 0.0, "peak": 0.0, "processes": float(len(pids))}
    for each in pids:
        memory = memory_mb(each)
        found["rss"] += memory.get("VmRSS", 0.0)
        found["peak"] += memory.get("VmHWM", 0.0)
    return found


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            found += [int(child), *_children(int(child))]
    return found


if __name__ == "__main__":
    raise SystemExit(main())
