"""UK Companies House: company status, insolvency history and overdue accounts from the
public data API's company profile (`GET {base}/company/{company_number}`, HTTP Basic with
the API key as user name). Key figures are not in that JSON (accounts are filed as iXBRL
documents), so this adapter gives flags and the accounts deadline only."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import httpx

from suppliers.risk.figures import RegisterAnswer
from suppliers.risk.port import CompanyNotFoundError, RegisterUnavailableError

DEFAULT_BASE_URL = "https://api.company-information.service.gov.uk"
_STATUS_FLAGS = {
    "liquidation": "winding_up",
    "administration": "insolvency",
    "receivership": "insolvency",
    "voluntary-arrangement": "insolvency",
    "insolvency-proceedings": "insolvency",
    "dissolved": "dissolved",
    "converted-closed": "dissolved",
    "removed": "deleted",
}


class CompaniesHouse:
    name = "companies_house"
    country = "GB"

    def __init__(self, api_key: str, base_url: str = DEFAULT_BASE_URL,
                 timeout: float = 10.0) -> None:
        self._client = httpx.Client(base_url=base_url.rstrip("/"), timeout=timeout,
                                    auth=(api_key, ""))

    def close(self) -> None:
        self._client.close()

    def lookup(self, identifier: str) -> RegisterAnswer:
        number = re.sub(r"\s", "", identifier).upper()
        if not re.fullmatch(r"[A-Z0-9]{8}", number):
            raise CompanyNotFoundError(f"{identifier!r} is not a UK company number")
        try:
            response = self._client.get(f"/company/{number}")
        except httpx.HTTPError as error:
            raise RegisterUnavailableError(f"Companies House unreachable: {error}") from error
        if response.status_code == 404:
            raise CompanyNotFoundError(f"Companies House does not know {number}")
        if response.status_code != 200:
            retry = response.headers.get("Retry-After", "")
            raise RegisterUnavailableError(f"Companies House answered {response.status_code}",
                                           float(retry) if retry.isdigit() else None)
        try:
            return _answer(number, response.json())
        except (KeyError, TypeError, ValueError) as error:
            raise RegisterUnavailableError(
                f"Companies House answered in an unexpected shape: {error}") from error


def _answer(number: str, profile: dict[str, Any]) -> RegisterAnswer:
    status = str(profile.get("company_status") or "")
    flags = [_STATUS_FLAGS[status]] if status in _STATUS_FLAGS else []
    if profile.get("has_insolvency_history") and "insolvency" not in flags:
        flags.append("insolvency")
    accounts = profile.get("accounts") or {}
    if accounts.get("overdue"):
        flags.append("accounts_overdue")
    next_due = accounts.get("next_due")
    return RegisterAnswer(
        identifier=number, name=str(profile["company_name"]), status_flags=tuple(flags),
        facts={"company_status": status, "type": profile.get("type"),
               "has_insolvency_history": bool(profile.get("has_insolvency_history")),
               "last_accounts_made_up_to": (accounts.get("last_accounts") or {})
               .get("made_up_to")},
        accounts=(),
        next_accounts_due=dt.date.fromisoformat(next_due) if next_due else None)
