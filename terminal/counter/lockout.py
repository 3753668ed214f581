"""A growing sign-in lockout per staff id, kept in the staff database so a restart cannot reset it.

After ``FREE_FAILURES`` wrong PINs in a row the id is locked for ``FIRST_LOCK`` seconds, twice as
long after each further failure, at most ``LONGEST_LOCK``; a right PIN clears it. The count is
kept for any id typed, known or not: an unknown id locks exactly like a real one, so the lockout
cannot be used to learn which ids exist. Ids are stored hashed: a PIN typed into the id field
by mistake does not end up on disk in clear.

The heartbeat reports the directory's accounts that are locked now (``locked``: id, failures,
since, until; an id typed that is no account is never reported), and the office may clear
one through the signed staff document (``clear``): only a lockout that began no later than
the one the office saw, so a clear never reaches a lockout that began after it.
"""

from __future__ import annotations

import hashlib
import math
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from terminal.counter.errors import CounterRefused

FREE_FAILURES = 5
FIRST_LOCK = 30.0
LONGEST_LOCK = 3600.0
# Rows of ids that are neither locked nor failed recently are dropped after a day.
FORGET_AFTER = 86400.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS sign_in_failures (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    locked_until REAL NOT NULL,
    last_failure REAL NOT NULL
)
"""


class SignInLocked(CounterRefused):
    """Too many wrong PINs for this id: ``retry_after`` whole seconds until it may try again."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            "locked_out", "Too many wrong PINs for this staff ID. Try again in %1 s.", retry_after
        )
        self.retry_after = retry_after


@dataclass(frozen=True)
class LockedOut:
    """A directory account locked now, for the heartbeat (this terminal's clock, whole s)."""

    staff_id: str
    failures: int
    since: int  # the wrong PIN that locked it (rounded up)
    until: int  # when it may try again (rounded up)

    def to_json(self) -> dict[str, object]:
        """The lockout as the heartbeat carries it: no PIN, no attempt but their count."""
        return {
            "staff": self.staff_id,
            "failures": self.failures,
            "since": self.since,
            "until": self.until,
        }


def lock_seconds(failures: int) -> float:
    """How long ``failures`` wrong PINs in a row lock an id (0 below the free failures)."""
    if failures < FREE_FAILURES:
        return 0.0
    doublings = min(failures - FREE_FAILURES, 16)  # bounded: 30 * 2**7 is already over the cap
    return float(min(FIRST_LOCK * 2**doublings, LONGEST_LOCK))


def _key(staff_id: str) -> str:
    return hashlib.sha256(("staff-id\0" + staff_id).encode()).hexdigest()


class Lockout:
    """The failure counts on the staff database's connection (its owner opens and closes it)."""

    def __init__(self, db: sqlite3.Connection, clock: Callable[[], float]) -> None:
        self._db = db
        self._clock = clock  # SCHEMA is created by the staff file's migrations

    def begin(self, staff_id: str) -> None:
        """Refuse while ``staff_id`` is locked; otherwise count this attempt as a failure
        until it proves right, so that guesses made at once by several processes are counted
        before their PINs are checked, not after."""
        now = self._clock()
        self._db.execute("BEGIN IMMEDIATE")
        try:
            row = self._db.execute(
                "SELECT failures, locked_until FROM sign_in_failures WHERE key = ?",
                (_key(staff_id),),
            ).fetchone()
            if row is not None and float(row[1]) > now:
                self._db.execute("COMMIT")
                raise SignInLocked(math.ceil(float(row[1]) - now))
            failures = (int(row[0]) if row else 0) + 1
            lock = lock_seconds(failures)
            self._db.execute(
                "INSERT INTO sign_in_failures (key, failures, locked_until, last_failure)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET"
                " failures = excluded.failures, locked_until = excluded.locked_until,"
                " last_failure = excluded.last_failure",
                (_key(staff_id), failures, now + lock if lock else 0.0, now),
            )
            self._db.execute(
                "DELETE FROM sign_in_failures WHERE locked_until < ? AND last_failure < ?",
                (now - FORGET_AFTER, now - FORGET_AFTER),
            )
            self._db.execute("COMMIT")
        except SignInLocked:
            raise
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def failed(self, staff_id: str) -> None:
        """The attempt was wrong (it is counted already): raise SignInLocked when it locked
        the ID, so the person learns the wait at once."""
        row = self._db.execute(
            "SELECT locked_until FROM sign_in_failures WHERE key = ?", (_key(staff_id),)
        ).fetchone()
        if row is not None:
            wait = float(row[0]) - self._clock()
            if wait > 0:
                raise SignInLocked(math.ceil(wait))

    def succeeded(self, staff_id: str) -> None:
        """A right PIN: the count (this attempt's included) starts again from zero."""
        self._db.execute("DELETE FROM sign_in_failures WHERE key = ?", (_key(staff_id),))

    def failures(self, staff_id: str) -> int:
        """Wrong PINs in a row so far for ``staff_id``."""
        row = self._db.execute(
            "SELECT failures FROM sign_in_failures WHERE key = ?", (_key(staff_id),)
        ).fetchone()
        return int(row[0]) if row else 0

    def locked(self, known: Iterable[str]) -> list[LockedOut]:
        """Which of the ``known`` ids are locked now, by id."""
        now = self._clock()
        ids = {_key(staff_id): staff_id for staff_id in known}
        rows = self._db.execute(
            "SELECT key, failures, last_failure, locked_until FROM sign_in_failures"
            " WHERE locked_until > ?",
            (now,),
        ).fetchall()
        found = [
            LockedOut(ids[row[0]], int(row[1]), math.ceil(row[2]), math.ceil(row[3]))
            for row in rows
            if row[0] in ids
        ]
        return sorted(found, key=lambda locked: locked.staff_id)


def clear(db: sqlite3.Connection, staff_id: str, since: float) -> bool:
    """Forget ``staff_id``'s failures if its lockout began at ``since`` or before (in the
    caller's transaction); whether there was one to clear."""
    deleted = db.execute(
        "DELETE FROM sign_in_failures WHERE key = ? AND last_failure <= ?",
        (_key(staff_id), since),
    ).rowcount
    return deleted > 0
