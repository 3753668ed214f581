"""Applying a verified batch: each event exactly once, in one transaction per batch, and only
what the backend can prove (backend.evidence).

Per event, in order: malformed or foreign -> rejected; the same id again -> its first answer
(``duplicate`` when it was accepted); the same id with other content -> rejected
``id_conflict``; a reused sequence number -> rejected ``seq_reused``; a gap or a broken hash
chain -> flagged (and applied). Then the evidence: a known member, a possible sign, a time not
after the receipt, the member's code or presence proof re-verified (member events), the points
recomputed from the named policy or catalog version; a code or presence proof (one checkout at
one terminal, one award and one redemption), order, coupon, day's check-in or till sale (one
award per ``sale_ref``) claimed by its first use; refunds and voids only of accepted originals,
never beyond them; balances within
``MAX_BALANCE``. Every rejection is flagged. A balance below zero is flagged, not refused:
offline redemptions may overdraw. Every accepted event gets the member's next ledger position
(1, 2, 3 ... per member, in commit order), and its answer carries it, as does a duplicate's:
a terminal tells by it whether a balance holds the event (docs/counter.md).

The work is done in a few statements per batch, not per event: lookups with ``IN``, claims as
one ``INSERT ... ON CONFLICT DO NOTHING RETURNING``, rows written with executemany (on
PostgreSQL each as one statement taking a column per array, backend.bulk). Member rows
are locked only at the very end, by one ``UPDATE ... SET balance = balance + delta, position =
position + count`` per member in sorted order, then the ledger rows that carry those positions
are written, so batches that share members wait for each other for milliseconds.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Delete, Select, Update, bindparam, delete, func, insert, select, update
from sqlalchemy.engine import Connection

from backend import balances, bulk, evidence, holds, reward_rules, schema
from backend.auth import Caller
from backend.balances import BalanceRace
from backend.claims import _claim_once_only
from backend.errors import Conflict
from backend.evidence import Rejected
from backend.member_codes import MemberCodes
from backend.sql import insert_ignore, lock_row
from protocol.batch import OpenedBatch
from protocol.events import MAX_BALANCE, Event, event_from_wire

ACCEPTED, DUPLICATE, REJECTED = "accepted", "duplicate", "rejected"
__all__ = ["BalanceRace", "Outcome", "flag_refused_batch", "ingest", "summary"]


@dataclass(frozen=True)
class Outcome:
    """The answer for one event."""

    event: str
    status: str
    reason: str | None = None
    # The member's ledger position of this event (accepted or duplicate); None otherwise.
    position: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "event": self.event,
            "status": self.status,
            "reason": self.reason,
            "position": self.position,
        }


@dataclass
class _Work:
    """What one batch will write, gathered before it is written."""

    caller: Caller
    batch_id: str
    now_ms: int
    outcomes: list[Outcome | None] = field(default_factory=list)
    candidates: list[tuple[int, Event]] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # event id -> reason
    stored: list[tuple[Event, str, str | None]] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)

    def flag(self, kind: str, event: Event, detail: str) -> None:
        self.flags.append(self.flag_row(kind, event, detail))

    def flag_row(self, kind: str, event: Event, detail: str) -> dict[str, Any]:
        return {
            "kind": kind,
            "event": event.id,
            "terminal": event.terminal,
            "member": event.member,
            "detail": detail[:500],
            "at": self.now_ms // 1000,
        }

    def refuse(self, event: Event, reason: str, detail: str) -> None:
        if event.id not in self.refused:
            self.refused[event.id] = reason
            self.flag(reason, event, detail)

    def alive(self, kinds: Sequence[str] | None = None) -> list[Event]:
        """Candidates not refused so far, in batch order (of ``kinds`` when given)."""
        return [
            e
            for _, e in self.candidates
            if e.id not in self.refused and (kinds is None or e.kind in kinds)
        ]


def ingest(
    conn: Connection, caller: Caller, batch: OpenedBatch, now_ms: int, codes: MemberCodes
) -> list[Outcome]:
    """Apply the batch inside ``conn``'s transaction; the caller commits."""
    terminal = lock_row(conn, schema.terminals, caller.terminal)  # one batch per terminal at once
    received: dict[str, Any] = {"id": batch.batch_id, "terminal": caller.terminal}
    received |= {"received_at": now_ms // 1000, "events": len(batch.events)}
    if not insert_ignore(conn, schema.batches, received):
        raise Conflict("batch_replayed", "this batch id was already received")
    work = _Work(caller, batch.batch_id, now_ms)
    codes = codes.pinned()  # one look at the issuer's bundle per batch, not per code
    last_seq, last_hash = _sort_out(conn, work, batch.events, terminal)
    known = evidence.load(conn, [e for _, e in work.candidates])
    _check_member_events(conn, work, known, codes)
    _claim_once_only(conn, work)
    _check_reversals(work, known)
    reward_rules.check_batch(
        conn, work.alive(("redeem",)), caller.store, known.catalogs, now_ms, work.refuse
    )
    deltas = _check_balances(work, known)
    for _, event in work.candidates:
        reason = work.refused.get(event.id)
        work.stored.append((event, REJECTED if reason else ACCEPTED, reason))
    positions = _write(conn, work, deltas)
    for index, event in work.candidates:
        reason = work.refused.get(event.id)
        status = REJECTED if reason else ACCEPTED
        work.outcomes[index] = Outcome(event.id, status, reason, positions.get(event.id))
    # The same new event twice in one batch: its repeat carries the position too.
    for index, outcome in enumerate(work.outcomes):
        if outcome is not None and outcome.status == DUPLICATE and outcome.position is None:
            work.outcomes[index] = replace(outcome, position=positions.get(outcome.event))
    chain = {"chain_terminal": caller.terminal, "chain_seq": last_seq, "chain_hash": last_hash}
    conn.execute(_chain_head(), chain)
    return [o for o in work.outcomes if o is not None]


@functools.cache
def _known_events(dialect_name: str) -> Select[Any]:
    """Built once, run with parameters: every batch runs it (backend.sql says why)."""
    events, ledger = schema.events, schema.ledger
    return (
        select(events.c.id, events.c.hash, events.c.status, events.c.reason, ledger.c.position)
        .outerjoin(ledger, ledger.c.event == events.c.id)
        .where(bulk.among_param(dialect_name, events.c.id, "known"))
    )


@functools.cache
def _release_holds(dialect_name: str) -> Delete:
    """Built once, run with parameters: every batch runs it (backend.sql says why)."""
    holds_table = schema.holds
    return delete(holds_table).where(bulk.among_param(dialect_name, holds_table.c.event, "held_by"))


@functools.cache
def _chain_head() -> Update:
    """Built once, run with parameters: every batch runs it (backend.sql says why)."""
    terminals = schema.terminals
    return (
        update(terminals)
        .where(terminals.c.id == bindparam("chain_terminal"))
        .values(last_seq=bindparam("chain_seq"), last_hash=bindparam("chain_hash"))
    )


def _sort_out(
    conn: Connection, work: _Work, raw_events: list[Any], terminal: Any
) -> tuple[int, str]:
    """Parse, answer repeats, check the chain; leaves the new events as candidates."""
    parsed: list[Event | Outcome] = [_parse(raw, work.caller) for raw in raw_events]
    ids = [e.id for e in parsed if isinstance(e, Event)]
    known = (
        {row.id: row for row in conn.execute(_known_events(conn.dialect.name), {"known": ids})}
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
        work.outcomes.append(None)  # decided by the evidence
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
        position = None if row is None or row.position is None else int(row.position)
        return Outcome(event.id, DUPLICATE, position=position)
    return Outcome(event.id, str(row.status), row.reason)


def _check_member_events(
    conn: Connection, work: _Work, known: evidence.Known, codes: MemberCodes
) -> None:
    """Everything but refunds and voids: member, sign, time, code, recomputed points."""
    for _, event in work.candidates:
        try:
            evidence.check_basics(event, known, work.now_ms)
            if event.kind in ("refund", "void"):
                continue  # their originals are known only after the claims
            verified = evidence.check_evidence(
                event, codes, work.caller.terminal, work.caller.store, conn
            )
            evidence.check_points(event, verified, known)
        except Rejected as refusal:
            work.refuse(event, refusal.reason, refusal.detail)


def _check_reversals(work: _Work, known: evidence.Known) -> None:
    """Refunds and voids, in order, against originals accepted before or earlier in the batch."""
    for event in work.alive():
        if event.kind not in ("refund", "void"):
            evidence.remember(known, event, work.caller.terminal)
            continue
        try:
            evidence.check_reversal(event, known)
        except Rejected as refusal:
            work.refuse(event, refusal.reason, refusal.detail)
            continue
        evidence.note_reversal(known, event.to_wire())


def _check_balances(work: _Work, known: evidence.Known) -> dict[str, int]:
    """Keep every balance within range; returns each member's change."""
    running = dict(known.balances)
    deltas: dict[str, int] = {}
    for event in work.alive():
        if event.ref_event is not None and event.ref_event in work.refused:
            work.refuse(event, "original_not_accepted", f"{event.ref_event} was rejected")
            continue
        after = running[event.member] + event.points
        if abs(after) > MAX_BALANCE:
            work.refuse(event, "balance_limit", f"the balance would become {after}")
            continue
        running[event.member] = after
        deltas[event.member] = deltas.get(event.member, 0) + event.points
    return deltas


def _write(conn: Connection, work: _Work, deltas: dict[str, int]) -> dict[str, int]:
    """Write the batch; returns each accepted event's ledger position."""
    bulk.insert_rows(conn, schema.events, [_event_row(work, e, s, r) for e, s, r in work.stored])
    accepted = [event for event, status, _ in work.stored if status == ACCEPTED]
    # Only a redemption or discount was authorised with points held; an award's batch has
    # nothing to release and skips the statement. A hold left by an event of another kind is
    # harmless: live checks ignore holds whose event arrived, and the sweep deletes it.
    spent = [e.id for e in accepted if e.kind in holds.POINT_HOLDING_KINDS]
    if spent:
        conn.execute(_release_holds(conn.dialect.name), {"held_by": spent})
    if accepted:
        for event in accepted:
            # A part handed over leaves the order open, so the wallet keeps its pickup code.
            # Done when the ledger's handovers, at every counter, cover the order: the last
            # part's terminal may not know the others, nor the first ones that more follow.
            order = event.order_id if event.kind == "pickup" else None
            if order is not None:
                # A new version either way: counters download what was handed over so far.
                done = holds.order_complete(conn, order)
                _order_changed(conn, order, "handed_over" if done else None)
    bulk.insert_rows(conn, schema.flags, work.flags)
    positions = balances.apply(conn, accepted, deltas, work.flag_row)
    bulk.insert_rows(conn, schema.ledger, [_ledger_row(work, e, positions[e.id]) for e in accepted])
    return positions


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
        "ref_event": event.ref_event,
    }


def _ledger_row(work: _Work, event: Event, position: int) -> dict[str, Any]:
    return {
        "event": event.id,
        "member": event.member,
        "kind": event.kind,
        "points": event.points,
        "terminal": work.caller.terminal,
        "store": work.caller.store,
        "local_time_ms": event.local_time_ms,
        "corrected_time_ms": evidence.corrected_ms(event),
        "recorded_at_ms": work.now_ms,
        "position": position,
    }


def _order_changed(conn: Connection, order_id: str, status: str | None) -> None:
    orders = schema.pickup_orders
    top = conn.execute(select(func.coalesce(func.max(orders.c.version), 0))).scalar_one()
    values: dict[str, Any] = {"version": top + 1} | ({"status": status} if status else {})
    conn.execute(update(orders).where(orders.c.id == order_id).values(**values))


def flag_refused_batch(conn: Connection, terminal: str, kind: str, detail: str, now: int) -> None:
    """A whole batch refused (mis-signed, replayed): the loyalty office sees the terminal."""
    conn.execute(
        insert(schema.flags).values(
            kind=kind, event=None, terminal=terminal, member=None, detail=detail[:500], at=now
        )
    )


def summary(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """The reply body for a batch."""
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in (ACCEPTED, DUPLICATE, REJECTED)}
    return {"results": [o.to_json() for o in outcomes], **counts}
