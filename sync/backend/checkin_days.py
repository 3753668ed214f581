"""At ingest: one check-in per member, store and day, whichever counter recorded it.

Online, authorisation refuses a second check-in before the counter confirms it; two counters
that were both offline can each record one, and the second to arrive is rejected here
(``checkin_repeated``, flagged). The store is the sending terminal's, never the event's say;
the day is the terminal's local day from the event (UTC from its corrected time if absent).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from sync.backend import schema
from sync.events import Event

REASON = "checkin_repeated"


def day_of(event: Event) -> str:
    """The day an event's check-in counts for."""
    day = event.details.get("day")
    if isinstance(day, str) and len(day) == 10:
        return day
    corrected = (event.local_time_ms + event.clock_offset_ms) / 1000
    return dt.datetime.fromtimestamp(corrected, dt.UTC).date().isoformat()


def claim(conn: Connection, terminal: str, store: str, events: Iterable[Event]) -> dict[str, str]:
    """Claim each check-in's (member, store, day); the ids of those that lost, with the reason."""
    wanted: dict[tuple[str, str], Event] = {}
    lost: dict[str, str] = {}
    for event in events:
        if event.kind != "checkin":
            continue
        key = (event.member, day_of(event))
        if key in wanted:
            lost[event.id] = REASON  # twice in one batch
        else:
            wanted[key] = event
    if not wanted:
        return lost
    rows = [
        {"member": m, "store": store, "day": d, "event": e.id, "terminal": terminal}
        for (m, d), e in wanted.items()
    ]
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    table = schema.checkin_days
    statement = dialect.insert(table).values(rows).on_conflict_do_nothing().returning(table.c.event)
    won = {row[0] for row in conn.execute(statement)}
    lost |= {e.id: REASON for e in wanted.values() if e.id not in won}
    return lost
