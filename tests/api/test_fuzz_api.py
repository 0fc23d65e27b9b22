"""Schemathesis against the app's own OpenAPI schema: no input may cause a server error.

In-process (ASGI), authenticated as an admin with a Bearer token, a bounded number of
examples per operation and a fixed seed (`derandomize`), so a run is repeatable and quick.
Every server error found is collected, so one run reports all of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import schemathesis
from conftest import World
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pdf_factory import contract_pdf

from core.models import Role

EXAMPLES_PER_OPERATION = 40
# PostgreSQL refuses what SQLite takes (integers out of range, NUL in text) on the first
# values hypothesis tries for a field; past those, its examples repeat SQLite's run.
EXAMPLES_PER_OPERATION_POSTGRESQL = 20
# The operations are split over this many tests, so that parallel runners share them.
SHARDS = 4


@dataclass(frozen=True)
class ServerError:
    operation: str
    error: str  # the status, or the exception the in-process app raised



@pytest.fixture
def admin_world(world: World) -> Iterator[tuple[World, str]]:
    admin = world.make_user("admin@example.no", Role.ADMIN)
    # Something for ids to find: a category, a contract, a document.
    created = admin.client.post("/api/v1/contracts", json={
        "title": "Seed", "category_path": "IT / Software", "end_date": "2030-01-01",
        "auto_renewal": True, "renewal_term": {"count": 1, "unit": "year"}})
    assert created.status_code == 201, created.text
    pdf = contract_pdf(["This Agreement is made between Alfa AS and Beta AS."])
    admin.client.post("/api/v1/documents",
                      files=[("files", ("seed.pdf", pdf, "application/pdf"))])
    world.wait_idle()
    yield world, admin.token


@pytest.mark.parametrize("shard", range(SHARDS))
def test_no_generated_request_causes_a_server_error(
    admin_world: tuple[World, str], database_kind: str, shard: int
) -> None:
    world, token = admin_world
    examples = (EXAMPLES_PER_OPERATION_POSTGRESQL if database_kind == "postgresql"
                else EXAMPLES_PER_OPERATION)
    app = world.app_client.app
    headers = {"Authorization": f"Bearer {token}"}
    # Outside development the schema is for signed-in users only.
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, headers=headers)
    # One example of each distinct error (operation, kind), to reproduce it.
    errors: dict[ServerError, str] = {}
    for number, result in enumerate(schema.get_all_operations()):
        if number % SHARDS != shard:
            continue
        operation = result.ok()

        @settings(max_examples=examples, derandomize=True, deadline=None,
                  database=None, phases=[Phase.explicit, Phase.generate],
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(), _=st.just(None))
        def call(case: schemathesis.Case, _: None) -> None:
            example = f"{case.path_parameters} {case.query} {case.body!r}"[:300]
            try:
                response = case.call(headers=headers)
            except Exception as error:  # the in-process transport re-raises the app's errors
                errors.setdefault(ServerError(case.operation.label, type(error).__name__), example)
                return
            if response.status_code >= 500:
                errors.setdefault(ServerError(case.operation.label, str(response.status_code)),
                                  example)

        call()
        world.wait_idle()
    assert not errors, "\n".join(f"{e.operation}: {e.error}: {example}"
                                  for e, example in sorted(errors.items(), key=str))
