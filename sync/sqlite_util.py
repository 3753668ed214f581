"""Opening the terminal's SQLite files the one safe way, and telling disk faults from bugs.

Faults are told apart by SQLite's primary result code, not by the words of its message (the
way qutebrowser's ``raise_sqlite_error`` does): the environment's faults become a named
StorageError, everything else (our SQL, a constraint we did not expect) stays a bug.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import ParamSpec, TypeVar

from config.sqlite import SQLITE_BUSY, SQLITE_LOCKED, use_wal
from sync.errors import (
    StorageBusy,
    StorageCorrupt,
    StorageError,
    StorageFull,
    StorageIOError,
    StorageReadOnly,
)
from sync.schema import Schema, migrate, refuse_newer

P = ParamSpec("P")
R = TypeVar("R")

# SQLite primary result codes (https://sqlite.org/rescode.html) that the environment causes.
SQLITE_PERM, SQLITE_READONLY = 3, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26
_ENVIRONMENT: dict[int, type[StorageError]] = {
    SQLITE_FULL: StorageFull,
    SQLITE_READONLY: StorageReadOnly,
    SQLITE_PERM: StorageReadOnly,
    SQLITE_IOERR: StorageIOError,
    SQLITE_CANTOPEN: StorageIOError,
    SQLITE_CORRUPT: StorageCorrupt,
    SQLITE_NOTADB: StorageCorrupt,
    SQLITE_BUSY: StorageBusy,
    SQLITE_LOCKED: StorageBusy,
}


def classify(
    exc: BaseException, where: str = "local database", path: Path | None = None
) -> StorageError | None:
    """The named storage fault behind ``exc``, or None when it is not the environment's."""
    if isinstance(exc, StorageError):
        return exc
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if code is None:
            return None
        kind = _ENVIRONMENT.get(code & 0xFF)
        if kind is StorageIOError and path is not None and _no_space_left(path):
            # SQLite reports a failed -shm or -wal resize as an I/O error; with no free
            # space left the person must hear "disk full", which says what to do.
            kind = StorageFull
        name = getattr(exc, "sqlite_errorname", str(code))
        return None if kind is None else kind(f"{where}: {exc} ({name})")
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return StorageFull(f"{where}: {exc.strerror or exc}")
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return StorageReadOnly(f"{where}: {exc.strerror or exc}")
        return StorageIOError(f"{where}: {exc.strerror or exc}")
    return None


def _no_space_left(path: Path, minimum_bytes: int = 64 * 1024) -> bool:
    """True when the filesystem holding ``path`` has (almost) no room for another write."""
    try:
        return shutil.disk_usage(path.parent).free < minimum_bytes
    except OSError:
        return False


OPEN_WAIT_SECONDS = 30.0


def connect(path: Path, schema: Schema | None = None) -> sqlite3.Connection:
    """Autocommit connection (we issue BEGIN ourselves), WAL, synchronous=FULL; with
    ``schema``, a file from a newer build is refused untouched and an older one migrated."""
    db: sqlite3.Connection | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
        db.execute("PRAGMA busy_timeout=30000")
        if schema is not None:
            refuse_newer(db, path, schema)  # before WAL: a newer build's file stays as it was
        use_wal(db, deadline=time.monotonic() + OPEN_WAIT_SECONDS)
        # FULL: a committed event must survive a power cut; NORMAL may roll it back in WAL mode.
        db.execute("PRAGMA synchronous=FULL")
        if schema is not None:
            migrate(db, path, schema)
    except BaseException as exc:
        if db is not None:
            db.close()
        if not isinstance(exc, sqlite3.Error | OSError):
            raise
        fault = classify(exc, f"cannot open {path}", path)
        if fault is None:
            raise
        raise fault from exc
    return db


def storage_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn SQLite errors caused by the environment into a named StorageError; bugs stay bugs."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except (sqlite3.Error, OSError) as exc:
            owner_path = getattr(args[0], "path", None) if args else None
            fault = classify(exc, path=owner_path if isinstance(owner_path, Path) else None)
            if fault is None:
                raise
            raise fault from exc

    return wrapper
