"""What online authorisation holds, and what the ledger already used, for the checks it makes.

A hold is live until it expires; a points or order-item hold also ends when its event reaches
the events table (accepted: the ledger or the handover now counts it; rejected: nothing was
used). Claims (a code, a coupon, a check-in) are rows with a unique key, so two backend
processes asking at once cannot both hold the same thing: the second INSERT waits for the
first transaction and then finds the row.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, delete, exists, func, insert, or_, select
from sqlalchemy.engine import Connection

from backend import schema
from backend.sql import insert_ignore
from protocol.events import Event

ACCEPTED = "accepted"


@dataclass(frozen=True)
class Claimant:
    """Who holds a claim: the event it was approved for, at which terminal and checkout."""

    event: str
    terminal: str
    checkout: str


def _arrived(event_column: Any, *, rejected_only: bool = False) -> Any:
    """True when the hold's event is in the events table (rejected only, if asked)."""
    events = schema.events
    condition = events.c.id == event_column
    if rejected_only:
        condition = and_(condition, events.c.status != ACCEPTED)
    return exists().where(condition)


# The kinds whose online authorisation holds points (backend.authorisation: a reward, points
# as cash); ingest releases their holds when their events arrive.
POINT_HOLDING_KINDS = ("redeem", "discount")


def held_points(conn: Connection, member: str, now: int) -> int:
    """Points held for the member's redemptions whose events have not arrived yet."""
    holds = schema.holds
    total = conn.execute(
        select(func.coalesce(func.sum(holds.c.points), 0)).where(
            holds.c.member == member,
            holds.c.expires_at >= now,
            ~_arrived(holds.c.event),
        )
    ).scalar_one()
    return int(total)


def hold_points(conn: Connection, event: str, member: str, points: int, expires_at: int) -> None:
    conn.execute(
        insert(schema.holds).values(
            event=event, member=member, points=points, expires_at=expires_at
        )
    )


def held_items(conn: Connection, order_id: str, now: int) -> tuple[dict[str, int], set[str]]:
    """Order items held for handovers whose events have not arrived yet, by SKU, and the
    terminals holding them."""
    holds = schema.order_holds
    rows = conn.execute(
        select(holds.c.sku, holds.c.qty, holds.c.terminal).where(
            holds.c.order_id == order_id, holds.c.expires_at >= now, ~_arrived(holds.c.event)
        )
    ).all()
    held: dict[str, int] = {}
    for sku, qty, _ in rows:
        held[str(sku)] = held.get(str(sku), 0) + int(qty)
    return held, {str(terminal) for _, _, terminal in rows}


def hold_items(
    conn: Connection, holder: Claimant, order_id: str, items: dict[str, int], expires_at: int
) -> None:
    conn.execute(
        insert(schema.order_holds),
        [
            {
                "event": holder.event,
                "order_id": order_id,
                "sku": sku,
                "qty": qty,
                "terminal": holder.terminal,
                "expires_at": expires_at,
            }
            for sku, qty in items.items()
        ],
    )


def ordered_items(body: str) -> dict[str, int]:
    """An order's quantities by SKU, from its stored JSON body."""
    ordered: dict[str, int] = {}
    for item in json.loads(body).get("items", []):
        if isinstance(item, dict) and "sku" in item:
            ordered[str(item["sku"])] = ordered.get(str(item["sku"]), 0) + int(item.get("qty", 1))
    return ordered


def authorised_handover(conn: Connection, event: Event, terminal: str) -> bool:
    """Whether this terminal's pickup event is the handover online authorisation approved
    (the same items) and still fits in what the ledger has not handed over: then another
    counter of the store may finish an order one counter began (ingest's order claim)."""
    order_id = event.order_id
    if order_id is None:
        return False
    items = {str(k): int(v) for k, v in dict(event.details.get("items") or {}).items()}
    found = conn.execute(
        select(schema.authorisations.c.reply).where(
            schema.authorisations.c.event == event.id,
            schema.authorisations.c.terminal == terminal,
            schema.authorisations.c.kind == "pickup",
        )
    ).first()
    if found is None:
        return False
    reply = json.loads(found.reply)
    if reply.get("order") != order_id or reply.get("items") != items:
        return False
    order = conn.execute(
        select(schema.pickup_orders).where(schema.pickup_orders.c.id == order_id)
    ).first()
    if order is None:
        return False
    done = handed_over_items(conn, order_id, str(order.member))
    ordered = ordered_items(order.body)
    return all(
        qty > 0 and done.get(sku, 0) + qty <= ordered.get(sku, 0) for sku, qty in items.items()
    )


