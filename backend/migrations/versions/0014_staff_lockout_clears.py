"""Lockout clears: the office cleared a terminal's lockout of one staff account.

Each clear takes the next staff directory version (one counter with ``staff_accounts``), so
the terminal downloads its staff document again and finds the clear in it. ``since`` is the
lockout's start as the terminal reported it in its heartbeat (the terminal's clock).

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_lockout_clears",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("terminal", sa.Text(), nullable=False),
        sa.Column("staff_id", sa.Text(), nullable=False),
        sa.Column("since", sa.BigInteger(), nullable=False),
        sa.Column("cleared_at", sa.BigInteger(), nullable=False),
        sa.Column("cleared_by", sa.Text(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "staff_lockout_clears_terminal", "staff_lockout_clears", ["terminal", "cleared_at"]
    )


def downgrade() -> None:
    op.drop_index("staff_lockout_clears_terminal", table_name="staff_lockout_clears")
    op.drop_table("staff_lockout_clears")
