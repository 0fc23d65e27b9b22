"""Parties named in a preamble ("by and between X ... and Y", "Mellom X ... og Y").

"... by and between X, a Delaware corporation ("Licensor"), and Y ...";
"Mellom X (org.nr ...) heretter kalt Kunden og Y".

Finds the preambles, collects the capitalised runs in each (and a trained model's ORG / PERSON
entities, when one is configured) and keeps the names `extraction.parties.names` accepts.
"""

from __future__ import annotations

import re

from extraction import nlp
from extraction.model import Language
from extraction.parties.candidate import Candidate, name_key, role_of
from extraction.parties.names import ALIAS_AFTER, accept_name, defined_aliases, split_run
from extraction.parties.words import (
    LEGAL_END,
    LEGAL_FORM,
    MODEL_PARTY_LABELS,
    NAME_RUN,
    NOT_NAME,
    PUBLIC_BODY_NOUN,
    partners_name_end,
    public_body_name,
)

_I = re.IGNORECASE


_PREAMBLE_START = re.compile(
    r"\b(?:by\s+and\s+between|by\s+and\s+among|between|among|mellom"
    r"|(?<![^\n])[ \t]*(?:Partene|PARTENE|Parter|PARTER)(?=[ \t]*(?::|\r?\n))"
    r"|(?:entered\s+into|made|executed|concluded)(?:\s+(?:and\s+)?[\w,]+){0,8}?\s+by(?!\s+and)"
    r")\b\s*:?",
    _I,
)
_PREAMBLE_END = re.compile(
    r"\b(?:WHEREAS|RECITALS?|W\s*I\s*T\s*N\s*E\s*S\s*S\s*E\s*T\s*H|WITNESSETH|BACKGROUND"
    r"|PREAMBLE|NOW,?\s+THEREFORE|agree\s+as\s+follows|(?:hereby\s+)?agree\s+that"
    r"|In\s+consideration\s+of|Introduction|INTRODUCTION|Definitions|DEFINITIONS"
    r"|Avtalens\s+(?:formål|gjenstand|omfang)|Bakgrunn|Formål"
    # "..., as an amendment to that certain Agreement dated ... by and among Autoliv ...":
    # the parties of another agreement.
    r"|that\s+certain|(?:as\s+)?an?\s+amendment\s+to|amending)\b"
)
# How far after the first preamble that names anyone another may still be the opening clause
# (a cover line "ACME INC. and the Trust Advisors" before the real preamble).
_OPENING_REACH = 2500
_NB_NAME_END = re.compile(
    r",|\(|\n|;|\s+org\.?\s*(?:nr|nummer)|\s+organisasjonsnummer|\s+heretter|\s+hereinafter"
    r"|\s+og\s+|\s+\bv/|\s+adresse|\s+på\s+vegne\s+av\b|\s+(?:om|er|med)\s"
    r"|(?<!\b[A-ZÆØÅ])\.(?:\s|$)",
    _I,
)


def preamble_names(body: str, language: Language, model: str | None) -> list[list[Candidate]]:
    """Candidate party lists, best first: the first preamble naming two or more parties, then
    the one naming most, then the top of the document (preambles without "between")."""
    lists: list[list[Candidate]] = []
    opening_end: int | None = None
    for m in _PREAMBLE_START.finditer(body[:30000]):
        if opening_end is not None and m.start() > opening_end + _OPENING_REACH:
            break  # "... executed by Delaware Trust Company": the body, not the opening clause
        end_match = _PREAMBLE_END.search(body, m.end(), m.end() + 4000)
        end = end_match.start() if end_match else min(len(body), m.end() + 2500)
        names = _names_in(body, m.end(), end, language, model)
        lists.append(names)
        if names and opening_end is None:
            opening_end = end
        if len(lists) >= 8:
            break
    top_end = _PREAMBLE_END.search(body, 0, 3000)
    top_stop = top_end.start() if top_end else min(len(body), 1500)
    top = _names_in(body, 0, top_stop, language, model, top=True)
    in_order = [top, *lists]
    if top_end is not None and not any(in_order):
        in_order.append(_opening_recital_names(body, top_end, language, model))
    two = [names for names in in_order if len(names) >= 2]
    return two[:1] or sorted(in_order, key=len, reverse=True)[:1]


# 'each a "Party" together, "Parties"': the sentence that defines the parties.
_DEFINES_PARTIES = re.compile(r"[\"“]\s*Part(?:y|ies)\s*[\"”]")


