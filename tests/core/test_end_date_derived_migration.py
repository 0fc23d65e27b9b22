"""Migration 0023 on contracts stored before it, on SQLite and PostgreSQL: an unreviewed end
date the machine computed (its evidence is the start's and the term's, and it is start +
term) is backfilled as derived; every other end date is stated, and the deadlines of contracts
whose reading may change are left for the daily pass to recompute."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from alembic import command

from core.db import Database
from core.migrate import alembic_config, upgrade

BEFORE = "0022_spend_rollups"
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
START_EVIDENCE = [{"page": 1, "start": 10, "end": 40, "quote": "effective as of April 1, 2024"}]
TERM_EVIDENCE = [{"page": 1, "start": 60, "end": 90, "quote": "for two (2) years"}]
END_EVIDENCE = [{"page": 2, "start": 5, "end": 30, "quote": "expires on April 1, 2026"}]
TWO_YEARS = {"count": 2, "unit": "year"}


def _contract(connection: sa.Connection, contracts: sa.Table, title: str,
              **values: Any) -> int:
    row = {"title": title, "visibility": "ORGANISATION", "source": "upload", "notes": "",
           "perpetual": False, "auto_renewal": False, "created_at": NOW, "updated_at": NOW,
           "deadlines_as_of": dt.date(2026, 12, 1), **values}
    return int(connection.execute(sa.insert(contracts).values(**row)).inserted_primary_key[0])


def _field(connection: sa.Connection, field_values: sa.Table, contract_id: int, field: str,
           value: Any, evidence: list[dict[str, Any]], state: str = "SUGGESTED") -> None:
    connection.execute(sa.insert(field_values).values(
        contract_id=contract_id, field=field, value=value, evidence=evidence,
        review_state=state, extracted_at=NOW))


def _uploaded(connection: sa.Connection, contracts: sa.Table, field_values: sa.Table,
              title: str, end: dt.date, end_evidence: list[dict[str, Any]],
              end_state: str = "SUGGESTED", start_field: str = "effective_date") -> int:
    start = dt.date(2024, 4, 1)
    contract_id = _contract(connection, contracts, title, end_date=end,
                            initial_term=TWO_YEARS, **{start_field: start})
    _field(connection, field_values, contract_id, start_field, start.isoformat(),
           START_EVIDENCE)
    _field(connection, field_values, contract_id, "initial_term", TWO_YEARS, TERM_EVIDENCE)
    _field(connection, field_values, contract_id, "end_date", end.isoformat(), end_evidence,
           end_state)
    return contract_id


def test_only_unreviewed_computed_ends_are_backfilled_as_derived(empty_database_url: str) -> None:
    database = Database(empty_database_url)
    try:
        upgrade(database, BEFORE)
        metadata = sa.MetaData()
        with database.engine.begin() as connection:
            contracts = sa.Table("contracts", metadata, autoload_with=connection)
            field_values = sa.Table("field_values", metadata, autoload_with=connection)
            end = dt.date(2026, 4, 1)
            ids = {
                "computed": _uploaded(connection, contracts, field_values, "computed", end,
                                      START_EVIDENCE + TERM_EVIDENCE),
                "from the signed date": _uploaded(
                    connection, contracts, field_values, "signed", end,
                    START_EVIDENCE + TERM_EVIDENCE, start_field="signed_date"),
                "read in the text": _uploaded(connection, contracts, field_values, "read", end,
                                              END_EVIDENCE),
                "accepted": _uploaded(connection, contracts, field_values, "accepted", end,
                                      START_EVIDENCE + TERM_EVIDENCE, end_state="ACCEPTED"),
                "not start + term": _uploaded(connection, contracts, field_values, "moved",
                                              dt.date(2026, 3, 31),
                                              START_EVIDENCE + TERM_EVIDENCE),
                "typed by hand": _contract(connection, contracts, "typed", end_date=end,
                                           effective_date=dt.date(2024, 4, 1),
                                           initial_term=TWO_YEARS),
                "no term": _contract(connection, contracts, "no term", end_date=end),
            }
        upgrade(database)

        with database.engine.connect() as connection:
            rows = {
                row.title: row for row in connection.execute(sa.text(
                    "SELECT title, end_date_derived_from, deadlines_as_of, termination_notice "
                    "FROM contracts"))
            }
            derived_suggestions = dict(connection.execute(sa.text(
                "SELECT contract_id, derived_from FROM field_values WHERE field = 'end_date'"
            )).all())
        parts = {"effective_date": "2024-04-01", "initial_term": TWO_YEARS}
        signed_parts = {"signed_date": "2024-04-01", "initial_term": TWO_YEARS}
        assert _decoded(rows["computed"].end_date_derived_from) == parts
        assert _decoded(derived_suggestions[ids["computed"]]) == parts
        assert _decoded(rows["signed"].end_date_derived_from) == signed_parts
        for title in ("read", "accepted", "moved", "typed", "no term"):
            assert rows[title].end_date_derived_from is None, title
        for name in ("read in the text", "accepted", "not start + term"):
            assert derived_suggestions[ids[name]] is None, name
        # A changed reading is recomputed by the next daily pass; the rest keep theirs.
        for title in ("computed", "signed", "read", "accepted", "moved", "typed"):
            assert rows[title].deadlines_as_of is None, title
        assert rows["no term"].deadlines_as_of is not None
        assert all(row.termination_notice is None for row in rows.values())

        config = alembic_config(database)
        with database.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, BEFORE)
        columns = {c["name"] for c in sa.inspect(database.engine).get_columns("contracts")}
        assert "end_date_derived_from" not in columns and "termination_notice" not in columns
    finally:
        database.dispose()


def _decoded(value: Any) -> Any:
    import json

    return json.loads(value) if isinstance(value, str) else value
