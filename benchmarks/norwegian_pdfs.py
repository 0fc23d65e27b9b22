"""Born-digital Norwegian contract PDFs for the OCR benchmark, from the hand-written fixtures.

    .venv/bin/python benchmarks/norwegian_pdfs.py OUT_DIR [--per-pdf 5]

No real Norwegian contract PDFs are on hand (../shared/data holds English CUAD ones), so the
contracts of `tests/fixtures/norwegian/*.txt` are typeset with the tests' PDF factory,
`--per-pdf` of them running on into one PDF: one fixture is only half a page, and OCR is
measured on full pages, as a scanned contract has. Then

    .venv/bin/python benchmarks/ocr_quality.py --data OUT_DIR ...

scans them and scores the OCR against their own text, as it does the CUAD PDFs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
FIXTURES = _HERE.parent / "tests" / "fixtures" / "norwegian"
sys.path.insert(0, str(_HERE.parent / "tests"))

from pdf_factory import pdf_from_text  # noqa: E402


def write_pdfs(out: Path, per_pdf: int) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    texts = [path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.txt"))]
    written: list[Path] = []
    for start in range(0, len(texts), per_pdf):
        # Page breaks dropped: the contracts run on, so that every page but the last is full.
        text = "\n\n".join(t.replace("\f", "\n") for t in texts[start:start + per_pdf])
        path = out / f"norwegian_{start // per_pdf + 1:02d}.pdf"
        path.write_bytes(pdf_from_text(text))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path)
    parser.add_argument("--per-pdf", type=int, default=5, help="fixtures per PDF")
    args = parser.parse_args(argv)
    for path in write_pdfs(args.out, max(1, args.per_pdf)):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
