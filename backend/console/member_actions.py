"""What the member page reads (timeline, phones, coupons, orders) and the office's two writes
on a member: revoking a phone and adjusting points.

An adjustment is booked as an office event: a ledger row of kind ``adjust`` from the
terminal and store ``office``, the balance changed with it, and a flag
``office_adjustment`` raised in the same transaction, so every manual change of points
waits for a second person's review on the Flags page; none is silent.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection

from backend import revocations, schema
from backend.sql import lock_row
from protocol.events import MAX_BALANCE

OFFICE = "office"  # the terminal and store an office event is booked under
ADJUST_KIND = "adjust"
FLAG_KIND = "office_adjustment"
MAX_ADJUST_POINTS = 1_000_000
REASON_CHARS = (3, 500)


class AdjustRefused(ValueError):
    """An adjustment the office cannot book; ``key`` names the console's sentence."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class Adjusted:
    """A booked adjustment: its event id and the balance before and after."""

    event: str
    before: int
    after: int


def adjust_points(
    conn: Connection, member: str, points: int, reason: str, user: str, now_ms: int
) -> Adjusted:
    """Book ``points`` (either sign) for ``member`` as an office event, flagged for review."""
    if points == 0 or abs(points) > MAX_ADJUST_POINTS:
        raise AdjustRefused("bad_adjust_points")
    if not REASON_CHARS[0] <= len(reason) <= REASON_CHARS[1]:
        raise AdjustRefused("reason_needed")
    # Serialised with ingest on the member row, so the balance read is the one changed.
    row = lock_row(conn, schema.members, member)
    if row is None:
        raise AdjustRefused("unknown_member")
    before = int(row.balance)
    after = before + points
    if after < 0:
        raise AdjustRefused("adjust_below_zero")
    if after > MAX_BALANCE:
        raise AdjustRefused("bad_adjust_points")
    event = f"office-{uuid.uuid4()}"
    # The next ledger position, taken under the same row lock as ingest's (backend.balances),
    # so the office's entry is numbered in commit order like every other.
    position = int(row.position) + 1
    members = schema.members
    conn.execute(
        update(members)
        .where(members.c.id == member)
        .values(balance=members.c.balance + points, position=position)
    )
    conn.execute(
        insert(schema.ledger).values(
            event=event,
            member=member,
            kind=ADJUST_KIND,
            points=points,
            terminal=OFFICE,
            store=OFFICE,
            local_time_ms=now_ms,
            corrected_time_ms=now_ms,
            recorded_at_ms=now_ms,
            position=position,
        )
    )
    conn.execute(
        insert(schema.flags).values(
            kind=FLAG_KIND,
            event=event,
            terminal=OFFICE,
            member=member,
            detail=f"{points:+d} points by {user}: {reason}"[:500],
            at=now_ms // 1000,
        )
    )
    return Adjusted(event, before, after)


def revoke_device(conn: Connection, member: str, device: str, now: int) -> frozenset[bytes] | None:
    """Stop a phone (lost, stolen): it may no longer refresh; its certificates are revoked.

    Returns every revoked, unexpired certificate id, for the next trust bundle; None when
    the member has no such phone or it was revoked already.
    """
    devices = schema.member_devices
    changed = conn.execute(
        update(devices)
        .where(
            devices.c.member == member,
            devices.c.device_public == device,
            devices.c.revoked_at.is_(None),
        )
        .values(revoked_at=now, replaced_at=func.coalesce(devices.c.replaced_at, now))
    ).rowcount
    if not changed:
        return None
    certs = schema.member_certificates
    revoked = conn.execute(
        update(certs)
        .where(
            certs.c.member == member,
            certs.c.device_public == device,
            certs.c.revoked_at.is_(None),
            certs.c.expires_at > now,
        )
        .values(revoked_at=now)
        .returning(certs.c.cert_id)
    ).all()
    for found in revoked:  # ingest keeps what the phone did before now, nothing after
        revocations.record(conn, now, cert_id=bytes.fromhex(found.cert_id))
    rows = conn.execute(
        select(certs.c.cert_id).where(certs.c.revoked_at.is_not(None), certs.c.expires_at > now)
    ).all()
    return frozenset(bytes.fromhex(r.cert_id) for r in rows)


def timeline(entries: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ledger entries newest first, each with the balance after it, grouped by UTC day."""
    running = 0
    rows: list[dict[str, Any]] = []
    for entry in entries:
        running += int(entry["points"])
        day = time.strftime("%Y-%m-%d", time.gmtime(entry["corrected_time_ms"] // 1000))
        rows.append({**entry, "balance_after": running, "day": day})
    rows.reverse()
    return rows


def devices(conn: Connection, member: str) -> list[dict[str, Any]]:
    """The member's phones, oldest first, each ``current``, ``replaced`` or ``revoked``."""
    d = schema.member_devices
    found = conn.execute(select(d).where(d.c.member == member).order_by(d.c.created_at)).all()
    return [
        {
            **row._mapping,
            "state": "revoked"
            if row.revoked_at is not None and row.replaced_at is not None
            else "replaced"
            if row.replaced_at is not None
            else "current",
        }
        for row in found
    ]


def coupons(conn: Connection, member: str) -> list[dict[str, Any]]:
    """The member's coupons, newest first, with their status (used or not)."""
    c, s = schema.member_coupons, schema.coupon_statuses
    rows = conn.execute(
        select(c, s.c.status)
        .select_from(c.outerjoin(s, s.c.coupon_id == c.c.id))
        .where(c.c.member == member)
        .order_by(c.c.created_at.desc())
    ).all()
    return [{**row._mapping, "body": json.loads(row.body)} for row in rows]


def orders(conn: Connection, member: str) -> list[dict[str, Any]]:
    """The member's pickup orders, newest first."""
    o = schema.pickup_orders
    rows = conn.execute(select(o).where(o.c.member == member).order_by(o.c.version.desc())).all()
    return [{**row._mapping, "body": json.loads(row.body)} for row in rows]
