"""The port every company register adapter implements."""

from __future__ import annotations

from typing import Protocol

from suppliers.risk.figures import RegisterAnswer


class RegisterUnavailableError(RuntimeError):
    """The register did not answer usefully (down, throttled, malformed): try again later.
    `retry_after` is the register's own hint in seconds, when it gave one."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class CompanyNotFoundError(LookupError):
    """The register does not know the identifier: trying again will not help."""


class CompanyRegister(Protocol):
    """A company register (Brønnøysund, Companies House).

    Contract: `lookup(identifier)` returns what the register says now, key figures newest
    year first and status flags by their names in `figures.STATUS_FLAGS`; raises
    `CompanyNotFoundError` for an unknown identifier and `RegisterUnavailableError` for
    anything passing (timeouts, 429, 5xx, a body not in the documented shape). It makes no
    database writes and keeps no state between calls."""

    name: str
    # The country whose companies it registers (ISO 3166-1 alpha-2): the suppliers a refresh
    # asks it about.
    country: str

    def lookup(self, identifier: str) -> RegisterAnswer: ...
