"""Shared fixtures: a fresh runtime per test on SQLite or PostgreSQL, users and clients."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from fastapi.testclient import TestClient

from avtale.app import create_app
from avtale.runtime import Runtime
from core.models import Role, User
from core.settings import Settings
from core.tokens import create_token
from core.users import create_user

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
CUAD_PDFS = SHARED_DATA / "cuad-dev" / "pdf"
POSTGRES_ADMIN_URL = os.environ.get(
    "AVTALE_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
PASSWORD = "correct horse battery"


# The few real contracts the tests need, kept in the repository (CC BY 4.0, see its README)
# so that the suite passes on a clone with no ../shared beside it.
CUAD_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "cuad"


def cuad_pdf(name_start: str) -> Path:
    for folder in (CUAD_PDFS, CUAD_FIXTURES):
        if folder.is_dir():
            matches = sorted(p for p in folder.iterdir() if p.name.startswith(name_start)
                             and p.suffix.lower() == ".pdf")
            if matches:
                return matches[0]
    raise AssertionError(f"no CUAD PDF starts with {name_start!r}")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL database for this test session."""
    name = f"avtale_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.fail(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}: {error}")
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'avtale.sqlite3'}"
        return
    url: str = request.getfixturevalue("postgres_url")
    _reset_postgres(url)
    yield url


def _reset_postgres(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(
        environment="test",
        data_dir=tmp_path / "data",
        database_url=database_url,
        broker_url="",
        secret_key="test-secret-key-that-is-long-enough",
        # Tests run passes with their own clock; a background one would use the real day.
        alert_pass_minutes=0,
        risk_refresh_minutes=0,
        # The webhook receivers of the tests listen on loopback.
        webhook_allow_private=True,
    )


@pytest.fixture
def runtime(settings: Settings) -> Iterator[Runtime]:
    built = Runtime.build(settings)
    yield built
    built.close()


@dataclass
class Actor:
    user: User
    token: str
    client: TestClient

    @property
    def email(self) -> str:
        return self.user.email


@dataclass
class World:
    runtime: Runtime
    app_client: TestClient

    def make_user(self, email: str, role: Role) -> Actor:
        with self.runtime.database.session() as session:
            user = create_user(session, email=email, role=role, password=PASSWORD)
            token = create_token(session, user, "tests")
        client = TestClient(self.app_client.app)
        client.headers["Authorization"] = f"Bearer {token}"
        return Actor(user=user, token=token, client=client)

    def wait_idle(self) -> None:
        """Let the in-process worker finish every queued job, then drain the outbox."""
        self.runtime.jobs.wait_idle()
        self.runtime.sync_search()


@pytest.fixture
def world(runtime: Runtime) -> Iterator[World]:
    app = create_app(runtime=runtime)
    with TestClient(app) as client:
        yield World(runtime=runtime, app_client=client)
