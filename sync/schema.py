"""Each terminal SQLite file carries its schema version and migrates forward, in order.

A file's ``PRAGMA user_version`` is the number of steps applied to it (0: a file made before
files were versioned, by release 0.1.0, or a new empty one). Opening runs the missing steps
in one transaction with the version bump, so a crash leaves the old or the new schema, never
half of one. A file whose version is higher than this build knows was written by a newer
build: it is refused (``SchemaTooNew``, exit 4) before anything touches it, not even the
journal mode (the way qutebrowser's ``UserVersion`` refuses a newer database).

Adding a change is one function appended to a file's ``steps``::

    def _add_ledger_position(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE events ADD COLUMN ledger_position INTEGER")

    OUTBOX = Schema("outbox", (_v1_release_0_1, _add_ledger_position))

A step never changes once released; it must also work on the files that earlier steps made.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sync.errors import SchemaTooNew

Step = Callable[[sqlite3.Connection], None]


@dataclass(frozen=True)
class Schema:
    """A file kind's migrations: ``steps[i]`` brings a file from version i to i + 1."""

    name: str
    steps: tuple[Step, ...]

    @property
    def version(self) -> int:
        """The version this build writes."""
        return len(self.steps)


def user_version(db: sqlite3.Connection) -> int:
    """The file's schema version (SQLite keeps it in the file's header)."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def refuse_newer(db: sqlite3.Connection, path: Path, schema: Schema) -> None:
    """Raise SchemaTooNew, having changed nothing, when a newer build wrote ``path``."""
    found = user_version(db)
    if found > schema.version:
        raise SchemaTooNew(path, schema.name, found, schema.version)


def migrate(db: sqlite3.Connection, path: Path, schema: Schema) -> int:
    """Apply the steps ``path`` lacks, with the version, in one transaction; the old version."""
    db.execute("BEGIN IMMEDIATE")  # another process may be opening the same file
    try:
        found = user_version(db)
        if found > schema.version:
            raise SchemaTooNew(path, schema.name, found, schema.version)
        for step in schema.steps[found:]:
            step(db)
        if found != schema.version:
            # PRAGMA takes no parameters; the value is our own integer.
            db.execute(f"PRAGMA user_version = {int(schema.version)}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
    return found


def create_tables(*statements: str) -> Step:
    """A step that runs ``CREATE ... IF NOT EXISTS`` statements (a first step's usual form)."""

    def step(db: sqlite3.Connection) -> None:
        for statement in statements:
            db.execute(statement)

    return step
