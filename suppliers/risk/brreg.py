"""The Brønnøysund registers: Enhetsregisteret (entity and status flags) and
Regnskapsregisteret (annual accounts), through their open JSON APIs.

- `GET {base}/enhetsregisteret/api/enheter/{orgnr}`: the entity; a deleted one answers 410
  with its `slettedato`.
- `GET {base}/regnskapsregisteret/regnskap/{orgnr}`: a list of the latest annual accounts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

import httpx

from suppliers.risk.figures import RegisterAnswer, YearFigures
from suppliers.risk.port import CompanyNotFoundError, RegisterUnavailableError

DEFAULT_BASE_URL = "https://data.brreg.no"
_FLAGS = {
    "konkurs": "bankruptcy",
    "underAvvikling": "winding_up",
    "underTvangsavviklingEllerTvangsopplosning": "forced_dissolution",
}


class Brreg:
    name = "brreg"
    country = "NO"

    def __init__(self, base_url: str = DEFAULT_BASE_URL, timeout: float = 10.0,
                 transport: httpx.BaseTransport | None = None) -> None:
        self._client = httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout,
                                    transport=transport,
                                    headers={"Accept": "application/json"})

    def close(self) -> None:
        self._client.close()

    def lookup(self, identifier: str) -> RegisterAnswer:
        orgnr = re.sub(r"\D", "", identifier)
        if len(orgnr) != 9:
            raise CompanyNotFoundError(f"{identifier!r} is not a Norwegian org number")
        entity = self._get(f"/enhetsregisteret/api/enheter/{orgnr}", gone_ok=True)
        if entity is None:
            raise CompanyNotFoundError(f"Enhetsregisteret does not know {orgnr}")
        accounts = self._get(f"/regnskapsregisteret/regnskap/{orgnr}") or []
        try:
            return _answer(orgnr, entity, accounts)
        except (KeyError, TypeError, ValueError) as error:
            raise RegisterUnavailableError(
                f"Brønnøysund answered in an unexpected shape: {error}") from error

    def _get(self, path: str, *, gone_ok: bool = False) -> Any:
        try:
            response = self._client.get(path)
        except httpx.HTTPError as error:
            raise RegisterUnavailableError(f"Brønnøysund unreachable: {error}") from error
        if response.status_code == 404:
            return None
        if response.status_code == 410 and gone_ok:
            return {**_json(response), "_deleted": True}
        if response.status_code in (429, 500, 502, 503, 504):
            retry = response.headers.get("Retry-After", "")
            raise RegisterUnavailableError(
                f"Brønnøysund answered {response.status_code}",
                float(retry) if retry.isdigit() else None)
        if response.status_code != 200:
            raise RegisterUnavailableError(f"Brønnøysund answered {response.status_code}")
        return _json(response)


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError as error:
        raise RegisterUnavailableError("Brønnøysund answered with no JSON") from error


def _answer(orgnr: str, entity: dict[str, Any], accounts: list[dict[str, Any]]
            ) -> RegisterAnswer:
    flags = [flag for key, flag in _FLAGS.items() if entity.get(key)]
    if entity.get("_deleted") or entity.get("slettedato"):
        flags.append("deleted")
    form = entity.get("organisasjonsform") or {}
    facts = {
        "organisation_form": form.get("kode"),
        "vat_registered": bool(entity.get("registrertIMvaregisteret")),
        "in_business_register": bool(entity.get("registrertIForetaksregisteret")),
        "deleted_on": entity.get("slettedato"),
        "last_accounts_year": entity.get("sisteInnsendteAarsregnskap"),
    }
    years = sorted((_year_figures(a) for a in accounts), key=lambda y: -y.year)
    return RegisterAnswer(identifier=orgnr, name=str(entity.get("navn", "")),
                          status_flags=tuple(flags), facts=facts, accounts=tuple(years),
                          next_accounts_due=_next_due(facts, years))


def entity_answer(entity: dict[str, Any], accounts: list[YearFigures]) -> RegisterAnswer:
    """An entity as the API and the bulk download give it (the same fields), with the
    accounts kept from earlier lookups standing in for Regnskapsregisteret."""
    answer = _answer(str(entity["organisasjonsnummer"]), entity, [])
    ordered = sorted(accounts, key=lambda y: -y.year)
    return dataclasses.replace(answer, accounts=tuple(ordered),
                               next_accounts_due=_next_due(answer.facts, ordered))


def _year_figures(accounts: dict[str, Any]) -> YearFigures:
    period_end = dt.date.fromisoformat(accounts["regnskapsperiode"]["tilDato"])
    assets = accounts.get("eiendeler") or {}
    equity_debt = accounts.get("egenkapitalGjeld") or {}
    result = accounts.get("resultatregnskapResultat") or {}
    operating = result.get("driftsresultat") or {}
    debt = equity_debt.get("gjeldOversikt") or {}
    return YearFigures(
        year=period_end.year, currency=str(accounts.get("valuta") or "NOK"),
        revenue=_number((operating.get("driftsinntekter") or {}).get("sumDriftsinntekter")),
        operating_result=_number(operating.get("driftsresultat")),
        result_before_tax=_number(result.get("ordinaertResultatFoerSkattekostnad")),
        equity=_number((equity_debt.get("egenkapital") or {}).get("sumEgenkapital")),
        total_assets=_number(assets.get("sumEiendeler")),
        current_assets=_number((assets.get("omloepsmidler") or {}).get("sumOmloepsmidler")),
        current_liabilities=_number(
            (debt.get("kortsiktigGjeld") or {}).get("sumKortsiktigGjeld")),
    )


def _next_due(facts: dict[str, Any], years: list[YearFigures]) -> dt.date | None:
    """Accounts for a year are due with the register by 31 July the year after (the
    Accounting Act's deadline): after the newest filed year, the next is due then."""
    if facts.get("organisation_form") not in {"AS", "ASA"}:
        return None  # sole traders and many others need not file accounts at all
    latest = max([y.year for y in years] + [int(facts["last_accounts_year"])
                  if str(facts.get("last_accounts_year") or "").isdigit() else 0])
    if latest == 0:
        return None
    return dt.date(latest + 2, 7, 31)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None
