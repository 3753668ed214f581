"""Rate limits per client address and per member id, shared by every backend process.

Replaces enrolment_attempts, whose overall count let a few clients lock everyone out.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rate_limits",
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("window_start", sa.BigInteger(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("scope", "key", "window_start"),
    )
    op.create_index("rate_limits_window_start", "rate_limits", ["window_start"])
    op.drop_index("enrolment_attempts_client_at", table_name="enrolment_attempts")
    op.drop_table("enrolment_attempts")


def downgrade() -> None:
    op.create_table(
        "enrolment_attempts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("client", sa.Text(), nullable=False),
        sa.Column("at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "enrolment_attempts_client_at", "enrolment_attempts", ["client", "at"], unique=False
    )
    op.drop_index("rate_limits_window_start", table_name="rate_limits")
    op.drop_table("rate_limits")
