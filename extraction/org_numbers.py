"""Organisation numbers: Norwegian org.nr (MOD11), UK company numbers and US EINs.

A Norwegian organisation number has nine digits, the last a MOD11 check digit over the first
eight with weights 3, 2, 7, 6, 5, 4, 3, 2 (Brønnøysundregistrene). A number that fails the
check is a typo or not an org number, so it is never reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

OrgNumberKind = Literal["no", "uk", "ein"]

_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def norwegian_check_digit(first_eight: str) -> int | None:
    """The MOD11 check digit for eight digits; None when no valid number has them (rest 1)."""
    total = sum(int(d) * w for d, w in zip(first_eight, _WEIGHTS, strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def is_valid_norwegian_org_number(value: str) -> bool:
    digits = re.sub(r"[\s.\-]", "", value)
    if not re.fullmatch(r"\d{9}", digits):
        return False
    return norwegian_check_digit(digits[:8]) == int(digits[8])


@dataclass(frozen=True)
class OrgNumber:
    kind: OrgNumberKind
    value: str  # normalised: nine digits, UK registry form, or EIN as 12-3456789
    start: int
    end: int


_NORWEGIAN_LABEL = (
    r"(?:org(?:anisasjons)?\.?\s*(?:nr|nummer|no)\.?|organisasjonsnummer|org\.?\s*number"
    r"|organi[sz]ation\s+(?:number|no\.?)|foretaks(?:nummer|nr\.?)|foretaksregisteret"
    # The VAT number is the org number with "MVA" after it: "MVA-nr. 923609016".
    r"|mva[\s.-]*(?:nr|nummer)\.?)"
)
_NORWEGIAN = re.compile(
    rf"(?:\b{_NORWEGIAN_LABEL}\s*[:.]?\s*(?:NO[\s-]*)?|\bNO[\s-]*)"
    r"(?P<number>\d{3}[\s.]?\d{3}[\s.]?\d{3})(?:\s*MVA)?\b",
    re.IGNORECASE,
)
_UK = re.compile(
    r"\b(?:company|registered|registration)\s+(?:number|no\.?|nr\.?)\s*[:.]?\s*"
    r"(?P<number>[A-Z]{2}\d{6}|\d{3}\s?\d{3}\s?\d{3}|\d{6,8})\b",
    re.IGNORECASE,
)
_EIN = re.compile(
    r"\b(?:EIN|employer\s+identification\s+(?:number|no\.?)|federal\s+tax\s+(?:id|identification)"
    r"(?:\s+(?:number|no\.?))?|tax\s+id(?:entification)?(?:\s+(?:number|no\.?))?|FEIN|TIN)"
    r"\s*[:.#]?\s*(?:is\s+)?(?P<number>\d{2}-\d{7})\b",
    re.IGNORECASE,
)


def find_org_numbers(text: str, start: int = 0, end: int | None = None) -> list[OrgNumber]:
    """Every valid org number in text[start:end], in order of appearance."""
    stop = len(text) if end is None else end
    found: list[OrgNumber] = []
    for m in _NORWEGIAN.finditer(text, start, stop):
        digits = re.sub(r"\D", "", m.group("number"))
        if is_valid_norwegian_org_number(digits):
            found.append(OrgNumber("no", digits, m.start(), m.end()))
    for m in _UK.finditer(text, start, stop):
        number = re.sub(r"\s", "", m.group("number")).upper()
        if len(number) == 9:
            # Nine digits is a Norwegian number written as "registration no."
            if is_valid_norwegian_org_number(number) and not any(
                n.value == number for n in found
            ):
                found.append(OrgNumber("no", number, m.start(), m.end()))
            continue
        found.append(OrgNumber("uk", number.zfill(8), m.start(), m.end()))
    for m in _EIN.finditer(text, start, stop):
        found.append(OrgNumber("ein", m.group("number"), m.start(), m.end()))
    found.sort(key=lambda n: n.start)
    return found
