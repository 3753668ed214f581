"""Drop ``ledger_member``: ``ledger_member_position`` (member, position) begins with the member.

Every lookup by member uses the unique index's leading column as well; the single-column one
only cost each ledger row written a second index entry.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ledger_member", "ledger")


def downgrade() -> None:
    op.create_index("ledger_member", "ledger", ["member"], unique=False)
