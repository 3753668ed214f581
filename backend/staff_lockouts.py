"""Staff lockouts at terminals, as their heartbeats report them, and the office's clears.

A terminal keeps its own sign-in lockouts (terminal/counter/lockout.py) and reports in each
heartbeat which of the office's accounts are locked there now (``lockouts``: id, failures,
since, until, in the terminal's own clock; backend.fleet keeps the latest report). The
console's Staff page lists them; an operator clears one. The clear is kept here with the
lockout's ``since`` as the terminal reported it, takes the next staff directory version, and
reaches that terminal inside its next issuer-signed staff document (``cleared``), which the
terminal applies only to a lockout that began no later than ``since``: a lockout that began
after the clear, or an old document replayed, clears nothing new.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from backend import schema, staff
from protocol.staff_directory import MAX_CLEARED, ClearedLockout

# A lockout whose start on the office's clock is later than now by more than this is not
# cleared: its terminal's clock jumped, and a clear naming the future would reach lockouts to come.
CLOCK_SLACK = 300
# A clear is sent for a week: a terminal forgets a lockout's failures a day after the last
# wrong PIN, and a lock lasts an hour at most, so after a week it has nothing left to clear.
KEEP_CLEARS = 7 * 86400


class LockoutError(ValueError):
    """A clear that cannot be made as asked: ``key`` names why (the console words it)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class TerminalLockout:
    """One account locked out at one terminal, as its latest heartbeat said."""

    terminal: str
    store: str
    staff_id: str
    name: str  # the directory's name for the id ("" for an id the office does not know)
    failures: int
    since: int  # the terminal's clock, as it reported it (a clear names this)
    until: int
    offset: int  # seconds the terminal's clock is behind the office's
    reported_at: int
    cleared_at: int | None  # a clear waiting for the terminal's next sync

    @property
    def since_office(self) -> int:
        """When the lockout began, on the office's clock."""
        return self.since + self.offset

    @property
    def until_office(self) -> int:
        """When the lockout ends by itself, on the office's clock."""
        return self.until + self.offset

    def to_json(self) -> dict[str, Any]:
        """For the audit: what was cleared (no PIN, no attempt but their count)."""
        return {
            "terminal": self.terminal,
            "staff": self.staff_id,
            "failures": self.failures,
            "since": self.since,
            "until": self.until,
        }


def current(conn: Connection, now: int) -> list[TerminalLockout]:
    """The lockouts the active terminals' latest heartbeats report, still running now."""
    t, h = schema.terminals, schema.terminal_health
    rows = conn.execute(
        select(t.c.id, t.c.store, h.c.heartbeat_at, h.c.report)
        .select_from(t.join(h, h.c.terminal == t.c.id))
        .where(t.c.status == "active", h.c.report.is_not(None))
        .order_by(t.c.store, t.c.id)
    ).all()
    names = dict(
        conn.execute(select(schema.staff_accounts.c.id, schema.staff_accounts.c.name)).all()
    )
    found = []
    for row in rows:
        report = json.loads(row.report)
        offset = round(int(report.get("clock_offset_ms", 0)) / 1000)
        pending = _pending(conn, row.id, now)
        for locked in report.get("lockouts", []):
            if int(locked["until"]) + offset <= now:
                continue  # over by itself since the report
            staff_id, since = str(locked["staff"]), int(locked["since"])
            cleared = [at for (begun, at) in pending.get(staff_id, []) if begun >= since]
            found.append(
                TerminalLockout(
                    terminal=row.id,
                    store=row.store,
                    staff_id=staff_id,
                    name=str(names.get(staff_id, "")),
                    failures=int(locked["failures"]),
                    since=since,
                    until=int(locked["until"]),
                    offset=offset,
                    reported_at=int(row.heartbeat_at),
                    cleared_at=max(cleared) if cleared else None,
                )
            )
    return found


def clear(
    conn: Connection, terminal: str, staff_id: str, since: int, now: int, by: str
) -> TerminalLockout:
    """Clear the reported lockout of ``staff_id`` at ``terminal`` that began at ``since``.

    Only a lockout the terminal's latest heartbeat reports can be cleared, so a clear never
    names a future start (it would clear lockouts that have not happened yet)."""
    reported = [
        locked
        for locked in current(conn, now)
        if (locked.terminal, locked.staff_id, locked.since) == (terminal, staff_id, since)
    ]
    if not reported:
        raise LockoutError("gone", "the terminal no longer reports this lockout")
    if reported[0].since_office > now + CLOCK_SLACK:
        raise LockoutError(
            "clock_ahead", "the terminal's clock was ahead when it reported this lockout"
        )
    conn.execute(
        insert(schema.staff_lockout_clears).values(
            terminal=terminal,
            staff_id=staff_id,
            since=since,
            cleared_at=now,
            cleared_by=by,
            version=staff.next_version(conn),
        )
    )
    return reported[0]


def cleared_for(conn: Connection, terminal: str, now: int) -> list[ClearedLockout]:
    """The clears a terminal's staff document carries: per account the latest, for a week."""
    c = schema.staff_lockout_clears
    rows = conn.execute(
        select(c.c.staff_id, func.max(c.c.since), func.max(c.c.cleared_at))
        .where(c.c.terminal == terminal, c.c.cleared_at >= now - KEEP_CLEARS)
        .group_by(c.c.staff_id)
        .order_by(c.c.staff_id)
        .limit(MAX_CLEARED)
    ).all()
    return [ClearedLockout(str(row[0]), int(row[1]), int(row[2])) for row in rows]


def _pending(conn: Connection, terminal: str, now: int) -> dict[str, list[tuple[int, int]]]:
    """Each account's clears for ``terminal`` still sent: (since, cleared_at)."""
    c = schema.staff_lockout_clears
    found: dict[str, list[tuple[int, int]]] = {}
    for row in conn.execute(
        select(c.c.staff_id, c.c.since, c.c.cleared_at).where(
            c.c.terminal == terminal, c.c.cleared_at >= now - KEEP_CLEARS
        )
    ):
        found.setdefault(str(row[0]), []).append((int(row[1]), int(row[2])))
    return found
