"""A supplier's spend by month, as far as the reader may count it (see supplier_list): the
months from its first to its last line, gaps as zero, so a chart of them reads as a time
line. Read from the monthly rollup (core.spend_rollup)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.spend_rollup import spend_source
from suppliers.supplier_list import CENT, spend_condition

# About three years: enough to see a trend, few enough bars for a phone.
MAX_MONTHS = 36


def spend_by_month(session: Session, supplier_id: int, principals: frozenset[str],
                   max_months: int = MAX_MONTHS) -> list[tuple[str, Decimal]]:
    """("2025-03", amount) for each month up to the last with spend, at most `max_months`."""
    spend = spend_source()
    query = (select(spend.c.month, func.sum(spend.c.amount))
             .where(spend.c.supplier_id == supplier_id, spend.c.month.is_not(None),
                    spend_condition(principals, spend.c.contract_id))
             .group_by(spend.c.month))
    amounts = {month: Decimal(str(amount or 0)).quantize(CENT)
               for month, amount in session.execute(query) if month is not None}
    if not amounts:
        return []
    months = _months_between(min(amounts), max(amounts))[-max_months:]
    return [(month, amounts.get(month, Decimal(0).quantize(CENT))) for month in months]


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
