"""Opening the terminal's SQLite files the one safe way, and telling disk faults from bugs."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import ParamSpec, TypeVar

from sync.errors import StorageError

P = ParamSpec("P")
R = TypeVar("R")

# Messages SQLite gives when the environment, not our SQL, is at fault.
_ENVIRONMENT = ("disk", "full", "readonly", "read-only", "malformed", "not a database", "locked")


def connect(path: Path) -> sqlite3.Connection:
    """Autocommit connection (we issue BEGIN ourselves), WAL, synchronous=FULL."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        # FULL: a committed event must survive a power cut; NORMAL may roll it back in WAL mode.
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA busy_timeout=30000")
    except (sqlite3.OperationalError, sqlite3.DatabaseError, OSError) as exc:
        raise StorageError(f"cannot open {path}: {exc}") from exc
    return db


def storage_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn SQLite errors caused by the environment into StorageError; bugs stay bugs."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except sqlite3.DatabaseError as exc:
            text = str(exc).lower()
            if isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError) and any(
                word in text for word in _ENVIRONMENT
            ):
                raise StorageError(f"local database problem: {exc}") from exc
            raise

    return wrapper
