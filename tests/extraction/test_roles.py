"""The role model: hashed features scored in pure Python, deciding which candidate plays which
role, and leaving the rules alone where it has no weights (a role or a language)."""

from __future__ import annotations

import datetime as dt

from extraction.model import Finding
from extraction.roles.candidates import date_candidates
from extraction.roles.model import (
    RULES_ONLY,
    RoleModel,
    RoleWeights,
    apply_roles,
    bucket,
    shipped_model,
)
from extraction.text import ContractText

TEXT = ContractText.of([
    "This Agreement is made on January 5, 2020 between Acme Inc. and Beta LLC.\n\n"
    "2. TERM\n\nThe term shall commence on February 1, 2020 and shall expire on "
    "January 31, 2023."
])


def _model(role: str, feature: str, weight: float, threshold: float = 0.5) -> RoleModel:
    return RoleModel({role: RoleWeights(-2.0, {bucket(feature): weight}, threshold)})


def test_buckets_are_the_same_in_every_process() -> None:
    # crc32 of the UTF-8 bytes: a salted hash() would change the model between processes.
    assert bucket("b:commence") == 3827 and bucket("b:commence", 16) == bucket("b:commence") % 16


def test_candidates_carry_context_heading_and_the_rules_choice() -> None:
    rules = {"signed_date": Finding[dt.date](value=dt.date(2020, 1, 5), confidence=0.9)}
    dates = date_candidates(TEXT, "en", rules)
    assert [c.value for c in dates] == [
        dt.date(2020, 1, 5), dt.date(2020, 2, 1), dt.date(2023, 1, 31)
    ]
    first, commence, expire = (set(c.features) for c in dates)
    assert "rule:signed_date" in first and "rule:signed_date" not in commence
    assert {"b1:on", "b2:commence", "h:term", "after_signed"} <= commence
    assert "b:expire" in expire and "latest" in expire


def test_the_model_picks_the_candidate_its_weights_favour() -> None:
    found = apply_roles(TEXT, "en", {}, _model("effective_date", "b:commence", 5.0))
    assert found["effective_date"].value == dt.date(2020, 2, 1)
    assert "commence on February 1, 2020" in found["effective_date"].evidence[0].quote


def test_below_its_threshold_the_model_leaves_the_rules_finding() -> None:
    rule = Finding[dt.date](value=dt.date(2020, 1, 5), confidence=0.9)
    model = _model("signed_date", "b:commence", 5.0, threshold=0.99)
    assert apply_roles(TEXT, "en", {"signed_date": rule}, model) == {"signed_date": rule}
    assert "signed_date" not in apply_roles(TEXT, "en", {}, model)


def test_a_language_or_role_without_weights_is_left_to_the_rules() -> None:
    rule = Finding[dt.date](value=dt.date(2020, 1, 5), confidence=0.9)
    model = _model("effective_date", "b:commence", 5.0)
    assert apply_roles(TEXT, "nb", {"effective_date": rule}, model) == {"effective_date": rule}
    assert apply_roles(TEXT, "en", {"signed_date": rule}, RULES_ONLY) == {"signed_date": rule}
    assert apply_roles(TEXT, "en", {"signed_date": rule}, model)["signed_date"] == rule


def test_the_model_round_trips_through_its_json_form() -> None:
    model = _model("end_date", "b:expire", 1.25)
    assert RoleModel.from_json(model.to_json()) == model


def test_the_shipped_model_is_small_and_decides_english_dates_and_terms() -> None:
    model = shipped_model()
    assert set(model.roles) == {"signed_date", "end_date", "initial_term"}
    assert model.languages == ("en",)
    assert all(0.0 < role.threshold < 1.0 for role in model.roles.values())
