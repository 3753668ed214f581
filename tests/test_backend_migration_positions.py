"""Migration 0010 on a database that already has a ledger, on SQLite and PostgreSQL.

Entries written before it are numbered per member in ledger order, each member's position is
their count, and the ledger stays append-only afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, insert, select, text, update
from sqlalchemy.exc import DatabaseError

from backend import db, schema

pytest_plugins = ["tests.fixtures.plugin"]


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "postgres":
        url = request.getfixturevalue("pg_cluster").new_database()
    else:
        url = f"sqlite:///{tmp_path / 'backend.sqlite'}"
    made = db.make_engine(url)
    yield made
    made.dispose()


def migrate(engine: Engine, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(db.MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def test_entries_before_the_migration_are_numbered_per_member_in_ledger_order(
    engine: Engine,
) -> None:
    migrate(engine, "0009")
    entries = [("A", 100), ("B", 5), ("A", -30), ("A", 7), ("B", -5)]
    with engine.begin() as conn:
        for member in ("A", "B", "C"):
            conn.execute(
                text(
                    "INSERT INTO members (id, tier, balance, created_at)"
                    " VALUES (:id, 'green', :balance, 0)"
                ),
                {"id": member, "balance": sum(p for m, p in entries if m == member)},
            )
        for n, (member, points) in enumerate(entries):
            conn.execute(
                text(
                    "INSERT INTO ledger (event, member, kind, points, terminal, store,"
                    " local_time_ms, corrected_time_ms, recorded_at_ms)"
                    " VALUES (:event, :member, 'award', :points, 'T1', 'S1', 0, 0, 0)"
                ),
                {"event": f"e{n}", "member": member, "points": points},
            )

    migrate(engine, "head")

    ledger = schema.ledger
    with engine.begin() as conn:
        numbered = conn.execute(
            select(ledger.c.event, ledger.c.position).order_by(ledger.c.entry)
        ).all()
        positions = dict(
            (str(m), int(p))
            for m, p in conn.execute(select(schema.members.c.id, schema.members.c.position))
        )
    assert [tuple(row) for row in numbered] == [
        ("e0", 1),
        ("e1", 1),
        ("e2", 2),
        ("e3", 3),
        ("e4", 2),
    ]
    assert positions == {"A": 3, "B": 2, "C": 0}
    with pytest.raises(DatabaseError, match="append-only"), engine.begin() as conn:
        conn.execute(update(ledger).values(points=0))
    # One member's position is never given twice.
    with pytest.raises(DatabaseError), engine.begin() as conn:
        conn.execute(
            insert(ledger).values(
                event="e9",
                member="A",
                kind="award",
                points=1,
                terminal="T1",
                store="S1",
                local_time_ms=0,
                corrected_time_ms=0,
                recorded_at_ms=0,
                position=3,
            )
        )
