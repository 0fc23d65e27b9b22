from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search_api.port import QuerySyntaxError
from search_api.query_language import (
    MAX_DEPTH,
    MAX_QUERY_CHARS,
    AnyOf,
    DateRange,
    Group,
    ParsedQuery,
    Phrase,
    RiskIs,
    StatusIs,
    Term,
    ValueRange,
    When,
    parse_query,
)
from tests.search_api.hostile_queries import FIXED


def words(*texts: str) -> tuple[AnyOf, ...]:
    return tuple(AnyOf((Term(t),)) for t in texts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ParsedQuery()),
        ("   \t\n ", ParsedQuery()),
        ("liability cap", ParsedQuery(words("liability", "cap"))),
        ("a AND b", ParsedQuery(words("a", "b"))),
        ('"price indexation"', ParsedQuery((AnyOf((Phrase("price indexation"),)),))),
        ("“price indexation”", ParsedQuery((AnyOf((Phrase("price indexation"),)),))),
        ("«oppsigelse av avtalen»", ParsedQuery((AnyOf((Phrase("oppsigelse av avtalen"),)),))),
        ("cap -draft", ParsedQuery(words("cap"), (Term("draft"),))),
        ('cap -"side letter"', ParsedQuery(words("cap"), (Phrase("side letter"),))),
        ("-draft", ParsedQuery((), (Term("draft"),))),
        (
            "cloud IT OR software",
            ParsedQuery((AnyOf((Term("cloud"),)), AnyOf((Term("IT"), Term("software"))))),
        ),
        ("a OR b OR c", ParsedQuery((AnyOf((Term("a"), Term("b"), Term("c"))),))),
        ("cats or dogs", ParsedQuery(words("cats", "or", "dogs"))),
        ("title:lease", ParsedQuery((AnyOf((Term("lease", "title"),)),))),
        ("Title:lease", ParsedQuery((AnyOf((Term("lease", "title"),)),))),
        ("parties:acme", ParsedQuery((AnyOf((Term("acme", "party"),)),))),
        ('body:"force majeure"', ParsedQuery((AnyOf((Phrase("force majeure", "body"),)),))),
        ("-title:draft", ParsedQuery((), (Term("draft", "title"),))),
        ("title:OR", ParsedQuery((AnyOf((Term("OR", "title"),)),))),
        ("indeks*", ParsedQuery((AnyOf((Term("indeks", prefix=True),)),))),
        ("indeks***", ParsedQuery((AnyOf((Term("indeks", prefix=True),)),))),
        ("e-mai*", ParsedQuery(words("e-mai"))),
        ("e-mail", ParsedQuery(words("e-mail"))),
        ("foo:bar", ParsedQuery(words("foo:bar"))),
        # A dash between words, lone punctuation and empty phrases are ignored.
        ("Acme - Master", ParsedQuery(words("Acme", "Master"))),
        ('Acme & "" * -- Master', ParsedQuery(words("Acme", "Master"))),
        ("a OR & b", ParsedQuery((AnyOf((Term("a"), Term("b"))),))),
        ('x"y z"', ParsedQuery((AnyOf((Term("x"),)), AnyOf((Phrase("y z"),))))),
        ("soft\u00adware", ParsedQuery(words("software"))),
        ("zero\u200bwidth", ParsedQuery(words("zero", "width"))),
        ("a\u030a", ParsedQuery(words("å"))),  # NFC: decomposed å becomes one letter
    ],
)
def test_parse(text: str, expected: ParsedQuery) -> None:
    assert parse_query(text) == expected


