"""The durable outbox: every confirmed operation's event, in order, until the backend answers.

One SQLite file (WAL, synchronous=FULL). ``append`` commits before it returns, so an operation
confirmed to the cashier is on disk. Rows move pending -> in_flight -> accepted | duplicate |
rejected; a sender holds an exclusive file lock, so rows found in flight while nobody holds
it were left by a crash and go back to pending. Rejected events stay on a reconciliation
list for staff. The read queries are sync/outbox_reads.py (re-exported here).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from protocol.events import GENESIS_HASH, Event, NewEvent, event_from_wire, placed
from sync.errors import OutboxBusy
from sync.outbox_positions import ledger_position_step
from sync.outbox_reads import (
    OutboxReads,
    ReconciliationItem,
    Status,
    StoredEvent,
    local_day,
)
from sync.schema import Schema, create_tables
from sync.sqlite_util import connect, storage_errors

__all__ = [
    "OUTBOX_SCHEMA",
    "SEEN_CODES_SCHEMA",
    "Outbox",
    "ReconciliationItem",
    "Result",
    "Status",
    "StoredEvent",
    "local_day",
]

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS chain (
        one INTEGER PRIMARY KEY CHECK (one = 1),
        terminal TEXT NOT NULL,
        last_seq INTEGER NOT NULL,
        last_hash TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS events (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        body TEXT NOT NULL,
        hash TEXT NOT NULL,
        size INTEGER NOT NULL,
        kind TEXT NOT NULL,
        member TEXT NOT NULL,
        local_day TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        result_ms INTEGER)""",
    "CREATE INDEX IF NOT EXISTS events_status ON events (status, seq)",
    "CREATE INDEX IF NOT EXISTS events_member_day ON events (member, local_day)",
    # The counter operations look events up by these on every operation: index them.
    "CREATE INDEX IF NOT EXISTS events_code ON events (json_extract(body, '$.code_id'))",
    "CREATE INDEX IF NOT EXISTS events_order ON events (json_extract(body, '$.order_id'))",
    "CREATE INDEX IF NOT EXISTS events_coupon ON events (json_extract(body, '$.coupon_id'))",
    "CREATE INDEX IF NOT EXISTS events_ref ON events (json_extract(body, '$.ref_event'))",
    """CREATE TABLE IF NOT EXISTS reconciliation (
        event_id TEXT PRIMARY KEY,
        reason TEXT NOT NULL,
        created_ms INTEGER NOT NULL,
        resolved_ms INTEGER,
        resolved_by TEXT,
        note TEXT)""",
)


# The seen-codes table (terminal/replay.py) lives in this file: a code's claim and the event
# it leads to are then checked and committed in one transaction of one database.
SEEN_CODES_SCHEMA = """CREATE TABLE IF NOT EXISTS seen_codes (
    code_id TEXT PRIMARY KEY,
    member TEXT NOT NULL,
    context TEXT NOT NULL,
    first_seen REAL NOT NULL)"""

# The outbox file's migrations (sync/schema.py): append a step to change the schema.
OUTBOX_SCHEMA = Schema(
    "outbox",
    (
        # 1: the tables as release 0.1.0 made them (unversioned files already hold them).
        create_tables(*_SCHEMA, SEEN_CODES_SCHEMA),
        # 2: each answered event's ledger position (balance model 2, docs/counter.md).
        ledger_position_step,
    ),
)


@dataclass(frozen=True)
class Result:
    """The backend's answer for one event."""

    status: Status
    reason: str | None = None
    position: int | None = None  # the member's ledger position (accepted or duplicate)


