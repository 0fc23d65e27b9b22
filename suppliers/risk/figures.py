"""What a register answers about a company, in the register-neutral shape risk works on."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

# Status flags as the registers report them, by one name across registers.
STATUS_FLAGS = ("bankruptcy", "winding_up", "forced_dissolution", "deleted", "insolvency",
                "accounts_overdue", "dissolved")


@dataclasses.dataclass(frozen=True)
class YearFigures:
    """One financial year's key figures (in the accounts' currency)."""

    year: int
    currency: str = "NOK"
    revenue: float | None = None
    operating_result: float | None = None
    result_before_tax: float | None = None
    equity: float | None = None
    total_assets: float | None = None
    current_assets: float | None = None
    current_liabilities: float | None = None

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> YearFigures:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclasses.dataclass(frozen=True)
class RegisterAnswer:
    identifier: str
    name: str
    status_flags: tuple[str, ...]
    facts: dict[str, Any]  # organisation form, VAT-registered, registered date...
    accounts: tuple[YearFigures, ...]  # newest first
    # When the accounts after the newest filed ones are due (None: the company files none).
    next_accounts_due: dt.date | None = None
