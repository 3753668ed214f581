"""The outbox on a real SQLite file: order, chain, bounds, crash recovery, staff queries."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from protocol.events import GENESIS_HASH, NewEvent
from sync.errors import OutboxBusy
from sync.outbox import Outbox, Result, Status


def _award(points: int = 1, member: str = "M1") -> NewEvent:
    return NewEvent(kind="award", member=member, points=points, code_id=f"{member}/x/1/{points}")


def test_sequence_grows_and_each_event_names_the_previous_hash(tmp_path: Path) -> None:
    with Outbox(tmp_path / "o.sqlite", "T1") as outbox:
        events = [outbox.append(_award(i)) for i in range(1, 4)]
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[0].prev_hash == GENESIS_HASH
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]


def test_an_appended_event_survives_reopening(tmp_path: Path) -> None:
    with Outbox(tmp_path / "o.sqlite", "T1") as outbox:
        event = outbox.append(_award())
    with Outbox(tmp_path / "o.sqlite", "T1") as outbox:
        stored = outbox.get(event.id)
        assert stored is not None and stored.event == event and stored.status is Status.PENDING
        assert outbox.append(_award(2)).seq == 2


def test_the_database_runs_in_wal_with_full_sync(tmp_path: Path) -> None:
    with Outbox(tmp_path / "o.sqlite", "T1") as outbox:
        assert outbox._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert outbox._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_a_batch_is_bounded_by_count_and_by_bytes(tmp_path: Path) -> None:
    with Outbox(tmp_path / "o.sqlite", "T1") as outbox:
        for i in range(10):
            outbox.append(_award(i + 1))
        assert len(outbox.claim_batch(4, 1_000_000)) == 4
        size = len(outbox.get(outbox.claim_batch(1, 1_000_000)[0].id).event.canonical())  # type: ignore[union-attr]
        assert len(outbox.claim_batch(100, size * 2 + 2)) == 2
        assert outbox.counts()["in_flight"] == 7


def test_rows_left_in_flight_by_a_dead_sender_return_to_pending_on_open(tmp_path: Path) -> None:
    with Outbox(tmp_path / "o.sqlite", "T1") as outbox:
        outbox.append(_award())
        with outbox.sending():
            assert len(outbox.claim_batch(10, 100_000)) == 1
    with Outbox(tmp_path / "o.sqlite", "T1") as outbox:
        assert outbox.counts()["pending"] == 1


def _hold_lock(
    path: str, ready: multiprocessing.synchronize.Event, done: multiprocessing.synchronize.Event
) -> None:
    with Outbox(Path(path), "T1") as outbox, outbox.sending():
        outbox.claim_batch(10, 100_000)
        ready.set()
        done.wait(20)


def test_a_live_sender_keeps_its_rows_and_a_second_sender_is_refused(tmp_path: Path) -> None:
    with Outbox(tmp_path / "o.sqlite", "T1") as outbox:
        outbox.append(_award())
    ctx = multiprocessing.get_context("spawn")
    ready, done = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(str(tmp_path / "o.sqlite"), ready, done))
    holder.start()
    try:
        assert ready.wait(30)
        with Outbox(tmp_path / "o.sqlite", "T1") as outbox:
            assert outbox.counts()["in_flight"] == 1
            with pytest.raises(OutboxBusy), outbox.sending():
                pass
    finally:
        done.set()
        holder.join(30)


def test_rejected_events_wait_on_the_reconciliation_list_until_resolved(tmp_path: Path) -> None:
    with Outbox(tmp_path / "o.sqlite", "T1") as outbox:
        good, bad = outbox.append(_award(1)), outbox.append(_award(2))
        outbox.claim_batch(10, 100_000)
        outbox.record_results(
            {good.id: Result(Status.ACCEPTED), bad.id: Result(Status.REJECTED, "code_reused")}
        )
        [item] = outbox.reconciliation()
        assert (item.event.id, item.reason) == (bad.id, "code_reused")
        assert outbox.resolve(bad.id, staff="S7", note="member paid cash")
        assert outbox.reconciliation() == []
        assert outbox.reconciliation(include_resolved=True)[0].resolved_by == "S7"
        assert outbox.pending_count() == 0


def test_events_by_member_and_local_day(tmp_path: Path) -> None:
    noon = dt.datetime(2026, 3, 1, 12, 0).timestamp()
    times = iter([noon, noon + 60, noon + 86400])
    with Outbox(tmp_path / "o.sqlite", "T1", clock=lambda: next(times)) as outbox:
        first = outbox.append(_award(1))
        outbox.append(_award(2, member="M2"))
        outbox.append(_award(3))
        found = outbox.by_member_and_day("M1", dt.date(2026, 3, 1))
    assert [s.event.id for s in found] == [first.id]


def test_an_event_the_backend_would_refuse_is_never_queued(tmp_path: Path) -> None:
    with Outbox(tmp_path / "o.sqlite", "T1") as outbox:
        with pytest.raises(ValueError, match="unknown kind"):
            outbox.append(NewEvent(kind="gift", member="M1", points=1))
        assert outbox.counts()["pending"] == 0


def test_an_outbox_of_another_terminal_is_refused(tmp_path: Path) -> None:
    Outbox(tmp_path / "o.sqlite", "T1").close()
    with pytest.raises(ValueError, match="belongs to terminal T1"):
        Outbox(tmp_path / "o.sqlite", "T2")


def test_stored_bodies_are_the_canonical_json_that_is_hashed(tmp_path: Path) -> None:
    with Outbox(tmp_path / "o.sqlite", "T1") as outbox:
        event = outbox.append(_award())
    row = sqlite3.connect(tmp_path / "o.sqlite").execute("SELECT body, hash FROM events").fetchone()
    assert json.loads(row[0])["id"] == event.id and row[1] == event.hash
