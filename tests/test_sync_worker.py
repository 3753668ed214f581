"""The background worker sends what the counter queues, without being asked twice."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from config.paths import DataPaths
from sync.client import SyncClient
from sync.http import SignedSession
from sync.outbox import Outbox
from sync.worker import SyncChange, SyncWorker, WorkerFiles
from terminal.terminal_identity import load_identity
from tests.fixtures import members
from tests.fixtures.backend import Backend
from tests.fixtures.terminal import admin, provision

pytest_plugins = ["tests.fixtures.plugin"]


def test_the_worker_sends_queued_events_and_reports_each_round(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    out = provision(sqlite_backend, tmp_path / "t1")
    phone = members.enrol(sqlite_backend, "M7")
    paths = DataPaths.resolve(tmp_path / "t1")
    identity = load_identity(paths)
    reports: list[SyncChange] = []
    done = threading.Event()

    def on_report(report: SyncChange) -> None:
        reports.append(report)
        if report.accepted:
            done.set()

    files = WorkerFiles(
        paths.outbox,
        paths.state,
        paths.trust_bundle,
        bytes.fromhex(out["root_public"]),
        identity.terminal,
    )
    client = SyncClient(SignedSession(identity.backend, identity.terminal, identity.key))
    worker = SyncWorker(client, files, interval_seconds=30, on_report=on_report)
    worker.start()
    try:
        with Outbox(paths.outbox, identity.terminal) as outbox:
            event = outbox.append(members.award(phone, "9.00"))
        worker.wake()
        assert done.wait(20)
        # The wake above may have queued a round that has not run yet; let it finish first,
        # or it could pull the catalog published next and leave the asked-for round nothing.
        settled = worker.wake()
        assert within(20, lambda: [r for r in reports if r.round and r.serves >= settled])
        # A new reward at the backend: the next round says the catalog, and only it, came down.
        admin(sqlite_backend, "reward", "--id", "R-UMB", "--name", "Umbrella", "--points", "50")
        ticket = worker.wake()
        answered = within(20, lambda: [r for r in reports if r.serves >= ticket])
    finally:
        worker.stop()
    assert [e["event"] for e in sqlite_backend.ledger("M7")["entries"]] == [event.id]
    sent = next(r for r in reports if r.accepted)
    assert (sent.round, sent.pushed, sent.accepted, sent.pending, sent.error) == (
        True,
        1,
        1,
        0,
        None,
    )
    assert answered and answered[0].downloaded == frozenset({"catalog"})
    assert (answered[0].pushed, answered[0].pending) == (0, 0)


def within(seconds: float, found: Callable[[], list[SyncChange]]) -> list[SyncChange]:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not found():
        time.sleep(0.05)
    return found()
