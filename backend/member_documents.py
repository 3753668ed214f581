"""The issuer-signed documents a member's wallet carries: ready pickup orders and coupons.

They are signed afresh whenever the wallet asks (enrolment, refresh); the terminal verifies
them offline like the certificate, so the backend needs no online check at the counter.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from backend import schema
from backend.errors import BadRequest
from crypto.documents import Document
from crypto.issuer import Issuer

ORDER_LIFETIME_SECONDS = 30 * 86400
COUPON_KINDS = ("amount", "percent", "gift")


def add_coupon(
    conn: Connection,
    coupon_id: str,
    member: str,
    body: dict[str, Any],
    stores: list[str] | None,
    expires_at: int,
    now: int,
) -> None:
    """Give a member a coupon; it reaches the wallet at its next refresh."""
    if body.get("kind") not in COUPON_KINDS:
        raise BadRequest("bad_coupon", f"coupon kind must be one of {', '.join(COUPON_KINDS)}")
    conn.execute(
        insert(schema.member_coupons).values(
            id=coupon_id,
            member=member,
            body=json.dumps(body),
            stores=json.dumps(stores) if stores else None,
            expires_at=expires_at,
            created_at=now,
        )
    )


def signed_documents(
    conn: Connection, issuer: Issuer, member: str, now: int
) -> list[dict[str, str]]:
    """Every open order and unused coupon of the member, signed, as {"key", "raw" (hex)}."""
    documents: list[Document] = []
    orders = schema.pickup_orders
    for row in conn.execute(
        select(orders)
        .where(orders.c.member == member, orders.c.status == "ready")
        .order_by(orders.c.id)
    ):
        documents.append(
            Document(
                typ="pickup",
                doc_id=row.id,
                member=member,
                not_before=now - 60,
                expires_at=now + ORDER_LIFETIME_SECONDS,
                stores=(row.store,),
                body=json.loads(row.body),
            )
        )
    coupons, used = schema.member_coupons, schema.coupon_uses
    unused = select(coupons).where(
        coupons.c.member == member,
        coupons.c.expires_at > now,
        coupons.c.id.not_in(select(used.c.coupon_id)),
    )
    for row in conn.execute(unused.order_by(coupons.c.id)):
        documents.append(
            Document(
                typ="coupon",
                doc_id=row.id,
                member=member,
                not_before=now - 60,
                expires_at=int(row.expires_at),
                stores=tuple(json.loads(row.stores)) if row.stores else None,
                body=json.loads(row.body),
            )
        )
    return [{"key": f"{d.typ}:{d.doc_id}", "raw": issuer.sign_document(d).hex()} for d in documents]
