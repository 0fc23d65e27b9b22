"""Ingest throughput on real contracts: the whole pipeline against plain PDF text readers.

    .venv/bin/python benchmarks/ingest.py [--data DIR] [--limit N] [--repeats 3]
                                          [--slow-repeats 1] [--scans N] [--scan-pages K]
                                          [--scan-kind office_200dpi_blur_skew]

For N PDFs (default: all of ../shared/data/cuad-dev/pdf) this measures, in one process on one
thread, with the files already in memory:

- the pipeline on the embedded defaults (SQLite, in-process jobs, tantivy) in a temporary
  directory: `accept_file` for every file, `process_document` for every document (PDFium text,
  OCR of pages without text, tables on table-like pages, extraction, saving), then the search
  sync -> `ingest.pipeline.pages_per_second` and `ingest.pipeline.docs_per_second`;
- pdfplumber's plain `page.extract_text()` on the same files -> `pdf_text.pdfplumber...`;
- pypdfium2 text only -> `pdf_text.pypdfium2...`, and the ratios between them.

Reading runs in sandboxed child processes (a fork server's children, with their tesseract
processes), so the CPU of this process alone misses most of the work: the pipeline's CPU is
this process's plus its children's (`resource.RUSAGE_CHILDREN`, which counts a child once it
is reaped: the readers are reaped by the fork server, and the fork server is stopped and
reaped after each run so that their time reaches us). Its start-up (importing the reading
modules) is measured once and taken off -> `ingest.pipeline.pages_per_second_per_core`,
pages per CPU second of all processes together, beside the wall-clock figure.

With `--scans N` (default 4; 0 skips it) the first N PDFs (their first K pages; default all,
as a scanned contract comes whole) are also scanned
(`benchmarks.scans`: rendered, blurred, skewed, speckled; image-only PDFs) and the same
pipeline reads them, OCR included -> `ingest.pipeline_scanned.seconds_per_page_per_core`, CPU
seconds of all processes per scanned page, and the wall-clock seconds per page with the
reader's OCR threads (setting `ocr_workers`) on this machine's cores.

Prints one JSON line per figure: `{"name", "value", "unit", ...}`. Values are medians over
`--repeats` runs for the cheap pypdfium2 pass and over `--slow-repeats` runs (default 1) for
the pipeline and pdfplumber, which take minutes on the full set.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import multiprocessing.forkserver
import os
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent
if __package__ in (None, ""):
    # Run as a script: this file's folder would shadow the `ingest` package.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
    sys.path.insert(0, str(_HERE.parent))

import pdfplumber  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from avtale.runtime import Runtime  # noqa: E402
from benchmarks.scans import SCANS, scanned_pdf  # noqa: E402
from core.models import Document, DocumentState  # noqa: E402
from core.settings import Settings  # noqa: E402
from ingest.sandbox import ProcessLimits, run_limited  # noqa: E402
from ingest.service import accept_file  # noqa: E402

DEFAULT_DATA = _HERE.parents[1] / "shared" / "data" / "cuad-dev" / "pdf"


@dataclass
class PipelineRun:
    seconds: float
    cpu_seconds: float  # this process only
    reader_cpu_seconds: float  # the sandboxed readers (and their tesseracts)
    accept_seconds: float
    process_seconds: float
    sync_seconds: float
    documents: int
    pages: int
    ocr_pages: int
    failed: int
    indexed: int
    failures: list[str] = field(default_factory=list)


def emit(name: str, value: float, unit: str, **extra: Any) -> None:
    print(json.dumps({"name": name, "value": round(value, 4), "unit": unit, **extra}),
          flush=True)


def load_pdfs(data_dir: Path, limit: int | None) -> list[tuple[str, bytes]]:
    paths = sorted(p for p in data_dir.iterdir() if p.suffix.lower() == ".pdf")
    if limit is not None:
        paths = paths[:limit]
    if not paths:
        raise SystemExit(f"no PDFs in {data_dir}")
    return [(p.name, p.read_bytes()) for p in paths]


def scanned_pdfs(pdfs: list[tuple[str, bytes]], count: int, pages: int,
                 kind: str) -> list[tuple[str, bytes]]:
    """Image-only scans of the first `pages` pages (0: all) of the first `count` PDFs."""
    scans: list[tuple[str, bytes]] = []
    for name, data in pdfs[:count]:
        with pdfium.PdfDocument(data) as document:
            total = len(document)
        scans.append((f"scan-{name}",
                      scanned_pdf(data, SCANS[kind], range(min(pages or total, total)))))
    return scans


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def stop_reader_fork_server() -> None:
    """Stop (and reap) the fork server the readers come from, so that their CPU time, which
    it collected when it reaped them, is added to ours. The next reader starts it again."""
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    stop = getattr(server, "_stop", None)
    if callable(stop):
        stop()


def fork_server_start_cpu_seconds() -> float:
    """CPU of starting the readers' fork server and one empty reader: paid once per run."""
    stop_reader_fork_server()
    before = children_cpu_seconds()
    run_limited("os:getpid", (), ProcessLimits())
    stop_reader_fork_server()
    return children_cpu_seconds() - before


