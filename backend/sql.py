"""Small SQL helpers that differ between SQLite and PostgreSQL."""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import Table, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

# The statements below are built once per table and dialect and given their values as
# parameters: building a statement anew cost more CPU than running it (a batch request runs
# a dozen of them; bench.profile_ingest).


def insert_ignore(conn: Connection, table: Table, values: dict[str, Any]) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING; True when the row was inserted."""
    return conn.execute(_insert_ignore(conn.dialect.name, table), values).first() is not None


def lock_row(conn: Connection, table: Table, key: Any) -> Any:
    """Select one row by primary key, locked for this transaction (FOR UPDATE where needed)."""
    return conn.execute(_lock_row(conn.dialect.name, table), {"lock_row_key": key}).first()


@functools.cache
def _insert_ignore(dialect_name: str, table: Table) -> Any:
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    first_key = next(iter(table.primary_key.columns))
    # The columns are those of the values given at execution. RETURNING, not rowcount:
    # psycopg 3 may report -1 for a single-row statement.
    return dialect.insert(table).on_conflict_do_nothing().returning(first_key)


@functools.cache
def _lock_row(dialect_name: str, table: Table) -> Any:
    (pk,) = table.primary_key.columns
    query = select(table).where(pk == bindparam("lock_row_key"))
    if dialect_name == "postgresql":
        query = query.with_for_update()  # SQLite already holds the write lock (BEGIN IMMEDIATE)
    return query
