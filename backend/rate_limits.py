"""Rate limits kept in the database, so every backend process counts against the same buckets.

A bucket is (scope, key) over a fixed window, e.g. ("enrol-fail-client", "203.0.113.9") per
minute. There is no global bucket: one bucket per client address and one per member id, so a
flood from some addresses never locks out a technician at another one. A refusal is a 429
carrying ``retry_after`` (seconds), which the app also sends as the Retry-After header.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from backend import schema
from backend.errors import TooManyRequests

# Rows for windows older than this are removed; no limit has a longer window.
KEEP_SECONDS = 86400


@dataclass(frozen=True)
class Limit:
    """At most ``hits`` in each ``window`` seconds for one key of ``scope``."""

    scope: str
    hits: int
    window: int
    message: str

    def window_start(self, now: int) -> int:
        return now - now % self.window


# Failed terminal-enrolment codes, per client address (a right code is never counted).
TERMINAL_CODE_FAILURES = Limit(
    "terminal-enrol-fail-client", 5, 60, "too many failed enrolment codes from this address"
)
# Member enrolment attempts, per client address and per member id.
MEMBER_ENROL_CLIENT = Limit(
    "member-enrol-client", 20, 60, "too many member enrolments from this address"
)
# Guessing a member's login is bounded by the login provider itself (5 wrong tries kill every
# live code of that member); this bucket only keeps a flood for one member id off the
# database, so it leaves room for the member's own retries with a fresh code.
MEMBER_ENROL_MEMBER = Limit(
    "member-enrol-member", 20, 600, "too many enrolment attempts for this member"
)
# Certificate refreshes (each costs a signature check), per client address.
MEMBER_REFRESH_CLIENT = Limit(
    "member-refresh-client", 60, 60, "too many certificate refreshes from this address"
)


def check(conn: Connection, limit: Limit, key: str, now: int) -> None:
    """Refuse (429) when the bucket is already full; counts nothing."""
    table = schema.rate_limits
    hits = conn.execute(
        select(table.c.hits).where(
            table.c.scope == limit.scope,
            table.c.key == key,
            table.c.window_start == limit.window_start(now),
        )
    ).scalar_one_or_none()
    if hits is not None and hits >= limit.hits:
        raise refusal(limit, now)


def count(conn: Connection, limit: Limit, key: str, now: int) -> int:
    """Add one hit to the bucket; the hits in the current window, this one included."""
    table = schema.rate_limits
    conn.execute(delete(table).where(table.c.window_start < now - KEEP_SECONDS))
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).values(
        scope=limit.scope, key=key, window_start=limit.window_start(now), hits=1
    )
    # One statement, so concurrent requests in other processes never lose a hit.
    statement = statement.on_conflict_do_update(
        index_elements=["scope", "key", "window_start"],
        set_={"hits": table.c.hits + 1},
    ).returning(table.c.hits)
    return int(conn.execute(statement).scalar_one())


def counted(conn: Connection, limit: Limit, key: str, now: int) -> TooManyRequests | None:
    """Count this attempt; the refusal to raise (after the commit) when it is one too many."""
    if count(conn, limit, key, now) > limit.hits:
        return refusal(limit, now)
    return None


def refusal(limit: Limit, now: int) -> TooManyRequests:
    """The 429 for a full bucket, with the seconds until its window ends."""
    retry = limit.window_start(now) + limit.window - now
    return TooManyRequests(
        "rate_limited", f"{limit.message}; try again in {retry} s", retry_after=retry
    )
