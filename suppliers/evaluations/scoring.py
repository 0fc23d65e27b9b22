"""Combining evaluators' scores: the mean per criterion, then the weighted mean of those.

A criterion nobody scored is left out of the total (and its weight with it) rather than
counted as zero, so one evaluator skipping a criterion does not sink the supplier.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict

from core.models import Evaluation


@dataclasses.dataclass(frozen=True)
class CriterionResult:
    criterion_id: int
    name: str
    weight: float
    mean: float | None
    scores: int  # how many evaluators scored it


@dataclasses.dataclass(frozen=True)
class EvaluationResult:
    overall: float | None  # on the template's scale
    percent: float | None  # 0 = all at the scale's bottom, 100 = all at its top
    evaluators: int
    criteria: list[CriterionResult]


def combine(evaluation: Evaluation) -> EvaluationResult:
    template = evaluation.template
    by_criterion: dict[int, list[int]] = defaultdict(list)
    for score in evaluation.scores:
        by_criterion[score.criterion_id].append(score.score)
    criteria = []
    for criterion in template.criteria:
        given = by_criterion.get(criterion.id, [])
        criteria.append(CriterionResult(criterion.id, criterion.name, criterion.weight,
                                        sum(given) / len(given) if given else None, len(given)))
    weighed = [(c.mean, c.weight) for c in criteria if c.mean is not None and c.weight > 0]
    total_weight = sum(weight for _, weight in weighed)
    overall = (sum(mean * weight for mean, weight in weighed) / total_weight
               if total_weight else None)
    span = template.scale_max - template.scale_min
    percent = (round((overall - template.scale_min) / span * 100, 1)
               if overall is not None and span > 0 else None)
    evaluators = len({score.evaluator_id for score in evaluation.scores})
    return EvaluationResult(round(overall, 2) if overall is not None else None, percent,
                            evaluators, criteria)
