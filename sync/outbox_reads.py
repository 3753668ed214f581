"""The outbox's read queries: counts, lookups by member, day, code or order, and the
reconciliation list. ``Outbox`` (sync/outbox.py) adds the append and send paths to these.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from protocol.events import Event, event_from_wire
from sync.sqlite_util import storage_errors

# One constant statement per field, each matching its expression index in _SCHEMA.
_FIND = {
    "code_id": "SELECT body, status, reason FROM events"
    " WHERE json_extract(body, '$.code_id') = ? ORDER BY seq",
    "order_id": "SELECT body, status, reason FROM events"
    " WHERE json_extract(body, '$.order_id') = ? ORDER BY seq",
    "coupon_id": "SELECT body, status, reason FROM events"
    " WHERE json_extract(body, '$.coupon_id') = ? ORDER BY seq",
    "ref_event": "SELECT body, status, reason FROM events"
    " WHERE json_extract(body, '$.ref_event') = ? ORDER BY seq",
}


class Status(StrEnum):
    """Where an event is on its way to the backend."""

    PENDING = "pending"
    IN_FLIGHT = "in_flight"
    ACCEPTED = "accepted"
    DUPLICATE = "duplicate"
    REJECTED = "rejected"


@dataclass(frozen=True)
class StoredEvent:
    """An event and where it stands."""

    event: Event
    status: Status
    reason: str | None
    # When this terminal stored the backend's answer (its own clock); None while unanswered.
    result_ms: int | None = None
    position: int | None = None  # the member's ledger position, as Result.position


@dataclass(frozen=True)
class ReconciliationItem:
    """A rejected event for staff to look at."""

    event: Event
    reason: str
    created_ms: int
    resolved_ms: int | None
    resolved_by: str | None
    note: str | None


class OutboxReads:
    """Read-only queries on the outbox's connection (set by ``Outbox``)."""

    _db: sqlite3.Connection

    @storage_errors
    def pending_count(self) -> int:
        """Events not yet answered by the backend (pending or in flight)."""
        (count,) = self._db.execute(
            "SELECT COUNT(*) FROM events WHERE status IN (?, ?)",
            (Status.PENDING.value, Status.IN_FLIGHT.value),
        ).fetchone()
        return int(count)

    @storage_errors
    def code_claim(self, code_id: str) -> str | None:
        """The checkout that claimed this code (terminal/replay.py), None when unclaimed."""
        row = self._db.execute(
            "SELECT context FROM seen_codes WHERE code_id = ?", (code_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    @storage_errors
    def oldest_pending_ms(self) -> int | None:
        """When the oldest event not yet answered was queued (this terminal's clock, ms)."""
        (oldest,) = self._db.execute(
            "SELECT MIN(json_extract(body, '$.local_time_ms')) FROM events WHERE status IN (?, ?)",
            (Status.PENDING.value, Status.IN_FLIGHT.value),
        ).fetchone()
        return None if oldest is None else int(oldest)

    @storage_errors
    def counts(self) -> dict[str, int]:
        """How many events have each status."""
        rows = self._db.execute("SELECT status, COUNT(*) FROM events GROUP BY status")
        found = {status: int(count) for status, count in rows}
        return {s.value: found.get(s.value, 0) for s in Status}

    @storage_errors
    def get(self, event_id: str) -> StoredEvent | None:
        """One event by id."""
        row = self._db.execute(
            "SELECT body, status, reason FROM events WHERE id = ?", (event_id,)
        ).fetchone()
        return None if row is None else _stored(row)

    @storage_errors
    def by_member_and_day(self, member: str, day: dt.date) -> list[StoredEvent]:
        """A member's events on one local calendar day, oldest first (for offline caps)."""
        rows = self._db.execute(
            "SELECT body, status, reason FROM events WHERE member = ? AND local_day = ?"
            " ORDER BY seq",
            (member, day.isoformat()),
        )
        return [_stored(row) for row in rows]

    @storage_errors
    def unsent(self, limit: int = 100) -> list[Event]:
        """Events the backend has not answered yet, newest first."""
        rows = self._db.execute(
            "SELECT body FROM events WHERE status IN (?, ?) ORDER BY seq DESC LIMIT ?",
            (Status.PENDING.value, Status.IN_FLIGHT.value, limit),
        )
        return [event_from_wire(json.loads(body)) for (body,) in rows]

    @storage_errors
    def by_day(self, day: dt.date) -> list[StoredEvent]:
        """All events of one local calendar day, oldest first (for end-of-day reports)."""
        rows = self._db.execute(
            "SELECT body, status, reason FROM events WHERE local_day = ? ORDER BY seq",
            (day.isoformat(),),
        )
        return [_stored(row) for row in rows]

    @storage_errors
    def by_member(self, member: str, *, since_ms: int = 0) -> list[StoredEvent]:
        """A member's events at this terminal queued at or after ``since_ms``, oldest first."""
        rows = self._db.execute(
            "SELECT body, status, reason, result_ms, ledger_pos FROM events WHERE member = ?"
            " AND json_extract(body, '$.local_time_ms') >= ? ORDER BY seq",
            (member, since_ms),
        )
        return [_stored(row) for row in rows]

    @storage_errors
    def find(
        self,
        *,
        code_id: str | None = None,
        order_id: str | None = None,
        coupon_id: str | None = None,
        ref_event: str | None = None,
    ) -> list[StoredEvent]:
        """Events naming this code, order, coupon or original event (give one), oldest first."""
        given = [
            (name, value)
            for name, value in (
                ("code_id", code_id),
                ("order_id", order_id),
                ("coupon_id", coupon_id),
                ("ref_event", ref_event),
            )
            if value is not None
        ]
        if len(given) != 1:
            raise ValueError("find takes exactly one of code_id, order_id, coupon_id, ref_event")
        name, value = given[0]
        rows = self._db.execute(_FIND[name], (value,))
        return [_stored(row) for row in rows]

    @storage_errors
    def reconciliation(self, *, include_resolved: bool = False) -> list[ReconciliationItem]:
        """Rejected events with the backend's reasons, oldest first."""
        query = (
            "SELECT e.body, r.reason, r.created_ms, r.resolved_ms, r.resolved_by, r.note"
            " FROM reconciliation r JOIN events e ON e.id = r.event_id"
        )
        if not include_resolved:
            query += " WHERE r.resolved_ms IS NULL"
        rows = self._db.execute(query + " ORDER BY e.seq").fetchall()
        return [
            ReconciliationItem(event_from_wire(json.loads(r[0])), r[1], r[2], r[3], r[4], r[5])
            for r in rows
        ]


def local_day(unix_seconds: float) -> dt.date:
    """The terminal's local calendar day: the unit of daily caps, check-ins and reports."""
    return dt.datetime.fromtimestamp(unix_seconds).date()


def _stored(row: tuple[Any, ...]) -> StoredEvent:
    body, status, reason, *answered = row
    result_ms_and_position = [None if v is None else int(v) for v in answered] + [None, None]
    return StoredEvent(
        event_from_wire(json.loads(body)), Status(status), reason, *result_ms_and_position[:2]
    )
