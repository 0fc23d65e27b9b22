"""A clock that tests move forward instead of sleeping."""

from __future__ import annotations

import datetime as dt

from fastapi import FastAPI


class FakeClock:
    def __init__(self, start: dt.datetime | None = None) -> None:
        self.now = start or dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def install_clock(app: FastAPI) -> FakeClock:
    clock = FakeClock()
    app.state.clock = clock
    return clock
