"""Manual identification and one award per sale: members' TOTP secrets, sale claims.

Revision ID: 0009
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "member_totp",
        sa.Column("member", sa.Text(), nullable=False),
        sa.Column("secret", sa.Text(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("last_step", sa.BigInteger(), nullable=False, server_default="-1"),
        sa.PrimaryKeyConstraint("member"),
    )
    op.create_table(
        "sale_claims",
        sa.Column("terminal", sa.Text(), nullable=False),
        sa.Column("till", sa.Text(), nullable=False),
        sa.Column("sale_ref", sa.Text(), nullable=False),
        sa.Column("event", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("terminal", "till", "sale_ref"),
    )


def downgrade() -> None:
    op.drop_table("sale_claims")
    op.drop_table("member_totp")
