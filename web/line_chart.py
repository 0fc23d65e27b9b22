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
# The lowest and highest value are written above their grid lines, inside the plot, so the
# plot keeps its width on a phone (a left axis wide enough for "1 234 567 kr" took a third).
LEFT = 8
RIGHT = 12
TOP = 30  # room for the highest value's label above its line
BOTTOM = 32  # the period labels
MAX_LABELS = 8  # more would overlap on a phone
# .line-chart-label's font size on a phone, in the viewBox's units, as the bar chart's: the
# chart shrinks to about 350 px there, so 20 units are 11-12 px (11 units were 6 px).
LABEL_FONT = 20
CHAR_WIDTH = 0.6  # of the font size, an average letter's width
MIN_LABEL_CHARS = len("jan. 2025")  # a period, as the reader reads it
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
class PeriodLabel:
    period: str
    x: float
    anchor: str  # "start" at the left edge and "end" at the right, so no letter is cut off


@dataclasses.dataclass(frozen=True)
class LineChart:
    series: list[LineSeries]
    width: int
    height: int
    left: int
    x_labels: list[PeriodLabel]
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

    # Ceiling divisions: at most MAX_LABELS labels, each with room for a period.
    every = max(-(-len(periods) // MAX_LABELS),
                -(-int((MIN_LABEL_CHARS + 1) * LABEL_FONT * CHAR_WIDTH) // max(int(slot), 1)))
    return LineChart(
        series=[LineSeries(name=name, colour=index % COLOURS, points=[
            LinePoint(label=period, value=value, x=x_of[period], y=y_of(value))
            for period, value in sorted(points)]) for index, (name, points) in enumerate(drawn)],
        width=WIDTH, height=HEIGHT, left=LEFT,
        x_labels=[_period_label(period, x_of[period]) for index, period in enumerate(periods)
                  if index % every == 0],
        y_ticks=[(high, y_of(high)), (low, y_of(low))], label_y=HEIGHT - BOTTOM / 3)


def _period_label(period: str, x: float) -> PeriodLabel:
    half = MIN_LABEL_CHARS * LABEL_FONT * CHAR_WIDTH / 2
    if x - half < 0:
        return PeriodLabel(period, x, "start")
    if x + half > WIDTH:
        return PeriodLabel(period, x, "end")
    return PeriodLabel(period, x, "middle")
