"""The deadline engine, one step a module: `ContractTerms` in, `Deadlines` out.

`engine` runs the steps (current term, renewal, notice, options, review, status) on the
calendar arithmetic of `calendar`; `types` holds the inputs and outputs, `rules` how terms are
read, `reading` what the steps hand each other, `lifecycle`
what people recorded (notice given, options exercised, early termination), `options`
extension options, `wording` the phrases of the explanation. Every date a user
sees comes from `compute_deadlines` for today; nothing else computes one.
"""

from contracts.deadlines.engine import (
    DEFAULT_REVIEW_AFTER,
    compute_deadlines,
    terms_from_extraction,
)
from contracts.deadlines.reading import EXPIRING_WITHIN
from contracts.deadlines.types import (
    ContractTerms,
    Deadlines,
    DerivedEnd,
    OptionDeadline,
    Status,
    Step,
)

__all__ = [
    "DEFAULT_REVIEW_AFTER",
    "EXPIRING_WITHIN",
    "ContractTerms",
    "Deadlines",
    "DerivedEnd",
    "OptionDeadline",
    "Status",
    "Step",
    "compute_deadlines",
    "terms_from_extraction",
]