def run_pipeline(pdfs: list[tuple[str, bytes]], start_cost: float) -> PipelineRun:
    with tempfile.TemporaryDirectory(prefix="avtale-bench-ingest-") as tmp:
        settings = Settings(
            environment="development",
            data_dir=Path(tmp),
            database_url="",
            broker_url="",
            search_backend="tantivy",
        )
        runtime = Runtime.build(settings)
        try:
            stop_reader_fork_server()
            start = time.perf_counter()
            cpu_start = time.process_time()
            children_start = children_cpu_seconds()
            document_ids: list[int] = []
            for name, data in pdfs:
                with runtime.database.session() as session:
                    accepted = accept_file(
                        session, files=runtime.files, jobs=runtime.jobs, filename=name,
                        data=data, uploader=None, max_bytes=settings.max_upload_bytes,
                    )
                    if not accepted.duplicate:
                        document_ids.append(accepted.document.id)
            accepted_at = time.perf_counter()
            # Work the documents here, one after another, as `avtale ingest` does; the queued
            # job messages are not needed.
            runtime.jobs.broker.flush_all()
            for document_id in document_ids:
                runtime.process_document(document_id)
            processed_at = time.perf_counter()
            runtime.sync_search()
            synced_at = time.perf_counter()
            cpu_seconds = time.process_time() - cpu_start
            stop_reader_fork_server()
            reader_cpu = max(0.0, children_cpu_seconds() - children_start - start_cost)
            runtime.jobs.broker.flush_all()
            with runtime.database.session() as session:
                pages = session.scalar(select(func.coalesce(func.sum(Document.page_count), 0)))
                documents = session.scalars(select(Document)).all()
                failed = [d for d in documents if d.state is DocumentState.FAILED]
                ocr_pages = sum(len(d.ocr_pages or []) for d in documents)
            return PipelineRun(
                seconds=synced_at - start,
                cpu_seconds=cpu_seconds,
                reader_cpu_seconds=reader_cpu,
                accept_seconds=accepted_at - start,
                process_seconds=processed_at - accepted_at,
                sync_seconds=synced_at - processed_at,
                documents=len(document_ids),
                pages=int(pages or 0),
                ocr_pages=ocr_pages,
                failed=len(failed),
                indexed=runtime.search_index.count(),
                failures=[f"{d.filename}: {d.failure_reason}" for d in failed],
            )
        finally:
            runtime.close()


def pypdfium2_pages(pdfs: list[tuple[str, bytes]]) -> tuple[int, float, float]:
    start, cpu_start = time.perf_counter(), time.process_time()
    pages = 0
    for _name, data in pdfs:
        document = pdfium.PdfDocument(data)
        try:
            for index in range(len(document)):
                page = document[index]
                textpage = page.get_textpage()
                textpage.get_text_range()
                textpage.close()
                page.close()
                pages += 1
        finally:
            document.close()
    return pages, time.perf_counter() - start, time.process_time() - cpu_start


def pdfplumber_pages(pdfs: list[tuple[str, bytes]]) -> tuple[int, float, float]:
    start, cpu_start = time.perf_counter(), time.process_time()
    pages = 0
    for _name, data in pdfs:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()  # drop the page's cached objects, as a long run would
                pages += 1
    return pages, time.perf_counter() - start, time.process_time() - cpu_start


