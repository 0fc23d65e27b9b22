from __future__ import annotations

import datetime as dt

import pytest

from benchmarks.cuad_scoring import (
    Score,
    law_matches,
    normalise_name,
    parse_label_date,
    parse_label_duration,
    parse_label_parties,
    score_date,
    score_duration,
    score_end_date,
    score_law,
    score_parties,
)


def test_label_dates_are_month_first_with_two_digit_years() -> None:
    d = parse_label_date("7/26/13")
    assert d is not None and d.matches(dt.date(2013, 7, 26))
    old = parse_label_date("6/8/99")
    assert old is not None and old.matches(dt.date(1999, 6, 8))
    assert parse_label_date("09/05/2019") is not None


def test_a_label_with_blank_parts_names_no_day_and_matches_nothing() -> None:
    d = parse_label_date("09/[]/2019")
    assert d is not None and d.day is None
    assert not d.matches(dt.date(2019, 9, 17))
    assert score_date("09/[]/2019", None) == Score(fn=1)


def test_date_scoring_counts_wrong_as_fp_and_fn() -> None:
    assert score_date("7/26/13", dt.date(2013, 7, 26)) == Score(tp=1)
    assert score_date("7/26/13", dt.date(2013, 7, 27)) == Score(fp=1, fn=1)
    assert score_date("7/26/13", None) == Score(fn=1)
    assert score_date("", dt.date(2013, 7, 26)) == Score(fp=1)
    assert score_date("", None) == Score()


def test_perpetual_is_an_end_date_answer_of_its_own() -> None:
    assert score_end_date("perpetual", None, perpetual=True) == Score(tp=1)
    assert score_end_date("12/31/20", None, perpetual=True) == Score(fp=1, fn=1)
    assert score_end_date("perpetual", dt.date(2020, 12, 31), perpetual=False) == Score(
        fp=1, fn=1
    )
    assert score_end_date("09/05/2019; perpetual", None, perpetual=True) == Score(tp=1)
    assert score_end_date("", None, perpetual=False) == Score()


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("successive 1 year", (12, "month")),
        ("Successive 1 year", (12, "month")),
        ("12 months", (12, "month")),
        ("2 successive 5 years", (60, "month")),
        ("10 1 years", (12, "month")),
        ("4 years, 6 months", (54, "month")),
        ("30 days", (30, "day")),
        ("7/22/2019; 7/22/2022", None),
    ],
)
def test_label_durations(answer: str, expected: tuple[int, str] | None) -> None:
    assert parse_label_duration(answer) == expected


def test_duration_scoring_normalises_units() -> None:
    assert score_duration("successive 1 year", (12, "month")) == Score(tp=1)
    assert score_duration("12 months", (1, "year")) == Score(tp=1)
    assert score_duration("14 days", (2, "week")) == Score(tp=1)
    assert score_duration("30 days", (1, "month")) == Score(fp=1, fn=1)
    assert score_duration("", (30, "day")) == Score(fp=1)


@pytest.mark.parametrize(
    ("answer", "predicted", "ok"),
    [
        ("Delaware", "State of Delaware", True),
        ("Delaware", "the laws of the State of Delaware", True),
        ("New York", "New York", True),
        ("New York", "New Jersey", False),
        ("England and Wales", "England", True),
        ("England, United Kingdom; Wales, United Kingdom", "England and Wales", True),
        ("Ontario, Canada", "Province of Ontario", True),
        ("Ontario, Canada", "Canada", False),
        ("People's Republic of China", "PRC", True),
        ("Texas; Singapore; Belgium", "Singapore", True),
        ("Washington", "Washington, D.C.", False),
        ("Norway", "norsk rett", True),
    ],
)
def test_governing_law_matches_on_state_or_country(answer: str, predicted: str, ok: bool) -> None:
    assert law_matches(answer, predicted) is ok


def test_law_scoring() -> None:
    assert score_law("California", "California") == Score(tp=1)
    assert score_law("", "California") == Score(fp=1)
    assert score_law("California", None) == Score(fn=1)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Marine MP, LLC", "marine mp"),
        ("MusclePharm Corporation", "musclepharm"),
        ("Skype Communications, S.A.", "skype communications"),
        ("TOM Online (BVI) Limited", "tom online bvi"),
        ("Beijing SINA Internet Service Co., Ltd.", "beijing sina internet service"),
        ("Platinum Partners Value Arbitrage Fund L.P.", "platinum partners value arbitrage fund"),
        ("Telenor ASA", "telenor"),
        ("Kommunekonsult AS", "kommunekonsult"),
        ("The Quantum Group Inc.", "quantum group"),
    ],
)
def test_names_normalise_without_legal_forms(name: str, key: str) -> None:
    assert normalise_name(name) == key


