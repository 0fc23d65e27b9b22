"""Score the extraction engine on the CUAD development contracts.

    .venv/bin/python -m benchmarks.extraction_eval [--data DIR] [--field NAME --show-errors]

Prints one JSON line per field (`f1.<field>` with precision, recall and counts) and one for
throughput (`words_per_second`, extraction only, PDF reading excluded). The scoring rules live
in `benchmarks.cuad_scoring` (the rules of ../shared/data/README.md).
"""

from __future__ import annotations

import argparse
import ast
import csv
import datetime as dt
import importlib
import importlib.util
import json
import sys
import time
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.cuad_scoring import (
    Score,
    score_date,
    score_duration,
    score_end_date,
    score_law,
    score_parties,
)

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "cuad-dev"

# CUAD label column -> Avtale field
COLUMNS = {
    "parties": "Parties",
    "signed_date": "Agreement Date",
    "effective_date": "Effective Date",
    "end_date": "Expiration Date",
    "renewal_term": "Renewal Term",
    "notice_period": "Notice Period To Terminate Renewal",
    "governing_law": "Governing Law",
}


def _load_engine() -> Callable[[list[str]], Any]:
    """The engine's `extract`; modules still being written elsewhere are stood in for by
    empty extractors (with a warning) so the fields that exist can be measured."""
    import extraction

    for short in ("dates", "terms", "parties", "law", "money", "title"):
        name = f"extraction.{short}"
        if importlib.util.find_spec(name) is None:
            print(f"warning: {name} missing, its fields score as not found", file=sys.stderr)
            stub = types.ModuleType(name)
            setattr(stub, f"extract_{short}", lambda text, language: {})
            sys.modules[name] = stub
            setattr(extraction, short, stub)
    from extraction.engine import extract

    return extract


def _load_derive() -> Callable[[Any], Any] | None:
    try:
        module = importlib.import_module("contracts.derived")
    except ImportError:
        return None
    derive: Callable[[Any], Any] | None = getattr(module, "with_derived_end_date", None)
    return derive


def read_pdf(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = []
        for page in pdf:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return pages
    finally:
        pdf.close()


def _value(extraction: Any, name: str) -> Any:
    found = getattr(extraction, name, None)
    return None if found is None else found.value


def _duration(value: Any) -> tuple[int, str] | None:
    return None if value is None else (int(value.count), str(value.unit))


def score_field(field: str, answer: str, extraction: Any) -> tuple[Score, str]:
    """Score one field of one contract; also say what was predicted, for error listings."""
    if field == "parties":
        names = [p.name for p in (_value(extraction, "parties") or [])]
        return score_parties(answer, names), "; ".join(names)
    if field in ("signed_date", "effective_date"):
        date: dt.date | None = _value(extraction, field)
        return score_date(answer, date), str(date)
    if field == "end_date":
        end: dt.date | None = _value(extraction, "end_date")
        perpetual = bool(_value(extraction, "perpetual"))
        shown = str(end) if end else ("perpetual" if perpetual else "None")
        return score_end_date(answer, end, perpetual), shown
    if field in ("renewal_term", "notice_period"):
        duration = _duration(_value(extraction, field))
        return score_duration(answer, duration), str(duration)
    if field == "governing_law":
        law: str | None = _value(extraction, "governing_law")
        return score_law(answer, law), str(law)
    raise KeyError(field)


def contracts(data: Path) -> Iterator[dict[str, str]]:
    with (data / "labels.csv").open(newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--field", choices=sorted(COLUMNS), help="only this field")
    parser.add_argument("--show-errors", action="store_true", help="list mismatches per file")
    parser.add_argument("--limit", type=int, default=0, help="only the first N contracts")
    args = parser.parse_args(argv)

    extract = _load_engine()
    derive = _load_derive()
    if derive is None:
        print("note: contracts.derived not importable, end dates not derived", file=sys.stderr)
    fields = [args.field] if args.field else list(COLUMNS)
    totals = {f: Score() for f in fields}
    words = 0
    seconds = 0.0
    rows = list(contracts(args.data))
    if args.limit:
        rows = rows[: args.limit]
    for row in rows:
        pages = read_pdf(args.data / "pdf" / row["file"])
        words += sum(len(p.split()) for p in pages)
        started = time.perf_counter()
        extraction = extract(pages)
        if derive is not None:
            extraction = derive(extraction)
        seconds += time.perf_counter() - started
        for field in fields:
            answer = row[f"{COLUMNS[field]} (answer)"].strip()
            score, predicted = score_field(field, answer, extraction)
            totals[field].add(score)
            if args.show_errors and (score.fp or score.fn):
                clauses = _clauses(row[f"{COLUMNS[field]} (clause text)"])
                print(
                    json.dumps(
                        {
                            "file": row["file"],
                            "field": field,
                            "label": answer,
                            "predicted": predicted,
                            "tp": score.tp,
                            "fp": score.fp,
                            "fn": score.fn,
                            "clauses": clauses,
                        },
                        ensure_ascii=False,
                    )
                )
    for field, total in totals.items():
        print(
            json.dumps(
                {
                    "name": f"f1.{field}",
                    "value": round(total.f1, 4),
                    "unit": "ratio",
                    "precision": round(total.precision, 4),
                    "recall": round(total.recall, 4),
                    "tp": total.tp,
                    "fp": total.fp,
                    "fn": total.fn,
                }
            )
        )
    print(
        json.dumps(
            {
                "name": "words_per_second",
                "value": round(words / seconds) if seconds else 0,
                "unit": "words/s",
                "words": words,
                "contracts": len(rows),
            }
        )
    )
    return 0


def _clauses(cell: str) -> list[str]:
    try:
        parsed = ast.literal_eval(cell) if cell else []
    except (ValueError, SyntaxError):
        return [cell]
    return [str(c)[:300] for c in parsed] if isinstance(parsed, list) else [str(parsed)]


if __name__ == "__main__":
    raise SystemExit(main())
