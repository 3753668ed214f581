"""The backend database: engine for a URL, migrations at start, default documents.

SQLite (the default, a file) or PostgreSQL (``postgresql+psycopg://...``). SQLite runs in WAL
with synchronous=FULL and takes the write lock at BEGIN, so concurrent requests queue instead
of failing half-way.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection

from backend import downstream
from config.sqlite import use_wal

MIGRATIONS = Path(__file__).with_name("migrations")
# Execution option for a connection that only reads: SQLite begins it without the write lock.
READ_ONLY = "loyalty_read_only"

DEFAULT_POLICY: dict[str, Any] = {
    "points_per_unit": "1",
    "tiers": [
        {"name": "green", "multiplier": "1", "min_spend": "0", "privileges": ["member prices"]},
        {
            "name": "silver",
            "multiplier": "1.25",
            "min_spend": "2000",
            "privileges": ["member prices", "birthday gift"],
        },
        {
            "name": "gold",
            "multiplier": "1.5",
            "min_spend": "8000",
            "privileges": ["member prices", "birthday gift", "free delivery"],
        },
        {
            "name": "platinum",
            "multiplier": "2",
            "min_spend": "20000",
            "privileges": ["member prices", "birthday gift", "free delivery", "priority pickup"],
        },
    ],
    "default_tier": "green",
    "offline_cap_points": 500,
    "supervisor_cap_points": 2000,
    "checkin_points": 10,
    "currency": "CNY",
    "clock_warn_seconds": 60,
    "max_purchase": "100000",
}
DEFAULT_CATALOG: dict[str, Any] = {
    "rewards": [
        {"id": "coffee", "name": "Coffee", "points": 200},
        {"id": "cake", "name": "Cake", "points": 350},
    ]
}


def normalise_url(db: str) -> str:
    """Accept a SQLAlchemy URL or a plain file path (a SQLite file)."""
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser().resolve()}"


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get WAL, FULL sync and IMMEDIATE transactions."""
    url = normalise_url(url)
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, pool_size=8, max_overflow=8)
    engine = create_engine(url, connect_args={"timeout": 60, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        use_wal(dbapi_connection, deadline=time.monotonic() + 60)
        for pragma in ("synchronous=FULL", "busy_timeout=60000"):
            dbapi_connection.execute(f"PRAGMA {pragma}")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # A read-only look (READ_ONLY) may run while this thread holds the write lock in
        # another transaction (the issuer cache, asked inside a request's transaction): it
        # must not wait for that lock. In WAL it reads the last commit without blocking.
        deferred = connection.get_execution_options().get(READ_ONLY)
        connection.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")

    return engine


def upgrade(engine: Engine) -> None:
    """Run every migration not yet applied, then add the default documents if missing.

    Safe for several processes at once: the migration holds an advisory lock on PostgreSQL
    (migrations/env.py), and the defaults are added with INSERT ... ON CONFLICT DO NOTHING.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    with engine.begin() as connection:
        for name, body in (("policy", DEFAULT_POLICY), ("catalog", DEFAULT_CATALOG)):
            downstream.seed(connection, name, body, int(time.time()))
