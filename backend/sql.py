"""Small SQL helpers that differ between SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection


def insert_ignore(conn: Connection, table: Table, values: dict[str, Any]) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING; True when the row was inserted."""
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    first_key = next(iter(table.primary_key.columns))
    # RETURNING, not rowcount: psycopg 3 may report -1 for a single-row statement.
    statement = dialect.insert(table).values(**values).on_conflict_do_nothing().returning(first_key)
    return conn.execute(statement).first() is not None


def lock_row(conn: Connection, table: Table, key: Any) -> Any:
    """Select one row by primary key, locked for this transaction (FOR UPDATE where needed)."""
    (pk,) = table.primary_key.columns
    query = select(table).where(pk == key)
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()  # SQLite already holds the write lock (BEGIN IMMEDIATE)
    return conn.execute(query).first()
