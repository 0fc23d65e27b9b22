"""The Companies House adapter against a loopback server answering in the documented format:
a company in liquidation with overdue accounts is high risk; the API key goes as Basic auth."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

import pytest
from fastapi import FastAPI, Request, Response
from loopback import live_server

from suppliers.risk.companies_house import CompaniesHouse
from suppliers.risk.indicators import assess
from suppliers.risk.port import CompanyNotFoundError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "companies_house"


def test_liquidation_and_overdue_accounts_are_flags() -> None:
    app = FastAPI()
    keys: list[str] = []

    @app.get("/company/{number}")
    def profile(number: str, request: Request) -> Response:
        keys.append(request.headers.get("authorization", ""))
        path = FIXTURES / f"company_{number}.json"
        if not path.exists():
            return Response('{"errors":[{"error":"company-profile-not-found"}]}',
                            status_code=404, media_type="application/json")
        return Response(path.read_bytes(), media_type="application/json")

    with live_server(app) as (host, port):
        register = CompaniesHouse("test-key", f"http://{host}:{port}")
        try:
            answer = register.lookup("09876543")
            with pytest.raises(CompanyNotFoundError):
                register.lookup("00000001")
        finally:
            register.close()
    assert keys[0] == "Basic " + base64.b64encode(b"test-key:").decode()
    assert answer.name == "NORTHERN FACILITIES LIMITED"
    assert answer.status_flags == ("winding_up", "insolvency", "accounts_overdue")
    assessment = assess(answer, dt.date(2026, 12, 2))
    late = next(i for i in assessment.indicators if i.name == "accounts not filed on time")
    assert late.value is True and late.formula == "accounts due by 2025-09-30"
    assert assessment.level == "high"
