"""Parties from signature pages, when no earlier reader names two parties.

Only names with a legal form count here: a signature block also prints people, titles and
dates. The one exception is the line under "For and on behalf of", which names whom the signer
signs for. Lowest confidence of all the readers.
"""

from __future__ import annotations

import re

from extraction.parties.candidate import Candidate, bare_key, name_key
from extraction.parties.names import defined_aliases, not_a_name, split_run, trim_front
from extraction.parties.words import LEGAL_END, LEGAL_WORD, NAME_RUN, NOT_NAME, ROLE_WORDS

# `pre`: the first line of a name broken over two lines. The line after it is never a "By:"
# line: "Acme Inc.\nBy: /s/ Ann Lee\nName: Ann Lee" signs for Acme, not for "/s/ Ann Lee".
_SIGNATURE_NAME = re.compile(
    r"^(?:[ \t]*(?P<pre>[A-Z][\w&.,'’() -]{2,60}?)[ \t]*\r?\n(?![ \t]*(?:By\b|/s/)))?"
    r"[ \t]*(?:By:\s*)?(?P<name>[^\n:]{3,90}?)[ \t,:]*\r?\n[ \t]*"
    r"(?:By\b|/s/|Name\s*:|Signature)",
    re.MULTILINE,
)


# "For and on behalf of\nKorea Telecom\nBy:": the signer signs for the party on the next line.
_ON_BEHALF_OF = re.compile(r"(?i:for\s+and\s+)?(?i:on\s+behalf\s+of)[ \t\xa0:]*\r?\n[ \t\xa0]*$")
# "Telekom Malaysia Berhad (128740-P)", "Telia AB (publ)": a registration number or a note on
# the form after the name.
_TRAILING_BRACKET = re.compile(r"\s*\([^()]*\)$")
# A number standing on its own is a date, a street number or a page; a digit inside a word
# belongs to a name ("edge2net Inc.").
_NUMBER = re.compile(r"/s/|(?<![A-Za-z])\d")
_NAME_CONNECTORS = frozenset({"of", "the", "and", "&", "for", "de"})


def signature_blocks(body: str) -> list[Candidate]:
    """Names with a legal form on the line above a signature ("ACME INC.\nBy: /s/ ..."), and
    any name under "For and on behalf of"."""
    found: list[Candidate] = []
    aliases: set[str] | None = None
    for m in _SIGNATURE_NAME.finditer(body):
        raw = m.group("name")
        pre = m.group("pre")
        start = m.start("name")
        # "SEATTLE SOFTWARE\nDEVELOPERS, Inc.": a name broken over two lines.
        if pre and _ON_BEHALF_OF.match(pre + "\n"):
            pre = None  # "FOR AND ON BEHALF OF\nKOREA TELECOM": whom the signer signs for
        if pre and (
            (pre.isupper() and raw[:1].isupper() and raw.split()[0].isupper()
             and not LEGAL_END.search(pre))
            or _broken_name(pre, raw)
            or _legal_form_wrapped(pre, raw)
        ):
            raw = f"{pre} {raw}"
            start = m.start("pre")
        written = re.sub(r"\s+", " ", raw).strip(" ,")
        name, _ = trim_front(written, 0)
        name = _TRAILING_BRACKET.sub("", name)
        on_behalf = _ON_BEHALF_OF.search(body, max(0, start - 40), start) is not None
        as_written = _TRAILING_BRACKET.sub("", written)
        if on_behalf and _signed_for_as_written(as_written):
            if bare_key(as_written) not in {bare_key(c.name) for c in found}:
                found.append(Candidate(as_written, start, m.end("name"), None, confidence=0.4))
            continue
        if not LEGAL_END.search(name) and on_behalf:
            if aliases is None:
                aliases = defined_aliases(body)
            known = {bare_key(c.name) for c in found}
            if _signs_for(name, aliases) and bare_key(name) not in known:
                found.append(Candidate(name, start, m.end("name"), None, confidence=0.4))
            continue
        # "SILICON SMELTERS PTY LTD ESPACIO INFORMATION TECHNOLOGY, S.A.": two columns.
        parts = [part for part, _ in split_run(name, 0)] if LEGAL_END.search(name) else [name]
        if not all(LEGAL_END.search(part) for part in parts):
            parts = [name]
        for part in parts:
            if (
                LEGAL_END.search(part)
                and not NOT_NAME.search(part)
                and len(part.split()) <= 8
                and not _NUMBER.search(part)
                and bare_key(part) not in {bare_key(c.name) for c in found}
            ):
                found.append(Candidate(part, start, m.end("name"), None, confidence=0.4))
    # A consortium signs with dozens of members (45 carriers on one cable agreement).
    return found[:60]


