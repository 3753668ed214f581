"""Online authorisations: the answer per event id, claims on codes, coupons and check-ins,
held order items, the versioned statuses of used coupons that terminals download, and the
first check-in per member, store and day (claimed at ingest).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "authorisations",
        sa.Column("event", sa.Text(), nullable=False),
        sa.Column("terminal", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("member", sa.Text(), nullable=False),
        sa.Column("request_hash", sa.Text(), nullable=False),
        sa.Column("reply", sa.Text(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("expires_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("event"),
    )
    op.create_index("authorisations_expires_at", "authorisations", ["expires_at"])
    op.create_table(
        "claims",
        sa.Column("claim", sa.Text(), nullable=False),
        sa.Column("event", sa.Text(), nullable=False),
        sa.Column("terminal", sa.Text(), nullable=False),
        sa.Column("checkout", sa.Text(), nullable=False),
        sa.Column("expires_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("claim"),
    )
    op.create_index("claims_event", "claims", ["event"])
    op.create_table(
        "order_holds",
        sa.Column("event", sa.Text(), nullable=False),
        sa.Column("order_id", sa.Text(), nullable=False),
        sa.Column("sku", sa.Text(), nullable=False),
        sa.Column("qty", sa.BigInteger(), nullable=False),
        sa.Column("terminal", sa.Text(), nullable=False),
        sa.Column("expires_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("event", "sku"),
    )
    op.create_index("order_holds_order", "order_holds", ["order_id"])
    op.create_table(
        "coupon_statuses",
        sa.Column("coupon_id", sa.Text(), nullable=False),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("coupon_id"),
    )
    op.create_index("coupon_statuses_version", "coupon_statuses", ["version"])


def downgrade() -> None:
    op.drop_index("coupon_statuses_version", table_name="coupon_statuses")
    op.drop_table("coupon_statuses")
    op.drop_index("order_holds_order", table_name="order_holds")
    op.drop_table("order_holds")
    op.drop_index("claims_event", table_name="claims")
    op.drop_table("claims")
    op.drop_index("authorisations_expires_at", table_name="authorisations")
    op.drop_table("authorisations")
