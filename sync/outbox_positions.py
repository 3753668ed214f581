"""The outbox's ledger-position column: a forward migration that keeps every row.

Each answered event records the member's ledger position the backend gave it
(docs/counter.md, "Which events are in a balance"). Outbox files written before have no such
column; it is added in place (``ALTER TABLE ... ADD COLUMN``, no copy), empty for the events
already answered, which the balance model then judges by the old clock rule. Kept apart from
the outbox's table definitions so that a schema-version scheme can call it as one step.
"""

from __future__ import annotations

import sqlite3

COLUMN = "ledger_pos"


def add_ledger_position(db: sqlite3.Connection) -> bool:
    """Add ``events.ledger_pos`` when missing; True when this call added it.

    Checked and altered inside one write transaction, so two processes opening the same
    old file at once add it once.
    """
    own = not db.in_transaction  # as a schema step (sync/schema.py) it runs inside one
    if own:
        db.execute("BEGIN IMMEDIATE")
    try:
        columns = {row[1] for row in db.execute("PRAGMA table_info(events)")}
        added = COLUMN not in columns
        if added:
            db.execute(f"ALTER TABLE events ADD COLUMN {COLUMN} INTEGER")
    except BaseException:
        if own:
            db.execute("ROLLBACK")
        raise
    if own:
        db.execute("COMMIT")
    return added


def ledger_position_step(db: sqlite3.Connection) -> None:
    """The outbox's schema step 2 (sync/outbox.py OUTBOX_SCHEMA)."""
    add_ledger_position(db)
