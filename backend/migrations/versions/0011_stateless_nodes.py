"""Stateless nodes: the issuer's keys (wrapped) and bundle history in the database.

Members' TOTP secrets stay in member_totp.secret; the first start with a master key wraps
those stored in clear (backend.keys.admin.wrap_clear_secrets).

Revision ID: 0011
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "issuer_keys",
        sa.Column("key_id", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("uri", sa.Text(), nullable=False),
        sa.Column("public", sa.Text(), nullable=False),
        sa.Column("wrapped", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("key_id"),
    )
    op.create_table(
        "issuer_bundles",
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("root_key_id", sa.Text(), nullable=False),
        sa.Column("signing_key_id", sa.Text(), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("bundle", sa.LargeBinary(), nullable=False),
        sa.Column("published_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("version"),
    )


def downgrade() -> None:
    op.drop_table("issuer_bundles")
    op.drop_table("issuer_keys")
