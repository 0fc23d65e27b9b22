"""Signatures made electronically, dated by the signing service on each signer's line.

Norwegian contracts are often signed with BankID through a signing service, and the
signature page then lists each signer with the time the service recorded ("– signert med
BankID 03.12.2024 kl. 07:52", "Signert elektronisk via Verified 3. desember 2024"). The
agreement is made when the last signer signs.
"""

from __future__ import annotations

import re

from extraction.date_clauses import lead_before
from extraction.dates_parse import DateMatch

_I = re.IGNORECASE

_SERVICE = r"(?:bank\s?id|buypass|commfides|e-?signatur|verified|signicat|scrive|penneo|docusign)"
# "signert med BankID", "elektronisk signert via Penneo", "BankID-signert", "e-signert".
_SIGNED_ELECTRONICALLY = re.compile(
    r"(?:\b(?:elektronisk\s+)?(?:signert|undertegnet)(?:\s+elektronisk)?\s+(?:med|via|gjennom)\s+"
    rf"{_SERVICE}|\b{_SERVICE}-signert|\be-signert|\belektronisk\s+signert)"
    r"[\s,:]*(?:(?:den|dato)[\s:]*)?$",
    _I,
)


# "Dokumentet er signert med BankID via Posten signering", "Signeringshistorikk": the service's
# record of who signed when follows.
_SIGNING_RECORD = re.compile(
    rf"\b(?:(?:elektronisk\s+)?(?:signert|undertegnet)(?:\s+elektronisk)?\s+(?:med|via|gjennom)"
    rf"\s+{_SERVICE}|signert\s+elektronisk|signeringshistorikk|signeringslogg)",
    _I,
)
# "28.04.2025 16:40", "2025-11-24 15:32", "03.12.2024 kl. 07:52": the service stamps the time.
_CLOCK_TIME = re.compile(r"[ \t,]*(?:kl\.?\s*)?\d{1,2}[:.]\d{2}\b", _I)
# How far past the statement that the contract was signed electronically its record may run.
_RECORD_SPAN = 600


def electronically_signed(body: str, dates: list[DateMatch]) -> list[DateMatch]:
    """The dates a signing service recorded on the signers' lines, or stamped with the time
    of day in the signing record that follows a statement of electronic signing."""
    return [d for d in dates if _SIGNED_ELECTRONICALLY.search(lead_before(body, d, 60))
            or stamped_in_signing_record(body, d)]


def stamped_in_signing_record(body: str, date: DateMatch) -> bool:
    """Whether a signing service stamped `date`, with its time of day, in its record."""
    if _CLOCK_TIME.match(body, date.end) is None:
        return False
    return _SIGNING_RECORD.search(lead_before(body, date, _RECORD_SPAN)) is not None


def last_in_signing_record(body: str, dates: list[DateMatch], first: DateMatch) -> DateMatch:
    """The latest signature of the record `first` opens ("Signert 2025-03-03 14:22",
    "Signert 2025-03-05 09:07" on the next signer's line), else `first`."""
    record = [d for d in dates if first.start <= d.start < first.end + _RECORD_SPAN
              and stamped_in_signing_record(body, d)]
    return max(record, key=lambda d: d.date, default=first)
