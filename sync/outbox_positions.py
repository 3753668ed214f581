"""The outbox's ledger-position column: a forward migration that keeps every row.

Each answered event records the member's ledger position the backend gave it
(docs/counter.md, "Which events are in a balance"). Outbox files written before have no such
column; it is added in place (``ALTER TABLE ... ADD COLUMN``, no copy), empty for the events
already answered, which the balance model then judges by the old clock rule. It runs as the
outbox's schema step 2 (``sync.outbox.OUTBOX_SCHEMA``), inside the migration's transaction.
"""

from __future__ import annotations

import sqlite3

COLUMN = "ledger_pos"


def ledger_position_step(db: sqlite3.Connection) -> None:
    """Add ``events.ledger_pos`` unless a pre-release build of this change already did."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(events)")}
    if COLUMN not in columns:
        db.execute(f"ALTER TABLE events ADD COLUMN {COLUMN} INTEGER")
