"""Online redemption authorisation: the real balance, less holds, decides.

An approved authorisation holds the points under the redemption's event id until that event
is ingested (the hold is then dropped) or the hold expires, so two terminals cannot both spend
the same balance while their events are still on the way.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Connection

from sync.backend import schema
from sync.backend.errors import BadRequest
from sync.backend.sql import insert_ignore, lock_row

HOLD_SECONDS = 15 * 60


def authorise(
    conn: Connection, event_id: str, member: str, points: int, now: int
) -> dict[str, Any]:
    """Approve when balance minus other holds covers ``points``; idempotent per event id."""
    if points <= 0:
        raise BadRequest("bad_points", "a redemption spends a positive number of points")
    holds = schema.holds
    conn.execute(delete(holds).where(holds.c.expires_at < now))
    member_row = lock_row(conn, schema.members, member)  # serialise authorisations per member
    balance = 0 if member_row is None else int(member_row.balance)
    already = conn.execute(select(holds).where(holds.c.event == event_id)).first()
    if already is not None:
        return {"approved": True, "balance": balance, "available": balance - int(already.points)}
    held = conn.execute(
        select(func.coalesce(func.sum(holds.c.points), 0)).where(holds.c.member == member)
    ).scalar_one()
    available = balance - int(held)
    if member_row is None or available < points:
        return {
            "approved": False,
            "balance": balance,
            "available": available,
            "reason": "unknown_member" if member_row is None else "insufficient_balance",
        }
    insert_ignore(
        conn,
        holds,
        {"event": event_id, "member": member, "points": points, "expires_at": now + HOLD_SECONDS},
    )
    return {"approved": True, "balance": balance, "available": available - points}