class Outbox(OutboxReads):
    """The terminal's queue of events; one instance per process, used from one thread."""

    def __init__(
        self, path: Path, terminal: str, *, clock: Callable[[], float] = time.time
    ) -> None:
        self.path = path
        self.terminal = terminal
        self._clock = clock
        self._db = connect(path, OUTBOX_SCHEMA)
        self._create()
        # Rows in flight with nobody holding the sender lock were left by a crash.
        try:
            with self.sending():
                pass
        except OutboxBusy:
            pass  # a live sender owns them; it recovers its own rows

    @storage_errors
    def _create(self) -> None:
        self._db.execute(
            "INSERT OR IGNORE INTO chain (one, terminal, last_seq, last_hash) VALUES (1, ?, 0, ?)",
            (self.terminal, GENESIS_HASH),
        )
        (owner,) = self._db.execute("SELECT terminal FROM chain").fetchone()
        if owner != self.terminal:
            raise ValueError(f"{self.path} belongs to terminal {owner}, not {self.terminal}")

    def append(self, new: NewEvent, *, clock_offset_ms: int = 0) -> Event:
        """Queue an event and commit; only after this returns may the cashier see 'done'."""
        return self.append_built(lambda _: new, clock_offset_ms=clock_offset_ms)

    @storage_errors
    def append_built(
        self, build: Callable[[Outbox], NewEvent], *, clock_offset_ms: int = 0
    ) -> Event:
        """Like ``append``, with the event built inside the write transaction.

        ``build`` may read the outbox and raise to refuse: a rule such as "this order was not
        handed over yet" cannot then be broken by another process between check and write.
        """
        now = self._clock()
        with self._write():
            return self._insert(build(self), now, clock_offset_ms)

    @storage_errors
    def append_all_built(
        self, build: Callable[[Outbox], list[NewEvent]], *, clock_offset_ms: int = 0
    ) -> list[Event]:
        """Several events built and committed in ONE transaction: all of them or none.

        A till's sale confirms its discount and its award together: a crash in between must
        not leave points spent without the sale's award, or the other way round.
        """
        now = self._clock()
        with self._write():
            return [self._insert(new, now, clock_offset_ms) for new in build(self)]

    def _insert(self, new: NewEvent, now: float, clock_offset_ms: int) -> Event:
        """Chain and insert one event; the caller holds the write transaction."""
        last_seq, last_hash = self._db.execute("SELECT last_seq, last_hash FROM chain").fetchone()
        event = placed(
            new,
            terminal=self.terminal,
            seq=last_seq + 1,
            prev_hash=last_hash,
            local_time_ms=int(now * 1000),
            clock_offset_ms=clock_offset_ms,
        )
        event_from_wire(event.to_wire())  # never queue what the backend must refuse
        body = event.canonical()
        self._db.execute(
            "INSERT INTO events (seq, id, body, hash, size, kind, member, local_day, status)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                event.seq,
                event.id,
                body.decode(),
                event.hash,
                len(body),
                event.kind,
                event.member,
                local_day(now).isoformat(),
                Status.PENDING.value,
            ),
        )
        self._db.execute("UPDATE chain SET last_seq = ?, last_hash = ?", (event.seq, event.hash))
        return event

    @contextmanager
    def sending(self) -> Iterator[Outbox]:
        """Hold the sender lock (or raise OutboxBusy); in-flight rows are recovered first."""
        # filelock: flock on POSIX, LockFileEx on Windows; the OS releases it when the
        # process dies, so a crashed sender never leaves the outbox locked.
        lock = FileLock(self.path.with_name(self.path.name + ".send-lock"))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            raise OutboxBusy("another sync is sending this outbox") from None
        try:
            self.recover_in_flight()
            yield self
        finally:
            lock.release()

    @storage_errors
    def recover_in_flight(self) -> int:
        """Put rows a crashed sender left in flight back to pending; returns how many."""
        with self._write():
            cursor = self._db.execute(
                "UPDATE events SET status = ? WHERE status = ?",
                (Status.PENDING.value, Status.IN_FLIGHT.value),
            )
        return cursor.rowcount

    @storage_errors
    def claim_batch(self, max_events: int, max_bytes: int) -> list[Event]:
        """Mark the oldest pending events in flight, bounded by count and encoded bytes."""
        with self._write():
            rows = self._db.execute(
                "SELECT seq, body, size FROM events WHERE status = ? ORDER BY seq LIMIT ?",
                (Status.PENDING.value, max_events),
            ).fetchall()
            chosen: list[tuple[int, str]] = []
            total = 0
            for seq, body, size in rows:
                if chosen and total + size + 1 > max_bytes:
                    break
                chosen.append((seq, body))
                total += size + 1
            self._db.executemany(
                "UPDATE events SET status = ? WHERE seq = ?",
                [(Status.IN_FLIGHT.value, seq) for seq, _ in chosen],
            )
        return [event_from_wire(json.loads(body)) for _, body in chosen]

    @storage_errors
    def record_results(self, results: Mapping[str, Result]) -> None:
        """Store the backend's answers; rejected events join the reconciliation list."""
        now_ms = int(self._clock() * 1000)
        with self._write():
            for event_id, result in results.items():
                self._db.execute(
                    "UPDATE events SET status = ?, reason = ?, result_ms = ?, ledger_pos = ?"
                    " WHERE id = ?",
                    (result.status.value, result.reason, now_ms, result.position, event_id),
                )
                if result.status is Status.REJECTED:
                    self._db.execute(
                        "INSERT OR IGNORE INTO reconciliation (event_id, reason, created_ms)"
                        " VALUES (?, ?, ?)",
                        (event_id, result.reason or "unknown", now_ms),
                    )

    @storage_errors
    def release(self, event_ids: list[str]) -> None:
        """Return in-flight events to pending (no answer came for them)."""
        with self._write():
            self._db.executemany(
                "UPDATE events SET status = ? WHERE id = ? AND status = ?",
                [(Status.PENDING.value, i, Status.IN_FLIGHT.value) for i in event_ids],
            )

    @storage_errors
    def resolve(self, event_id: str, staff: str, note: str = "") -> bool:
        """Staff mark a rejected event as dealt with; False if it is not on the list."""
        with self._write():
            cursor = self._db.execute(
                "UPDATE reconciliation SET resolved_ms = ?, resolved_by = ?, note = ?"
                " WHERE event_id = ? AND resolved_ms IS NULL",
                (int(self._clock() * 1000), staff, note, event_id),
            )
        return cursor.rowcount == 1

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[None]:
        # IMMEDIATE: take the write lock up front so two processes never deadlock on upgrade.
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
