"""A bar chart's geometry for a server-rendered SVG (`_bar_chart.html`): no script and nothing
from a CDN, and it scales to any width through its viewBox. Credits (negative amounts) go
below the zero line."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal

WIDTH = 600
HEIGHT = 220
LEFT = 8  # amounts are in each bar's tooltip and the table below, not on an axis
TOP = 16
BOTTOM = 32  # the month labels
GAP = 0.2  # of each slot, between bars
MAX_LABELS = 8  # more would overlap on a phone
# .bar-chart-label's font size on a phone, in the viewBox's units: the chart shrinks to about
# 350 px there, so 20 units are 11-12 px (12 units were 7 px, too small to read). Labels are
# spaced and cut for it; on a wide screen the font is smaller and they fit all the better.
LABEL_FONT = 20
CHAR_WIDTH = 0.6  # of the font size, an average letter's width
MIN_LABEL_CHARS = len("jan. 2025")  # a month, as the reader reads it, is never cut


@dataclasses.dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    x: float
    y: float
    width: float
    height: float
    show_label: bool
    # How many letters fit under the bar before the next label: longer ones (a category
    # name) are cut with "…" (the bar's tooltip and the table have them whole).
    label_chars: int = 40
    room: float = 600  # from this label's middle to the next one's

    @property
    def label_anchor(self) -> str:
        """Centred under the bar, unless that would run off the chart's edge (the first
        category's long name lost its first letters on a phone)."""
        half = min(len(self.label), self.label_chars) * LABEL_FONT * CHAR_WIDTH / 2
        middle = self.x + self.width / 2
        if middle - half < 0:
            return "start"
        if middle + half > WIDTH:
            return "end"
        return "middle"

    @property
    def shown_chars(self) -> int:
        """label_chars, less at an edge: a label that starts at its bar instead of being
        centred reaches half a label further towards its neighbour."""
        if self.label_anchor == "middle":
            return self.label_chars
        letter = LABEL_FONT * CHAR_WIDTH
        fits = (self.width / 2 + self.room) / letter - self.label_chars / 2
        return max(3, min(self.label_chars, int(fits) - 1))

    @property
    def label_x(self) -> float:
        anchor = self.label_anchor
        if anchor == "start":
            return round(max(self.x, 0), 1)
        if anchor == "end":
            return round(min(self.x + self.width, WIDTH), 1)
        return round(self.x + self.width / 2, 1)


@dataclasses.dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    zero_y: float
    label_y: float
    largest: Decimal


def bar_chart(points: Sequence[tuple[str, Decimal]]) -> BarChart | None:
    """None when there is nothing to draw."""
    if not points:
        return None
    top = max((v for _, v in points), default=Decimal(0))
    bottom = min((v for _, v in points), default=Decimal(0))
    top, bottom = max(top, Decimal(0)), min(bottom, Decimal(0))
    span = (top - bottom) or Decimal(1)
    plot = HEIGHT - TOP - BOTTOM
    zero_y = TOP + float(top / span) * plot
    slot = (WIDTH - LEFT) / len(points)
    letter = LABEL_FONT * CHAR_WIDTH
    # Ceiling divisions: at most MAX_LABELS labels, each with room for a month.
    every = max(-(-len(points) // MAX_LABELS), -(-int((MIN_LABEL_CHARS + 1) * letter) // int(slot)))
    label_chars = max(3, int(slot * every / letter) - 1)
    bars = []
    for index, (label, value) in enumerate(points):
        size = float(abs(value) / span) * plot
        y = zero_y - size if value >= 0 else zero_y
        bars.append(Bar(label=label, value=value, x=round(LEFT + index * slot + slot * GAP / 2, 1),
                        y=round(y, 1), width=round(slot * (1 - GAP), 1),
                        height=round(max(size, 0.5 if value else 0), 1),
                        show_label=index % every == 0, label_chars=label_chars,
                        room=slot * every))
    return BarChart(bars=bars, width=WIDTH, height=HEIGHT, zero_y=round(zero_y, 1),
                    label_y=HEIGHT - BOTTOM / 3, largest=max(abs(top), abs(bottom)))
