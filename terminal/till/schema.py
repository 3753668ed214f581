"""The till file's schema: its sales and answers (store.py) and its paired tills (tokens.py).

Both open ``till.sqlite``, so they share one migration list (sync/schema.py): append a step
to change either.
"""

from __future__ import annotations

import sqlite3

from sync.schema import Schema, create_tables

SALES = """CREATE TABLE IF NOT EXISTS sales (
    till TEXT NOT NULL,
    sale_ref TEXT NOT NULL,
    state TEXT NOT NULL,
    amount TEXT NOT NULL,
    currency TEXT NOT NULL,
    opened_at REAL NOT NULL,
    deadline REAL NOT NULL,
    member_view TEXT,
    member TEXT,
    held_points INTEGER NOT NULL DEFAULT 0,
    held_reward TEXT,
    held_reward_points INTEGER NOT NULL DEFAULT 0,
    result TEXT,
    PRIMARY KEY (till, sale_ref)
)"""
ANSWERS = """CREATE TABLE IF NOT EXISTS answers (
    till TEXT NOT NULL,
    sale_ref TEXT NOT NULL,
    op TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (till, sale_ref, op)
)"""
TILLS = """CREATE TABLE IF NOT EXISTS tills (
    name TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    paired_at REAL NOT NULL,
    revoked_at REAL
)"""


def _add_hold_event_ids(db: sqlite3.Connection) -> None:
    """The event ids an online hold was taken for, so the events committed at confirm carry them."""
    for column in ("reward_event", "discount_event"):
        db.execute(f"ALTER TABLE sales ADD COLUMN {column} TEXT")


TILL_SCHEMA = Schema(
    "till",
    (
        # 1: the tables as release 0.1.0 made them (unversioned files already hold them).
        create_tables(SALES, ANSWERS, TILLS),
        # 2: the online holds' event ids (the till on the app's one core).
        _add_hold_event_ids,
    ),
)
