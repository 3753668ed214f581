"""Ledger positions: each member's entries numbered 1, 2, 3 ... in commit order.

A balance then says exactly which entries it holds (``members.position``: the last one), and a
terminal decides "is my event in this balance" by comparing numbers instead of two clocks
(docs/counter.md). Existing entries are numbered in ledger order; the ledger's append-only
trigger is lifted for that one backfill and put back in the same transaction.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_BACKFILL = (
    "UPDATE ledger SET position = (SELECT COUNT(*) FROM ledger AS earlier"
    " WHERE earlier.member = ledger.member AND earlier.entry <= ledger.entry)"
)
_MEMBERS = (
    "UPDATE members SET position = (SELECT COUNT(*) FROM ledger WHERE ledger.member = members.id)"
)


def upgrade() -> None:
    op.add_column("ledger", sa.Column("position", sa.BigInteger(), nullable=True))
    op.add_column(
        "members",
        sa.Column("position", sa.BigInteger(), nullable=False, server_default="0"),
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE ledger DISABLE TRIGGER ledger_append_only")
        op.execute(_BACKFILL)
        op.execute("ALTER TABLE ledger ENABLE TRIGGER ledger_append_only")
    else:
        op.execute("DROP TRIGGER ledger_no_update")
        op.execute(_BACKFILL)
        op.execute(
            "CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger "
            "BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END"
        )
    op.execute(_MEMBERS)
    op.create_index("ledger_member_position", "ledger", ["member", "position"], unique=True)


def downgrade() -> None:
    op.drop_index("ledger_member_position", "ledger")
    op.drop_column("members", "position")
    op.drop_column("ledger", "position")
