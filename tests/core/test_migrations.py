"""The migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from core.db import Database
from core.migrate import alembic_config, upgrade
from core.models import Base


def test_upgrade_head_gives_exactly_the_models_tables(empty_database_url: str) -> None:
    database = Database(empty_database_url)
    try:
        upgrade(database)
        tables = set(inspect(database.engine).get_table_names())
        assert tables - {"alembic_version"} == set(Base.metadata.tables)
    finally:
        database.dispose()


def test_autogenerate_finds_no_difference_after_upgrade(empty_database_url: str) -> None:
    database = Database(empty_database_url)
    try:
        upgrade(database)
        with database.engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "compare_server_default": True}
            )
            differences = compare_metadata(context, Base.metadata)
        assert differences == []
    finally:
        database.dispose()


def test_upgrade_twice_is_harmless(empty_database_url: str) -> None:
    database = Database(empty_database_url)
    try:
        upgrade(database)
        upgrade(database)
        with database.engine.connect() as connection:
            heads = MigrationContext.configure(connection).get_current_heads()
        assert len(heads) == 1
    finally:
        database.dispose()


def test_downgrade_to_base_and_up_again(empty_database_url: str) -> None:
    database = Database(empty_database_url)
    try:
        upgrade(database)
        config = alembic_config(database)
        with database.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        assert set(inspect(database.engine).get_table_names()) <= {"alembic_version"}
        upgrade(database)
        tables = set(inspect(database.engine).get_table_names())
        assert tables - {"alembic_version"} == set(Base.metadata.tables)
    finally:
        database.dispose()
