"""The outbox's ledger-position column: stored from the backend's answer, and added in place
to an outbox file written before it existed, keeping every row."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from protocol.events import NewEvent
from sync.outbox import Outbox, Result, Status


def award(member: str, points: int) -> NewEvent:
    return NewEvent(kind="award", member=member, points=points, code_id=f"{member}/x/1/{points}")


def test_the_position_of_an_answer_is_stored_with_the_event(tmp_path: Path) -> None:
    with Outbox(tmp_path / "outbox.sqlite", "T1", clock=lambda: 1000.0) as outbox:
        first, second = outbox.append(award("M1", 10)), outbox.append(award("M1", 20))
        outbox.record_results(
            {first.id: Result(Status.ACCEPTED, None, 7), second.id: Result(Status.DUPLICATE)}
        )
        found = {s.event.id: (s.status, s.position, s.result_ms) for s in outbox.by_member("M1")}
    assert found == {
        first.id: (Status.ACCEPTED, 7, 1_000_000),
        second.id: (Status.DUPLICATE, None, 1_000_000),  # a backend without positions
    }


def test_an_outbox_from_before_positions_gains_the_column_and_keeps_its_rows(
    tmp_path: Path,
) -> None:
    path = tmp_path / "outbox.sqlite"
    with Outbox(path, "T1", clock=lambda: 1000.0) as outbox:
        answered, waiting = outbox.append(award("M1", 10)), outbox.append(award("M1", 20))
        outbox.record_results({answered.id: Result(Status.ACCEPTED)})
    with sqlite3.connect(path) as db:  # the file as the previous version left it
        db.execute("ALTER TABLE events DROP COLUMN ledger_pos")
        db.execute("PRAGMA user_version = 1")  # schema step 1: as release 0.1.0 made it
        columns = {row[1] for row in db.execute("PRAGMA table_info(events)")}
    assert "ledger_pos" not in columns

    for _ in range(2):  # the second opening finds it done
        with Outbox(path, "T1") as outbox:
            stored = outbox.by_member("M1")
            assert [(s.event.id, s.status, s.result_ms, s.position) for s in stored] == [
                (answered.id, Status.ACCEPTED, 1_000_000, None),
                (waiting.id, Status.PENDING, None, None),
            ]
            assert outbox.pending_count() == 1
    with Outbox(path, "T1") as outbox:
        outbox.record_results({waiting.id: Result(Status.ACCEPTED, None, 2)})
        assert outbox.by_member("M1")[-1].position == 2
