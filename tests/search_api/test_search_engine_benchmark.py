"""benchmarks/search_engine.py runs on both backends at a tiny size and prints JSON lines.
No timing is asserted: the figures are for people to read."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> list[dict[str, Any]]:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "search_engine.py"), "--contracts", "60",
         "--words", "40", "--queries", "14", "--batch", "25", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    for record in records:
        assert {"name", "value", "unit"} <= set(record), record
        assert isinstance(record["value"], int | float) and math.isfinite(record["value"])
    return records


@pytest.mark.parametrize("backend", ["tantivy", "elasticsearch"])
def test_search_engine_benchmark_prints_its_figures(backend: str) -> None:
    records = run("--backend", backend)
    names = {record["name"] for record in records}
    assert {
        f"{backend}_index_build",
        f"{backend}_index_rate",
        f"{backend}_search_p50",
        f"{backend}_search_p95",
        f"{backend}_search_mean_total_hits",
    } <= names
    kinds = {r["query_kind"] for r in records if r["name"] == f"{backend}_search_p95"}
    assert kinds == {"all", "word", "two_words", "phrase", "or", "prefix", "exclude", "filtered"}
    hits = next(r for r in records if r["name"] == f"{backend}_search_mean_total_hits")
    assert hits["value"] > 0  # the queries found something: the engine really searched
    if backend == "elasticsearch":
        assert {r.get("engine") for r in records} == {"osmem-server"}