def _broken_name(first: str, second: str) -> bool:
    """ "D-Beta One Growth and Opportunity Fund\nOffshore, LP": a long name whose last word and
    legal form went to the next line. The first line is long and plain (a signer's name is
    shorter or has initials, a title is a title) and the second one word and a legal form."""
    words = first.split()
    bare = LEGAL_END.sub("", second.strip(" ,")).split()
    return (
        len(words) >= 4 and len(bare) == 1 and bare[0][0].isupper()
        and bool(LEGAL_END.search(second.strip(" ,")))
        and all(w[0].isupper() or w.lower() in _NAME_CONNECTORS for w in words)
        and not re.search(r"[.,:/\d]", first) and not NOT_NAME.search(first)
        and not LEGAL_END.search(first)
    )


def _legal_form_wrapped(first: str, second: str) -> bool:
    """ "VÄRDE INVESTMENT PARTNERS (OFFSHORE) MASTER,\nL.P.": the name's comma ends the line
    and its legal form stands alone on the next. A signer's or a title's line never ends in a
    comma before a bare legal form."""
    words = first.rstrip(" ,").split()
    return (
        first.rstrip().endswith(",")
        and LEGAL_WORD.match(second.strip(" ,")) is not None
        and 1 <= len(words) <= 8
        and all(w[0].isupper() or w.lower() in _NAME_CONNECTORS for w in words)
        and not LEGAL_END.search(first.rstrip(" ,"))
        and not NOT_NAME.search(first)
    )


# "Layer 2 Communications Group Ltd.": a number among the words of a name.
_WRITTEN_WORD = re.compile(r"[A-Z0-9][\w&.,'’-]*|(?:of|the|and|&|for|de)")
# "Taiwan Fixed Network Co., Ltd. Preparatory Office": a company still being formed (Taiwan's
# and China's preparatory office) signs by the name it will have and what it is until then.
_BEING_FORMED = re.compile(r"(?:,?\s+(?i:Preparatory\s+Office)|\s+\((?i:in\s+formation)\))$")


def _signed_for_as_written(line: str) -> bool:
    """The line under "For and on behalf of" with a legal form in it is the whole name of whom
    the signer signs for, as written: nothing on it is a signer's name, title or date."""
    named = _BEING_FORMED.sub("", line)
    words = named.split()
    return (
        bool(LEGAL_END.search(named))
        and len(words) <= 10
        and words[0][0].isupper()
        and all(_WRITTEN_WORD.fullmatch(w) for w in words)
        and not re.search(r"/s/|\d{4}|^\d", named)
        and not NOT_NAME.search(named)
        and not LEGAL_WORD.match(words[0])
    )


def _signs_for(name: str, aliases: set[str]) -> bool:
    """A name without legal form under "For and on behalf of": capitalised words, not the
    contract's alias or a role ("the Licensor") and not a heading or title."""
    words = name.split()
    bare = name_key(name).removeprefix("the ")
    return (
        1 < len(words) <= 8
        and words[0][0].isupper()
        and all(w[0].isupper() or w.lower() in _NAME_CONNECTORS for w in words)
        and not (NOT_NAME.search(name) or _NUMBER.search(name) or not_a_name(name))
        and bare not in aliases
        and bare not in ROLE_WORDS
    )


_FILING_STAMP = re.compile(r"Source\s*:\s*$")


def tail_names(body: str) -> list[Candidate]:
    """Last resort: names with a legal form near the end (signature pages without "By:")."""
    found: list[Candidate] = []
    # 'Natalija Tunevic Company' where the contract calls a party "Company": a signer and
    # the alias her company is called by.
    alias_company = "company" in defined_aliases(body)
    for m in NAME_RUN.finditer(body, max(0, len(body) - 4000)):
        if _FILING_STAMP.search(body, max(0, m.start() - 12), m.start()):
            continue  # "Source: SOUPMAN, INC., 8-K, 8/14/2015": who filed it, not who signed
        name = re.sub(r"\s+", " ", m.group(0).strip())
        # "Rush Work. Company": a sentence's end inside the run.
        name = split_run(name, 0)[-1][0] if ". " in name else name
        if (
            LEGAL_END.search(name)
            and not LEGAL_WORD.match(name)
            and not NOT_NAME.search(name)
            and not not_a_name(name)
            and not (alias_company and re.search(r"\s(?i:company)$", name))
            and len(name.split()) <= 8
            and name_key(name) not in {name_key(c.name) for c in found}
        ):
            found.append(Candidate(name, m.start(), m.end(), None, confidence=0.3))
    return found[:4]