def _opening_recital_names(
    body: str, recital: re.Match[str], language: Language, model: str | None
) -> list[Candidate]:
    """ "WHEREAS HEMISPHERX is a biopharmaceutical company ... ("HEMISPHERX") and Scientific
    Products Pharmaceutical Co. LTD is a pharmaceutical company ... ("SCIEN"), each a "Party"":
    a contract without a preamble introduces its parties in the first recital. Only a recital
    that defines the Parties is read: the others describe what the parties want."""
    if not recital.group(0).upper().startswith("WHEREAS"):
        return []
    following = _PREAMBLE_END.search(body, recital.end(), recital.end() + 2000)
    end = following.start() if following else min(len(body), recital.end() + 1000)
    if not _DEFINES_PARTIES.search(body, recital.end(), end):
        return []
    return _names_in(body, recital.end(), end, language, model)


def _names_in(
    body: str, start: int, end: int, language: Language, model: str | None, top: bool = False
) -> list[Candidate]:
    norwegian_style = [] if top else _norwegian_names(body, start, end)
    if norwegian_style:
        return norwegian_style
    segment = body[start:end]
    aliases = {name_key(a) for a in re.findall(r"[\"“«]([^\"“”»]{1,60})[\"”»]", segment)}
    aliases |= defined_aliases(body)
    found: list[Candidate] = []
    for m in NAME_RUN.finditer(segment):
        for name, offset in split_run(m.group(0), m.start()):
            candidate = accept_name(body, start, start + offset, name, aliases)
            if candidate is not None and name_key(candidate.name) not in {
                name_key(c.name) for c in found
            }:
                found.append(candidate)
    for m in _PUBLIC_BODY_LINE.finditer(segment):
        # Its lower-case words break a run of capitalised words: the line is read whole.
        candidate = accept_name(body, start, start + m.start("name"), m.group("name"), aliases)
        if candidate is not None and not _covered(candidate, found):
            found.append(candidate)
    for m in _SCHEDULE_PARTY.finditer(segment):
        # "... and the Trust Advisors to the Seller Trusts listed on Schedule A hereto (the
        # "Trust Advisors")": parties named only on a schedule, by the description they have.
        at = start + m.start("name")
        after = body[start + m.end() : start + m.end() + 200]
        alias = ALIAS_AFTER.match(after)
        name = re.sub(r"\s+", " ", m.group("name"))
        if alias and not _covered(Candidate(name, at, start + m.end("name")), found):
            found.append(Candidate(name, at, start + m.end("name"), role_of(alias.group("alias")),
                                   confidence=0.6))
    found.sort(key=lambda c: c.start)
    if model:
        # A trained model's names ("Prolong Super Lubricants", "Alan Crane"), through the
        # same rules, in order of appearance among the rule-found ones.
        for ent in nlp.entities(segment, language, model):
            if ent.source != "model" or ent.label not in MODEL_PARTY_LABELS:
                continue
            candidate = accept_name(body, start, start + ent.start, ent.text, aliases)
            if candidate is not None and not _covered(candidate, found):
                found.append(candidate)
        found.sort(key=lambda c: c.start)
    return found


# "Statens vegvesen\nOrg.nr. 971 032 081": a public body on a line of its own, as a party
# block at the top of a contract without "mellom" prints it.
_PUBLIC_BODY_LINE = re.compile(
    rf"^[ \t\xa0]*(?P<name>{PUBLIC_BODY_NOUN}[ \t\xa0][^\r\n,;()]{{1,80}}?)[ \t\xa0]*(?=,|\r?\n)",
    re.MULTILINE,
)
_SCHEDULE_PARTY = re.compile(
    r"(?:\band|,)\s+(?:the\s+|each\s+of\s+the\s+)?"
    r"(?P<name>[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of|to|the|and|for|&)){0,8}?"
    r"\s+[A-Z][\w'’&-]*)"
    r"\s+(?:listed|identified|named|set\s+forth|described)\s+(?:on|in)\s+(?:the\s+)?"
    r"(?:Schedule|Exhibit|Annex|Appendix|Attachment)\s+[\w.]+(?:\s+(?:attached\s+)?hereto)?"
)


def _covered(candidate: Candidate, found: list[Candidate]) -> bool:
    """The same name, or one overlapping a name found already."""
    key = name_key(candidate.name)
    return any(
        name_key(c.name) == key or (c.start < candidate.end and candidate.start < c.end)
        for c in found
    )


