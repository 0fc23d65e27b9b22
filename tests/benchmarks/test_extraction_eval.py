"""The evaluation's fold split and its error listing: the figures the issue is judged by."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from typing import Any

import pytest

from benchmarks.extraction_eval import (
    COLUMNS,
    DEFAULT_DATA,
    Extractor,
    LabelledContract,
    error_entry,
    main,
    out_of_fold,
    run,
)
from benchmarks.folds import document_folds, document_half
from extraction.model import Evidence, Extraction, Finding

FILES = [f"contract-{i:03}.pdf" for i in range(23)]


def test_folds_are_disjoint_and_cover_every_document_once() -> None:
    folds = document_folds(FILES, k=5, seed=7)
    assert len(folds) == 5
    flat = [f for fold in folds for f in fold]
    assert sorted(flat) == sorted(FILES)
    assert len(flat) == len(set(flat))
    assert {len(fold) for fold in folds} == {4, 5}


def test_folds_depend_on_seed_not_on_input_order() -> None:
    assert document_folds(list(reversed(FILES)), 5, 7) == document_folds(FILES, 5, 7)
    assert document_folds(FILES, 5, 8) != document_folds(FILES, 5, 7)


def test_a_document_listed_twice_is_in_one_fold_only() -> None:
    folds = document_folds([*FILES, FILES[0]], 4, 1)
    assert sum(fold.count(FILES[0]) for fold in folds) == 1


@pytest.mark.parametrize("k", [1, 24])
def test_impossible_fold_counts_are_refused(k: int) -> None:
    with pytest.raises(ValueError):
        document_folds(FILES, k)


def _labels(law: str, clause: str = "") -> dict[str, str]:
    row = {f"{column} ({part})": "" for column in COLUMNS.values()
           for part in ("answer", "clause text")}
    row["Governing Law (answer)"] = law
    row["Governing Law (clause text)"] = repr([clause]) if clause else "[]"
    return row


def _law(value: str, quote: str) -> Extraction:
    evidence = Evidence(page=3, start=10, end=10 + len(quote), quote=quote)
    return Extraction(governing_law=Finding[str](value=value, confidence=0.9, evidence=[evidence]))


def test_a_miss_shows_the_evidence_quote_next_to_the_labelled_clause() -> None:
    clause = "This Agreement shall be governed by the laws of the State of New York."
    doc = LabelledContract("a.pdf", ["page"], _labels("New York", clause))
    result = run([doc], lambda pages: _law("Delaware", "Delaware corporation"),
                 ["governing_law"], None)
    assert result.totals["governing_law"].fp == 1 and result.totals["governing_law"].fn == 1
    [error] = result.errors
    assert error["file"] == "a.pdf" and error["label"] == "New York"
    assert error["predicted"] == "Delaware"
    assert error["evidence"] == ["p3: Delaware corporation"]
    assert error["clauses"] == [clause]


def test_a_right_answer_is_not_listed() -> None:
    doc = LabelledContract("a.pdf", ["page"], _labels("New York"))
    result = run([doc], lambda pages: _law("New York", "laws of New York"),
                 ["governing_law"], None)
    assert result.errors == [] and result.totals["governing_law"].tp == 1


def test_an_error_entry_for_a_field_not_found_has_no_evidence() -> None:
    doc = LabelledContract("b.pdf", ["page"], _labels("Texas", "laws of Texas"))
    score = run([doc], lambda pages: Extraction(), ["governing_law"], None).totals
    entry = error_entry(doc, "governing_law", score["governing_law"], "None", Extraction())
    assert entry["fn"] == 1 and entry["evidence"] == [] and entry["clauses"] == ["laws of Texas"]


def test_each_fold_is_scored_by_an_engine_fitted_without_it() -> None:
    docs = [LabelledContract(f, [f], _labels("New York")) for f in FILES]
    fitted_on: list[set[str]] = []

    def fitter(training: Sequence[LabelledContract]) -> Extractor:
        seen = {doc.file for doc in training}
        fitted_on.append(seen)

        def extract(pages: list[str]) -> Any:
            assert pages[0] not in seen, "scored on a contract it was fitted on"
            return _law("New York", "New York")

        return extract

    result = out_of_fold(docs, fitter, 5, 7, ["governing_law"], None)
    assert len(fitted_on) == 5
    assert all(len(seen) in (18, 19) for seen in fitted_on)
    assert result.totals["governing_law"].tp == len(FILES)


def test_out_of_fold_figures_say_how_they_were_made(capsys: pytest.CaptureFixture[str]) -> None:
    if not (DEFAULT_DATA / "labels.csv").exists():
        pytest.skip("CUAD development set not present")
    assert main(["--limit", "3", "--field", "governing_law"]) == 0
    lines = {r["name"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    oof = lines["f1.oof.governing_law"]
    # Three contracts hold no more than three folds.
    assert oof["folds"] == 3 and oof["seed"] == 7
    assert oof["note"] in (
        "fitted on 2 of 3 folds, scored on the one left out",
        "nothing fitted: out-of-fold equals in-sample",
    )
    if oof["note"].startswith("nothing fitted"):
        assert oof["value"] == lines["f1.governing_law"]["value"]


def test_halves_split_documents_by_name_alone() -> None:
    halves = {f: document_half(f) for f in FILES}
    assert set(halves.values()) == {"A", "B"}
    assert all(document_half(f) == half for f, half in reversed(halves.items()))


def test_a_half_scores_only_its_own_contracts(capsys: pytest.CaptureFixture[str]) -> None:
    if not (DEFAULT_DATA / "labels.csv").exists():
        pytest.skip("CUAD development set not present")
    assert main(["--limit", "6", "--field", "governing_law", "--half", "A"]) == 0
    lines = {r["name"]: r for r in map(json.loads, capsys.readouterr().out.splitlines())}
    with (DEFAULT_DATA / "labels.csv").open(encoding="utf-8") as handle:
        first = [row["file"] for row, _ in zip(csv.DictReader(handle), range(6), strict=False)]
    assert lines["words_per_second"]["contracts"] == sum(document_half(f) == "A" for f in first)
