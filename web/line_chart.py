"""A line chart's geometry for a server-rendered SVG (`_line_chart.html`), beside the bar
chart: one line per series over periods the series share, no script, nothing from a CDN,
scaled to any width through its viewBox. A series may miss a period; its line then joins
the periods it has."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal

WIDTH = 600
HEIGHT = 240
LEFT = 56  # the lowest and highest value, written on the axis
RIGHT = 12
TOP = 16
BOTTOM = 28  # the period labels
MAX_LABELS = 8  # more would overlap on a phone
COLOURS = 6  # .line-0 ... .line-5 in style.css; further series reuse them


@dataclasses.dataclass(frozen=True)
class LinePoint:
    label: str
    value: Decimal
    x: float
    y: float


@dataclasses.dataclass(frozen=True)
class LineSeries:
    name: str
    points: list[LinePoint]
    colour: int

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.points)


@dataclasses.dataclass(frozen=True)
class LineChart:
    series: list[LineSeries]
    width: int
    height: int
    left: int
    x_labels: list[tuple[str, float]]
    y_ticks: list[tuple[Decimal, float]]
    label_y: float


def line_chart(series: Sequence[tuple[str, Sequence[tuple[str, Decimal]]]]) -> LineChart | None:
    """`series` is (name, [(period, value), ...]); None when there is nothing to draw."""
    drawn = [(name, list(points)) for name, points in series if points]
    if not drawn:
        return None
    periods = sorted({period for _, points in drawn for period, _ in points})
    values = [value for _, points in drawn for _, value in points]
    low, high = min(values), max(values)
    span = (high - low) or abs(high) or Decimal(1)
    if high == low:  # a flat line sits in the middle, not on the axis
        low, high = low - span / 2, high + span / 2
        span = high - low
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(len(periods) - 1, 1)
    x_of = {period: round(LEFT + index * slot if len(periods) > 1
                          else LEFT + (WIDTH - LEFT - RIGHT) / 2, 1)
            for index, period in enumerate(periods)}

    def y_of(value: Decimal) -> float:
        return round(TOP + float((high - value) / span) * plot_height, 1)

    every = -(-len(periods) // MAX_LABELS)  # ceiling division
    return LineChart(
        series=[LineSeries(name=name, colour=index % COLOURS, points=[
            LinePoint(label=period, value=value, x=x_of[period], y=y_of(value))
            for period, value in sorted(points)]) for index, (name, points) in enumerate(drawn)],
        width=WIDTH, height=HEIGHT, left=LEFT,
        x_labels=[(period, x_of[period]) for index, period in enumerate(periods)
                  if index % every == 0],
        y_ticks=[(high, y_of(high)), (low, y_of(low))], label_y=HEIGHT - BOTTOM / 3)
