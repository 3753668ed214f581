"""backend.bulk: whole columns as arrays on PostgreSQL give the rows, order and answers that
plain statements give on SQLite; and the statement sent does not grow with the row count."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, select
from sqlalchemy.exc import IntegrityError

from backend import bulk, db, schema
from tests.fixtures.postgres import Cluster

pytest_plugins = ["tests.fixtures.plugin"]

# Text that the array's text form would have to quote or escape, and what looks like NULL.
AWKWARD = ["plain", 'quote " inside', "back\\slash", "comma, {brace}", "NULL", "", "中文 ✓", " "]


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "postgres":
        cluster: Cluster = request.getfixturevalue("pg_cluster")
        url = cluster.new_database(template=request.getfixturevalue("pg_template"))
    else:
        template: Path = request.getfixturevalue("sqlite_template")
        (tmp_path / "backend.sqlite").write_bytes(template.read_bytes())
        url = f"sqlite:///{tmp_path / 'backend.sqlite'}"
    engine = db.make_engine(url)
    yield engine
    engine.dispose()


def _flag(i: int, text: str) -> dict[str, Any]:
    return {
        "kind": text,
        "event": None if i % 2 else text,
        "terminal": "T1",
        "member": text,
        "detail": f'{{"detail": "{text}", "n": {i}}}',
        "at": -(2**40) + i,
    }


def test_rows_arrive_whole_and_in_order_with_serial_keys_following_the_list(engine: Engine):
    rows = [_flag(i, text) for i, text in enumerate(AWKWARD * 30)]
    flags = schema.flags
    with engine.begin() as conn:
        assert bulk.insert_rows(conn, flags, rows) == []
        got = conn.execute(
            select(*(flags.c[name] for name in rows[0])).order_by(flags.c.id)
        ).mappings()
        assert [dict(row) for row in got] == rows


def test_ignoring_conflicts_returns_only_the_rows_this_statement_inserted(engine: Engine):
    uses = schema.code_uses
    rows = [
        {"code_id": text, "event": f"e{i}", "terminal": "T1", "checkout": None if i % 2 else "k"}
        for i, text in enumerate(AWKWARD)
    ]
    with engine.begin() as conn:
        first = bulk.insert_rows(conn, uses, rows[:3], ignore_conflicts=True, returning=["code_id"])
        assert sorted(row.code_id for row in first) == sorted(AWKWARD[:3])
        again = [dict(row, event="other") for row in rows]
        later = bulk.insert_rows(conn, uses, again, ignore_conflicts=True, returning=["code_id"])
        assert sorted(row.code_id for row in later) == sorted(AWKWARD[3:])
        held = dict(conn.execute(select(uses.c.code_id, uses.c.event)).all())
    assert [held[text] for text in AWKWARD] == ["e0", "e1", "e2"] + ["other"] * 5


def test_a_conflict_without_ignoring_it_fails_the_statement(engine: Engine):
    row = {"code_id": "c", "event": "e", "terminal": "T1", "checkout": None}
    with pytest.raises(IntegrityError), engine.begin() as conn:
        bulk.insert_rows(conn, schema.code_uses, [row, dict(row, event="f")])
    with engine.begin() as conn:  # nothing of the failed statement stays
        assert conn.execute(select(schema.code_uses)).all() == []


def test_among_matches_exactly_the_listed_values(engine: Engine):
    uses = schema.code_uses
    rows = [{"code_id": t, "event": "e", "terminal": "T1", "checkout": None} for t in AWKWARD]
    with engine.begin() as conn:
        bulk.insert_rows(conn, uses, rows)

        def among(values: list[str]) -> set[str]:
            found = conn.execute(
                select(uses.c.code_id).where(bulk.among(conn, uses.c.code_id, values))
            )
            return {row.code_id for row in found}

        assert among([*AWKWARD[1:4], "absent", 'quote "']) == set(AWKWARD[1:4])
        assert among([]) == set()
        assert among(["null"]) == set()  # the text NULL is not a null, nor case-folded


def test_on_postgresql_the_statement_is_the_same_for_any_row_count(
    pg_cluster: Cluster, pg_template: str
):
    """One short statement, its values as parameters: not a placeholder per value."""
    engine = db.make_engine(pg_cluster.new_database(template=pg_template))
    sent: list[tuple[str, Any]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def remember(conn: Any, cursor: Any, statement: str, params: Any, *rest: Any) -> None:
        sent.append((statement, params))

    with engine.begin() as conn:
        for count in (1, 500):
            bulk.insert_rows(conn, schema.flags, [_flag(i, "x") for i in range(count)])
    engine.dispose()
    (small, _), (large, params) = sent
    assert small == large
    assert len(params) == len(_flag(0, "x"))  # one parameter per column
