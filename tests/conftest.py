"""Shared fixtures: a fresh runtime per test on SQLite or PostgreSQL, users and clients."""

from __future__ import annotations

import contextlib
import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from fastapi.testclient import TestClient

from avtale.app import create_app
from avtale.runtime import Runtime
from core import security
from core.db import Database
from core.migrate import upgrade
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


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashes() -> Iterator[None]:
    """Scrypt at its production cost takes ~65 ms a hash, paid for every user made and every
    sign-in: hundreds of tests. The cost is stored with each hash, so hashing and checking
    stay the same code; only the work factor of this test process is lower."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(security, "_SCRYPT_N", 2**8)
        yield


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[psycopg.Connection[tuple[object, ...]]]:
    try:
        admin = psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        pytest.fail(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}: {error}")
    with admin:
        yield admin


def _postgres_database_url(name: str) -> str:
    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(scope="session")
def postgres_database(postgres_admin: psycopg.Connection[tuple[object, ...]]) -> Iterator[str]:
    """One database per test process, migrated to head once and emptied before each test.

    Migrating took ~0.45 s a test and a copy from a template database ~0.47 s (PostgreSQL
    syncs a new database to disk); deleting every row and restarting the sequences takes
    ~5 ms and leaves exactly what the migrations build (they add no rows of their own).
    """
    with _throwaway_database(postgres_admin, "avtale_test") as url:
        _migrate(url)
        yield url


def _migrate(url: str) -> None:
    database = Database(url)
    try:
        upgrade(database)
    finally:
        database.dispose()  # no connection may stay open on a database emptied or copied


@contextlib.contextmanager
def _throwaway_database(
    admin: psycopg.Connection[tuple[object, ...]], prefix: str
) -> Iterator[str]:
    """A new, empty PostgreSQL database, dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _postgres_database_url(name)
    finally:
        # FORCE: a runtime a test left open must not keep its database alive.
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _empty_postgres(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn, conn.transaction():
        # A runtime or process the last test left behind must not hold rows or locks.
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        tables = [row[0] for row in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
            "AND tablename <> 'alembic_version'")]
        sequences = [row[0] for row in conn.execute(
            "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")]
        # Replica mode skips the foreign-key triggers, so the order of the deletes is free.
        conn.execute("SET LOCAL session_replication_role = replica;"
                     + "".join(f'DELETE FROM "{table}";' for table in tables)
                     + "".join(f"SELECT setval('\"{sequence}\"', 1, false);"
                               for sequence in sequences))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "avtale.sqlite3"
    _migrate(f"sqlite:///{path}")
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_kind(request: pytest.FixtureRequest) -> str:
    kind: str = request.param
    return kind


@pytest.fixture
def database_url(
    request: pytest.FixtureRequest, database_kind: str, tmp_path: Path
) -> Iterator[str]:
    """A database migrated to head with no rows in it, for this test alone."""
    if database_kind == "sqlite":
        path = tmp_path / "avtale.sqlite3"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    url: str = request.getfixturevalue("postgres_database")
    _empty_postgres(url)
    yield url


@pytest.fixture
def empty_database_url(
    request: pytest.FixtureRequest, database_kind: str, tmp_path: Path
) -> Iterator[str]:
    """A database with no schema at all, for the tests of the migrations themselves."""
    if database_kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'avtale.sqlite3'}"
        return
    admin: psycopg.Connection[tuple[object, ...]] = request.getfixturevalue("postgres_admin")
    with _throwaway_database(admin, "avtale_empty") as url:
        yield url


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
