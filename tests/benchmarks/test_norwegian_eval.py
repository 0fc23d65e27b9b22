"""The Norwegian eval lists misses of the tuning half only, unless asked for the held-out's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.norwegian_eval import FIELDS, load_fixtures, main

# Expected values no engine produces, so every field of both contracts is a miss.
WRONG: dict[str, object] = {
    field: {"count": 99, "unit": "year"} for field in FIELDS if field != "org_numbers"}
WRONG["parties"] = [{"name": "Ingen Slik Part AS", "org_number": None}]
WRONG["contract_value"] = {"amount": "1", "currency": "SEK", "per": "week"}
CONTRACT = "AVTALE\n\nAvtalen gjelder fra 1. mars 2024 og løper i to (2) år.\n"


@pytest.fixture()
def fixtures(tmp_path: Path) -> Path:
    for name in ("tuning_one", "heldout_one"):
        (tmp_path / f"{name}.txt").write_text(CONTRACT, encoding="utf-8")
        (tmp_path / f"{name}.expected.json").write_text(json.dumps(WRONG), encoding="utf-8")
    return tmp_path


def test_show_errors_lists_only_the_tuning_half(
        fixtures: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["--fixtures", str(fixtures), "--show-errors"])
    errors = capsys.readouterr().err
    assert "miss tuning_one initial_term" in errors
    assert "heldout_one" not in errors


def test_heldout_misses_are_listed_only_on_request(
        fixtures: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["--fixtures", str(fixtures), "--show-heldout-errors"])
    errors = capsys.readouterr().err
    assert "miss heldout_one initial_term" in errors
    assert "tuning_one" not in errors


def test_each_half_is_scored(fixtures: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert {f.half for f in load_fixtures(fixtures)} == {"tuning", "heldout"}
    main(["--fixtures", str(fixtures)])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {"accuracy.tuning.initial_term", "accuracy.heldout.initial_term"} <= {
        line["name"] for line in lines}
