"""OCR quality and speed on scans made from born-digital contracts, against their own text.

    .venv/bin/python benchmarks/ocr_quality.py [--data DIR] [--limit N] [--pages-per-pdf 2]
                                               [--workers 2] [--through-pdf]
                                               [--variants a,b,...] [--repeats 1]

For the first N PDFs of `--data` (default ../shared/data/cuad-dev/pdf), the first pages with
text are scanned (benchmarks/scans.py) in several ways: clean at 300 dpi; an office scan at
200 dpi, blurred and skewed by ~1.5 degrees with speckle; and one fed upside down. Each scan
page goes through the reader's OCR (`ingest.ocr.scan_pages`, one PDF's pages as one
document: the languages chosen from its first pages' text, then for each page the skew
search, recognition with tesseract, orientation detection when the page is not upright) and
is scored against the born-digital text of the same page:

- character error rate, CER = edit distance / reference length, on text with whitespace
  collapsed (line breaks and column spacing are layout, not characters);
- the same with straightening turned off, to show what it buys;
- seconds of wall time per page with `--workers` pages at once, and CPU seconds per page
  (this process and its tesseract children: less noisy than wall time under load, but still
  inflated by contention, so compare variants of one run, not runs).

`--through-pdf` makes each scan an image-only PDF and renders it as the reader does
(`ingest.pdf_reader.scan_resolution`) instead of handing the scan's image straight to OCR.
`--variants` compares ways of reading (VARIANTS below) in the same run, interleaved kind by
kind and repeated `--repeats` times; each figure is then named
`ocr.<scan>.<variant>.<figure>`, its CPU the median over the repeats. `nor_eng` reads every
page with nor+eng, as ingest did before it chose languages per document.
Each CER figure carries `english_pages`, how many pages the kept reading was in English alone.

Norwegian PDFs to run it on: benchmarks/norwegian_pdfs.py.

Prints JSON lines `{"name", "value", "unit", ...}`. Needs tesseract (scripts/system-deps.sh).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent
if __package__ in (None, ""):
    # Run as a script: this file's folder would shadow the `ingest` package.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
    sys.path.insert(0, str(_HERE.parent))

import pypdfium2 as pdfium  # noqa: E402
from PIL import Image  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

from benchmarks.scans import SCANS, ScanDefects, page_texts, scan_images, scanned_pdf  # noqa: E402
from ingest import ocr, pdf_reader  # noqa: E402
from ingest.straighten import Straightening  # noqa: E402

DEFAULT_DATA = _HERE.parents[1] / "shared" / "data" / "cuad-dev" / "pdf"
MIN_REFERENCE_CHARS = 200  # a signature page or a cover says little about OCR quality


@dataclass(frozen=True)
class Variant:
    method: ocr.Method = field(default_factory=ocr.Method)
    # Through a PDF: render every page at this resolution instead of the scan's own.
    render_dpi: int | None = None
    # Tesseract's languages for every page; None: chosen per document, as ingest does.
    languages: str | None = None


VARIANTS: dict[str, Variant] = {
    "current": Variant(),
    "osd_first": Variant(ocr.Method(upright_first=False)),
    "osd_first_render_300dpi": Variant(ocr.Method(upright_first=False), render_dpi=300),
    "no_invert_check": Variant(ocr.Method(invert_check=False)),
    "nor_eng": Variant(languages=ocr.NORWEGIAN_AND_ENGLISH),
    "eng": Variant(languages=ocr.ENGLISH),
}
_READ_PAGE = ocr.read_page


def emit(name: str, value: float, unit: str, **extra: Any) -> None:
    print(json.dumps({"name": name, "value": round(value, 4), "unit": unit, **extra}),
          flush=True)


def normalised(text: str) -> str:
    return " ".join(text.split())


def cer(read: str, reference: str) -> float:
    want = normalised(reference)
    return Levenshtein.distance(normalised(read), want) / max(1, len(want))


def sample_pages(data: Path, limit: int, pages_per_pdf: int) -> list[tuple[str, bytes, int, str]]:
    """(file name, PDF, page index, reference text) for pages with enough text."""
    samples: list[tuple[str, bytes, int, str]] = []
    for path in sorted(p for p in data.iterdir() if p.suffix.lower() == ".pdf")[:limit]:
        pdf = path.read_bytes()
        texts = page_texts(pdf)
        chosen = [i for i, text in enumerate(texts)
                  if len(normalised(text)) >= MIN_REFERENCE_CHARS][:pages_per_pdf]
        samples.extend((path.name, pdf, index, texts[index]) for index in chosen)
    return samples


def unstraightened(image: Image.Image, method: ocr.Method = ocr.Method()) -> ocr.PageScan:
    reading = ocr.recognise(image.convert("L"), ocr.dpi_of(image), method)
    return ocr.PageScan(text=reading.text, pdf=reading.pdf, straightening=Straightening())


def scans(samples: list[tuple[str, bytes, int, str]], defects: ScanDefects,
          through_pdf: bool, render_dpi: int | None = None) -> list[Image.Image]:
    images = []
    for _, pdf, index, _ in samples:
        if through_pdf:
            images.append(_rendered(scanned_pdf(pdf, defects, pages=[index]), render_dpi))
            continue
        image = scan_images(pdf, defects, pages=[index])[0]
        image.info["dpi"] = (defects.dpi, defects.dpi)
        images.append(image)
    return images


def _rendered(scan: bytes, render_dpi: int | None) -> Image.Image:
    document = pdfium.PdfDocument(scan)
    try:
        page = document[0]
        dpi = render_dpi or pdf_reader.scan_resolution(page)
        image: Image.Image = page.render(scale=dpi / 72, grayscale=True).to_pil()
        page.close()
    finally:
        document.close()
    image.info["dpi"] = (dpi, dpi)
    return image


@dataclass
class Measured:
    rates: list[float]  # CER of each page
    wall: float  # seconds, all pages
    cpu: float  # CPU seconds, all pages
    turns: list[int]  # how far each page was turned
    english_pages: int  # pages kept as read with English alone


def measure(samples: list[tuple[str, bytes, int, str]], images: list[Image.Image],
            workers: int,
            read: Callable[[Image.Image, ocr.Method], ocr.PageScan],
            method: ocr.Method = ocr.Method(), languages: str | None = None) -> Measured:
    """Each PDF's pages read as one document (they are in a row in `samples`)."""
    cpu_before = _cpu_seconds()
    started = time.perf_counter()
    original = ocr.read_page
    setattr(ocr, "read_page", read)  # noqa: B010 - the pool reads pages by this name
    scans: list[ocr.PageScan] = []
    try:
        start = 0
        while start < len(samples):
            end = start
            while end < len(samples) and samples[end][0] == samples[start][0]:
                end += 1
            scans.extend(ocr.scan_pages(images[start:end], workers, languages, method))
            start = end
    finally:
        setattr(ocr, "read_page", original)  # noqa: B010
    wall = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_before
    rates = [cer(scan.text, sample[3]) for scan, sample in zip(scans, samples, strict=True)]
    return Measured(rates, wall, cpu, [scan.straightening.rotation for scan in scans],
                    sum(1 for scan in scans if scan.languages == ocr.ENGLISH))


