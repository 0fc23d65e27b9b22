"""Search engine benchmark: synthetic contracts into a `SearchIndex` adapter, then timed queries.

    .venv/bin/python -m benchmarks.search_engine [--contracts 20000] [--words 1500]
    .venv/bin/python -m benchmarks.search_engine --backend elasticsearch [--es-url URL]

Every query runs through `SearchIndex.search` as the API would: full text, permission
filter, all four facets, highlights. Prints JSON lines `{"name", "value", "unit", ...}`,
named after the backend (`tantivy_*`, `elasticsearch_*`).

`--backend elasticsearch` without `--es-url` starts osmem-server (the in-memory
OpenSearch-API server the tests use, a dev dependency) on a loopback port: its figures say
how the adapter behaves, not how fast a real cluster is. With `--es-url` (credentials from
the usual AVTALE_ELASTICSEARCH_* settings) it runs against that cluster, in indices with the
prefix `avtale-bench` that it deletes afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from search_api.port import IndexedContract, SearchIndex, SearchQuery
from search_api.tantivy.index import TantivySearchIndex

TODAY = dt.date(2025, 6, 1)
DOMAIN_WORDS = [
    "agreement",
    "avtale",
    "supplier",
    "leverandør",
    "price",
    "pris",
    "indexation",
    "prisjustering",
    "liability",
    "ansvar",
    "cap",
    "termination",
    "oppsigelse",
    "notice",
    "varsel",
    "period",
    "periode",
    "renewal",
    "fornyelse",
    "confidential",
    "konfidensiell",
    "governing",
    "law",
    "lov",
    "payment",
    "betaling",
    "invoice",
    "faktura",
    "service",
    "tjeneste",
    "delivery",
    "levering",
    "warranty",
    "garanti",
    "penalty",
    "dagmulkt",
    "force",
    "majeure",
    "audit",
    "revisjon",
    "data",
    "processing",
    "personopplysninger",
    "hosting",
    "drift",
    "license",
    "lisens",
]
SUPPLIERS = [f"Supplier {i:03d} AS" for i in range(300)]
CATEGORIES = [f"Category {i:02d}" for i in range(40)]
GROUPS = [f"group:{i}" for i in range(20)]


def emit(name: str, value: float, unit: str, **extra: Any) -> None:
    print(json.dumps({"name": name, "value": round(value, 3), "unit": unit, **extra}), flush=True)


def vocabulary(rng: random.Random, size: int) -> list[str]:
    letters = "abcdefghijklmnoprstuvyæøå"
    made = {"".join(rng.choice(letters) for _ in range(rng.randint(3, 11))) for _ in range(size)}
    return DOMAIN_WORDS + sorted(made)


def contracts(
    rng: random.Random, count: int, words_per_contract: int, vocab: list[str]
) -> Iterator[IndexedContract]:
    # Zipf-like weights: a few words are everywhere, most are rare, as in real text.
    weights = [1.0 / (rank + 1) for rank in range(len(vocab))]
    for contract_id in range(1, count + 1):
        body = " ".join(rng.choices(vocab, weights, k=words_per_contract))
        end = None if rng.random() < 0.15 else TODAY + dt.timedelta(days=rng.randint(-400, 1500))
        status = "unknown" if end is None else (
            "expired" if end < TODAY else "expiring" if (end - TODAY).days <= 90 else "active")
        principals = ["org"] if rng.random() < 0.8 else [rng.choice(GROUPS), "role:admin"]
        yield IndexedContract(
            contract_id=contract_id,
            title=" ".join(rng.choices(vocab[:200], k=rng.randint(3, 8))),
            parties=[rng.choice(SUPPLIERS), "Oslo kommune"],
            body=body,
            supplier=rng.choice(SUPPLIERS),
            category=rng.choice(CATEGORIES),
            status=status,
            end_date=end,
            notice_deadline=end - dt.timedelta(days=90) if end else None,
            perpetual=rng.random() < 0.03,
            value=round(rng.uniform(1e4, 1e7), 2) if rng.random() < 0.9 else None,
            currency="NOK",
            principals=principals,
        )


def queries(rng: random.Random, vocab: list[str], count: int) -> Iterator[tuple[str, SearchQuery]]:
    common, mid = vocab[:50], vocab[50:2000]
    kinds = ["word", "two_words", "phrase", "or", "prefix", "exclude", "filtered"]
    for i in range(count):
        kind = kinds[i % len(kinds)]
        a, b = rng.choice(mid), rng.choice(common)
        text = {
            "word": a,
            "two_words": f"{a} {b}",
            "phrase": f'"{rng.choice(common)} {rng.choice(common)}"',
            "or": f"{a} OR {rng.choice(mid)}",
            "prefix": f"{a[:3]}*",
            "exclude": f"{b} -{a}",
            "filtered": b,
        }[kind]
        extra: dict[str, Any] = {}
        if kind == "filtered":
            extra = {"suppliers": rng.sample(SUPPLIERS, 3), "statuses": ["expiring", "active"]}
        yield kind, SearchQuery(text=text, today=TODAY, **extra)


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", choices=["tantivy", "elasticsearch"], default="tantivy")
    parser.add_argument("--es-url", help="Elasticsearch URL (default: start osmem-server)")
    parser.add_argument("--contracts", type=int, default=20_000)
    parser.add_argument("--words", type=int, default=1_500, help="words per contract body")
    parser.add_argument("--vocabulary", type=int, default=30_000)
    parser.add_argument("--queries", type=int, default=700)
    parser.add_argument("--batch", type=int, default=1_000)
    parser.add_argument("--path", type=Path, help="tantivy index directory (default: temp)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.backend == "tantivy":
        with tempfile.TemporaryDirectory() as tmp:
            path = args.path or Path(tmp) / "index"
            index = TantivySearchIndex(path)
            run(args, "tantivy", index, lambda: _directory_size(path), index.close)
    else:
        from benchmarks.elasticsearch_engine import elasticsearch_index

        with elasticsearch_index(args.es_url) as (engine, index, size):
            run(args, "elasticsearch", index, size, lambda: None, engine=engine)


def run(
    args: argparse.Namespace,
    backend: str,
    index: SearchIndex,
    index_size: Callable[[], float | None],
    after_build: Callable[[], None],
    **labels: Any,
) -> None:
    rng = random.Random(args.seed)
    vocab = vocabulary(rng, args.vocabulary)
    started = time.perf_counter()
    batch: list[IndexedContract] = []
    for contract in contracts(rng, args.contracts, args.words, vocab):
        batch.append(contract)
        if len(batch) == args.batch:
            index.upsert(batch)
            batch = []
    index.upsert(batch)
    after_build()
    elapsed = time.perf_counter() - started
    common = {"contracts": args.contracts, "words": args.words, **labels}
    emit(f"{backend}_index_build", elapsed, "s", **common)
    emit(f"{backend}_index_rate", args.contracts / elapsed, "contracts/s", **common)
    size = index_size()
    if size is not None:
        emit(f"{backend}_index_size", size / 1e6, "MB", **common)

    viewer = frozenset({"org", "user:7"})
    timings: dict[str, list[float]] = {}
    totals: list[int] = []
    for _, query in queries(rng, vocab, 20):  # warm-up
        index.search(query, viewer)
    for kind, query in queries(rng, vocab, args.queries):
        t0 = time.perf_counter()
        result = index.search(query, viewer)
        timings.setdefault(kind, []).append((time.perf_counter() - t0) * 1000)
        totals.append(result.total)
    everything = [t for samples in timings.values() for t in samples]
    for label, samples in [("all", everything), *sorted(timings.items())]:
        for pct in (50, 95):
            emit(
                f"{backend}_search_p{pct}",
                percentile(samples, pct),
                "ms",
                query_kind=label,
                queries=len(samples),
                **common,
            )
    emit(f"{backend}_search_mean_total_hits", statistics.mean(totals), "hits", **common)


def _directory_size(path: Path) -> float:
    return float(sum(f.stat().st_size for f in path.iterdir() if f.is_file()))


if __name__ == "__main__":
    main()
