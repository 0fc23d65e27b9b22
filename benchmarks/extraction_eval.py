"""Score the extraction engine on the CUAD development contracts.

    .venv/bin/python -m benchmarks.extraction_eval [--data DIR] [--folds K] [--seed N]
        [--text-cache FILE] [--show-errors [--field NAME]] [--half A|B]

Prints one JSON line per field in-sample (`f1.<field>` with precision, recall and counts), one
per field out-of-fold (`f1.oof.<field>`: whatever the engine fits to labels is fitted on k-1
folds of contracts and scored on the fold left out; with nothing fitted it equals in-sample
and says so) and one for throughput (`words_per_second`, extraction only, PDF reading
excluded). `--show-errors` first prints each out-of-fold miss with the engine's evidence
quotes next to the annotators' clause text. `--half A` or `--half B` scores only the contracts
of one half of a split by file-name hash (folds are then made within that half), so that rules
written from one half's misses can be checked on the other. The scoring rules live
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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
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
from benchmarks.folds import DEFAULT_FOLDS, DEFAULT_SEED, HALVES, document_folds, document_half

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


# cuad-dev's labels.csv marks the notice clauses but leaves every notice answer empty, so the
# field would score as nothing but false positives. These answers were read off the marked
# clause text by us (see benchmarks/labels/README.md); a data set with its own answers keeps
# them: a supplement only fills an empty answer of a file it names.
NOTICE_SUPPLEMENT = Path(__file__).resolve().parent / "labels" / "cuad_dev_notice_period.csv"


def with_supplement(rows: list[dict[str, str]], supplement: Path | None) -> list[dict[str, str]]:
    """`rows` with empty notice answers filled from `supplement` (`file,notice_period`)."""
    if supplement is None or not supplement.exists():
        return rows
    with supplement.open(newline="", encoding="utf-8") as handle:
        answers = {row["file"]: row["notice_period"] for row in csv.DictReader(handle)}
    column = f"{COLUMNS['notice_period']} (answer)"
    return [
        {**row, column: answers[row["file"]]}
        if not row.get(column, "").strip() and row["file"] in answers
        else row
        for row in rows
    ]


@dataclass(frozen=True)
class LabelledContract:
    """One development contract: its page texts and its row of labels.csv."""

    file: str
    pages: list[str]
    labels: dict[str, str]

    def answer(self, field: str) -> str:
        return self.labels[f"{COLUMNS[field]} (answer)"].strip()

    def clauses(self, field: str) -> list[str]:
        return _clauses(self.labels[f"{COLUMNS[field]} (clause text)"])


Extractor = Callable[[list[str]], Any]
# Trains whatever the engine learns from labels on some contracts and returns the engine
# that uses what it learnt.
Fitter = Callable[[Sequence[LabelledContract]], Extractor]


def _load_fitter() -> Fitter | None:
    """What the engine fits to labels: the role model (benchmarks.train_roles); None when its
    training library (scikit-learn, a dev dependency) is not installed."""
    try:
        from benchmarks.train_roles import fitter
    except ImportError as missing:
        print(f"note: {missing}: role model not fitted per fold", file=sys.stderr)
        return None
    return fitter


def load_contracts(
    data: Path,
    limit: int = 0,
    cache: Path | None = None,
    supplement: Path | None = NOTICE_SUPPLEMENT,
) -> list[LabelledContract]:
    """The labelled contracts with their page texts; texts are read from `cache` (a JSON file
    `{file: [page, ...]}`) when it exists and written to it when not, so that repeated runs
    do not read the PDFs again."""
    rows = with_supplement(list(contracts(data)), supplement)
    if limit:
        rows = rows[:limit]
    cached: dict[str, list[str]] = {}
    if cache is not None and cache.exists():
        cached = json.loads(cache.read_text(encoding="utf-8"))
    missing = [row["file"] for row in rows if row["file"] not in cached]
    for file in missing:
        cached[file] = read_pdf(data / "pdf" / file)
    if cache is not None and missing:
        cache.write_text(json.dumps(cached, ensure_ascii=False), encoding="utf-8")
    return [LabelledContract(row["file"], cached[row["file"]], row) for row in rows]


@dataclass
class Run:
    """The scores of one way of running the engine over the contracts."""

    totals: dict[str, Score]
    errors: list[dict[str, Any]] = dataclass_field(default_factory=list)
    words: int = 0
    seconds: float = 0.0


def run(
    documents: Sequence[LabelledContract],
    extract: Extractor,
    fields: Sequence[str],
    derive: Callable[[Any], Any] | None,
    into: Run | None = None,
) -> Run:
    result = into or Run({f: Score() for f in fields})
    for doc in documents:
        result.words += sum(len(p.split()) for p in doc.pages)
        started = time.perf_counter()
        extraction = extract(doc.pages)
        if derive is not None:
            extraction = derive(extraction)
        result.seconds += time.perf_counter() - started
        for name in fields:
            score, predicted = score_field(name, doc.answer(name), extraction)
            result.totals[name].add(score)
            if score.fp or score.fn:
                result.errors.append(error_entry(doc, name, score, predicted, extraction))
    return result


def error_entry(
    doc: LabelledContract, name: str, score: Score, predicted: str, extraction: Any
) -> dict[str, Any]:
    """One miss, with the text the engine read its value from next to the clauses the
    annotators marked, so that a reader sees at once which sentence was mistaken."""
    return {
        "file": doc.file,
        "field": name,
        "label": doc.answer(name),
        "predicted": predicted,
        "tp": score.tp,
        "fp": score.fp,
        "fn": score.fn,
        "evidence": _evidence_quotes(extraction, name),
        "clauses": doc.clauses(name),
    }


def _evidence_quotes(extraction: Any, name: str) -> list[str]:
    names = ["end_date", "perpetual"] if name == "end_date" else [name]
    quotes: list[str] = []
    for one in names:
        found = getattr(extraction, one, None)
        if found is not None:
            quotes += [f"p{e.page}: {e.quote}" for e in found.evidence]
    return quotes


def out_of_fold(
    documents: Sequence[LabelledContract],
    fitter: Fitter,
    folds: int,
    seed: int,
    fields: Sequence[str],
    derive: Callable[[Any], Any] | None,
) -> Run:
    """Each fold scored by an engine fitted on the other folds only."""
    by_file = {doc.file: doc for doc in documents}
    result = Run({f: Score() for f in fields})
    for held_out in document_folds(list(by_file), folds, seed):
        left_out = set(held_out)
        training = [doc for doc in documents if doc.file not in left_out]
        extract = fitter(training)
        run([by_file[f] for f in held_out], extract, fields, derive, into=result)
    return result


def _figure(name: str, total: Score, **extra: Any) -> str:
    return json.dumps(
        {
            "name": name,
            "value": round(total.f1, 4),
            "unit": "ratio",
            "precision": round(total.precision, 4),
            "recall": round(total.recall, 4),
            "tp": total.tp,
            "fp": total.fp,
            "fn": total.fn,
            **extra,
        }
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--field", choices=sorted(COLUMNS), help="only this field")
    parser.add_argument("--show-errors", action="store_true", help="list misses per contract")
    parser.add_argument("--limit", type=int, default=0, help="only the first N contracts")
    parser.add_argument("--folds", type=int, default=DEFAULT_FOLDS, help="k of the k-fold split")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="seed of the fold split")
    parser.add_argument("--text-cache", type=Path, help="JSON file caching the PDF texts")
    parser.add_argument(
        "--notice-labels", type=Path, default=NOTICE_SUPPLEMENT,
        help="CSV file,notice_period filling empty notice answers ('' to use none)",
    )
    parser.add_argument(
        "--half", choices=HALVES, help="only the contracts of this half of a file-name hash split"
    )
    args = parser.parse_args(argv)

    derive = _load_derive()
    if derive is None:
        print("note: contracts.derived not importable, end dates not derived", file=sys.stderr)
    fields = [args.field] if args.field else list(COLUMNS)
    supplement = args.notice_labels if str(args.notice_labels) else None
    documents = load_contracts(args.data, args.limit, args.text_cache, supplement)
    if args.half:
        documents = [doc for doc in documents if document_half(doc.file) == args.half]
    in_sample = run(documents, _load_engine(), fields, derive)
    fitter = _load_fitter()
    # A run over a few contracts (--limit) has fewer of them than folds.
    folds = min(args.folds, len(documents))
    if fitter is None or folds < 2:
        oof, note = in_sample, "nothing fitted: out-of-fold equals in-sample"
    else:
        oof = out_of_fold(documents, fitter, folds, args.seed, fields, derive)
        note = f"fitted on {folds - 1} of {folds} folds, scored on the one left out"
    if args.show_errors:
        for error in oof.errors:
            print(json.dumps({"split": "oof", **error}, ensure_ascii=False))
    for name, total in in_sample.totals.items():
        print(_figure(f"f1.{name}", total))
    for name, total in oof.totals.items():
        print(_figure(f"f1.oof.{name}", total, folds=folds, seed=args.seed, note=note))
    print(
        json.dumps(
            {
                "name": "words_per_second",
                "value": round(in_sample.words / in_sample.seconds) if in_sample.seconds else 0,
                "unit": "words/s",
                "words": in_sample.words,
                "contracts": len(documents),
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
