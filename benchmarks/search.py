"""Search latency through the HTTP API on a synthetic contract corpus.

    .venv/bin/python benchmarks/search.py [--contracts 5000] [--queries 1000] [--max-seconds 120]
                                          [--words 1500] [--seed 7]

Builds N synthetic contracts (bodies of about `--words` words from a contract vocabulary, with
varied suppliers, categories, end dates, values and owners; about one in ten restricted) straight
into a fresh runtime's SQLite database with SQLAlchemy bulk inserts, rebuilds the tantivy index
from it (`search_api.service.rebuild`), starts the real app with uvicorn on a loopback port in
a thread, and sends full-text queries with facets (every third with filters too) to
`GET /api/v1/search` as a signed-in non-admin user, one at a time, for at most `--queries`
queries or `--max-seconds` seconds.

Prints JSON lines `{"name", "value", "unit", ...}`: corpus and index build times, latency
p50/p95/p99 in ms (client side, keep-alive connection) overall and per kind of query, and
queries per second.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
import uvicorn
from fastapi import FastAPI
from sqlalchemy import insert

from avtale.app import create_app
from avtale.runtime import Runtime
from core.models import (
    Category,
    Contract,
    ContractAccess,
    ContractParty,
    Document,
    DocumentPage,
    DocumentState,
    Role,
    Supplier,
    Visibility,
)
from core.settings import Settings
from core.tokens import create_token
from core.users import create_user
from search_api.service import rebuild

CUSTOMER = "Bergen kommune"

# Clause topics: each contract covers some of them, so a topical query matches a subset.
TOPICS: dict[str, list[str]] = {
    "liability": ["limitation of liability", "liability cap", "consequential damages",
                  "indirect loss", "aggregate liability", "annual fees", "gross negligence"],
    "indexation": ["price indexation", "consumer price index", "annual price adjustment",
                   "Statistics Norway", "index regulation", "base index"],
    "confidentiality": ["confidential information", "non-disclosure", "trade secrets",
                        "need to know", "public access", "confidentiality obligations"],
    "termination": ["termination for convenience", "notice period", "material breach",
                    "termination for cause", "written notice", "cure period"],
    "renewal": ["automatic renewal", "renewal term", "extension option", "initial term",
                "successive periods", "option to extend"],
    "data_protection": ["personal data", "data processing agreement", "GDPR", "sub-processor",
                        "data subject", "processing instructions"],
    "service_levels": ["service level", "availability", "response time", "service credits",
                       "incident", "maintenance window"],
    "intellectual_property": ["intellectual property", "licence", "source code", "escrow",
                              "moral rights", "background IP"],
    "payment": ["invoice", "payment terms", "thirty days", "late payment interest",
                "electronic invoicing", "EHF"],
    "insurance": ["insurance", "professional indemnity", "public liability insurance",
                  "insured sum", "certificate of insurance"],
    "audit": ["audit rights", "records", "inspection", "auditor", "books and accounts"],
    "force_majeure": ["force majeure", "beyond reasonable control", "pandemic", "strike",
                      "natural disaster"],
    "subcontracting": ["subcontractor", "prior written consent", "pay and working conditions",
                       "supply chain", "human rights due diligence"],
    "warranty": ["warranty", "defects", "remedy", "warranty period", "fitness for purpose"],
    "delivery": ["delivery", "delivery date", "Incoterms", "acceptance test", "handover",
                 "delay"],
    "penalties": ["liquidated damages", "daily penalty", "delay penalty", "cap on penalties"],
    "security": ["information security", "ISO 27001", "penetration test", "encryption",
                 "security incident"],
    "environment": ["environmental requirements", "emissions", "climate", "recycling",
                    "Eco-Lighthouse", "sustainability"],
    "disputes": ["governing law", "Norwegian law", "Oslo District Court", "arbitration",
                 "negotiation", "mediation"],
    "change_control": ["change request", "change order", "variation", "change control board"],
    "anti_corruption": ["anti-corruption", "bribery", "conflict of interest", "ethical standards"],
    "exclusivity": ["exclusivity", "non-solicitation", "non-compete", "most favoured customer"],
}
_GENERAL_WORDS = (
    "agreement party parties shall may must within days months year years written notice "
    "provided that unless otherwise agreed pursuant to clause schedule appendix customer "
    "supplier services deliverables obligations rights reasonable including without "
    "limitation applicable law period term date effective accordance hereunder thereof "
    "such any all each other respective costs fees price amount terms conditions "
    "requirements documentation performance compliance responsible liable breach remedy "
    "consent approval request information report meeting representative project plan "
    "specification quality standard procedure deadline milestone acceptance delivery "
    "personnel resources location premises equipment software hardware licence support "
    "maintenance update version release training user access system data security"
)
GENERAL = _GENERAL_WORDS.split()
STARTERS = ["The Supplier shall", "The Customer may", "Each party shall", "The parties agree that",
            "Notwithstanding the foregoing,", "Subject to clause 12,", "Leverandøren skal",
            "Kunden kan", "Unless otherwise agreed,", "Where applicable,"]
SUPPLIER_HEADS = ["Nordic", "Vest", "Fjord", "Atlas", "Polar", "Bjørke", "Havn", "Granitt",
                  "Nord", "Sol", "Tind", "Elv", "Kyst", "Berg", "Lys", "Sky", "Furu", "Stein"]
SUPPLIER_CORES = ["Consulting", "Renhold", "IT", "Logistics", "Bygg", "Data", "Energi",
                  "Security", "Software", "Catering", "Transport", "Legal", "Print", "Medical"]
SUPPLIER_TAILS = ["AS", "ASA", "Ltd", "AB", "Group AS"]
CATEGORIES: dict[str, list[str]] = {
    "IT": ["Software", "Hardware", "Consulting", "Cloud services", "Telecom"],
    "Facilities": ["Cleaning", "Security", "Energy", "Maintenance"],
    "Professional services": ["Legal", "Audit", "Recruitment", "Advisory"],
    "Transport": ["Fleet", "Travel", "Freight"],
    "Health": ["Medical supplies", "Pharmaceuticals"],
    "Food": ["Catering", "Groceries"],
}
TITLE_KINDS = ["Framework agreement", "Rammeavtale", "Service agreement", "Licence agreement",
               "Consultancy agreement", "Supply agreement", "Maintenance agreement",
               "Data processing agreement", "Avtale om kjøp av tjenester"]

TEXT_QUERIES = [
    "liability", '"limitation of liability"', 'indexation OR "consumer price index"',
    "confidential* -draft", 'termination "notice period"', "escrow",
    '"personal data" sub-processor', "renewal", '"service credits"', "GDPR",
    '"force majeure" pandemic', "title:rammeavtale", "party:fjord", "insurance indemnity",
    '"liability cap" "annual fees"', "arbitration OR mediation", "penetration test",
    "indeks*", "subcontractor -exclusivity", '"automatic renewal" "written notice"',
    "Eco-Lighthouse", "source code", "Incoterms delivery", "bribery", "body:climate",
]


@dataclass
class Corpus:
    suppliers: list[str]
    categories: list[str]
    contracts: int
    restricted: int
    words: int


def sentence_pool(rng: random.Random, per_topic: int = 120) -> dict[str, list[str]]:
    pool: dict[str, list[str]] = {}
    for topic, phrases in TOPICS.items():
        sentences = []
        for _ in range(per_topic):
            words = [rng.choice(STARTERS), rng.choice(phrases)]
            words += rng.choices(GENERAL, k=rng.randint(8, 16))
            words.append(rng.choice(phrases))
            words += rng.choices(GENERAL, k=rng.randint(2, 6))
            sentences.append(" ".join(words) + ".")
        pool[topic] = sentences
    return pool


def stored_status(end: dt.date | None, perpetual: bool, today: dt.date) -> str:
    """What the deadline engine stores for a contract with only an end date (no renewal)."""
    if perpetual:
        return "active"
    if end is None:
        return "unknown"
    if end < today:
        return "expired"
    return "expiring" if (end - today).days <= 90 else "active"


def make_body(rng: random.Random, pool: dict[str, list[str]], header: str, words: int) -> str:
    topics = rng.sample(sorted(pool), k=rng.randint(6, 12))
    parts = [header]
    count = len(header.split())
    while count < words:
        sentence = rng.choice(pool[rng.choice(topics)])
        parts.append(sentence)
        count += len(sentence.split())
    return " ".join(parts)


def build_corpus(runtime: Runtime, count: int, words: int, seed: int, owner_ids: list[int],
                 viewer_id: int) -> Corpus:
    """Bulk-insert suppliers, categories, contracts, parties, documents and their pages."""
    rng = random.Random(seed)
    pool = sentence_pool(rng)
    today = dt.date.today()
    supplier_names = sorted({f"{h} {c} {t}" for h in SUPPLIER_HEADS for c in SUPPLIER_CORES
                             for t in SUPPLIER_TAILS})
    rng.shuffle(supplier_names)
    supplier_names = supplier_names[:400]
    # A few suppliers hold many contracts, most hold few (as in real procurement).
    supplier_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(supplier_names))]

    category_rows: list[dict[str, Any]] = []
    leaves: list[tuple[int, str]] = []
    next_id = 1
    for root, children in CATEGORIES.items():
        root_id = next_id
        category_rows.append({"id": root_id, "name": root, "parent_id": None})
        next_id += 1
        for child in children:
            category_rows.append({"id": next_id, "name": child, "parent_id": root_id})
            leaves.append((next_id, f"{root} / {child}"))
            next_id += 1

    contracts: list[dict[str, Any]] = []
    parties: list[dict[str, Any]] = []
    access: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []
    pages: list[dict[str, Any]] = []
    restricted = 0
    total_words = 0
    for contract_id in range(1, count + 1):
        supplier_index = rng.choices(range(len(supplier_names)), weights=supplier_weights)[0]
        supplier = supplier_names[supplier_index]
        category_id, category = rng.choice(leaves)
        kind = rng.choice(TITLE_KINDS)
        title = f"{kind} {category.split(' / ')[-1].lower()} {supplier}"
        perpetual = rng.random() < 0.05
        end = None if perpetual or rng.random() < 0.1 else (
            today + dt.timedelta(days=rng.randint(-730, 1825)))
        notice_months = rng.choice([1, 3, 3, 6, 12])
        notice = end - dt.timedelta(days=30 * notice_months) if end else None
        is_restricted = rng.random() < 0.1
        restricted += is_restricted
        owner_id = rng.choice(owner_ids)
        value = Decimal(round(10 ** rng.uniform(4, 8), 2)).quantize(Decimal("0.01"))
        contracts.append({
            "id": contract_id, "title": title, "supplier_id": supplier_index + 1,
            "category_id": category_id, "owner_id": owner_id,
            "visibility": Visibility.RESTRICTED if is_restricted else Visibility.ORGANISATION,
            "source": "upload", "language": "en", "notes": "", "perpetual": perpetual,
            "auto_renewal": rng.random() < 0.3, "end_date": end, "computed_end_date": end,
            "current_term_end": end, "status": stored_status(end, perpetual, today),
            "deadlines_as_of": today,
            "notice_deadline": notice, "notice_period": {"count": notice_months,
                                                         "unit": "month"},
            "value_amount": value, "value_currency": rng.choice(["NOK", "NOK", "NOK", "EUR"]),
        })
        parties.append({"contract_id": contract_id, "name": CUSTOMER, "role": "customer"})
        parties.append({"contract_id": contract_id, "name": supplier, "role": "supplier"})
        if is_restricted and owner_id != viewer_id and rng.random() < 0.3:
            access.append({"contract_id": contract_id, "principal": f"user:{viewer_id}"})
        header = (f"{title}. This agreement is made between {CUSTOMER} (the Customer) and "
                  f"{supplier} (the Supplier) for {category}."
                  + (f" It expires on {end.isoformat()}." if end else ""))
        body = make_body(rng, pool, header, words)
        total_words += len(body.split())
        sha = hashlib.sha256(f"{seed}:{contract_id}".encode()).hexdigest()
        documents.append({
            "id": contract_id, "sha256": sha, "contract_id": contract_id,
            "filename": f"contract-{contract_id}.pdf", "size_bytes": len(body) * 3,
            "state": DocumentState.READY, "page_count": 0, "language": "en",
            "requested_visibility": "restricted" if is_restricted else "organisation",
        })
        chunks = _split_pages(body, rng.randint(3, 6))
        documents[-1]["page_count"] = len(chunks)
        pages += [{"document_id": contract_id, "number": n + 1, "text": text}
                  for n, text in enumerate(chunks)]

    with runtime.database.session() as session:
        session.execute(insert(Supplier), [
            {"id": i + 1, "name": name} for i, name in enumerate(supplier_names)])
        session.execute(insert(Category), category_rows)
        session.execute(insert(Contract), contracts)
        session.execute(insert(ContractParty), parties)
        if access:
            session.execute(insert(ContractAccess), access)
        session.execute(insert(Document), documents)
        for start in range(0, len(pages), 5000):
            session.execute(insert(DocumentPage), pages[start:start + 5000])
    return Corpus(suppliers=supplier_names, categories=[c for _, c in leaves],
                  contracts=count, restricted=restricted, words=total_words)


def _split_pages(body: str, count: int) -> list[str]:
    words = body.split(" ")
    size = max(1, len(words) // count + 1)
    return [" ".join(words[i:i + size]) for i in range(0, len(words), size)]


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """Run the app with uvicorn on a free loopback port in a thread; yields its base URL."""
    # Let uvicorn bind the port itself: handing it a pre-bound socket costs every response a
    # ~40 ms delayed-ACK stall on loopback (measured), which would swamp the search figures.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def query_params(rng: random.Random, corpus: Corpus, today: dt.date,
                 filtered: bool) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {"q": rng.choice(TEXT_QUERIES)}
    if not filtered:
        return "text+facets", params
    choice = rng.randrange(4)
    if choice == 0:
        params["supplier"] = rng.choice(corpus.suppliers[:40])
    elif choice == 1:
        params["category"] = rng.choice(corpus.categories)
    elif choice == 2:
        params["status"] = "expiring"
    else:
        start = today + dt.timedelta(days=rng.randint(-365, 730))
        params["expires_from"] = start.isoformat()
        params["expires_to"] = (start + dt.timedelta(days=180)).isoformat()
        params["sort"] = "end_date"
    return "text+facets+filters", params


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--contracts", type=int, default=5000)
    parser.add_argument("--words", type=int, default=1500, help="words per contract body")
    parser.add_argument("--queries", type=int, default=1000, help="at most this many queries")
    parser.add_argument("--max-seconds", type=float, default=120,
                        help="stop querying after this long")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="avtale-bench-search-") as tmp:
        settings = Settings(environment="development", data_dir=Path(tmp), database_url="",
                            broker_url="", search_backend="tantivy")
        runtime = Runtime.build(settings)
        try:
            with runtime.database.session() as session:
                admin = create_user(session, email="admin@example.no", role=Role.ADMIN)
                viewer = create_user(session, email="viewer@example.no", role=Role.VIEWER)
                token = create_token(session, viewer, "benchmark")
                owners, viewer_id = [admin.id, viewer.id], viewer.id

            started = time.perf_counter()
            corpus = build_corpus(runtime, args.contracts, args.words, args.seed, owners,
                                  viewer_id)
            built = time.perf_counter()
            indexed = rebuild(runtime.database, runtime.search_index)
            rebuilt = time.perf_counter()
            base = {"contracts": corpus.contracts, "restricted": corpus.restricted,
                    "words_per_contract": round(corpus.words / max(1, corpus.contracts))}
            emit("search.corpus.insert_seconds", built - started, "s", **base)
            emit("search.index.rebuild_seconds", rebuilt - built, "s", **base, indexed=indexed,
                 contracts_per_second=round(indexed / max(rebuilt - built, 1e-9), 1))

            app = create_app(runtime=runtime, run_worker=False)
            rng = random.Random(args.seed + 1)
            today = dt.date.today()
            latencies: dict[str, list[float]] = {"text+facets": [], "text+facets+filters": []}
            errors = 0
            totals: list[int] = []
            with serve(app) as url, httpx.Client(
                base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=60
            ) as client:
                for number in range(args.warmup):
                    client.get("/api/v1/search",
                               params=query_params(rng, corpus, today, number % 3 == 1)[1])
                loop_start = time.perf_counter()
                for number in range(args.queries):
                    if time.perf_counter() - loop_start > args.max_seconds:
                        break
                    # Every third query also filters.
                    kind, params = query_params(rng, corpus, today, number % 3 == 1)
                    sent = time.perf_counter()
                    response = client.get("/api/v1/search", params=params)
                    latencies[kind].append((time.perf_counter() - sent) * 1000)
                    if response.status_code != 200:
                        errors += 1
                        print(f"HTTP {response.status_code} for {params}: "
                              f"{response.text[:200]}", file=sys.stderr)
                    else:
                        body = response.json()
                        assert set(body) >= {"total", "hits", "facets"}, body
                        totals.append(int(body["total"]))
                elapsed = time.perf_counter() - loop_start
        finally:
            runtime.close()

    every = [ms for values in latencies.values() for ms in values]
    detail = {**base, "queries": len(every), "errors": errors, "clients": 1,
              "mean_total_hits": round(statistics.fmean(totals), 1) if totals else 0}
    for label, fraction in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99)):
        emit(f"search.http.latency_{label}_ms", percentile(every, fraction), "ms", **detail)
    emit("search.http.queries_per_second", len(every) / elapsed if elapsed else 0.0,
         "queries/s", **detail, seconds=round(elapsed, 2))
    for kind, values in latencies.items():
        if not values:
            continue
        emit(f"search.http.{kind.replace('+', '_')}.latency_p95_ms", percentile(values, 0.95),
             "ms", **base, queries=len(values),
             p50_ms=round(percentile(values, 0.5), 2))
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
