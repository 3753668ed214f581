"""Once-only claims of a batch: the first event to use a code (per kind, and per checkout at
one terminal), an order, a coupon, a day's check-in or a till sale claims it; a later one is
refused and flagged.

Split from backend/ingest.py, which calls ``_claim_once_only`` with its batch's work (the
claims read ``work.alive``, ``work.caller`` and refuse through ``work.refuse``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, select
from sqlalchemy.engine import Connection

from backend import bulk, holds, schema
from protocol.events import MEMBER_KINDS, Event

if TYPE_CHECKING:
    from backend.ingest import _Work


@dataclass(frozen=True)
class _Claim:
    """A table where the first event to use a value claims it; later ones are refused.

    ``shared`` names the claim's columns that a later event must match to share the claim:
    one code serves every event of one checkout at one terminal, an order may be handed over
    in parts at one terminal; a coupon or a day's check-in is never shared.
    """

    table: Table
    kinds: tuple[str, ...]
    reason: str
    key: Callable[[Event, _Work], dict[str, Any]]
    shared: tuple[str, ...] = ()
    # Events of ``kinds`` that make this claim at all (an award without a sale_ref makes none).
    applies: Callable[[Event], bool] = lambda event: True
    # A later event the claim lets through although another terminal holds it.
    excused: Callable[[Connection, Event, _Work], bool] = lambda conn, event, work: False


def _day(event: Event, work: _Work) -> dict[str, Any]:
    day = str(event.details.get("day"))
    return {"member": event.member, "store": work.caller.store, "day": day}


def _code_kind(event: Event, work: _Work) -> dict[str, Any]:
    return {"code_id": event.code_id, "kind": event.kind}


def _sale(event: Event, work: _Work) -> dict[str, Any]:
    # Keyed by terminal: sale references are the till's own, unique only where it rings up.
    return {"terminal": work.caller.terminal, "till": event.till or "", "sale_ref": event.sale_ref}


_CLAIMS = (
    _Claim(
        schema.code_uses,
        MEMBER_KINDS,
        "code_reused",
        lambda e, w: {"code_id": e.code_id},
        ("terminal", "checkout"),
    ),
    _Claim(
        schema.order_handovers,
        ("pickup",),
        "order_reused",
        lambda e, w: {"order_id": e.order_id},
        ("terminal",),
        # The rest of an order begun at another counter, as online authorisation approved it.
        excused=lambda conn, e, w: holds.authorised_handover(conn, e, w.caller.terminal),
    ),
    _Claim(
        schema.coupon_uses, ("coupon",), "coupon_reused", lambda e, w: {"coupon_id": e.coupon_id}
    ),
    _Claim(schema.code_kinds, ("award",), "already_awarded", _code_kind),
    _Claim(schema.code_kinds, ("redeem",), "already_redeemed", _code_kind),
    # Points as cash: one discount per code, as the till holds one per sale; a rooted terminal
    # with the member's code could otherwise spend it again and again within the caps.
    _Claim(schema.code_kinds, ("discount",), "already_discounted", _code_kind),
    _Claim(schema.checkin_claims, ("checkin",), "checkin_reused", _day),
    _Claim(
        schema.sale_claims,
        ("award",),
        "sale_reused",
        _sale,
        applies=lambda event: event.sale_ref is not None,
    ),
)


def _claim_once_only(conn: Connection, work: _Work) -> None:
    """Each code, order, coupon and day's check-in is claimed by its first event."""
    for claim in _CLAIMS:
        _claim(conn, work, claim)


def _claim(conn: Connection, work: _Work, claim: _Claim) -> None:
    first: dict[tuple[Any, ...], Event] = {}
    followers: dict[tuple[Any, ...], list[Event]] = {}

    def sharing(event: Event) -> tuple[Any, ...]:
        return tuple(_shared_value(event, work, name) for name in claim.shared)

    for event in filter(claim.applies, work.alive(claim.kinds)):
        key = tuple(claim.key(event, work).values())
        if key not in first:
            first[key] = event
        elif claim.shared and sharing(event) == sharing(first[key]):
            followers.setdefault(key, []).append(event)
        else:
            work.refuse(event, claim.reason, "the same claim twice in one batch")
    if not first:
        return
    rows = [
        {**claim.key(e, work), "event": e.id, "terminal": work.caller.terminal}
        | ({"checkout": e.checkout} if claim.table is schema.code_uses else {})
        for e in first.values()
    ]
    names = list(claim.key(next(iter(first.values())), work))
    columns = [claim.table.c[name] for name in names]
    inserted = bulk.insert_rows(conn, claim.table, rows, ignore_conflicts=True, returning=names)
    won = {tuple(row) for row in inserted}
    lost = set(first) - won
    if claim.shared and lost:
        # Shared claims have a one-column key (code_id, order_id).
        (column,) = columns
        held = conn.execute(
            select(column, *(claim.table.c[n] for n in claim.shared)).where(
                bulk.among(conn, column, [key[0] for key in lost])
            )
        ).all()
        for value, *holder in held:
            if tuple(holder) == sharing(first[(value,)]):
                won.add((value,))  # claimed by an earlier batch of the same checkout
    for key, event in first.items():
        if key not in won:
            for loser in (event, *followers.get(key, ())):
                if not claim.excused(conn, loser, work):
                    work.refuse(loser, claim.reason, f"claimed before in {claim.table.name}")


def _shared_value(event: Event, work: _Work, name: str) -> Any:
    return work.caller.terminal if name == "terminal" else getattr(event, name)
