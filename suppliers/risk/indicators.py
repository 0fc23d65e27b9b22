"""Risk indicators from a supplier's key figures, each with its year and formula, and the
risk level they add up to.

Thresholds (defaults below; admins adjust them, stored in `risk_thresholds`):
- equity ratio = equity / total assets; below `equity_ratio_low` (0.10) counts as a warning
- current ratio = current assets / current liabilities; below `current_ratio_low` (1.0)
- operating margin = operating result / revenue; below `operating_margin_low` (0.0)
- revenue change = (revenue - last year's) / last year's; below `revenue_drop` (-0.20)
- negative equity, a loss (result before tax < 0) two years running, accounts not filed on
  time: each a warning
- any status flag (bankruptcy, winding-up, forced dissolution, deleted, insolvency): high.
Level: a status flag, or at least `high_warnings` (3) warnings, is high; at least
`medium_warnings` (1) is medium; otherwise low. No figures and no flags: unknown.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from suppliers.risk.figures import RegisterAnswer, YearFigures

DEFAULT_THRESHOLDS: dict[str, float] = {
    "equity_ratio_low": 0.10,
    "current_ratio_low": 1.0,
    "operating_margin_low": 0.0,
    "revenue_drop": -0.20,
    "medium_warnings": 1,
    "high_warnings": 3,
}
LEVELS = ("unknown", "low", "medium", "high")
SEVERE_FLAGS = frozenset({"bankruptcy", "winding_up", "forced_dissolution", "deleted",
                          "insolvency", "dissolved"})


@dataclasses.dataclass(frozen=True)
class Indicator:
    name: str
    value: float | bool | None
    year: int | None
    formula: str
    warning: bool


@dataclasses.dataclass(frozen=True)
class RiskAssessment:
    level: str
    indicators: list[Indicator]
    status_flags: tuple[str, ...]


def thresholds_with(overrides: dict[str, float] | None) -> dict[str, float]:
    return {**DEFAULT_THRESHOLDS, **{k: float(v) for k, v in (overrides or {}).items()
                                      if k in DEFAULT_THRESHOLDS}}


def assess(answer: RegisterAnswer, today: dt.date,
           thresholds: dict[str, float] | None = None) -> RiskAssessment:
    limits = thresholds_with(thresholds)
    latest = answer.accounts[0] if answer.accounts else None
    previous = answer.accounts[1] if len(answer.accounts) > 1 else None
    found: list[Indicator] = []
    if latest is not None:
        found.extend(_ratios(latest, previous, limits))
    late = answer.next_accounts_due is not None and today > answer.next_accounts_due
    found.append(Indicator(
        "accounts not filed on time", late,
        answer.next_accounts_due.year - 1 if answer.next_accounts_due else None,
        f"accounts due by {answer.next_accounts_due.isoformat()}"
        if answer.next_accounts_due else "no accounts are required", late))
    warnings = sum(1 for i in found if i.warning)
    severe = any(flag in SEVERE_FLAGS for flag in answer.status_flags)
    if severe or warnings >= limits["high_warnings"]:
        level = "high"
    elif warnings >= limits["medium_warnings"] or answer.status_flags:
        level = "medium"
    elif latest is None:
        level = "unknown"
    else:
        level = "low"
    return RiskAssessment(level, found, answer.status_flags)


def _ratios(latest: YearFigures, previous: YearFigures | None, limits: dict[str, float]
            ) -> list[Indicator]:
    year = latest.year
    found = []
    equity_ratio = _share(latest.equity, latest.total_assets)
    found.append(Indicator("equity ratio", equity_ratio, year, "equity / total assets",
                           equity_ratio is not None
                           and equity_ratio < limits["equity_ratio_low"]))
    current_ratio = _share(latest.current_assets, latest.current_liabilities)
    found.append(Indicator("current ratio", current_ratio, year,
                           "current assets / current liabilities",
                           current_ratio is not None
                           and current_ratio < limits["current_ratio_low"]))
    margin = _share(latest.operating_result, latest.revenue)
    found.append(Indicator("operating margin", margin, year, "operating result / revenue",
                           margin is not None and margin < limits["operating_margin_low"]))
    if previous is not None and latest.revenue is not None and previous.revenue:
        change = round((latest.revenue - previous.revenue) / previous.revenue, 4)
        found.append(Indicator(
            "revenue change", change, year,
            f"(revenue {year} - revenue {previous.year}) / revenue {previous.year}",
            change < limits["revenue_drop"]))
    negative = latest.equity is not None and latest.equity < 0
    found.append(Indicator("negative equity", negative, year, "equity < 0", negative))
    if previous is not None and None not in (latest.result_before_tax,
                                             previous.result_before_tax):
        losses = (latest.result_before_tax or 0) < 0 and (previous.result_before_tax or 0) < 0
        found.append(Indicator("loss two years running", losses, year,
                               f"result before tax < 0 in {previous.year} and {year}", losses))
    return found


def _share(part: float | None, whole: float | None) -> float | None:
    if part is None or not whole:
        return None
    return round(part / whole, 4)
