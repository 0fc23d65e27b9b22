"""Roles given to parties after the reader that found them: the defined term that follows a
party's name, even past its description ("Paratek Pharmaceuticals, Inc., a company having a
place of business at ... ("Customer")") and past another alias ('("E-Path FX", "Licensor")').

Readers only look right after a name; this looks as far as the party's own clause goes, which
ends at the next party ("), and ...", a line "AND:") so no party takes another's role.
"""

from __future__ import annotations

import re

from extraction.parties.candidate import Candidate, role_of

_REACH = 400
_QUOTED = re.compile(r"[\"“«]([^\"“”»\n]{1,40})[\"”»]")
# The party's own defined terms: the first bracket that quotes any ('("Company")' is
# Kiromic's, and the "Consultant" after it someone else's).
_ALIASES = re.compile(r"\(([^()]*[\"“«][^()]*)\)")
_CALLED = re.compile(
    r"\b(?:heretter\s+(?:kalt|omtalt\s+som|benevnt)|hereinafter\s+(?:referred\s+to\s+as|called))"
    r"\s*(?:the\s+)?[«\"“]?([\wæøåÆØÅ]+)",
    re.IGNORECASE,
)
# Where the next party's clause starts.
_NEXT_PARTY = re.compile(
    r"\)\s*[,;]?\s*(?:and|AND|And|og|OG|Og)\b|^[ \t]*(?:AND|And|and|OG|Og|og)[ \t]*:?[ \t]*$"
    r"|;\s*(?:and\s+)?$",
    re.MULTILINE,
)


def attach_roles(body: str, found: list[Candidate]) -> None:
    """Give each candidate without a role the first role word among the defined terms its
    clause gives it."""
    ordered = sorted(found, key=lambda c: c.start)
    for index, candidate in enumerate(ordered):
        if candidate.role is not None:
            continue
        limit = candidate.end + _REACH
        if index + 1 < len(ordered):
            limit = min(limit, ordered[index + 1].start)
        clause = body[candidate.end : max(candidate.end, limit)]
        stop = _NEXT_PARTY.search(clause)
        if stop:
            clause = clause[: stop.start() + 1]
        aliases = _ALIASES.search(clause)
        if aliases is None:
            # "X, org.nr. ..., heretter kalt Kunden": an alias in words, without quotes.
            called = _CALLED.search(clause)
            if called is not None:
                candidate.role = role_of(called.group(1))
            continue
        for term in _QUOTED.finditer(aliases.group(1)):
            role = role_of(term.group(1))
            if role is not None:
                candidate.role = role
                break
