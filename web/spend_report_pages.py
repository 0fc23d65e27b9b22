"""The spend analysis pages: contract loyalty and leakage (/spend), purchase development
(/spend/development), prices paid and price compliance (/spend/prices), one category
filter across them, and a CSV or XLSX export of every table they show."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from contracts.service import ContractNotFoundError, visible_contract
from core.http import DbSession, clock_of, settings_of
from core.ids import PathId
from core.models import User
from spend import concentration, reports
from spend.concentration import Concentration
from web import spend_tables as tables
from web.bar_chart import bar_chart
from web.common import PageUser, error_page, render, today
from web.line_chart import line_chart
from web.spend_export import XLSX, csv_lines, xlsx_bytes

router = APIRouter()

MAX_BARS = 12  # categories in the loyalty chart; the table below has them all
MAX_LINES = 6  # price series in one chart: more lines than that no one can tell apart


def _categories(session: DbSession) -> list[str]:
    return sorted(row.key for row in reports.loyalty(session, "category"))


def _base(session: DbSession, chosen: tables.SpendFilter, page: str) -> dict[str, Any]:
    return {"chosen": chosen, "categories": _categories(session), "page": page,
            "period_titles": tables.PERIOD_TITLES, "by_titles": tables.BY_TITLES}


def _concentration(request: Request, session: DbSession, user: User) -> Concentration:
    return concentration.concentration_for(session, user, clock_of(request)().date(),
                                           settings_of(request).concentration_threshold)


@router.get("/spend", response_class=HTMLResponse, include_in_schema=False)
def spend_report(request: Request, user: PageUser, session: DbSession) -> HTMLResponse:
    """Contract loyalty by category and quarter, where spend leaks off contract, where one
    supplier holds most of a category; for one category, what paying above the agreed
    prices cost."""
    chosen = tables.SpendFilter.of(request.query_params)
    found = _concentration(request, session, user)
    by_category = tables.loyalty_by_category(session, chosen)
    by_quarter = tables.loyalty_by_quarter(session, chosen)
    # Before any spend is linked to a contract both charts were an empty frame under their
    # labels; the page says why instead.
    on_contract = any(Decimal(str(r.cells[2])) for r in by_category.rows)
    context = _base(session, chosen, "loyalty") | {
        "by_category": by_category, "by_quarter": by_quarter, "on_contract": on_contract,
        # One category's bar would say nothing its summary does not.
        "category_chart": bar_chart([(str(r.cells[0]), Decimal(str(r.cells[2])))
                                     for r in by_category.rows[:MAX_BARS]])
        if len(by_category.rows) > 1 and on_contract else None,
        "quarter_chart": bar_chart([(str(r.cells[0]), Decimal(str(r.cells[2])))
                                    for r in by_quarter.rows]) if on_contract else None,
        "leakage": tables.leakage(session, chosen),
        "concentration": found,
        "concentrated_categories": tables.concentration_categories(found, chosen),
        "concentrated_contracts": tables.concentration_contracts(found, chosen),
        "category": chosen.category,
    }
    if chosen.category is not None:
        context["paid_above"] = tables.paid_above(tables.price_compliance(session, user, chosen))
    return render(request, "spend_report.html", context, user=user)


@router.get("/spend/development", response_class=HTMLResponse, include_in_schema=False)
def spend_development(request: Request, user: PageUser, session: DbSession) -> HTMLResponse:
    chosen = tables.SpendFilter.of(request.query_params)
    table = tables.development(session, user, chosen)
    per_period: dict[str, Decimal] = defaultdict(Decimal)
    for row in table.rows:
        per_period[str(row.cells[1])] += Decimal(str(row.cells[2]))
    return render(request, "spend_development.html", _base(session, chosen, "development") | {
        "table": table, "chart": bar_chart(sorted(per_period.items())),
    }, user=user)


@router.get("/spend/prices", response_class=HTMLResponse, include_in_schema=False)
def spend_prices(request: Request, user: PageUser, session: DbSession) -> HTMLResponse:
    chosen = tables.SpendFilter.of(request.query_params)
    development = tables.price_development(session, chosen)
    series: dict[str, list[tuple[str, Decimal]]] = defaultdict(list)
    lines: dict[str, int] = defaultdict(int)
    for row in development.rows:
        supplier, item, period, average, *_, count = row.cells
        name = f"{item} ({supplier})"
        series[name].append((str(period), Decimal(str(average))))
        lines[name] += int(count or 0)
    drawn = sorted(series, key=lambda name: (-lines[name], name))[:MAX_LINES]
    compliance = tables.price_compliance(session, user, chosen)
    return render(request, "spend_prices.html", _base(session, chosen, "prices") | {
        "development": development, "compliance": compliance,
        "chart": line_chart([(name, series[name]) for name in drawn]),
        "series_shown": len(drawn), "series_total": len(series),
        "paid_above": tables.paid_above(compliance),
        "suppliers": sorted({str(row.cells[0]) for row in development.rows}
                            | ({chosen.supplier} if chosen.supplier else set())),
    }, user=user)


def _download(table: tables.SpendTable, extension: str) -> Response:
    name = f"spend-{table.name}-{today().isoformat()}.{extension}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"',
               "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}
    if extension == "csv":
        return StreamingResponse(csv_lines(table), headers=headers,
                                 media_type="text/csv; charset=utf-8")
    return Response(xlsx_bytes(table), media_type=XLSX, headers=headers)


@router.get("/spend/export/{name}.{extension}", include_in_schema=False)
def export(request: Request, name: str, extension: str, user: PageUser,
           session: DbSession) -> Response:
    """Exactly the rows the page shows for the same query."""
    chosen = tables.SpendFilter.of(request.query_params)
    if extension not in ("csv", "xlsx"):
        return error_page(request, 404, "Exports are .csv or .xlsx.", user)
    if name in tables.CONCENTRATION_EXPORTS:
        found = _concentration(request, session, user)
        return _download(tables.CONCENTRATION_EXPORTS[name](found, chosen), extension)
    build = tables.EXPORTS.get(name)
    if build is None:
        return error_page(request, 404, "There is no such export.", user)
    return _download(build(session, user, chosen), extension)


@router.get("/contracts/{contract_id}/spend.{extension}", include_in_schema=False)
def contract_spend_export(request: Request, contract_id: PathId, extension: str,
                          user: PageUser, session: DbSession) -> Response:
    """The contract page's spend by month, for those who may see the contract."""
    try:
        visible_contract(session, user, contract_id)
    except ContractNotFoundError:
        return error_page(request, 404, "There is no such contract, or you may not see it.",
                          user)
    if extension not in ("csv", "xlsx"):
        return error_page(request, 404, "Exports are .csv or .xlsx.", user)
    return _download(tables.contract_spend(session, contract_id, today()), extension)


def contract_spend_section(session: DbSession, contract_id: int) -> dict[str, Any]:
    """What the contract page's spend partial needs (the caller has checked the reader may
    see the contract); no chart where nothing was bought."""
    table = tables.contract_spend(session, contract_id, today())
    months = [(str(r.cells[0]), Decimal(str(r.cells[1]))) for r in reversed(table.rows)]
    return {"spend_table": table, "spend_chart": bar_chart(months),
            "spend_total": sum((amount for _, amount in months), Decimal(0)),
            "spend_months": months}

