"""The office's staff directory on a terminal: a cache of the signed staff document.

Once a terminal holds a staff key (provisioned against a backend that sends staff), the office
is the truth: accounts come only from the directory the sync applies, nobody creates, raises,
disables or re-PINs an account at the counter, and sign-in checks the PIN against the
verifier bound to this terminal (protocol.staff_directory). Lockouts stay in this terminal's
file. A terminal provisioned without a backend keeps its local accounts (``staff.py``).
"""

from __future__ import annotations

import hmac
import sqlite3
from pathlib import Path

from protocol.staff_directory import (
    KEY_BYTES,
    ClearedLockout,
    DirectoryAccount,
    pin_hash,
    verifier,
)
from terminal.counter import lockout
from terminal.counter.errors import CounterRefused

KEY_FILE = "staff.key"
# Hashed in place of an unknown id's salt, so a wrong id costs as long as a wrong PIN.
_NO_SALT, _NO_N = b"\x00" * 16, 2**14

SCHEMA = (
    """
    CREATE TABLE IF NOT EXISTS staff_directory (
        staff_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        enabled INTEGER NOT NULL,
        salt BLOB NOT NULL,
        n INTEGER NOT NULL,
        r INTEGER NOT NULL,
        p INTEGER NOT NULL,
        verifier BLOB NOT NULL
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS staff_directory_version (
        one INTEGER PRIMARY KEY CHECK (one = 1),
        version INTEGER NOT NULL
    )
    """,
)


def refuse_local_change() -> CounterRefused:
    """The refusal for creating, raising, disabling or re-PINning an account at the counter."""
    return CounterRefused(
        "staff_from_office",
        "Staff accounts come from the loyalty office. Ask the office to add or change this "
        "account.",
    )


def refuse_offline_pin() -> CounterRefused:
    """The refusal for a PIN change the office cannot be told of now."""
    return CounterRefused(
        "pin_change_offline",
        "A PIN can be changed only while the terminal is online, because the office keeps it. "
        "Try again when the terminal is online.",
    )


def v2_directory(db: sqlite3.Connection) -> None:
    """Schema step 2: the office's directory beside the old local accounts."""
    for statement in SCHEMA:
        db.execute(statement)


def key_path(staff_file: Path) -> Path:
    """Where the terminal keeps the staff key it derived at enrolment (0600)."""
    return staff_file.with_name(KEY_FILE)


def read_key(staff_file: Path) -> bytes | None:
    """The terminal's staff key, or None for a terminal without one (local accounts)."""
    try:
        raw = key_path(staff_file).read_bytes()
    except FileNotFoundError:
        return None
    key = bytes.fromhex(raw.decode("ascii").strip())
    if len(key) != KEY_BYTES:
        raise ValueError("the staff key file is damaged")
    return key


def version(db: sqlite3.Connection) -> int:
    """The directory version this terminal applied (0: none yet)."""
    row = db.execute("SELECT version FROM staff_directory_version WHERE one = 1").fetchone()
    return int(row[0]) if row else 0


def apply(
    db: sqlite3.Connection,
    new_version: int,
    accounts: list[DirectoryAccount],
    cleared: list[ClearedLockout],
    now: float,
) -> None:
    """Replace the directory with a verified newer one and clear the lockouts the office
    cleared (those that began no later than the office saw), in one transaction."""
    db.execute("BEGIN IMMEDIATE")
    try:
        if new_version <= version(db):
            raise ValueError("the staff document is not newer than the one held")
        db.execute("DELETE FROM staff_directory")
        db.executemany(
            "INSERT INTO staff_directory (staff_id, name, role, enabled, salt, n, r, p, verifier)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (a.staff_id, a.name, a.role, int(a.enabled), a.salt, a.n, a.r, a.p, a.verifier)
                for a in accounts
            ],
        )
        db.execute(
            "INSERT INTO staff_directory_version (one, version) VALUES (1, ?)"
            " ON CONFLICT (one) DO UPDATE SET version = excluded.version",
            (new_version,),
        )
        for clear in cleared:
            # Never later than now: whatever a clear says, it cannot reach a lockout to come.
            lockout.clear(db, clear.staff_id, min(clear.since, now))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def known_ids(db: sqlite3.Connection) -> list[str]:
    """The directory's account ids."""
    return [str(row[0]) for row in db.execute("SELECT staff_id FROM staff_directory")]


def require_directory(db: sqlite3.Connection) -> None:
    """Refuse every staff operation until the office's directory arrived."""
    if version(db) == 0:
        raise CounterRefused(
            "no_staff_directory",
            "This terminal has no staff list from the office yet. Connect it to the network "
            "and sync, and ask the office to add staff for this store.",
        )


def check(
    db: sqlite3.Connection, key: bytes, staff_id: str, pin: str
) -> tuple[str, str, bool] | None:
    """(name, role, enabled) when the PIN matches the directory's verifier, else None."""
    row = db.execute(
        "SELECT name, role, enabled, salt, n, r, p, verifier FROM staff_directory"
        " WHERE staff_id = ?",
        (staff_id,),
    ).fetchone()
    # Hash even for an unknown id so timing does not tell which ids exist.
    salt, n, r, p = (row[3], row[4], row[5], row[6]) if row else (_NO_SALT, _NO_N, 8, 1)
    computed = verifier(key, pin_hash(pin, salt, n, r, p))
    if row is None or not hmac.compare_digest(computed, row[7]):
        return None
    return str(row[0]), str(row[1]), bool(row[2])
