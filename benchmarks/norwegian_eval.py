"""Score the extraction engine on the hand-written Norwegian contracts, per half.

    .venv/bin/python -m benchmarks.norwegian_eval [--fixtures DIR] [--show-errors]
        [--show-heldout-errors]

`tests/fixtures/norwegian/` holds contracts as text (`NAME.txt`, pages split by a form-feed
line) with their expected values (`NAME.expected.json`). Files named `tuning_*` may be read
while writing rules; files named `heldout_*` must not be (their misses are reported, never
fitted), so the held-out figure says how the engine does on Norwegian contracts nobody tuned
it to. Prints one JSON line per half and field: `{"name": "accuracy.<half>.<field>", "value",
"unit": "fraction", "matched", "total"}`; a field counts as matched when the engine's value
equals the expected one (null included), after the same end-date derivation ingest applies.
`--show-errors` lists the tuning half's misses only, so reading them while writing rules
cannot leak the held-out half; `--show-heldout-errors` is for a final review, after the rules
are fixed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.cuad_scoring import law_matches, normalise_name
from contracts.derived import with_derived_end_date
from extraction.engine import extract
from extraction.model import Extraction

DEFAULT_FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "norwegian"
HALVES = ("tuning", "heldout")
FIELDS = (
    "parties",
    "org_numbers",
    "signed_date",
    "effective_date",
    "end_date",
    "initial_term",
    "notice_period",
    "contract_value",
    "payment_terms",
    "governing_law",
)


@dataclass(frozen=True)
class Fixture:
    name: str
    half: str
    pages: list[str]
    expected: dict[str, Any]


def load_fixtures(directory: Path = DEFAULT_FIXTURES) -> list[Fixture]:
    fixtures = []
    for path in sorted(directory.glob("*.txt")):
        name = path.name.removesuffix(".txt")
        half = name.split("_", 1)[0]
        if half not in HALVES:
            raise ValueError(f"{path.name}: a fixture's name starts with tuning_ or heldout_")
        raw = path.read_text(encoding="utf-8")
        expected = json.loads((directory / f"{name}.expected.json").read_text(encoding="utf-8"))
        missing = set(FIELDS) - {"org_numbers"} - set(expected)
        if missing:
            raise ValueError(f"{name}.expected.json lacks {sorted(missing)}")
        pages = [page.strip("\n") for page in raw.split("\f\n")]
        fixtures.append(Fixture(name, half, pages, expected))
    return fixtures


def predicted(extraction: Extraction, field: str) -> Any:
    """The engine's value of `field` in the expected JSON's shape."""
    if field in ("parties", "org_numbers"):
        found = extraction.parties
        if found is None:
            return None
        if field == "parties":
            return sorted({normalise_name(p.name) for p in found.value})
        return sorted({p.org_number for p in found.value if p.org_number})
    finding = extraction.finding(field)
    if finding is None:
        return None
    value = finding.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if field == "contract_value":
        return {"amount": format(value.amount.normalize(), "f"), "currency": value.currency,
                "per": getattr(value, "per", None)}
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    return value


def expected_value(fixture: Fixture, field: str) -> Any:
    parties = fixture.expected["parties"]
    if field == "parties":
        return sorted({normalise_name(p["name"]) for p in parties}) if parties else None
    if field == "org_numbers":
        numbers = sorted({p["org_number"] for p in parties or [] if p["org_number"]})
        return numbers or None
    value = fixture.expected[field]
    if field == "contract_value" and value is not None:
        from decimal import Decimal

        return {**value, "amount": format(Decimal(value["amount"]).normalize(), "f")}
    return value


def matches(fixture: Fixture, field: str, got: Any) -> bool:
    want = expected_value(fixture, field)
    if field == "governing_law" and want is not None and got is not None:
        return law_matches(want, str(got))
    return bool(got == want)


def run(fixture: Fixture) -> Extraction:
    return with_derived_end_date(extract(fixture.pages))


def score(fixtures: list[Fixture], show_errors: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """Accuracy per half and field; misses of the halves in `show_errors` go to stderr."""
    counts = {(half, field): [0, 0] for half in HALVES for field in FIELDS}
    for fixture in fixtures:
        extraction = run(fixture)
        for field in FIELDS:
            got = predicted(extraction, field)
            ok = matches(fixture, field, got)
            counts[fixture.half, field][0] += ok
            counts[fixture.half, field][1] += 1
            if fixture.half in show_errors and not ok:
                print(f"miss {fixture.name} {field}: got {got!r}, "
                      f"want {expected_value(fixture, field)!r}", file=sys.stderr)
    return [
        {"name": f"accuracy.{half}.{field}", "value": round(m / t, 3) if t else None,
         "unit": "fraction", "matched": m, "total": t}
        for (half, field), (m, t) in counts.items()
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fixtures", type=Path, default=DEFAULT_FIXTURES)
    parser.add_argument("--show-errors", action="store_true",
                        help="list the tuning half's misses")
    parser.add_argument("--show-heldout-errors", action="store_true",
                        help="also list the held-out half's misses (final review only)")
    args = parser.parse_args(argv)
    shown = ("tuning",) * args.show_errors + ("heldout",) * args.show_heldout_errors
    for line in score(load_fixtures(args.fixtures), shown):
        print(json.dumps(line, ensure_ascii=False))


if __name__ == "__main__":
    main()
