"""Opening SQLite safely from several threads or processes: shared by the terminal and backend."""

from __future__ import annotations

import sqlite3
import time

# SQLite primary result codes (https://sqlite.org/rescode.html) for another opener's lock.
SQLITE_BUSY, SQLITE_LOCKED = 5, 6


def use_wal(db: sqlite3.Connection, deadline: float) -> None:
    """Switch to WAL, waiting out other openers.

    Changing the journal mode takes an exclusive lock without calling the busy handler, so two
    processes (or the app's threads) opening one file at once get SQLITE_BUSY at once rather
    than after ``timeout``. Asking first costs nothing once the file is in WAL (the mode is
    persistent), and the retry covers the first opening of a fresh file.
    """
    pause = 0.005
    while True:
        try:
            mode = db.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
            if code not in (SQLITE_BUSY, SQLITE_LOCKED) or time.monotonic() >= deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.1)
