"""The line chart's geometry: periods shared across series, the highest value at the top and
the lowest at the bottom, a flat line in the middle, nothing to draw gives no chart."""

from __future__ import annotations

import itertools
from decimal import Decimal

from web import line_chart as chart


def test_series_share_the_periods_and_scale_between_lowest_and_highest() -> None:
    drawn = chart.line_chart([
        ("paper", [("2024-Q1", Decimal(50)), ("2024-Q3", Decimal(60))]),
        ("toner", [("2024-Q2", Decimal(900))]),
    ])
    assert drawn is not None
    assert [label.period for label in drawn.x_labels] == ["2024-Q1", "2024-Q2", "2024-Q3"]
    paper, toner = drawn.series
    assert [p.x for p in paper.points] == [chart.LEFT, chart.WIDTH - chart.RIGHT]
    assert toner.points[0].x == (chart.LEFT + chart.WIDTH - chart.RIGHT) / 2
    assert toner.points[0].y == chart.TOP  # the highest value
    assert paper.points[0].y == chart.HEIGHT - chart.BOTTOM  # the lowest
    first, last = paper.points
    assert paper.polyline == f"{first.x},{first.y} {last.x},{last.y}"
    assert [value for value, _ in drawn.y_ticks] == [Decimal(900), Decimal(50)]
    assert (paper.colour, toner.colour) == (0, 1)


def test_a_flat_line_sits_in_the_middle_and_nothing_gives_no_chart() -> None:
    flat = chart.line_chart([("paper", [("2024-01", Decimal(50)), ("2024-02", Decimal(50))])])
    assert flat is not None
    middle = chart.TOP + (chart.HEIGHT - chart.TOP - chart.BOTTOM) / 2
    assert {p.y for p in flat.series[0].points} == {middle}
    assert chart.line_chart([]) is None
    assert chart.line_chart([("empty", [])]) is None


def test_labels_thin_out_past_what_a_phone_can_show() -> None:
    drawn = chart.line_chart([("x", [(f"2024-{m:02}", Decimal(m)) for m in range(1, 13)])])
    assert drawn is not None
    assert len(drawn.x_labels) <= chart.MAX_LABELS
    assert drawn.x_labels[0].period == "2024-01"


def test_period_labels_do_not_overlap_or_run_off_the_chart_at_phone_size() -> None:
    """At the phone's font size a label is about 120 units wide: 24 monthly points leave
    room for every fourth, and the first and last are anchored at the chart's edges."""
    points = [(f"{2023 + m // 12}-{m % 12 + 1:02}", Decimal(m)) for m in range(24)]
    drawn = chart.line_chart([("x", points)])
    assert drawn is not None
    width = chart.MIN_LABEL_CHARS * chart.LABEL_FONT * chart.CHAR_WIDTH
    xs = [label.x for label in drawn.x_labels]
    assert all(b - a >= width for a, b in itertools.pairwise(xs))
    assert drawn.x_labels[0].anchor == "start"
    few = chart.line_chart([("x", points[:3])])
    assert few is not None and [label.anchor for label in few.x_labels] == [
        "start", "middle", "end"]


def test_periods_read_the_readers_way_and_other_labels_stay() -> None:
    from web.formatting import period_text
    from web.i18n import set_current_language

    set_current_language("nb")
    try:
        assert [period_text(p) for p in ("2025-12", "2025-Q4", "2025", "Renhold", "2025-13")
                ] == ["des. 2025", "K4 2025", "2025", "Renhold", "2025-13"]
    finally:
        set_current_language("en")
    assert period_text("2025-12") == "Dec 2025" and period_text("2025-Q1") == "Q1 2025"
