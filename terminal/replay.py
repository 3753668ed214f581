"""The seen-codes store: a second use of the same signed code is refused.

Keyed on the code's ``code_id`` (member, device, time step, counter: what was signed), never
on the text, so a re-encoded copy of a used code is still caught. A scan repeated within the
same checkout (``context``) is reported as the same scan, not a new use.

The table lives in the outbox's database (``sync.outbox.SEEN_CODES_SCHEMA``): the event an
operation queues is committed only if its code is still claimed by its checkout, checked in
the same transaction (terminal/counter/context.py). This is the one place that decides "the
same code again".
"""

from __future__ import annotations

import time
from enum import Enum
from pathlib import Path

from crypto.errors import CodeRejected, Reason
from sync.errors import SchemaTooNew
from sync.outbox import SEEN_CODES_SCHEMA
from sync.schema import Schema, create_tables
from sync.sqlite_util import connect, storage_errors

# A seen-codes file of its own (``verify --seen``); in the outbox's file the outbox's
# migrations (``sync.outbox.OUTBOX_SCHEMA``) create the table.
SEEN_SCHEMA = Schema("seen-codes", (create_tables(SEEN_CODES_SCHEMA),))

# Codes older than this can never verify again (stale), so their rows may go.
KEEP_SECONDS = 2 * 24 * 3600


class Claim(Enum):
    """The outcome of presenting a verified code to the store."""

    NEW = "new"
    SAME_SCAN = "same_scan"


class SeenCodes:
    """A SQLite file in the terminal's data dir; one row per accepted code."""

    def __init__(self, path: Path, schema: Schema = SEEN_SCHEMA) -> None:
        self.path = path
        self._db = connect(path, schema)

    @storage_errors
    def adopt(self, old: Path) -> None:
        """Take over the claims of a data dir's former separate file, then retire that file."""
        self._db.execute("ATTACH DATABASE ? AS old", (str(old),))
        try:
            (found,) = self._db.execute("PRAGMA old.user_version").fetchone()
            if int(found) > SEEN_SCHEMA.version:  # a newer build's file: neither read nor retired
                raise SchemaTooNew(old, SEEN_SCHEMA.name, int(found), SEEN_SCHEMA.version)
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute("INSERT OR IGNORE INTO seen_codes SELECT * FROM old.seen_codes")
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        finally:
            self._db.execute("DETACH DATABASE old")
        old.replace(old.with_name(old.name + ".adopted"))

    @storage_errors
    def claim(self, code_id: str, member: str, context: str, now: float | None = None) -> Claim:
        """Record a use; the same context again is SAME_SCAN, any other raises ``replayed``."""
        now = time.time() if now is None else now
        self._db.execute("BEGIN IMMEDIATE")
        try:
            row = self._db.execute(
                "SELECT context FROM seen_codes WHERE code_id = ?", (code_id,)
            ).fetchone()
            if row is None:
                self._db.execute(
                    "INSERT INTO seen_codes (code_id, member, context, first_seen) "
                    "VALUES (?, ?, ?, ?)",
                    (code_id, member, context, now),
                )
                self._db.execute(
                    "DELETE FROM seen_codes WHERE first_seen < ?", (now - KEEP_SECONDS,)
                )
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        if row is None:
            return Claim.NEW
        if row[0] == context:
            return Claim.SAME_SCAN
        raise CodeRejected(Reason.REPLAYED, "this code was already used")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SeenCodes:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
