"""Members' balances and ledger positions, written last in a batch's transaction.

Split from backend/ingest.py: the one place that takes the member rows' locks, adds the
batch's changes and numbers its accepted events in each member's ledger (docs/counter.md,
"Ledger positions").
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.engine import Connection

from backend import bulk, schema
from backend.errors import BackendError
from protocol.events import MAX_BALANCE, Event


class BalanceRace(BackendError):
    """Concurrent batches took a balance out of range after our check; the client retries."""

    status = 503


def apply(
    conn: Connection,
    accepted: list[Event],
    deltas: dict[str, int],
    flag_row: Callable[[str, Event, str], dict[str, Any]],
) -> dict[str, int]:
    """One UPDATE per member, in sorted order, last: member rows are locked for milliseconds.

    The updates go as one executemany (in the sorted order, so two batches sharing members
    lock them in the same order and cannot deadlock); the new balances and positions are read
    back after. On PostgreSQL: the rows locked in that order, then one UPDATE from arrays. Under the member's row lock the positions follow commit order: a batch that
    waited for another's lock numbers its entries after the other's. Returns each accepted
    event's position, numbered in batch order.
    """
    members = schema.members
    negative: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for event in accepted:
        counts[event.member] = counts.get(event.member, 0) + 1
    changed = sorted(counts)
    if not changed:
        return {}
    changes = [{"member_id": m, "delta": deltas.get(m, 0), "count": counts[m]} for m in changed]
    if bulk.arrays_here(conn):
        rows = _add_as_arrays(conn, changes)
    else:
        conn.execute(
            update(members)
            .where(members.c.id == bindparam("member_id"))
            .values(
                balance=members.c.balance + bindparam("delta"),
                position=members.c.position + bindparam("count"),
            ),
            changes,
        )
        rows = conn.execute(
            select(members.c.id, members.c.balance, members.c.position).where(
                members.c.id.in_(changed)
            )
        ).all()
    after = {str(member): (int(balance), int(position)) for member, balance, position in rows}
    for member in changed:
        balance = after[member][0]
        if abs(balance) > MAX_BALANCE:
            raise BalanceRace("balance_race", "a balance changed meanwhile; send the batch again")
        if balance < 0 and deltas.get(member, 0) < 0:
            last = [e for e in accepted if e.member == member and e.points < 0][-1]
            negative.append(flag_row("negative_balance", last, f"balance {balance}"))
    if negative:
        conn.execute(insert(schema.flags), negative)
    positions: dict[str, int] = {}
    next_of = {m: after[m][1] - counts[m] + 1 for m in changed}
    for event in accepted:
        positions[event.id] = next_of[event.member]
        next_of[event.member] += 1
    return positions


def _add_as_arrays(conn: Connection, changes: list[dict[str, Any]]) -> Sequence[Any]:
    """PostgreSQL: lock the rows in sorted order, then add every change in one UPDATE.

    ``SELECT ... ORDER BY id FOR UPDATE`` locks rows as the sort emits them, so batches sharing
    members still lock them in the same order (no deadlock); a joined UPDATE alone would
    lock in whatever order its plan visits them.
    """
    ids = [change["member_id"] for change in changes]
    conn.execute(_lock_in_order(), {"locked": ids}).all()
    arrays = bulk.columns_as_arrays(
        {
            "id": ids,
            "balance": [change["delta"] for change in changes],
            "position": [change["count"] for change in changes],
        }
    )
    return conn.execute(_add_from_arrays(), arrays).all()


@functools.cache
def _lock_in_order() -> Any:
    members = schema.members
    return (
        select(members.c.id)
        .where(bulk.among_param("postgresql", members.c.id, "locked"))
        .order_by(members.c.id)
        .with_for_update()
    )


@functools.cache
def _add_from_arrays() -> Any:
    members = schema.members
    source = bulk.unnested(members, ("id", "balance", "position"))
    return (
        update(members)
        .where(members.c.id == source.c.id)
        .values(
            balance=members.c.balance + source.c.balance,
            position=members.c.position + source.c.position,
        )
        .returning(members.c.id, members.c.balance, members.c.position)
    )