def one(clause: object) -> ParsedQuery:
    return ParsedQuery((AnyOf((clause,)),))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(a OR b) c", ParsedQuery((AnyOf((Term("a"), Term("b"))), AnyOf((Term("c"),))))),
        ("((a))", one(Term("a"))),
        ("(a OR b) OR c", ParsedQuery((AnyOf((Term("a"), Term("b"), Term("c"))),))),
        ("a ()", one(Term("a"))),
        ("NOT a b", ParsedQuery(words("b"), (Term("a"),))),
        ("-(a b)", ParsedQuery((), (Group(ParsedQuery(words("a", "b"))),))),
        ("NOT (a OR b)", ParsedQuery((), (Group(ParsedQuery((AnyOf((Term("a"), Term("b"))),))),))),
        ("a OR (b -c)", ParsedQuery((AnyOf((Term("a"), Group(ParsedQuery(words("b"),
                                                                          (Term("c"),))))),))),
        ("not a", ParsedQuery(words("not", "a"))),
        ("3(a)", ParsedQuery(words("3", "a"))),
        ("supplier:acme", one(Term("acme", "supplier"))),
        ('law:"new york"', one(Phrase("new york", "law"))),
        ("category:it*", one(Term("it", "category", prefix=True))),
        ("status:Expiring", one(StatusIs("expiring"))),
        ('status:"expired"', one(StatusIs("expired"))),
        ("indexaton~", one(Term("indexaton", fuzzy=2))),
        ("fee~", one(Term("fee", fuzzy=1))),
        ("ab~", one(Term("ab", fuzzy=0))),
        ("fee~2", one(Term("fee", fuzzy=2))),
        ("value:>1000000", one(ValueRange(1_000_000, False, None, True))),
        ("value:<=5_000", one(ValueRange(None, True, 5000, True))),
        ("value:10..20", one(ValueRange(10, True, 20, True))),
        ("value:7", one(ValueRange(7, True, 7, True))),
        ("risk:high", one(RiskIs("high"))),
        ("RISK:Unknown", one(RiskIs("unknown"))),
        ('risk:"medium"', one(RiskIs("medium"))),
        ("spend:>100000", one(ValueRange(100_000, False, None, True, "spend"))),
        ("spend:100_000..500000", one(ValueRange(100_000, True, 500_000, True, "spend"))),
        ("score:<3", one(ValueRange(None, True, 3, False, "score"))),
        ("score:>=3.5", one(ValueRange(3.5, True, None, True, "score"))),
        ("score:4", one(ValueRange(4, True, 4, True, "score"))),
        ("expires:<90d", one(DateRange("expires", None, True, When(offset=(90, "d")), False,
                                       upcoming=True))),
        ("notice:<=2w", one(DateRange("notice", None, True, When(offset=(2, "w")), True,
                                      upcoming=True))),
        ("expires:>-1y", one(DateRange("expires", When(offset=(-1, "y")), False, None, True))),
        ("expires:2025-02", one(DateRange(
            "expires", When(dt.date(2025, 2, 1), dt.date(2025, 2, 28)), True,
            When(dt.date(2025, 2, 1), dt.date(2025, 2, 28)), True))),
        ("expires:<2026-01-01", one(DateRange(
            "expires", None, True, When(dt.date(2026, 1, 1), dt.date(2026, 1, 1)), False))),
        ("expires:2025..", one(DateRange(
            "expires", When(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), True, None, True))),
    ],
)
def test_parse_grouping_filters_and_ranges(text: str, expected: ParsedQuery) -> None:
    assert parse_query(text) == expected


TODAY = dt.date(2025, 1, 31)


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        # `<90d`: today and the 89 days after it (the 90th day is not "< 90 days" away).
        ("expires:<90d", TODAY, dt.date(2025, 4, 30)),
        ("expires:<=1m", TODAY, dt.date(2025, 2, 28)),  # 31 January + 1 month
        ("expires:>1y", dt.date(2026, 2, 1), None),
        ("expires:<-7d", None, dt.date(2025, 1, 23)),  # a week ago or earlier
        ("expires:>=2025-06", dt.date(2025, 6, 1), None),
        ("expires:>2025-06", dt.date(2025, 7, 1), None),
        ("expires:<=2025-06", None, dt.date(2025, 6, 30)),
        ("expires:2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("expires:1d..1w", dt.date(2025, 2, 1), dt.date(2025, 2, 7)),
    ],
)
def test_date_ranges_resolve_to_inclusive_days(
    text: str, first: dt.date | None, last: dt.date | None
) -> None:
    (group,) = parse_query(text).required
    (clause,) = group.clauses
    assert isinstance(clause, DateRange)
    assert clause.days(TODAY) == (first, last)


