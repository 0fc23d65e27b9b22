"""When a contract was signed: the preamble's date, "This Agreement is dated", the signatures.

Read from the words around each calendar date (date_clauses); the effective and end date rules
(dates) start from the date found here.
"""

from __future__ import annotations

import re

from extraction.date_clauses import (
    EFFECTIVE_DEF_AFTER,
    END_CAP,
    END_LEAD,
    SIGNED_LEAD,
    THIS_AGREEMENT,
    WITNESS,
    DateHit,
    clause_around,
    lead_before,
    names_other_contract,
)
from extraction.dates_parse import DateMatch
from extraction.electronic_signatures import (
    electronically_signed,
    last_in_signing_record,
    stamped_in_signing_record,
)
from extraction.joined_documents import second_document_at
from extraction.signature_tables import table_signing_date
from extraction.text import ContractText

_I = re.IGNORECASE

_EFFECTIVE_ONLY_CUE = re.compile(r"effective\b", _I)
# "Date:", "Sted og dato: Oslo, ": a signature field's label, the place written after it.
_DATE_LABEL = re.compile(
    r"\b(?:dated?|dato)\s*:[\s,]*(?:(?-i:[A-ZÆØÅ][\w.æøå-]*)(?:[ \t\xa0/](?-i:[A-ZÆØÅ][\w.æøå-]*))?"
    r"[ \t\xa0]*,[ \t\xa0]*)?(?:den\s+)?$", _I)
_PREAMBLE = re.compile(
    r"\b(?:by\s+and\s+between|by\s+and\s+among|between|among|mellom|partene)\b", _I
)
_NOT_SIGNING_LEAD = re.compile(
    r"(?:\b(?:effective|commencement|start|termination|expiration|end|expiry|launch|closing)"
    r"\s+date\s*:[\s,]*"
    r"|\b(?:end|ends|ending|expire\w*|terminat\w*|until|through|extended)\b[^.]{0,20})$",
    _I,
)
_SIGNED_MARK = re.compile(r"/s/|\\s\\")
_SIGNATURE_MARK = re.compile(r"/s/|\\s\\|\bBy\s*:|\bSignature\s*:|\bSign\w*\s*:", _I)
# "Bergen, 15. februar 2024", "Sted og dato: Oslo, 1. juli 2022", "Molde, den 2. mai 2023",
# "Oslo/Stockholm, 16. august 2021" (parties signing in two cities).
_PLACE_NAME = r"[A-ZÆØÅ][\wæøåÆØÅ.-]+(?:\s[A-ZÆØÅ][\wæøåÆØÅ.-]+)?"
# Nynorsk "Stad/dato:" and the bilingual "Place/date:" label the same field.
_PLACE = re.compile(r"\s*(?:(?i:(?:sted|stad|place)\s*(?:og|and|/)\s*(?:dato|date)|date|dato)"
                    r"\s*:\s*)?"
                    rf"(?:{_PLACE_NAME}(?:\s?/\s?{_PLACE_NAME})?\s*,?\s*)?(?:den\s+)?")
_ATTACHMENT_HEADING = re.compile(
    r"^[ \t\xa0]*(?:exhibit|schedule|appendix|annex|attachment|vedlegg|bilag)\b[ \t\xa0]*"
    r"(?:[A-Z0-9]{1,4}\b|\"[A-Z0-9]{1,3}\"|[IVX]+\b|\([a-z0-9]+\)|no\.|nr\.)",
    _I | re.MULTILINE,
)
# "Reseller Agreement Effective August 1, 2004" next to a signature names when something takes
# effect, not when anybody signed.
_EFFECTIVE_ONLY_LEAD = re.compile(r"\beffective[\s,]*(?:(?:as\s+of|on|from|the)[\s,]+){0,2}$", _I)
# A date alone on its line is a signing date only among signatures, not under a letter or
# press-release heading.
_SIGNATURE_NEAR = re.compile(
    r"/s/|\\s\\|\bBy\s*:|_{4,}|\(\s*(?:signature|seal)\s*\)|\bsignature|\bsign\.|\bsignert"
    r"|\bunderskrift|^\s*(?:for|på\s+vegne\s+av)\s+\S",
    _I | re.MULTILINE,
)
_DATELINE_BEFORE = re.compile(
    r"[ \t\xa0]*[A-Z][\w.' -]{1,40},[ \t\xa0]*[A-Z][\w.]{1,15}\.?[ \t\xa0]*(?:--|–|—|-)[ \t\xa0]*"
)
# "inngått mellom ... etter åpen anbudskonkurranse kunngjort i Doffin 15.01.2025": the
# preamble dates the tender it follows, not the signing.
_ANNOUNCED_TENDER = re.compile(
    r"\b(?:kunngjort|kunngjøring|utlyst|publisert|annonsert|announced|published)\b[^.;]{0,40}$", _I)
