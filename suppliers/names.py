"""Supplier names as compared: the same firm written two ways compares equal."""

from __future__ import annotations

import re
import unicodedata

_LEGAL_FORMS = re.compile(
    r"\b(inc|incorporated|llc|l\.l\.c|ltd|limited|corp|corporation|co|company|plc|gmbh|"
    r"ab|as|asa|sa|ag|bv|nv|lp|l\.p|llp|ans|da|sf|ks)\b\.?",
    re.IGNORECASE,
)


def normalise_name(name: str) -> str:
    """"Acme Holdings, Inc." and "ACME HOLDINGS INC" normalise alike."""
    text = unicodedata.normalize("NFKC", name).lower()
    text = _LEGAL_FORMS.sub(" ", text)
    text = re.sub(r"[^\w]+", " ", text)
    return " ".join(text.split())
