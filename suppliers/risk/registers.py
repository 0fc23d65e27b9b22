"""The company registers this installation asks, built from the settings."""

from __future__ import annotations

from typing import Protocol

from core.settings import Settings
from suppliers.risk.brreg import Brreg
from suppliers.risk.companies_house import CompaniesHouse
from suppliers.risk.port import CompanyRegister


class ClosableRegister(CompanyRegister, Protocol):
    def close(self) -> None: ...


def registers_from_settings(settings: Settings) -> list[ClosableRegister]:
    """Brønnøysund always (its API is open); Companies House only with an API key, which
    it requires of every caller."""
    registers: list[ClosableRegister] = [Brreg(settings.brreg_base_url)]
    if settings.companies_house_api_key:
        registers.append(CompaniesHouse(settings.companies_house_api_key,
                                        settings.companies_house_base_url))
    return registers
