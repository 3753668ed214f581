"""Fleet health: when each terminal was last heard from, and what its heartbeats report.

Every authenticated terminal request counts as contact (``record_contact``, called where the
request is authenticated). ``POST /v1/heartbeat`` also brings a report: versions, the queue,
the last error, the clock offset, the scanner and camera state, and the office's staff
accounts locked out at that terminal (backend.staff_lockouts). The latest report per
terminal is kept, and a history of at most one report per terminal per HISTORY_INTERVAL,
pruned after the configured retention as new reports arrive.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import (
    Delete,
    Insert,
    Select,
    Update,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Connection

from backend import schema
from backend.sql import insert_ignore
from protocol.canonical import canonical_json
from protocol.http_errors import JSON_INT

HISTORY_INTERVAL = 300  # seconds: a history row at most this often per terminal
DEFAULT_RETENTION_DAYS = 30
DEFAULT_STALE_HOURS = 36.0

_SHORT = 64
_LONG = 500
MAX_LOCKOUTS = 200
_SECONDS = 2**40


class LockoutReport(BaseModel):
    """One office account locked out at the terminal: times in the terminal's own clock."""

    model_config = ConfigDict(extra="forbid", strict=True)

    staff: str = Field(pattern=r"^[A-Za-z0-9._@-]{1,64}$")
    failures: Annotated[int, Field(ge=1, le=10**6), JSON_INT]
    since: Annotated[int, Field(ge=0, le=_SECONDS), JSON_INT]
    until: Annotated[int, Field(ge=0, le=_SECONDS), JSON_INT]


class Heartbeat(BaseModel):
    """The body of POST /v1/heartbeat; anything else is refused (extra fields included)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    app_version: str = Field(min_length=1, max_length=_SHORT)
    bundle_version: Annotated[int, Field(ge=0, le=2**53), JSON_INT]
    policy_version: Annotated[int, Field(ge=0, le=2**53), JSON_INT]
    catalog_version: Annotated[int, Field(ge=0, le=2**53), JSON_INT]
    pending: Annotated[int, Field(ge=0, le=10**9), JSON_INT]
    oldest_pending_age_seconds: Annotated[int, Field(ge=0, le=10**10), JSON_INT] | None
    last_error: str | None = Field(max_length=_LONG)
    clock_offset_ms: Annotated[int, Field(ge=-(10**12), le=10**12), JSON_INT]
    scanner: str = Field(max_length=_SHORT)
    camera: str = Field(max_length=_SHORT)
    # Optional: a terminal with local staff, or from before, reports none.
    lockouts: list[LockoutReport] = Field(default_factory=list, max_length=MAX_LOCKOUTS)


class HeartbeatReply(BaseModel):
    server_time_ms: int


@dataclass(frozen=True)
class FleetSettings:
    """How long without contact makes a terminal stale; how long heartbeats are kept."""

    stale_seconds: int = int(DEFAULT_STALE_HOURS * 3600)
    retention_seconds: int = DEFAULT_RETENTION_DAYS * 86400


def record_contact(conn: Connection, terminal: str, now: int) -> None:
    """The terminal was heard from at ``now`` (an authenticated request)."""
    contact = {"contact_terminal": terminal, "contact_at": now}
    changed = conn.execute(_contact(), contact).rowcount
    if not changed and not insert_ignore(
        conn, schema.terminal_health, {"terminal": terminal, "last_contact_at": now}
    ):  # another request inserted it meanwhile
        conn.execute(_contact(), contact)


@functools.cache
def _contact() -> Update:
    """Built once, run with parameters: every terminal request runs it (backend.sql says why)."""
    health = schema.terminal_health
    return (
        update(health)
        .where(health.c.terminal == bindparam("contact_terminal"))
        .values(last_contact_at=bindparam("contact_at"))
    )


def record_heartbeat(
    conn: Connection, terminal: str, beat: Heartbeat, now: int, settings: FleetSettings
) -> None:
    """Keep the report as the terminal's latest; add it to the history at most every 5 min."""
    report = canonical_json(beat.model_dump()).decode("utf-8")
    beat_row = {"beat_terminal": terminal, "beat_at": now, "beat_report": report}
    # The report and the contact in one statement; the row is made by the terminal's first
    # request (record_contact), so it is missing only when nothing else recorded it yet.
    if not conn.execute(_latest_report(), beat_row).rowcount:
        record_contact(conn, terminal, now)
        conn.execute(_latest_report(), beat_row)
    latest = conn.execute(_last_kept(), beat_row).scalar_one_or_none()
    if latest is None or now - int(latest) >= HISTORY_INTERVAL:
        conn.execute(_kept(), beat_row)
        # Only when the history grows: every heartbeat deleting was a statement of its own.
        conn.execute(_expired(), {"beat_before": now - settings.retention_seconds})


