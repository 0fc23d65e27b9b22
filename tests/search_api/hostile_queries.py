"""Search texts built to break a parser or an engine: deep nesting, huge input, unbalanced
quotes and parentheses, control characters, absurd ranges, operator soup. Shared by the
engine and the HTTP tests, which both require "a clear error or an answer, never a crash"."""

from __future__ import annotations

import random

FIXED: list[str] = [
    "(" * 500 + "a" + ")" * 500,
    "(" * 9 + "a" + ")" * 9,
    "(" * 8 + "a" + ")" * 8,
    "a " * 600,
    "x" * 5000,
    '"' * 7,
    '"unbalanced phrase',
    "((a OR b)",
    "a OR b))",
    ")(",
    "()",
    "-()",
    "NOT ()",
    "NOT NOT a",
    "a OR NOT b",
    "a AND OR b",
    "x\x00y",
    "x\x1b[31mred",
    "\ud800",
    "tab\tand\nnewline",
    "\u200b\u200b",
    "value:>99999999999999999999",
    "value:1e309",
    "value:-5",
    "value:..",
    "value:5..1",
    "value:>",
    "expires:<999999999d",
    "expires:<36600d",
    "expires:>-36600d",
    "expires:0000-01-01",
    "expires:9999-12-31..",
    "expires:..0001-01-01",
    "expires:9999-12",
    "expires:2025-02-30",
    "expires:2025-13",
    "notice:<0d",
    "notice:>=0d",
    "expires:2030..2020",
    "status:",
    "status:deleted",
    'status:"expired"',
    "supplier:*",
    "supplier:a*",
    "law:~",
    "word~3",
    "word~~",
    '"a phrase"~2',
    "a~0",
    "ab~",
    "*:*",
    "title:(a OR b)",
    "-(-(-(a)))",
    "(a OR (b OR (c OR (d OR (e OR (f OR (g OR h)))))))",
    "principals:user:42",
    "contract_id:[0 TO 100]",
]

_PIECES = [
    *['"', "-", "*", ":", " ", "(", ")", "~", "~2", "..", "<", ">=", "\\", "\x00", "\u00ad"],
    *["OR", "AND", "NOT", " OR ", " AND ", " NOT ", "title:", "party:", "supplier:"],
    *["category:", "law:", "status:", "expires:", "notice:", "value:", "90d", "-1y"],
    *["2025-06-01", "1000000", "a", "ø", "hosting", "price", "«", "»", "<script>"],
]


def generated(count: int, seed: int = 20251202) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 30))) for _ in range(count)]
