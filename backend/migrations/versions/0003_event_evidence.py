"""Evidence for every event: every published document version, the original an event refers
to, the checkout a code was claimed in, one award and one redemption per code, one check-in
per member per store per day, and when a member or certificate was revoked.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_versions",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("published_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", "version"),
    )
    # Whatever is published today is the first version the backend can recompute from.
    op.execute(
        "INSERT INTO document_versions (name, version, body, published_at)"
        " SELECT name, version, body, updated_at FROM documents"
    )
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("ref_event", sa.Text(), nullable=True))
    op.create_index("events_ref_event", "events", ["ref_event"])
    # Refunds and voids received before this column existed still count against their originals.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "UPDATE events SET ref_event = (body::json)->>'ref_event'"
            " WHERE kind IN ('refund', 'void')"
        )
    else:
        op.execute(
            "UPDATE events SET ref_event = json_extract(body, '$.ref_event')"
            " WHERE kind IN ('refund', 'void')"
        )
    with op.batch_alter_table("code_uses") as batch:
        batch.add_column(sa.Column("checkout", sa.Text(), nullable=True))
    op.create_table(
        "code_kinds",
        sa.Column("code_id", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("event", sa.Text(), nullable=False),
        sa.Column("terminal", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("code_id", "kind"),
    )
    op.create_table(
        "checkin_claims",
        sa.Column("member", sa.Text(), nullable=False),
        sa.Column("store", sa.Text(), nullable=False),
        sa.Column("day", sa.Text(), nullable=False),
        sa.Column("event", sa.Text(), nullable=False),
        sa.Column("terminal", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("member", "store", "day"),
    )
    op.create_table(
        "revocations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("member", sa.Text(), nullable=True),
        sa.Column("cert_id", sa.Text(), nullable=True),
        sa.Column("revoked_at", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("revocations_member", "revocations", ["member"])
    op.create_index("revocations_cert_id", "revocations", ["cert_id"])


def downgrade() -> None:
    op.drop_index("revocations_cert_id", table_name="revocations")
    op.drop_index("revocations_member", table_name="revocations")
    op.drop_table("revocations")
    op.drop_table("checkin_claims")
    op.drop_table("code_kinds")
    with op.batch_alter_table("code_uses") as batch:
        batch.drop_column("checkout")
    op.drop_index("events_ref_event", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("ref_event")
    op.drop_table("document_versions")