def order_complete(conn: Connection, order_id: str) -> bool:
    """Whether the ledger's accepted handovers, at every counter together, cover the order."""
    order = conn.execute(
        select(schema.pickup_orders).where(schema.pickup_orders.c.id == order_id)
    ).first()
    if order is None:
        return False
    done = handed_over_items(conn, order_id, str(order.member))
    return all(done.get(sku, 0) >= qty for sku, qty in ordered_items(order.body).items())


def _accepted_bodies(conn: Connection, kind: str, member: str) -> Iterator[dict[str, Any]]:
    """The member's accepted events of one kind, as sent (a member has few of these)."""
    events = schema.events
    rows = conn.execute(
        select(events.c.body).where(
            events.c.kind == kind, events.c.member == member, events.c.status == ACCEPTED
        )
    ).scalars()
    for body in rows:
        yield dict(json.loads(body))


def handed_over_items(conn: Connection, order_id: str, member: str) -> dict[str, int]:
    """Items of the order handed over by accepted pickup events (online or offline), by SKU."""
    done: dict[str, int] = {}
    for body in _accepted_bodies(conn, "pickup", member):
        if body.get("order_id") != order_id:
            continue
        for sku, qty in dict(body.get("details", {}).get("items", {})).items():
            done[str(sku)] = done.get(str(sku), 0) + int(qty)
    return done


def checked_in(conn: Connection, member: str, store: str, day: str) -> bool:
    """Whether an ingested check-in of the member at the store on that day claimed the day."""
    days = schema.checkin_claims
    found = conn.execute(
        select(days.c.event).where(
            days.c.member == member, days.c.store == store, days.c.day == day
        )
    ).first()
    return found is not None


def code_user(conn: Connection, code_id: str) -> Claimant | None:
    """The terminal (and checkout, when the event names one) whose ingested event used the code."""
    uses, events = schema.code_uses, schema.events
    row = conn.execute(
        select(uses.c.event, uses.c.terminal, events.c.body)
        .select_from(uses.outerjoin(events, events.c.id == uses.c.event))
        .where(uses.c.code_id == code_id)
    ).first()
    if row is None:
        return None
    checkout = json.loads(row.body).get("checkout") if row.body else None
    return Claimant(str(row.event), str(row.terminal), str(checkout or ""))


def coupon_used(conn: Connection, coupon_id: str) -> bool:
    """Whether an ingested event used the coupon."""
    uses = schema.coupon_uses
    found = conn.execute(select(uses.c.event).where(uses.c.coupon_id == coupon_id)).first()
    return found is not None


def claim(
    conn: Connection, key: str, claimant: Claimant, now: int, expires_at: int
) -> Claimant | None:
    """Take ``key`` for the claimant; the holder when another live claim has it, else None."""
    claims = schema.claims
    # A claim whose time ran out, or whose event the ledger rejected, is free again.
    conn.execute(
        delete(claims).where(
            claims.c.claim == key,
            or_(claims.c.expires_at < now, _arrived(claims.c.event, rejected_only=True)),
        )
    )
    row = {
        "claim": key,
        "event": claimant.event,
        "terminal": claimant.terminal,
        "checkout": claimant.checkout,
        "expires_at": expires_at,
    }
    if insert_ignore(conn, claims, row):
        return None
    holder = conn.execute(select(claims).where(claims.c.claim == key)).first()
    if holder is None:  # released between the two statements: not ours, and not anyone's
        return Claimant("", "", "")
    return Claimant(str(holder.event), str(holder.terminal), str(holder.checkout))


def release(conn: Connection, event: str) -> None:
    """Drop everything an expired authorisation of ``event`` held, before it is asked again."""
    for table in (schema.claims, schema.order_holds, schema.holds, schema.authorisations):
        conn.execute(delete(table).where(table.c.event == event))


def arrived(conn: Connection, event: str) -> bool:
    """Whether ``event`` reached the events table (accepted or rejected)."""
    return bool(conn.execute(select(_arrived(event))).scalar())


def give_up(conn: Connection, event: str) -> None:
    """Drop what a sale gave up under ``event``, except its code's claim.

    The code stays bound to its checkout until it expires: the sale may still use it for
    another request, and no other counter should take it meanwhile.
    """
    claims = schema.claims
    conn.execute(delete(claims).where(claims.c.event == event, ~claims.c.claim.startswith("code:")))
    for table in (schema.order_holds, schema.holds, schema.authorisations):
        conn.execute(delete(table).where(table.c.event == event))


def sweep(conn: Connection, before: int) -> None:
    """Delete holds that expired long ago; live checks ignore them anyway."""
    for table in (schema.claims, schema.order_holds, schema.holds, schema.authorisations):
        conn.execute(delete(table).where(table.c.expires_at < before))
