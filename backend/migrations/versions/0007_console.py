"""The loyalty office's console: terminal health, console accounts and sessions, flag
resolutions, and the ingest latency histogram that /metrics reads.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "terminal_health",
        sa.Column("terminal", sa.Text(), nullable=False),
        sa.Column("last_contact_at", sa.BigInteger(), nullable=False),
        sa.Column("heartbeat_at", sa.BigInteger()),
        sa.Column("report", sa.Text()),
        sa.PrimaryKeyConstraint("terminal"),
    )
    op.create_table(
        "terminal_heartbeats",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("terminal", sa.Text(), nullable=False),
        sa.Column("at", sa.BigInteger(), nullable=False),
        sa.Column("report", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("terminal_heartbeats_terminal_at", "terminal_heartbeats", ["terminal", "at"])
    op.create_index("terminal_heartbeats_at", "terminal_heartbeats", ["at"])
    op.create_table(
        "console_users",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "console_sessions",
        sa.Column("token_hash", sa.Text(), nullable=False),
        sa.Column("user", sa.Text(), nullable=False),
        sa.Column("csrf", sa.Text(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("expires_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    op.create_index("console_sessions_expires_at", "console_sessions", ["expires_at"])
    op.create_table(
        "flag_resolutions",
        sa.Column("flag", sa.Integer(), nullable=False),
        sa.Column("resolved_by", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("resolved_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("flag"),
    )
    op.create_table(
        "ingest_latency",
        sa.Column("bound_ms", sa.BigInteger(), nullable=False),
        sa.Column("hits", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("bound_ms"),
    )


def downgrade() -> None:
    op.drop_table("ingest_latency")
    op.drop_table("flag_resolutions")
    op.drop_index("console_sessions_expires_at", table_name="console_sessions")
    op.drop_table("console_sessions")
    op.drop_table("console_users")
    op.drop_index("terminal_heartbeats_at", table_name="terminal_heartbeats")
    op.drop_index("terminal_heartbeats_terminal_at", table_name="terminal_heartbeats")
    op.drop_table("terminal_heartbeats")
    op.drop_table("terminal_health")