def compare(samples: list[tuple[str, bytes, int, str]], kinds: list[str], names: list[str],
            workers: int, through_pdf: bool, repeats: int, context: dict[str, Any]) -> None:
    """Each variant on each kind of scan, interleaved (kind by kind, variant after variant,
    `repeats` rounds), so that the machine's load weighs on all of them alike."""
    for scan_name in kinds:
        defects = SCANS[scan_name]
        images = {name: scans(samples, defects, through_pdf, VARIANTS[name].render_dpi)
                  for name in names}
        cpu: dict[str, list[float]] = {name: [] for name in names}
        last: dict[str, Measured] = {}
        for _ in range(max(1, repeats)):
            for name in names:
                variant = VARIANTS[name]
                last[name] = measure(samples, images[name], workers, _READ_PAGE,
                                     variant.method, variant.languages)
                cpu[name].append(last[name].cpu / len(samples))
        for name in names:
            prefix = f"ocr.{scan_name}.{name}"
            # Which way each page was turned: a wrong turn shows here and in the mean CER.
            emit(f"{prefix}.cer_median", statistics.median(last[name].rates), "ratio",
                 turns=last[name].turns, english_pages=last[name].english_pages, **context)
            emit(f"{prefix}.cer_mean", statistics.fmean(last[name].rates), "ratio", **context)
            emit(f"{prefix}.cpu_seconds_per_page", statistics.median(cpu[name]), "s",
                 cpu_runs=[round(c, 3) for c in cpu[name]], **context)


def _cpu_seconds() -> float:
    # Tesseract runs as child processes: their CPU counts, this process's too.
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of PDFs")
    parser.add_argument("--limit", type=int, default=10, help="use the first N PDFs")
    parser.add_argument("--pages-per-pdf", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="pages OCR'd at once")
    parser.add_argument("--without-straightening", action="store_true",
                        help="also score every scan with straightening turned off")
    parser.add_argument("--through-pdf", action="store_true",
                        help="scan into image-only PDFs and render them as the reader does")
    parser.add_argument("--variants", default="",
                        help=f"compare these ways of reading: {', '.join(VARIANTS)}")
    parser.add_argument("--repeats", type=int, default=1, help="runs of each variant")
    parser.add_argument("--kinds", default=",".join(SCANS),
                        help="the kinds of scan to make (comma-separated)")
    args = parser.parse_args(argv)
    if not ocr.available():
        print("tesseract is not installed (scripts/system-deps.sh)", file=sys.stderr)
        return 2
    samples = sample_pages(args.data, args.limit, args.pages_per_pdf)
    if not samples:
        print(f"no pages with text in {args.data}", file=sys.stderr)
        return 2
    kinds = [kind.strip() for kind in args.kinds.split(",") if kind.strip() in SCANS]
    context = {"pages": len(samples), "pdfs": len({s[0] for s in samples}),
               "workers": args.workers}
    if args.variants:
        names = [name.strip() for name in args.variants.split(",") if name.strip()]
        unknown = [name for name in names if name not in VARIANTS]
        if unknown:
            print(f"unknown variants: {', '.join(unknown)}", file=sys.stderr)
            return 2
        compare(samples, kinds, names, args.workers, args.through_pdf, args.repeats, context)
        return 0
    for scan_name in kinds:
        defects = SCANS[scan_name]
        images = scans(samples, defects, args.through_pdf)
        measured = measure(samples, images, args.workers, ocr.read_page)
        emit(f"ocr.{scan_name}.cer_median", statistics.median(measured.rates), "ratio",
             english_pages=measured.english_pages, **context)
        emit(f"ocr.{scan_name}.cer_mean", statistics.fmean(measured.rates), "ratio", **context)
        emit(f"ocr.{scan_name}.seconds_per_page", measured.wall / len(samples), "s", **context)
        emit(f"ocr.{scan_name}.cpu_seconds_per_page", measured.cpu / len(samples), "s",
             **context)
        if args.without_straightening:
            plain = measure(samples, images, args.workers, unstraightened,
                            languages=ocr.NORWEGIAN_AND_ENGLISH)
            emit(f"ocr.{scan_name}.unstraightened_cer_median",
                 statistics.median(plain.rates), "ratio", **context)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
