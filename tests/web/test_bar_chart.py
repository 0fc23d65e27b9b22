"""The bar chart's labels fit under their bars: long category names overlapped into one
unreadable line ("Temporary Bureau StaffingRent Allowance Cheques...")."""

from __future__ import annotations

from decimal import Decimal

from web.bar_chart import CHAR_WIDTH, LABEL_FONT, bar_chart


def test_labels_are_cut_to_the_room_between_them() -> None:
    names = ["Temporary Bureau Staffing", "Direct Services Supplies & Services",
             "Rent Allowance Cheques (Home Choice)", "Main Contractor", "Property Rents",
             "Services Maintenance (Planned)", "Grants", "Materials", "Special Events",
             "Reactive Maintenance & Minor Repairs", "Security Services", "Printing"]
    chart = bar_chart([(name, Decimal(index + 1)) for index, name in enumerate(names)])
    assert chart is not None
    shown = [bar for bar in chart.bars if bar.show_label]
    room = shown[1].label_x - shown[0].label_x
    assert all(bar.label_chars * LABEL_FONT * CHAR_WIDTH < room for bar in shown)
    assert shown[0].label_chars >= 8  # still a word or two, not "Te…"


def test_months_keep_their_whole_labels_over_one_year_or_five() -> None:
    for years in (1, 2, 5):
        months = [f"{2021 + n // 12}-{n % 12 + 1:02d}" for n in range(12 * years)]
        chart = bar_chart([(month, Decimal(10)) for month in months])
        assert chart is not None
        assert all(bar.label_chars >= len("jan. 2025") for bar in chart.bars), years


def test_a_long_label_at_an_edge_stays_inside_the_chart() -> None:
    names = [f"Temporary Bureau Staffing {n}" for n in range(12)]
    chart = bar_chart([(name, Decimal(1)) for name in names])
    assert chart is not None
    first, last = chart.bars[0], chart.bars[-1]
    assert first.label_anchor == "start" and first.label_x >= 0
    assert last.label_anchor == "end" and last.label_x <= chart.width
    assert chart.bars[4].label_anchor == "middle"
    # Starting at its bar, the first label ends before the next (centred) one begins.
    second = next(bar for bar in chart.bars[1:] if bar.show_label)
    letter = LABEL_FONT * CHAR_WIDTH
    assert (first.label_x + first.shown_chars * letter
            < second.label_x - second.shown_chars * letter / 2)
