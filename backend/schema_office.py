"""The loyalty office's own tables: its audit trail and its staff directory.

Declared on ``backend.schema.metadata`` (which imports them at its end), so migrations and
``schema.audit_log`` and the rest see one schema.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, Integer, Table, Text

from backend.schema import metadata

# What the loyalty office did (backend.console.audit): every console and `admin` action, with
# who, their role, from where, and the state before and after (JSON). Append-only: the
# migration adds triggers refusing UPDATE and DELETE.
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", BigInteger, nullable=False),
    Column("actor", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("address", Text, nullable=False),
    Column("source", Text, nullable=False),  # console | cli
    Column("action", Text, nullable=False),
    Column("target", Text, nullable=False),
    Column("before", Text),
    Column("after", Text),
    Index("audit_log_at", "at"),
    Index("audit_log_actor", "actor"),
)

# The office's staff directory (backend.staff); terminals receive it bound to themselves.
staff_accounts = Table(
    "staff_accounts",
    metadata,
    Column("id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("stores", Text),  # a JSON list of store ids; NULL: every store
    Column("pin_hash", Text, nullable=False),  # backend.passwords form
    Column("enabled", Integer, nullable=False),
    Column("version", BigInteger, nullable=False),
    Column("updated_at", BigInteger, nullable=False),
)

# The secret each terminal derived with the office at enrolment (protocol.staff_directory).
terminal_staff_keys = Table(
    "terminal_staff_keys",
    metadata,
    Column("terminal", Text, primary_key=True),
    Column("key", Text, nullable=False),
)

# The office cleared one terminal's lockout of one account (backend.staff_lockouts): the
# terminal clears it at its next sync, if it began no later than ``since`` (its own clock).
staff_lockout_clears = Table(
    "staff_lockout_clears",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("terminal", Text, nullable=False),
    Column("staff_id", Text, nullable=False),
    Column("since", BigInteger, nullable=False),
    Column("cleared_at", BigInteger, nullable=False),
    Column("cleared_by", Text, nullable=False),
    Column("version", BigInteger, nullable=False),  # the staff directory version it took
    Index("staff_lockout_clears_terminal", "terminal", "cleared_at"),
)
