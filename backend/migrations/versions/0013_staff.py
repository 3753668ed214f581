"""Staff from the office: the staff directory, and each terminal's verifier key.

``staff_accounts.version`` numbers every change (one counter for the whole directory), so a
terminal asks for what changed since the version it holds. ``terminal_staff_keys`` holds the
secret each terminal derived with the office at enrolment (protocol.staff_directory).

Revision ID: 0013
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_accounts",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("stores", sa.Text()),  # a JSON list of store ids; NULL: every store
        sa.Column("pin_hash", sa.Text(), nullable=False),
        sa.Column("enabled", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "terminal_staff_keys",
        sa.Column("terminal", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("terminal"),
    )


def downgrade() -> None:
    op.drop_table("terminal_staff_keys")
    op.drop_table("staff_accounts")
