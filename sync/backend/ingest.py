"""Applying a verified batch: each event exactly once, in one transaction per batch.

Per event, in order: malformed or foreign -> rejected; the same id again -> its first answer
(``duplicate`` when it was accepted); the same id with other content -> rejected
``id_conflict``; a reused sequence number -> rejected ``seq_reused``; a gap or a broken hash
chain -> flagged (and applied); a reused ``code_id`` / second handover of an ``order_id`` /
second use of a ``coupon_id`` -> the first applies, the later one is rejected and flagged;
otherwise the points go to the append-only ledger (a balance below zero is flagged, not
refused: offline redemptions may overdraw).

The work is done in a few statements per batch, not per event: lookups with ``IN``, claims as
one ``INSERT ... ON CONFLICT DO NOTHING RETURNING``, rows written with executemany.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from sync.backend import checkin_days, schema
from sync.backend.auth import Caller
from sync.backend.errors import Conflict
from sync.backend.sql import insert_ignore, lock_row
from sync.batch import OpenedBatch
from sync.events import Event, event_from_wire

ACCEPTED, DUPLICATE, REJECTED = "accepted", "duplicate", "rejected"
DEFAULT_TIER = "green"

# Which event field is claimed by its first use, for which kinds, where, and whether later
# events of the *same terminal* may share it: one scanned code serves every operation of one
# checkout (award, redeem, ...), and an order may be handed over in parts at one counter; the
# terminal itself refuses a reuse in another checkout or a handover beyond the order.
_ONCE_ONLY: tuple[tuple[str, str | None, Table, str, bool], ...] = (
    ("code_id", None, schema.code_uses, "code_reused", True),
    ("order_id", "pickup", schema.order_handovers, "order_reused", True),
    ("coupon_id", "coupon", schema.coupon_uses, "coupon_reused", False),
)


@dataclass(frozen=True)
class Outcome:
    """The answer for one event."""

    event: str
    status: str
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"event": self.event, "status": self.status, "reason": self.reason}


@dataclass
class _Work:
    """What one batch will write, gathered before it is written."""

    caller: Caller
    batch_id: str
    now_ms: int
    outcomes: list[Outcome | None] = field(default_factory=list)
    candidates: list[tuple[int, Event]] = field(default_factory=list)
    stored: list[tuple[Event, str, str | None]] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)

    def flag(self, kind: str, event: Event, detail: str) -> None:
        self.flags.append(
            {
                "kind": kind,
                "event": event.id,
                "terminal": event.terminal,
                "member": event.member,
                "detail": detail,
                "at": self.now_ms // 1000,
            }
        )


def ingest(conn: Connection, caller: Caller, batch: OpenedBatch, now_ms: int) -> list[Outcome]:
    """Apply the batch inside ``conn``'s transaction; the caller commits."""
    terminal = lock_row(conn, schema.terminals, caller.terminal)  # one batch per terminal at once
    received: dict[str, Any] = {"id": batch.batch_id, "terminal": caller.terminal}
    received |= {"received_at": now_ms // 1000, "events": len(batch.events)}
    if not insert_ignore(conn, schema.batches, received):
        raise Conflict("batch_replayed", "this batch id was already received")
    work = _Work(caller, batch.batch_id, now_ms)
    last_seq, last_hash = _sort_out(conn, work, batch.events, terminal)
    _claim_once_only(conn, work)
    accepted = [event for event, status, _ in work.stored if status == ACCEPTED]
    _write(conn, work, accepted)
    conn.execute(
        update(schema.terminals)
        .where(schema.terminals.c.id == caller.terminal)
        .values(last_seq=last_seq, last_hash=last_hash)
    )
    return [o for o in work.outcomes if o is not None]


def _sort_out(
    conn: Connection, work: _Work, raw_events: list[Any], terminal: Any
) -> tuple[int, str]:
    """Parse, answer repeats, check the chain; leaves the new events as candidates."""
    parsed: list[Event | Outcome] = [_parse(raw, work.caller) for raw in raw_events]
    ids = [e.id for e in parsed if isinstance(e, Event)]
    known = (
        {
            row.id: row
            for row in conn.execute(
                select(
                    schema.events.c.id,
                    schema.events.c.hash,
                    schema.events.c.status,
                    schema.events.c.reason,
                ).where(schema.events.c.id.in_(ids))
            )
        }
        if ids
        else {}
    )
    seq, chain_hash = int(terminal.last_seq), str(terminal.last_hash)
    in_batch: dict[str, str] = {}
    for item in parsed:
        if isinstance(item, Outcome):
            work.outcomes.append(item)
            continue
        event = item
        first_hash = known[event.id].hash if event.id in known else in_batch.get(event.id)
        if first_hash is not None:
            work.outcomes.append(_repeat(work, event, first_hash, known.get(event.id)))
            continue
        in_batch[event.id] = event.hash
        if event.seq <= seq:
            work.flag("seq_reused", event, f"seq {event.seq} already used")
            work.outcomes.append(Outcome(event.id, REJECTED, "seq_reused"))
            work.stored.append((event, REJECTED, "seq_reused"))
            continue
        if event.seq > seq + 1:
            work.flag("chain_gap", event, f"seq {seq + 1}..{event.seq - 1} missing")
        elif event.prev_hash != chain_hash:
            work.flag("chain_broken", event, f"prev_hash does not match seq {seq}")
        seq, chain_hash = event.seq, event.hash
        work.candidates.append((len(work.outcomes), event))
        work.outcomes.append(None)  # decided by the once-only claims
    return seq, chain_hash


def _parse(raw: Any, caller: Caller) -> Event | Outcome:
    try:
        event = event_from_wire(raw)
    except ValueError as exc:
        event_id = raw.get("id") if isinstance(raw, dict) else None
        return Outcome(str(event_id), REJECTED, f"malformed: {exc}")
    if event.terminal != caller.terminal:
        return Outcome(event.id, REJECTED, "wrong_terminal")
    return event


def _repeat(work: _Work, event: Event, first_hash: str, row: Any) -> Outcome:
    if first_hash != event.hash:
        work.flag("id_conflict", event, "the same event id with different content")
        return Outcome(event.id, REJECTED, "id_conflict")
    if row is None or row.status == ACCEPTED:
        return Outcome(event.id, DUPLICATE)
    return Outcome(event.id, str(row.status), row.reason)


def _claim_once_only(conn: Connection, work: _Work) -> None:
    """Each code, order and coupon is claimed by its first event; later ones are refused."""
    lost: dict[str, str] = {}
    for name, kind, table, reason, per_terminal in _ONCE_ONLY:
        wanted: dict[str, Event] = {}
        followers: dict[str, list[Event]] = {}
        for _, event in work.candidates:
            value = getattr(event, name)
            if value is None or (kind is not None and event.kind != kind):
                continue
            if value not in wanted:
                wanted[value] = event
            elif per_terminal:
                followers.setdefault(value, []).append(event)  # same terminal: shares the claim
            else:
                lost.setdefault(event.id, reason)  # the same one twice within this batch
        if not wanted:
            continue
        rows = [
            {name: v, "event": e.id, "terminal": work.caller.terminal} for v, e in wanted.items()
        ]
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        column = table.c[name]
        statement = dialect.insert(table).values(rows).on_conflict_do_nothing().returning(column)
        won = {row[0] for row in conn.execute(statement)}
        if per_terminal:
            held = conn.execute(
                select(column, table.c.terminal).where(column.in_(set(wanted) - won))
            ).all()
            won |= {value for value, terminal in held if terminal == work.caller.terminal}
        for value, event in wanted.items():
            if value not in won:
                for loser in (event, *followers.get(value, ())):
                    lost.setdefault(loser.id, reason)
    candidates = [e for _, e in work.candidates if e.id not in lost]
    lost |= checkin_days.claim(conn, work.caller.terminal, work.caller.store, candidates)
    for position, event in work.candidates:
        refusal = lost.get(event.id)
        if refusal is not None:
            work.flag(refusal, event, f"{refusal.split('_')[0]} was used before")
        status = REJECTED if refusal else ACCEPTED
        work.outcomes[position] = Outcome(event.id, status, refusal)
        work.stored.append((event, status, refusal))


def _write(conn: Connection, work: _Work, accepted: list[Event]) -> None:
    if work.stored:
        conn.execute(insert(schema.events), [_event_row(work, e, s, r) for e, s, r in work.stored])
    if accepted:
        _apply_points(conn, work, accepted)
    if work.flags:
        conn.execute(insert(schema.flags), work.flags)


def _apply_points(conn: Connection, work: _Work, accepted: list[Event]) -> None:
    members = schema.members
    names = sorted({e.member for e in accepted})
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    new_members = [
        {"id": m, "tier": DEFAULT_TIER, "balance": 0, "created_at": work.now_ms // 1000}
        for m in names
    ]
    conn.execute(dialect.insert(members).values(new_members).on_conflict_do_nothing())
    query = select(members.c.id, members.c.balance).where(members.c.id.in_(names))
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    balances = {row.id: int(row.balance) for row in conn.execute(query)}
    start = dict(balances)
    for event in accepted:
        balances[event.member] += event.points
        if event.points < 0 and balances[event.member] < 0:
            work.flag("negative_balance", event, f"balance {balances[event.member]}")
    conn.execute(insert(schema.ledger), [_ledger_row(work, e) for e in accepted])
    deltas = [{"member": m, "delta": balances[m] - start[m]} for m in names]
    conn.execute(
        update(members)
        .where(members.c.id == bindparam("member"))
        .values(balance=members.c.balance + bindparam("delta")),
        [d for d in deltas if d["delta"]] or deltas,
    )
    conn.execute(delete(schema.holds).where(schema.holds.c.event.in_([e.id for e in accepted])))
    for event in accepted:
        # A part handed over leaves the order open, so the wallet keeps its pickup code.
        complete = event.details.get("complete", True)
        if event.kind == "pickup" and event.order_id is not None and complete:
            _mark_handed_over(conn, event.order_id)


def _event_row(work: _Work, event: Event, status: str, reason: str | None) -> dict[str, Any]:
    return {
        "id": event.id,
        "terminal": event.terminal,
        "seq": event.seq,
        "hash": event.hash,
        "body": event.canonical().decode(),
        "kind": event.kind,
        "member": event.member,
        "points": event.points,
        "status": status,
        "reason": reason,
        "batch_id": work.batch_id,
        "received_at": work.now_ms // 1000,
    }


def _ledger_row(work: _Work, event: Event) -> dict[str, Any]:
    return {
        "event": event.id,
        "member": event.member,
        "kind": event.kind,
        "points": event.points,
        "terminal": work.caller.terminal,
        "store": work.caller.store,
        "local_time_ms": event.local_time_ms,
        "corrected_time_ms": event.local_time_ms + event.clock_offset_ms,
        "recorded_at_ms": work.now_ms,
    }


def _mark_handed_over(conn: Connection, order_id: str) -> None:
    orders = schema.pickup_orders
    top = conn.execute(select(func.coalesce(func.max(orders.c.version), 0))).scalar_one()
    conn.execute(
        update(orders).where(orders.c.id == order_id).values(status="handed_over", version=top + 1)
    )


def summary(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """The reply body for a batch."""
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in (ACCEPTED, DUPLICATE, REJECTED)}
    return {"results": [o.to_json() for o in outcomes], **counts}