_DATELINE_AFTER = re.compile(r"[ \t\xa0]*(?:--|–|—|/PRNewswire/|/Business\s?Wire/)")
_ANNOUNCED = re.compile(
    r"\b(?:announced|announces)\b[^.]{0,200}\b(?:entered|signed|executed|agreement|contract)", _I
)
_EXECUTION_DEF_AFTER = re.compile(
    r"^[\s,]*\(?\s*(?:the\s+)?[\"“”'‘]*\s*(?:execution|agreement|signing)\s+date", _I
)
_MADE_AS_OF_EFFECTIVE_DATE = re.compile(
    r"\b(?:made|entered\s+into|dated|executed|signed)\s+(?:and\s+\w+\s+)?(?:as\s+of|on)\s+the\s+"
    r"effective\s+date\b",
    _I,
)

_EXECUTED_AS_OF_EFFECTIVE_DATE = re.compile(
    r"\b(?:executed|signed|entered\s+into)\b[^.;]{0,80}?\bas\s+of\s+the\s+effective\s+date\b", _I
)


def dated_as_of_effective_date(
    text: ContractText, signed: DateHit | None
) -> tuple[int, int] | None:
    """The span of the clause that dates the agreement on its effective date, when no signing
    date is stated before the signatures: "entered into as of the Effective Date (as defined
    below)" with no date read at all, or, over signatures dated otherwise, a first-page
    preamble "entered into as of the Effective Date by and between" or "IN WITNESS WHEREOF ...
    executed as of the Effective Date" (the agreement is dated that day, whenever they were
    written)."""
    body = text.text
    if signed is None:
        made = _MADE_AS_OF_EFFECTIVE_DATE.search(body)
        return text.sentence_around(made.start(), limit=400) if made is not None else None
    if not signed.beside_signatures:
        return None
    # A form whose header fills in "Effective Date: 11/4/10" and whose preamble says "is
    # entered into as of the Effective Date by and between": the preamble dates the agreement,
    # and the signature fields only tell when each party got round to signing.
    made = _MADE_AS_OF_EFFECTIVE_DATE.search(body, 0, signed.at)
    if made is not None and text.page_of(made.start()) == 0:
        start, end = text.sentence_around(made.start(), limit=400)
        if _PREAMBLE.search(body, start, end):
            return start, end
    witness = WITNESS.search(body, len(body) // 2)
    if witness is None:
        return None
    found = _EXECUTED_AS_OF_EFFECTIVE_DATE.search(body, witness.start(), witness.start() + 400)
    return (witness.start(), found.end()) if found is not None else None


def signed_date(text: ContractText, dates: list[DateMatch]) -> DateHit | None:
    """The agreement date: preamble, then "This Agreement is dated", then the signatures; of
    the filing's first document when another one follows it (a later amendment, signed
    later), and of the whole filing when the first one dates nothing."""
    second = second_document_at(text)
    if second is not None:
        first = _signed_date(text, [d for d in dates if d.start < second])
        if first is not None:
            return first
    return _signed_date(text, dates)


def _signed_date(text: ContractText, dates: list[DateMatch]) -> DateHit | None:
    body = text.text
    head_limit = max(20000, len(body) // 4)
    witness = WITNESS.search(body, len(body) // 2)
    if witness is not None:
        head_limit = min(head_limit, witness.start())
    for index, date in enumerate(dates):
        if date.start > head_limit:
            break
        if _is_signing_cue(text, date):
            in_signature_fields = False
            if _DATE_LABEL.search(lead_before(body, date, 20)):
                # Signature fields side by side ("Date: October 16  Date: November 5"): the
                # agreement is made when the last party signs.
                fields = [d for d in dates[index:] if d.start < date.end + 200
                          and text.page_of(d.start) == text.page_of(date.start)
                          and _DATE_LABEL.search(lead_before(body, d, 20))]
                date = max(fields, key=lambda d: d.date)
                in_signature_fields = _SIGNATURE_NEAR.search(
                    body, max(0, date.start - 300), date.start) is not None
            elif stamped_in_signing_record(body, date):
                # "Signert 2025-03-03 14:22" on each signer's line of a signing service's
                # record: the agreement is made when the last signer signs.
                date = last_in_signing_record(body, dates[index:], date)
            elif not THIS_AGREEMENT.search(lead_before(body, date, 120)):
                date = _stated_of_this_agreement(text, dates[index + 1 :], head_limit) or date
            start, end = clause_around(text, date)
            return DateHit(date.date, start, end, 0.9, date.start, in_signature_fields)
    signatures_at = witness.start() if witness is not None else len(body)
    for date in dates:
        if head_limit < date.start < signatures_at and _is_signing_cue(text, date) \
                and THIS_AGREEMENT.search(lead_before(body, date, 120)):
            start, end = clause_around(text, date)
            return DateHit(date.date, start, end, 0.8, date.start)
    for date in dates:
        if text.page_of(date.start) > 1:
            break
        if _ends_something(body, date) or names_other_contract(lead_before(body, date, 160)):
            continue
        if _ANNOUNCED_TENDER.search(lead_before(body, date, 60)):
            continue
        start, end = clause_around(text, date)
        sentence = body[start:end]
        if _PREAMBLE.search(sentence) and THIS_AGREEMENT.search(sentence):
            return DateHit(date.date, start, end, 0.7, date.start)
    in_table = table_signing_date(body, dates)
    if in_table is not None:
        return DateHit(in_table.date, in_table.start, in_table.end, 0.6, in_table.start, True)
    electronic = electronically_signed(body, dates)
    if electronic:
        # Signed through a signing service: the agreement is made when the last signer signs.
        latest = max(electronic, key=lambda d: d.date)
        return DateHit(latest.date, latest.start, latest.end, 0.6, latest.start, True)
    signatures = [d for d in _signature_dates(body, dates) if not _ends_something(body, d)]
    if signatures:
        latest = max(signatures, key=lambda d: d.date)
        return DateHit(latest.date, latest.start, latest.end, 0.6, latest.start, True)
    # A news release filed as the exhibit: "Bridgewater, NJ -- February 18, 1999 -- Acme
    # announced today that it has entered into an agreement ...".
    for date in dates:
        if date.start > 1500:
            break
        line_start = body.rfind("\n", 0, date.start) + 1
        if _DATELINE_BEFORE.fullmatch(body, line_start, date.start) and _DATELINE_AFTER.match(
            body, date.end
        ):
            start, end = clause_around(text, date)
            if _ANNOUNCED.search(body, date.end, date.end + 400):
                return DateHit(date.date, start, end, 0.5, date.start)
    # A title page that carries only a date ("INTELLECTUAL PROPERTY AGREEMENT ... August 28, 2009").
    if dates and text.page_of(dates[0].start) == 0:
        first = dates[0]
        line_start = body.rfind("\n", 0, first.start) + 1
        line_end = body.find("\n", first.end)
        line = body[line_start : line_end if line_end >= 0 else len(body)]
        if len(line.strip()) <= first.end - first.start + 12 and not _ends_something(body, first):
            return DateHit(first.date, first.start, first.end, 0.5, first.start)
    return None


def _stated_of_this_agreement(
    text: ContractText, dates: list[DateMatch], head_limit: int
) -> DateMatch | None:
    """A later "This Amendment is entered into on DATE" in the opening pages: it says of this
    very document what a bare "dated" on a cover (a document's issue date) does not."""
    for date in dates:
        if date.start > head_limit:
            return None
        lead = lead_before(text.text, date, 160)
        if _THIS_AGREEMENT_MADE.search(lead) and _is_signing_cue(text, date):
            return date
    return None


_THIS_AGREEMENT_MADE = re.compile(
    rf"{THIS_AGREEMENT.pattern}[^.;]{{0,100}}?\b(?:made|entered\s+into|executed|signed|dated)"
    r"[\s,]*(?:(?:on|this|the|as\s+of)[\s,]+){0,3}$",
    _I,
)


def _ends_something(body: str, date: DateMatch) -> bool:
    """The date is an end, expiry or other labelled date, so not the signing date."""
    return bool(
        _NOT_SIGNING_LEAD.search(lead_before(body, date))
        or END_LEAD.search(lead_before(body, date, 60))
        or END_CAP.search(lead_before(body, date, 300))
    )


def _is_signing_cue(text: ContractText, date: DateMatch) -> bool:
    body = text.text
    lead = lead_before(body, date, 160)
    after = body[date.end : date.end + 60]
    if _NOT_SIGNING_LEAD.search(lead) or names_other_contract(lead):
        return False
    cue = SIGNED_LEAD.search(lead)
    if cue is not None and re.match(r"as\s+of\b", cue.group(0), _I):
        # A bare "as of DATE" is a signing date only when said of this agreement ("execute
        # this Agreement as of"), not of stock, prices or inventory.
        return THIS_AGREEMENT.search(lead[-120:]) is not None or _PREAMBLE.search(
            body, *text.sentence_around(date.start, limit=400)) is not None
    if cue is not None and not _EFFECTIVE_ONLY_CUE.match(cue.group(0)):
        return True
    if _EXECUTION_DEF_AFTER.match(after):
        return True
    if cue is None and not EFFECTIVE_DEF_AFTER.match(after):
        return False
    # "This Agreement is effective as of DATE (the "Effective Date")" names the agreement date
    # only in the preamble that introduces the parties; in a term clause ("... and shall
    # terminate on ...") it is when the contract starts.
    start, end = text.sentence_around(date.start, limit=400)
    return bool(_PREAMBLE.search(body, start, end))


def _is_place_date_line(body: str, date: DateMatch) -> bool:
    """A signature line of its own: "Bergen, 15. februar 2024", "Oslo 01.03.2024"."""
    line_start = body.rfind("\n", 0, date.start) + 1
    line_end = body.find("\n", date.end)
    before = body[line_start : date.start]
    after = body[date.end : line_end if line_end >= 0 else len(body)]
    # Both parties' blocks side by side ("Trondheim, 21. september 2022      London, 23
    # September 2022"), or one line for both ("Os, 17. mai 2024 / Göteborg, 17. mai 2024"):
    # each column of the line is a place-date pair of its own.
    before = _COLUMN_GAP.split(before)[-1]
    after = _COLUMN_GAP.split(after)[0]
    return bool(_PLACE.fullmatch(before)) and not after.strip(" \t\r.")


_COLUMN_GAP = re.compile(r"[ \xa0]{4,}|\t+|[ \t\xa0]+/[ \t\xa0]+")


def _has_place(body: str, date: DateMatch) -> bool:
    """The line names a place (or says "Date:") before the date, not just the date alone."""
    line_start = body.rfind("\n", 0, date.start) + 1
    return bool(body[line_start : date.start].strip(" \t\r\xa0"))


def _signature_dates(body: str, dates: list[DateMatch]) -> list[DateMatch]:
    """Dates next to the signatures: after "IN WITNESS WHEREOF", "/s/" or "By:" late in the text."""
    placed = [
        d for d in dates
        if d.start > len(body) // 2 and _is_place_date_line(body, d)
        and (_has_place(body, d) or _SIGNATURE_NEAR.search(
            body, max(0, d.start - 300), min(len(body), d.end + 300)))
    ]
    # A date alone on its line under an appendix heading dates the appendix (a proposal, a price
    # list), not the signatures: the signature block is then read for its dates, and the lone
    # line is used only when nothing else dates the signatures.
    in_appendix = [d for d in placed
                   if _ATTACHMENT_HEADING.search(body, max(0, d.start - 300), d.start)]
    if placed and len(in_appendix) < len(placed):
        return [d for d in placed if d not in in_appendix]
    anchor = WITNESS.search(body, len(body) // 2)
    if anchor is None:
        anchor = _SIGNATURE_MARK.search(body, len(body) * 3 // 5)
    if anchor is not None:
        lo, hi = anchor.start(), anchor.start() + 4000
        # The signature page ends where an exhibit, schedule or appendix starts: their dates
        # (trademark registrations, a press release, a document header) are not signing dates.
        heading = _ATTACHMENT_HEADING.search(body, lo, hi)
        if heading is not None:
            hi = heading.start()
        found = [d for d in dates if lo <= d.start <= hi and _may_be_signed(body, d)]
        if found:
            return found
    # A signature block before long attachments (a supply agreement whose price lists and
    # standard terms fill the rest): the dates written right next to "/s/" signatures.
    for mark in _SIGNED_MARK.finditer(body):
        lo, hi = mark.start() - 300, mark.end() + 300
        heading = _ATTACHMENT_HEADING.search(body, mark.end(), hi)
        if heading is not None:
            hi = heading.start()
        block = [d for d in dates if lo <= d.start <= hi and _may_be_signed(body, d)]
        if block:
            return block
    return placed


def _may_be_signed(body: str, date: DateMatch) -> bool:
    return not names_other_contract(lead_before(body, date, 160)) \
        and not _EFFECTIVE_ONLY_LEAD.search(lead_before(body, date, 40))