_NB_ITEM_START = re.compile(r"[\s:]*(?:(?:og|and)\s+)?[\s:]*(?:\(?\d{1,2}[.)]\s*)?")
# Where the next party starts: "og" after a comma, a bracket or a line end ("and" too:
# Norwegian contracts written in English, "between X, org.nr. ..., and Y") ...
_NB_NEXT_PARTY = re.compile(r"(?:^|\n|,|(?<=\)))[ \t\xa0]*(?:og|and)\b")
# ... or, under "Partene:", the next item of a numbered list ("Partene:\n1. X ...\n2. Y").
# After "mellom X og Y" numbered items are the clauses that follow ("1. Varighet").
_NB_NEXT_LISTED = re.compile(
    rf"{_NB_NEXT_PARTY.pattern}|\n[ \t\xa0]*\(?(?P<number>\d{{1,2}})[.)][ \t\xa0]+(?=[A-ZÆØÅ])"
)
_NB_FIRST_LISTED = re.compile(r"\s*\(?1[.)][ \t\xa0]+(?=[A-ZÆØÅ])")
# The role a party is given: "heretter kalt Kunden", "(Oppdragsgiver)", "(«Leverandøren»)".
_NB_ROLE = re.compile(
    r"heretter\s+(?:kalt|omtalt\s+som|benevnt)?\s*[«\"“]?(\w+)"
    r"|[(«\"“]\s*[«\"“]?(\w+)[»\"”]?\s*(?:[)»\"”]|$)",
    _I,
)


# The rest of a name on the next line: capitalised words ending in the legal form.
_NAME_WRAPS = re.compile(
    rf"[ \t\xa0]*(?:[A-ZÆØÅ][\w&'.-]*[ \t\xa0]+){{0,3}}{LEGAL_FORM}"
    r"(?=[ \t\xa0]*(?:,|\(|\n|$)|[ \t\xa0]+(?i:org|heretter))")


# "og" followed by a lower-case word ("og beredskap", "vassdrags- og energidirektorat").
_AND_LOWER = re.compile(r"\s+og\s+")


def _public_body_end(
    body: str, pos: int, name_end: int, stop: re.Match[str] | None, end: int
) -> int:
    """ "Direktoratet for samfunnssikkerhet og beredskap, org.nr. ...": "og" before a
    lower-case word joins the words of a public body's name; the next party is capitalised."""
    while (
        stop is not None
        and _AND_LOWER.fullmatch(stop.group(0))
        and body[stop.end() : stop.end() + 1].islower()
        and public_body_name(body[pos:name_end].strip())
    ):
        stop = _NB_NAME_END.search(body, stop.end(), end)
        name_end = stop.start() if stop else end
    return name_end


def _norwegian_names(body: str, start: int, end: int) -> list[Candidate]:
    """ "Mellom X, org.nr. ..., heretter kalt Kunden, og Y ...", "Mellom X (Oppdragsgiver) og
    Y (Oppdragstaker)", "Partene:\n1. X, org.nr. ... (Leverandøren)\n2. Y ..." and the same
    one name a line."""
    opened = re.search(r"(?:mellom|partene|parter)[\s:]*$", body[max(0, start - 12) : start], _I)
    # "inngått ... mellom:\n1) X ...\n2) Y": a colon and a first numbered item open a list
    # of the parties, as "Partene:" does.
    listed = opened is not None and (
        opened.group(0).lower().startswith("part")
        or (":" in opened.group(0) and _NB_FIRST_LISTED.match(body, start) is not None)
    )
    next_party_at = _NB_NEXT_LISTED if listed else _NB_NEXT_PARTY
    if not opened and not re.search(
        r"\bheretter\b|org\.?\s*nr|organisasjonsnummer", body[start:end], _I
    ):
        return []
    found: list[Candidate] = []
    pos = start
    while pos < end and len(found) < 6:
        m = _NB_ITEM_START.match(body, pos)
        pos = m.end() if m else pos
        stop = _NB_NAME_END.search(body, pos, end)
        name_end = stop.start() if stop else end
        if stop is not None and stop.group(0) == ",":
            name_end = partners_name_end(body[:end], name_end, body[pos:name_end]) or name_end
        name_end = _public_body_end(body, pos, name_end, stop, end)
        name = body[pos:name_end].strip()
        if stop is not None and stop.group(0) == "\n" and name and not LEGAL_END.search(name):
            # "og Finnmark\nTurbuss AS, NO 969 007 207 MVA": the name wraps at the line end.
            wrapped = _NAME_WRAPS.match(body, stop.end(), end)
            if wrapped is not None:
                name_end = wrapped.end()
                name = " ".join(body[pos:name_end].split())
        if not name or not name[0].isupper() or len(name.split()) > 8 or NOT_NAME.search(name):
            break
        after = body[name_end : min(end, name_end + 300)]
        next_party = next_party_at.search(after)
        chunk = after[: next_party.start()] if next_party else after
        role = None
        for said in _NB_ROLE.finditer(chunk):
            role = role_of(said.group(1) or said.group(2))
            if role:
                break
        found.append(Candidate(name, pos, name_end, role, confidence=0.85))
        if not next_party:
            break
        number = next_party.groupdict().get("number")
        if number is not None and int(number) != len(found) + 1:
            break  # "1. Varighet" after "2. Y": the numbering of the clauses starts
        pos = name_end + next_party.end()
    return found
