"""Member login before enrolment: one-time login codes, certificates per device, replaced devices.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "member_login_codes",
        sa.Column("code_hash", sa.Text(), nullable=False),
        sa.Column("member", sa.Text(), nullable=False),
        sa.Column("created_at", sa.BigInteger(), nullable=False),
        sa.Column("expires_at", sa.BigInteger(), nullable=False),
        sa.Column("used_at", sa.BigInteger(), nullable=True),
        sa.Column("tries", sa.Integer(), nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("code_hash"),
    )
    op.create_index("member_login_codes_member", "member_login_codes", ["member"])
    op.create_table(
        "member_certificates",
        sa.Column("cert_id", sa.Text(), nullable=False),
        sa.Column("member", sa.Text(), nullable=False),
        sa.Column("device_public", sa.Text(), nullable=False),
        sa.Column("issued_at", sa.BigInteger(), nullable=False),
        sa.Column("expires_at", sa.BigInteger(), nullable=False),
        sa.Column("revoked_at", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("cert_id"),
    )
    op.create_index("member_certificates_member", "member_certificates", ["member"])
    op.add_column("member_devices", sa.Column("replaced_at", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("member_devices") as batch:
        batch.drop_column("replaced_at")
    op.drop_index("member_certificates_member", table_name="member_certificates")
    op.drop_table("member_certificates")
    op.drop_index("member_login_codes_member", table_name="member_login_codes")
    op.drop_table("member_login_codes")
