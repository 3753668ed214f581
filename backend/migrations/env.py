"""Alembic environment: the caller passes an open connection in ``config.attributes``.

On PostgreSQL the migration takes a transaction-scoped advisory lock first: several backend
processes starting at once on a fresh database then migrate one after the other (the later
ones find the schema at head), instead of racing on CREATE TABLE. SQLite needs no lock: the
connection's BEGIN IMMEDIATE already holds the database's write lock.
"""

from __future__ import annotations

from alembic import context

from backend.schema import metadata

# An arbitrary constant shared by every process that migrates this schema ("LOYALMIG").
MIGRATION_LOCK_KEY = 0x4C4F59414C4D4947

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})")
    context.run_migrations()
