"""The one lock every publication takes: bundles, revocations, documents, master-key rotation.

Held in the database, so it serialises every node on it and dies with the transaction (a node
killed mid-publication releases it and leaves nothing half-made). PostgreSQL: a transaction
advisory lock. SQLite: the write lock its transactions already take at BEGIN IMMEDIATE
(backend.db). Never a file lock: nodes share no files.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

# Any fixed number: it names the publication lock among the backend's advisory locks.
PUBLICATION_LOCK = 0x10_7A_1B_5E


def lock(conn: Connection) -> None:
    """Wait for the publication lock; held until this transaction ends."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(PUBLICATION_LOCK)))