def test_relative_dates_never_overflow_the_calendar() -> None:
    (group,) = parse_query("expires:<100y").required
    (clause,) = group.clauses
    assert isinstance(clause, DateRange)
    assert clause.days(dt.date(9990, 1, 1)) == (dt.date(9990, 1, 1), dt.date(9999, 12, 30))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"open', "quote"),
        ('a "b" "c', "quote"),
        ("OR", "OR needs"),
        ("OR cats", "OR needs"),
        ("cats OR", "OR needs"),
        ("cats OR OR dogs", "OR needs"),
        ("cats OR AND dogs", "needs"),
        ("AND", "AND needs"),
        ("cats -dogs OR birds", "excluded"),
        ("cats OR -dogs", "excluded"),
        ("title:", "title:"),
        ("title: lease", "title:"),
        ("a*", "at least 2"),
        ("x\x00y", "control"),
        ("x\x1by", "control"),
        ("x\ud800", "control"),
        ("w " * 51, "too many words"),
        ('"' + "w " * 51 + '"', "too many words"),
        ("x" * (MAX_QUERY_CHARS + 1), "too long"),
        ("(a", r"\( at character 1 is not closed"),
        ("a )", r"\) at character 3 closes no"),
        ("(" * (MAX_DEPTH + 1) + "a" + ")" * (MAX_DEPTH + 1), "nest too deeply"),
        ("NOT", "NOT at character 1 needs"),
        ("a NOT NOT b", "doubled"),
        ("a OR NOT b", "excluded"),
        ("status:gone", "one of active, expiring, expired, unknown"),
        ("value:1e9", "needs a number"),
        ("value:12345678901234567", "needs a number"),
        ("value:9..1", "ends before it starts"),
        ("risk:severe", "one of low, medium, high, unknown"),
        ("risk:", "must be followed"),
        ("spend:lots", "spend: at character 1 needs a number"),
        ("spend:9..1", "spend:9..1 at character 1: the range ends before it starts"),
        ("score:good", "score: at character 1 needs a number such as 3.5"),
        ("score:<", "needs a number"),
        ("expires:2025-13", "not a date"),
        ("expires:2025-02-30", "not a date"),
        ("expires:tomorrow", "needs a date"),
        ("expires:<101y", "century"),
        ("expires:2026..2025", "ends before it starts"),
        ("expires:..", "start or an end"),
        ("word~3", "at most 2 edits"),
        ('"a b"~2', "single words"),
        ("status:", "must be followed"),
        ("value:(", "must be followed"),
    ],
)
def test_malformed(text: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError, match=message):
        parse_query(text)


def test_limits_are_inclusive() -> None:
    assert len(parse_query("w " * 50).required) == 50
    assert parse_query("x" * MAX_QUERY_CHARS).required


def test_positive_clauses_leave_out_exclusions() -> None:
    parsed = parse_query('a OR "b c" -d')
    assert list(parsed.positive_clauses()) == [Term("a"), Phrase("b c")]


_HOSTILE = st.lists(
    st.sampled_from(
        [
            *['"', "-", "*", ":", " ", "OR", "AND", "title:", "party:", "(", ")", "\\", "\x00"],
            *["a", "ø", "«", "»", "\u200b", "\u00ad", "\t", "<script>", "x:y", "~2", "^3"],
            *["NOT", " NOT ", "status:", "expires:", "notice:", "value:", "supplier:", "law:"],
            *["risk:", "spend:", "score:", "high"],
            *["<", ">=", "..", "90d", "-1y", "2025-06-30", "1000000", "~", "active", "1e9"],
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(st.one_of(st.text(max_size=300), _HOSTILE, st.sampled_from(FIXED)))
def test_any_text_parses_or_raises_query_syntax_error(text: str) -> None:
    try:
        parsed = parse_query(text)
    except QuerySyntaxError as exc:
        assert str(exc)
        return
    _check_shape(parsed)


def _check_shape(parsed: ParsedQuery) -> None:
    for group in parsed.required:
        assert group.clauses
    nested = [c.query for g in parsed.required for c in g.clauses if isinstance(c, Group)]
    nested += [c.query for c in parsed.excluded if isinstance(c, Group)]
    for query in nested:
        assert not query.matches_everything
        _check_shape(query)
    for clause in [*parsed.positive_clauses(), *parsed.excluded]:
        if not isinstance(clause, Term | Phrase):
            continue
        assert any(ch.isalnum() for ch in clause.text)
        if isinstance(clause, Term) and clause.prefix:
            assert clause.text.isalnum()
            assert len(clause.text) >= 2


def test_fields_have_their_norwegian_names_too() -> None:
    """The Norwegian pages call the fields Leverandør, Tittel, Verdi...: a reader types
    those, not the English names."""
    for norwegian, english in (("Leverandør:renhold", "supplier:renhold"),
                               ("Tittel:rammeavtale", "title:rammeavtale"),
                               ('part:"rent & pent"', 'party:"rent & pent"'),
                               ("parter:acme", "party:acme"), ("tekst:kpi", "body:kpi"),
                               ("kategori:it*", "category:it*"), ('lov:"new york"',
                                                                  'law:"new york"'),
                               ("utløper:<90d", "expires:<90d"), ("frist:<30d", "notice:<30d"),
                               ("verdi:100..200", "value:100..200"), ("risiko:high", "risk:high"),
                               ("innkjøp:>5", "spend:>5"), ("poeng:<3", "score:<3")):
        assert parse_query(norwegian) == parse_query(english), norwegian
