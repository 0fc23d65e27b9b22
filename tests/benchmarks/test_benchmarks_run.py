"""The benchmark scripts run at a tiny size and print JSON lines with the expected names.
No timing is asserted: benchmarks are scripts, their figures are read by people."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_script(script: str, *args: str) -> list[dict[str, Any]]:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines, result.stderr
    records = [json.loads(line) for line in lines]
    for record in records:
        assert {"name", "value", "unit"} <= set(record), record
        assert isinstance(record["name"], str) and isinstance(record["unit"], str)
        assert isinstance(record["value"], int | float) and math.isfinite(record["value"])
    return records


def by_name(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    named = {record["name"]: record for record in records}
    assert len(named) == len(records), "a figure was printed twice"
    return named


def test_ingest_benchmark_prints_its_figures() -> None:
    # The contracts kept in the repository, so the check runs with no ../shared too.
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "cuad"
    figures = by_name(run_script("ingest.py", "--data", str(fixtures), "--limit", "2",
                                 "--repeats", "1", "--scans", "1", "--scan-pages", "1"))
    assert set(figures) == {
        "ingest.pipeline.pages_per_second",
        "ingest.pipeline.pages_per_second_per_core",
        "ingest.pipeline.docs_per_second",
        "pdf_text.pdfplumber.pages_per_second",
        "pdf_text.pypdfium2.pages_per_second",
        "pdf_text.pypdfium2_vs_pdfplumber.ratio",
        "ingest.pipeline_vs_pdfplumber.ratio",
        "ingest.pipeline_scanned.seconds_per_page_per_core",
        "ingest.pipeline_scanned.seconds_per_page",
    }
    scanned = figures["ingest.pipeline_scanned.seconds_per_page_per_core"]
    assert scanned["unit"] == "s/page/core" and scanned["documents"] == 1
    if shutil.which("tesseract"):
        assert scanned["ocr_pages"] == 1 and scanned["failed"] == 0 and scanned["indexed"] == 1
    pipeline = figures["ingest.pipeline.pages_per_second"]
    assert pipeline["unit"] == "pages/s"
    assert pipeline["documents"] == 2 and pipeline["failed"] == 0 and pipeline["indexed"] == 2
    assert pipeline["pages"] == figures["pdf_text.pypdfium2.pages_per_second"]["pages"] > 0
    assert figures["pdf_text.pdfplumber.pages_per_second"]["pages"] == pipeline["pages"]


def test_search_benchmark_prints_its_figures() -> None:
    figures = by_name(run_script("search.py", "--contracts", "40", "--pages", "2", "3",
                                 "--words-per-page", "60", "--queries", "5", "--warmup", "1",
                                 "--throughput-seconds", "0.5"))
    kinds = ("text_facets", "filters_facets")
    assert set(figures) == {
        "search.corpus.insert_seconds", "search.index.rebuild_seconds", "search.index.size_mb",
        "search.server.memory_rss_mb",
        *(f"search.{side}.{kind}.latency_{p}_ms" for side in ("http", "raw", "service")
          for kind in kinds for p in ("p50", "p95")),
        *(f"search.http_over_{side}.{kind}.p95_ratio" for side in ("raw", "service")
          for kind in kinds),
        *(f"search.http.throughput{load}_{clients}_clients" for clients in (1, 4, 16)
          for load in ("", *(["_wrk"] if shutil.which("wrk") else []))),
    }
    assert figures["search.index.rebuild_seconds"]["indexed"] == 40
    assert figures["search.http.text_facets.latency_p95_ms"]["queries"] == 5
    assert figures["search.http.throughput_16_clients"]["errors"] == 0
    assert figures["search.server.memory_rss_mb"]["value"] > 0


def test_spend_benchmark_prints_its_figures() -> None:
    figures = by_name(run_script("spend.py", "--import-lines", "300", "--loyalty-lines", "500",
                                 "--repeats", "1"))
    assert set(figures) == {"spend.import.lines_per_second", "spend.import.peak_rss_mb",
                            "spend.rollup.rebuild_seconds", "spend.loyalty.by_category_seconds",
                            "spend.loyalty.by_category_cut_window_seconds",
                            "spend.supplier_list.seconds"}
    assert figures["spend.import.lines_per_second"]["lines"] == 300
    assert figures["spend.loyalty.by_category_seconds"]["lines"] == 500
    assert figures["spend.loyalty.by_category_seconds"]["categories"] == 40
    assert figures["spend.supplier_list.seconds"]["suppliers"] == 400


@pytest.mark.ocr
def test_ocr_quality_benchmark_scores_scans_against_their_own_text() -> None:
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed (scripts/system-deps.sh)")
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "cuad"
    figures = by_name(run_script("ocr_quality.py", "--data", str(fixtures), "--limit", "1",
                                 "--pages-per-pdf", "1"))
    scans = ("clean_300dpi", "office_200dpi_blur_skew", "upside_down_200dpi")
    assert set(figures) == {f"ocr.{scan}.{figure}" for scan in scans for figure in (
        "cer_median", "cer_mean", "seconds_per_page", "cpu_seconds_per_page")}
    # A working OCR reads a clean contract page nearly exactly, upside down or not; a
    # broken one (wrong language, no straightening) is far off.
    for scan in scans:
        assert figures[f"ocr.{scan}.cer_median"]["value"] < 0.05


@pytest.mark.ocr
def test_ocr_quality_benchmark_compares_ways_of_reading_through_a_pdf() -> None:
    if shutil.which("tesseract") is None:
        pytest.skip("tesseract is not installed (scripts/system-deps.sh)")
    fixtures = Path(__file__).resolve().parents[1] / "fixtures" / "cuad"
    variants = ("current", "osd_first")
    figures = by_name(run_script("ocr_quality.py", "--data", str(fixtures), "--limit", "1",
                                 "--pages-per-pdf", "1", "--through-pdf",
                                 "--variants", ",".join(variants)))
    scans = ("clean_300dpi", "office_200dpi_blur_skew", "upside_down_200dpi")
    assert set(figures) == {f"ocr.{scan}.{variant}.{figure}" for scan in scans
                            for variant in variants
                            for figure in ("cer_median", "cer_mean", "cpu_seconds_per_page")}
    for scan in scans:
        for variant in variants:
            assert figures[f"ocr.{scan}.{variant}.cer_median"]["value"] < 0.05
            assert figures[f"ocr.{scan}.{variant}.cpu_seconds_per_page"]["value"] > 0
