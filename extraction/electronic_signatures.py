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


def electronically_signed(body: str, dates: list[DateMatch]) -> list[DateMatch]:
    """The dates a signing service recorded on the signers' lines."""
    return [d for d in dates if _SIGNED_ELECTRONICALLY.search(lead_before(body, d, 60))]
