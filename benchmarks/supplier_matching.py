"""Precision and recall of spend-to-supplier name matching on the Oxford spend files.

Ground truth: from July 2016 on, Oxford's files carry stable vendor ids, and one vendor is
spelled several ways ("MICHEAL DYSON ASSOCIATES" / "MICHAEL DYSON ASSOCIATES"). The
register holds each vendor of the *other* half's files under its most frequent spelling;
every distinct spelling in this half's files (but a vendor's own register spelling) is
matched by name only (exact normalised name, then suppliers.fuzzy) and scored: a true
positive is linked to its own vendor, a false positive to another one, or to anyone for a
vendor the register does not hold (a new supplier, which must stay unmatched).

Halves, held apart: `tune` (jul-sep-2016, jan-mar-2017, jul-sep-2017, jan-mar-2018) is
where thresholds may be chosen; `report` (oct-dec-2016, apr-jun-2017, oct-dec-2017) is the
figure to quote. Prints JSON lines.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from suppliers import fuzzy
from suppliers.fuzzy import FuzzyNames
from suppliers.names import normalise_name

OXFORD = Path(__file__).resolve().parents[2] / "shared" / "data" / "spend-oxford"
HALVES = {
    "tune": ["jul-sep-2016", "jan-mar-2017", "jul-sep-2017", "jan-mar-2018"],
    "report": ["oct-dec-2016", "apr-jun-2017", "oct-dec-2017"],
}
_REDACTED = re.compile(r"(?i)^\W*redacted\b")


def spellings(files: list[Path]) -> dict[str, Counter[str]]:
    """Vendor id -> how often each spelling was used."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for path in files:
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            rows = csv.reader(handle)
            header = [h.strip().lower().replace("_", " ") for h in next(rows)]
            id_at, name_at = header.index("supplier id"), header.index("supplier name")
            for row in rows:
                if len(row) <= max(id_at, name_at):
                    continue
                vendor, name = row[id_at].strip(), row[name_at].strip()
                if vendor and name and not _REDACTED.match(name):
                    seen[vendor][name] += 1
    return seen


def evaluate(half: str, accept: float) -> dict[str, object]:
    other = next(h for h in HALVES if h != half)
    seen = spellings([OXFORD / f"expenditure-over-500-{n}.csv" for n in HALVES[half]])
    known = spellings([OXFORD / f"expenditure-over-500-{n}.csv" for n in HALVES[other]])
    register = {v: names.most_common(1)[0][0] for v, names in known.items()}
    # Vendors whose register names normalise alike are one supplier in two accounts.
    group: dict[str, str] = {}
    by_name: dict[str, int] = {}
    for index, (vendor, name) in enumerate(sorted(register.items())):
        key = normalise_name(name)
        group[vendor] = str(by_name.setdefault(key, index))
    ids = {str(by_name[normalise_name(n)]): n for n in register.values()}
    names = FuzzyNames((int(g), ids[g]) for g in ids)
    exact = {normalise_name(n): group[v] for v, n in register.items()}
    fuzzy.ACCEPT, counts = accept, Counter[str]()
    for vendor, spelled in seen.items():
        for spelling in spelled:
            if vendor in register and spelling == register[vendor]:
                continue  # the register's own spelling: trivially found
            truth = group.get(vendor)
            if truth is None and normalise_name(spelling) in exact:
                continue  # a new account of a registered firm: right and wrong alike
            found = exact.get(normalise_name(spelling))
            how = "exact"
            if found is None:
                match = names.match(spelling)
                found = str(match.supplier_id) if match and match.accepted else None
                how = "fuzzy"
                if match and not match.accepted:
                    counts["suggested"] += 1
                    counts["suggested_right"] += str(match.supplier_id) == truth
            counts["positives" if truth else "negatives"] += 1
            if found is None:
                continue
            counts[f"{how}_linked"] += 1
            counts["true_positive" if found == truth else "false_positive"] += 1
    linked = counts["true_positive"] + counts["false_positive"]
    return {"half": half, "accept": accept, "register": len(register),
            "spellings": counts["positives"] + counts["negatives"], **counts,
            "precision": round(counts["true_positive"] / linked, 4) if linked else None,
            "recall": round(counts["true_positive"] / counts["positives"], 4)
            if counts["positives"] else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--half", choices=sorted(HALVES), default="report")
    parser.add_argument("--accept", type=float, action="append",
                        help=f"fuzzy acceptance threshold(s); default {fuzzy.ACCEPT}")
    args = parser.parse_args()
    if not OXFORD.is_dir():
        raise SystemExit(f"{OXFORD} is not here")
    for accept in args.accept or [fuzzy.ACCEPT]:
        result = evaluate(args.half, accept)
        for metric in ("precision", "recall"):
            print(json.dumps({"name": f"supplier_matching_{metric}", "value": result[metric],
                              "unit": "share", **result}))


if __name__ == "__main__":
    main()
