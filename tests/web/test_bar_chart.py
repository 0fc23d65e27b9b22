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
