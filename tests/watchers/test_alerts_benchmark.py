"""benchmarks/alerts.py runs at a tiny size and prints its figures (no timing asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_alerts_benchmark_prints_its_figures() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.alerts", "--contracts", "200", "--watches", "80",
         "--search-watches", "20"],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    figures = {r["name"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert set(figures) == {
        "alerts_setup_seconds", "alerts_pass_arm_seconds", "alerts_pass_delivery_seconds",
        "alerts_delivered_per_second", "alerts_pass_total_seconds", "match_one_contract_seconds",
        "match_one_contract_distinct_seconds", "match_one_search_median_ms",
    }
    delivery = figures["alerts_pass_delivery_seconds"]
    assert delivery["sent"] == delivery["received"] == figures["alerts_pass_arm_seconds"][
        "alerts_created"] > 0
    assert 0 < figures["match_one_contract_seconds"]["matched"] < 20
