"""Loopback company registers answering in their documented formats from the fixtures in
tests/fixtures: Brønnøysund (entity and accounts) and Companies House (company profile).

A test can make a register fail (`down`) or answer differently for a while (`answers`,
file name -> JSON), e.g. a supplier that is healthy on one refresh and bankrupt the next.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Response

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture(register: str, name: str) -> Any:
    return json.loads((FIXTURES / register / name).read_text(encoding="utf-8"))


class _Served:
    def __init__(self, folder: str) -> None:
        self.folder = FIXTURES / folder
        self.down = False
        self.answers: dict[str, Any] = {}
        self.requests: list[str] = []
        self.app = FastAPI()

    def _serve(self, name: str) -> Response:
        self.requests.append(name)
        if self.down:
            return Response(status_code=503, headers={"Retry-After": "3600"})
        if name in self.answers:
            return Response(json.dumps(self.answers[name]), media_type="application/json")
        path = self.folder / name
        if not path.exists():
            return Response(json.dumps({"status": 404}), status_code=404,
                            media_type="application/json")
        return Response(path.read_bytes(), media_type="application/json")


class BrregServer(_Served):
    """A loopback Brønnøysund: serves the fixture files, or fails while `down` is set."""

    def __init__(self) -> None:
        super().__init__("brreg")

        @self.app.get("/enhetsregisteret/api/enheter/{orgnr}")
        def entity(orgnr: str) -> Response:
            return self._serve(f"enheter_{orgnr}.json")

        @self.app.get("/regnskapsregisteret/regnskap/{orgnr}")
        def accounts(orgnr: str) -> Response:
            return self._serve(f"regnskap_{orgnr}.json")


class CompaniesHouseServer(_Served):
    """A loopback Companies House: the company profiles in the fixtures."""

    def __init__(self) -> None:
        super().__init__("companies_house")

        @self.app.get("/company/{number}")
        def profile(number: str) -> Response:
            return self._serve(f"company_{number}.json")
