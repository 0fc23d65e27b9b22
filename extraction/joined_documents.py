"""Where a filing that joins several documents starts its second one.

An exhibit often carries a first amendment, signed, and then the next amendment on a page of its
own ("AMENDMENT NO. 2 TO ..." followed by its recitals), signed later. The signing date is that
of the first document: the later one's signature dates are not this contract's.
"""

from __future__ import annotations

import re

from extraction.text import PAGE_SEPARATOR, ContractText

# Lines a page may open with before its own text: filing stamps, confidentiality notes, numbers.
_PAGE_NOISE = re.compile(
    r"(?:[ \t\xa0]*(?:source:[^\n]*|\*[^\n]*|confidential[^\n]*|\[\*+\][^\n]*|page\s+\d+[^\n]*"
    r"|-?\s*\d{1,3}\s*-?|exhibit[ \t\xa0]+[\w.()-]+)?[ \t\xa0\r]*\n)*",
    re.IGNORECASE,
)
# A title in capitals that names an agreement: "AMENDMENTS TO COMMERCIAL LICENSE AGREEMENT".
_TITLE_WORD = re.compile(r"\b(?:AGREEMENT|AMENDMENTS?|ADDENDUM|CONTRACT)\b")
_CAPITALS_LINE = re.compile(r"[ \t\xa0]*[A-Z0-9][^a-z\n]{2,100}\n")

# The new document opens like a contract: recitals or a preamble of its own.
_OPENING = re.compile(
    r"[ \t\xa0\r\n]*(?:WHEREAS\b|RECITALS\b|(?i:this)\s+(?:[\w-]+\s+){0,8}?"
    r"(?i:agreement|amendment|addendum)\b[^.]{0,200}?\b(?i:made|entered|executed))"
)
_SIGNATURE = re.compile(r"/s/|\\s\\|\bBy\s*:|\bSignature\b", re.IGNORECASE)


def second_document_at(text: ContractText) -> int | None:
    """Where the second document starts: a page opening with an agreement's title and its
    recitals or preamble, right after a page that closes with signatures, in a filing that
    opens the same way. None for a filing of one document, and for one that opens with
    something else (a cover letter before the agreement it sends is not the contract)."""
    body = text.text
    if not text.pages or not _opens_document(text.pages[0]):
        return None
    start = 0
    for index, page in enumerate(text.pages):
        if index > 0 and _opens_document(page) and _SIGNATURE.search(
                body, max(0, start - 1500), start):
            return start
        start += len(page) + len(PAGE_SEPARATOR)
    return None


def _opens_document(page: str) -> bool:
    noise = _PAGE_NOISE.match(page)
    at = noise.end() if noise is not None else 0
    title = ""
    # A title may be broken over a few lines: "... LICENSE AGREEMENT AND DEVELOPMENT / AGREEMENT".
    while len(title) < 300 and (line := _CAPITALS_LINE.match(page, at)) is not None:
        title += line.group(0)
        at = line.end()
    return _TITLE_WORD.search(title) is not None and _OPENING.match(page, at) is not None
