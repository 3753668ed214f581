"""The SQLite files in a terminal's data dir, each with its migrations (sync/schema.py).

The app and the CLI check them all before starting, so a data dir that a newer build has
used is refused as a whole, with a sentence and exit 4, before any file is touched.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from config.paths import DataPaths
from sync.outbox import OUTBOX_SCHEMA
from sync.schema import Schema, refuse_newer
from sync.sqlite_util import classify
from sync.state import STATE_SCHEMA
from terminal.counter.staff import STAFF_SCHEMA
from terminal.replay import SEEN_SCHEMA
from terminal.till.schema import TILL_SCHEMA


def data_files(paths: DataPaths) -> dict[Path, Schema]:
    """Every SQLite file the terminal keeps in ``paths``, with its schema."""
    return {
        paths.outbox: OUTBOX_SCHEMA,
        paths.state: STATE_SCHEMA,
        paths.staff: STAFF_SCHEMA,
        paths.root / "till.sqlite": TILL_SCHEMA,
        paths.seen_codes: SEEN_SCHEMA,
    }


def refuse_newer_files(paths: DataPaths) -> None:
    """Raise SchemaTooNew for the first file a newer build wrote; read only, changes nothing."""
    for path, schema in data_files(paths).items():
        if not path.exists():
            continue
        try:
            db = sqlite3.connect(path, timeout=30)
            try:
                refuse_newer(db, path, schema)
            finally:
                db.close()
        except sqlite3.Error as exc:
            fault = classify(exc, f"cannot open {path}", path)
            if fault is None:
                raise
            raise fault from exc