# Built once, run with parameters: every terminal sends a heartbeat a minute when idle
# (backend.sql says why).
@functools.cache
def _latest_report() -> Update:
    health = schema.terminal_health
    return (
        update(health)
        .where(health.c.terminal == bindparam("beat_terminal"))
        .values(
            heartbeat_at=bindparam("beat_at"),
            last_contact_at=bindparam("beat_at"),
            report=bindparam("beat_report"),
        )
    )


@functools.cache
def _last_kept() -> Select[Any]:
    history = schema.terminal_heartbeats
    return select(func.max(history.c.at)).where(history.c.terminal == bindparam("beat_terminal"))


@functools.cache
def _kept() -> Insert:
    history = schema.terminal_heartbeats
    return insert(history).values(
        terminal=bindparam("beat_terminal"),
        at=bindparam("beat_at"),
        report=bindparam("beat_report"),
    )


@functools.cache
def _expired() -> Delete:
    history = schema.terminal_heartbeats
    return delete(history).where(history.c.at < bindparam("beat_before"))


@dataclass(frozen=True)
class TerminalHealth:
    """One row of the console's fleet page."""

    terminal: str
    store: str
    status: str
    last_contact_at: int | None
    heartbeat_at: int | None
    report: dict[str, Any]
    stale: bool


def fleet(conn: Connection, now: int, settings: FleetSettings) -> list[TerminalHealth]:
    """Every terminal with its latest health, stale ones (active, silent too long) marked."""
    t, h = schema.terminals, schema.terminal_health
    rows = conn.execute(
        select(
            t.c.id,
            t.c.store,
            t.c.status,
            t.c.created_at,
            h.c.last_contact_at,
            h.c.heartbeat_at,
            h.c.report,
        )
        .select_from(t.outerjoin(h, h.c.terminal == t.c.id))
        .order_by(t.c.store, t.c.id)
    ).all()
    result = []
    for row in rows:
        # A terminal never heard from since enrolment is stale from its enrolment on.
        seen = row.last_contact_at if row.last_contact_at is not None else row.created_at
        result.append(
            TerminalHealth(
                terminal=row.id,
                store=row.store,
                status=row.status,
                last_contact_at=row.last_contact_at,
                heartbeat_at=row.heartbeat_at,
                report=json.loads(row.report) if row.report else {},
                stale=row.status == "active" and now - int(seen) > settings.stale_seconds,
            )
        )
    return result


def stale_count(conn: Connection, now: int, settings: FleetSettings) -> int:
    """Active terminals not heard from for longer than the stale time."""
    return sum(1 for health in fleet(conn, now, settings) if health.stale)


def history(conn: Connection, terminal: str, limit: int = 50) -> list[dict[str, Any]]:
    """The terminal's latest history rows, newest first."""
    hb = schema.terminal_heartbeats
    rows = conn.execute(
        select(hb.c.at, hb.c.report)
        .where(hb.c.terminal == terminal)
        .order_by(hb.c.at.desc())
        .limit(limit)
    ).all()
    return [{"at": row.at, **json.loads(row.report)} for row in rows]