def test_party_labels_drop_aliases_and_alias_groups() -> None:
    answer = (
        "Marine MP, LLC (“Lender”); Arnold Schwarzenegger (“Endorser”); Fitness Publications, "
        "Inc. (“Fitness”); Lender, Endorser and Fitness (“AS Parties”);  MusclePharm "
        'Corporation ("MusclePharm" or "Company")'
    )
    assert parse_label_parties(answer) == {
        "marine mp", "arnold schwarzenegger", "fitness publications", "musclepharm",
    }


def test_party_labels_keep_names_equal_to_their_alias() -> None:
    answer = 'VerticalNet, Inc. ("VerticalNet"); LeadersOnline, Inc. ("LeadersOnline")'
    assert parse_label_parties(answer) == {"verticalnet", "leadersonline"}


def test_party_labels_drop_groupings_of_named_parties() -> None:
    answer = (
        'Marathon Petroleum Company LP ("Shipper"); Marathon Pipe Line LLC ("MPL"); Marathon '
        'Petroleum Company LP and Marathon Pipe Line LLC (jointly as "Parties" and individually'
        ' as a "Party")'
    )
    assert parse_label_parties(answer) == {"marathon petroleum", "marathon pipe line"}
    answer = (
        'United Technologies Corporation ("UTC"); Otis Worldwide Corporation ("Otis"); '
        'each a "Party", and together, the "Parties"'
    )
    assert parse_label_parties(answer) == {"united technologies", "otis worldwide"}


def test_party_label_whose_aliases_are_its_own_words_is_a_name() -> None:
    answer = (
        '(BANK OF SOUTH PACIFIC LIMITED ("BSP" or "Bank of South Pacific Ltd"); DATEC (PNG) '
        'LIMITED ("Datec PNG Limited" or "Datec" or "PNG"))'
    )
    assert parse_label_parties(answer) == {"bank of south pacific", "datec png"}


def test_party_labels_keep_brackets_inside_names_but_not_trailing_ones() -> None:
    answer = 'Mutual Insurance Corporation of America (MICOA); TOM Online (BVI) limited("BVI")'
    assert parse_label_parties(answer) == {
        "mutual insurance corporation of america",
        "tom online bvi",
    }


def test_party_scoring_is_precision_recall_over_names() -> None:
    answer = 'Cisco Systems, Inc. ("Cisco"); ScanSource, Inc. ("Distributor")'
    assert score_parties(answer, ["CISCO SYSTEMS INC", "ScanSource, Inc."]) == Score(tp=2)
    assert score_parties(answer, ["Cisco Systems, Inc.", "Distributor"]) == Score(
        tp=1, fp=1, fn=1
    )
    assert score_parties(answer, []) == Score(fn=2)


def test_eval_script_prints_a_line_per_field(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from benchmarks.extraction_eval import COLUMNS, DEFAULT_DATA, main

    if not (DEFAULT_DATA / "labels.csv").exists():
        pytest.skip("CUAD development set not present")
    assert main(["--limit", "2"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    names = [line["name"] for line in lines]
    assert names == (
        [f"f1.{field}" for field in COLUMNS]
        + [f"f1.oof.{field}" for field in COLUMNS]
        + ["words_per_second"]
    )
    assert all(line["unit"] == "ratio" for line in lines[:-1])
    assert lines[-1]["value"] > 0


def test_eval_script_lists_errors_for_one_field(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from benchmarks.extraction_eval import DEFAULT_DATA, main

    if not (DEFAULT_DATA / "labels.csv").exists():
        pytest.skip("CUAD development set not present")
    main(["--limit", "5", "--field", "governing_law", "--show-errors"])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["name"] for line in lines[-3:-1]] == ["f1.governing_law", "f1.oof.governing_law"]
    errors = lines[:-3]
    assert all({"file", "label", "predicted", "evidence", "clauses"} <= set(e) for e in errors)
    assert all(e["field"] == "governing_law" for e in errors)


def test_a_two_digit_year_matches_either_century_and_day_first_dates_are_read() -> None:
    from benchmarks.cuad_scoring import parse_label_date

    end = parse_label_date("12/31/34")
    assert end is not None and end.matches(dt.date(2034, 12, 31))
    assert end.matches(dt.date(1934, 12, 31)) and not end.matches(dt.date(2034, 12, 30))
    day_first = parse_label_date("31/01/2025")
    assert day_first is not None and day_first.matches(dt.date(2025, 1, 31))
    four_digits = parse_label_date("1/2/2019")
    assert four_digits is not None and not four_digits.matches(dt.date(1919, 1, 2))