def median_rate(runs: list[tuple[int, float, float]]) -> tuple[float, int, list[float], float]:
    """Median pages/s (wall clock), pages, every run's rate, median pages per CPU second."""
    pages = runs[0][0]
    rates = [count / seconds for count, seconds, _cpu in runs]
    cpu_rate = statistics.median(count / max(cpu, 1e-9) for count, _seconds, cpu in runs)
    return statistics.median(rates), pages, [round(r, 2) for r in rates], round(cpu_rate, 2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of PDFs")
    parser.add_argument("--limit", type=int, default=None, help="use the first N PDFs")
    parser.add_argument("--repeats", type=int, default=3,
                        help="runs of the cheap pypdfium2 pass (median reported)")
    parser.add_argument("--slow-repeats", type=int, default=1,
                        help="runs of the pipeline and of pdfplumber (median reported)")
    parser.add_argument("--scans", type=int, default=4,
                        help="scan the first N PDFs and ingest the scans too (0: skip)")
    parser.add_argument("--scan-pages", type=int, default=0,
                        help="pages of each PDF scanned (0: all)")
    parser.add_argument("--scan-kind", choices=sorted(SCANS), default="office_200dpi_blur_skew")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)

    pdfs = load_pdfs(args.data, args.limit)
    common = {"files": len(pdfs), "threads": 1, "cores": len(os.sched_getaffinity(0))}

    start_cost = fork_server_start_cpu_seconds()
    pipeline_runs = [run_pipeline(pdfs, start_cost) for _ in range(max(1, args.slow_repeats))]
    last = pipeline_runs[-1]
    for failure in last.failures:
        print(f"failed: {failure}", file=sys.stderr)
    pipeline_rate = statistics.median(r.pages / r.seconds for r in pipeline_runs)
    details = {
        **common,
        "repeats": len(pipeline_runs),
        "documents": last.documents,
        "pages": last.pages,
        "ocr_pages": last.ocr_pages,
        "failed": last.failed,
        "indexed": last.indexed,
        "seconds": [round(r.seconds, 2) for r in pipeline_runs],
        # Wall-clock rates suffer when the machine is shared; CPU time shows the work
        # itself: this process's alone, and with the readers' (all of it).
        "pages_per_parent_cpu_second": round(
            statistics.median(r.pages / r.cpu_seconds for r in pipeline_runs), 2),
        "parent_cpu_seconds": [round(r.cpu_seconds, 2) for r in pipeline_runs],
        "reader_cpu_seconds": [round(r.reader_cpu_seconds, 2) for r in pipeline_runs],
        "fork_server_start_cpu_seconds": round(start_cost, 3),
        "accept_seconds": round(statistics.median(r.accept_seconds for r in pipeline_runs), 3),
        "process_seconds": round(statistics.median(r.process_seconds for r in pipeline_runs), 3),
        "sync_seconds": round(statistics.median(r.sync_seconds for r in pipeline_runs), 3),
    }
    emit("ingest.pipeline.pages_per_second", pipeline_rate, "pages/s", **details,
         note="wall clock, one document at a time (one core's worth)")
    emit("ingest.pipeline.pages_per_second_per_core",
         statistics.median(r.pages / (r.cpu_seconds + r.reader_cpu_seconds)
                           for r in pipeline_runs),
         "pages/s/core", **details,
         note="pages per CPU second of this process and its reader children together")
    emit("ingest.pipeline.docs_per_second",
         statistics.median(r.documents / r.seconds for r in pipeline_runs), "docs/s", **details)

    plumber_rate, plumber_pages, plumber_rates, plumber_cpu = median_rate(
        [pdfplumber_pages(pdfs) for _ in range(max(1, args.slow_repeats))]
    )
    emit("pdf_text.pdfplumber.pages_per_second", plumber_rate, "pages/s", **common,
         pages=plumber_pages, repeats=len(plumber_rates), runs=plumber_rates,
         pages_per_cpu_second=plumber_cpu,
         method="pdfplumber page.extract_text()")

    pdfium_rate, pdfium_pages, pdfium_rates, pdfium_cpu = median_rate(
        [pypdfium2_pages(pdfs) for _ in range(max(1, args.repeats))]
    )
    emit("pdf_text.pypdfium2.pages_per_second", pdfium_rate, "pages/s", **common,
         pages=pdfium_pages, repeats=len(pdfium_rates), runs=pdfium_rates,
         pages_per_cpu_second=pdfium_cpu,
         method="pypdfium2 textpage.get_text_range()")

    emit("pdf_text.pypdfium2_vs_pdfplumber.ratio", pdfium_rate / plumber_rate, "x", **common,
         note="text-only pages/s of pypdfium2 over pdfplumber")
    emit("ingest.pipeline_vs_pdfplumber.ratio", pipeline_rate / plumber_rate, "x", **common,
         note="whole-pipeline pages/s over pdfplumber extract_text pages/s")
    if args.scans > 0:
        emit_scanned(scanned_pdfs(pdfs, args.scans, args.scan_pages, args.scan_kind),
                     args.scan_kind, start_cost, common)
    return 0


def emit_scanned(scans: list[tuple[str, bytes]], kind: str, start_cost: float,
                 common: dict[str, Any]) -> None:
    run = run_pipeline(scans, start_cost)
    for failure in run.failures:
        print(f"failed: {failure}", file=sys.stderr)
    pages = max(run.ocr_pages, 1)
    details = {**common, "files": len(scans), "scan_kind": kind, "documents": run.documents,
               "pages": run.pages, "ocr_pages": run.ocr_pages, "failed": run.failed,
               "indexed": run.indexed, "seconds": round(run.seconds, 2),
               "parent_cpu_seconds": round(run.cpu_seconds, 2),
               "reader_cpu_seconds": round(run.reader_cpu_seconds, 2)}
    emit("ingest.pipeline_scanned.seconds_per_page_per_core",
         (run.cpu_seconds + run.reader_cpu_seconds) / pages, "s/page/core", **details,
         note="CPU seconds of this process, its readers and their tesseracts per OCR'd page")
    emit("ingest.pipeline_scanned.seconds_per_page", run.seconds / pages, "s/page", **details,
         note="wall clock per OCR'd page, the reader's OCR threads on this machine's cores")


if __name__ == "__main__":
    raise SystemExit(main())
