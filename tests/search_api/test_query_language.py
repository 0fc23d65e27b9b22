from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search_api.port import QuerySyntaxError
from search_api.query_language import (
    MAX_QUERY_CHARS,
    AnyOf,
    ParsedQuery,
    Phrase,
    Term,
    parse_query,
)


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
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=300), _HOSTILE))
def test_any_text_parses_or_raises_query_syntax_error(text: str) -> None:
    try:
        parsed = parse_query(text)
    except QuerySyntaxError as exc:
        assert str(exc)
        return
    for group in parsed.required:
        assert group.clauses
    for clause in [*parsed.positive_clauses(), *parsed.excluded]:
        assert any(ch.isalnum() for ch in clause.text)
        if isinstance(clause, Term) and clause.prefix:
            assert clause.text.isalnum()
            assert len(clause.text) >= 2
