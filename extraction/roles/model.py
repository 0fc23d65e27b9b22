"""The trained role model: one logistic regression per role over hashed candidate features.

Stored as plain weights (`role_model.json`, built by benchmarks/train_roles.py) and scored in
pure Python, so the engine needs no machine-learning library at run time and gives the same
answer on every machine. Loaded once per process.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extraction.model import Duration, Finding, Language
from extraction.roles.candidates import (
    DATE_ROLES,
    DURATION_ROLES,
    Candidate,
    date_candidates,
    duration_candidates,
)
from extraction.text import ContractText

MODEL_PATH = Path(__file__).with_name("role_model.json")
BUCKETS = 1 << 13


def bucket(feature: str, buckets: int = BUCKETS) -> int:
    # crc32, not hash(): Python salts str hashes per process.
    return zlib.crc32(feature.encode("utf-8")) % buckets


@dataclass(frozen=True)
class RoleWeights:
    bias: float
    weights: dict[int, float]
    threshold: float

    def probability(self, features: Iterable[str], buckets: int) -> float:
        score = self.bias + sum(self.weights.get(bucket(f, buckets), 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@dataclass(frozen=True)
class RoleModel:
    """Weights per role; a role the model has no weights for is left to the rules."""

    roles: dict[str, RoleWeights] = field(default_factory=dict)
    languages: tuple[str, ...] = ("en",)
    buckets: int = BUCKETS

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RoleModel:
        roles = {
            name: RoleWeights(
                bias=float(role["bias"]),
                weights={int(k): float(v) for k, v in role["weights"].items()},
                threshold=float(role["threshold"]),
            )
            for name, role in data["roles"].items()
        }
        return cls(roles, tuple(data["languages"]), int(data["buckets"]))

    def to_json(self) -> dict[str, Any]:
        return {
            "buckets": self.buckets,
            "languages": list(self.languages),
            "roles": {
                name: {
                    "bias": round(role.bias, 4),
                    "threshold": role.threshold,
                    "weights": {str(k): round(v, 4) for k, v in sorted(role.weights.items())
                                if round(v, 4) != 0.0},
                }
                for name, role in sorted(self.roles.items())
            },
        }


RULES_ONLY = RoleModel()


@functools.lru_cache(maxsize=1)
def shipped_model() -> RoleModel:
    """The model shipped with the package; the rules alone when none is shipped."""
    if not MODEL_PATH.exists():
        return RULES_ONLY
    return RoleModel.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8")))


def best(
    candidates: Sequence[Candidate], role: RoleWeights, buckets: int
) -> tuple[Candidate, float] | None:
    """The most likely candidate for a role, first in the text among equals."""
    scored = [(c, role.probability(c.features, buckets)) for c in candidates]
    if not scored:
        return None
    return max(scored, key=lambda pair: (pair[1], -pair[0].start))


def apply_roles(
    text: ContractText, language: Language, found: dict[str, Finding[Any]], model: RoleModel
) -> dict[str, Finding[Any]]:
    """`found` with the date and duration roles decided by the model, where it has weights
    for the role and the language and is surer than its threshold; otherwise the rules'
    finding stands. A rule's finding for the value chosen is kept with its evidence; a value
    the rules did not choose gets its sentence as evidence."""
    if language not in model.languages or not model.roles:
        return found
    result = dict(found)
    for roles, make in ((DATE_ROLES, date_candidates), (DURATION_ROLES, duration_candidates)):
        wanted = [r for r in roles if r in model.roles]
        if not wanted:
            continue
        candidates = make(text, language, found)
        for name in wanted:
            weights = model.roles[name]
            pick = best(candidates, weights, model.buckets)
            if pick is None or pick[1] < weights.threshold:
                # Unsure: the rules' finding stands. Letting the model veto it lowered the
                # out-of-fold recall more than it raised precision (end date 0.70 -> 0.61).
                continue
            candidate, probability = pick
            rule = found.get(name)
            if rule is not None and rule.value == candidate.value:
                continue
            start, end = text.sentence_around(candidate.start, limit=400)
            evidence = [text.evidence(min(start, candidate.start), max(end, candidate.end))]
            confidence = round(min(0.95, probability), 3)
            if isinstance(candidate.value, Duration):
                result[name] = Finding[Duration](
                    value=candidate.value, confidence=confidence, evidence=evidence
                )
            else:
                result[name] = Finding[dt.date](
                    value=candidate.value, confidence=confidence, evidence=evidence
                )
    if "end_date" in result and isinstance(result["end_date"].value, dt.date):
        # An end written as a date wins over "until terminated", as in the rules.
        result.pop("perpetual", None)
    return result
