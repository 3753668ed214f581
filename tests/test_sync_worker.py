"""The background worker sends what the counter queues, without being asked twice."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from config.paths import DataPaths
from sync.client import SyncClient
from sync.http import SignedSession
from sync.outbox import Outbox
from sync.worker import SyncWorker, WorkerFiles
from terminal.terminal_identity import load_identity
from tests.fixtures import members
from tests.fixtures.backend import Backend
from tests.fixtures.terminal import provision

pytest_plugins = ["tests.fixtures.plugin"]


def test_the_worker_sends_queued_events_and_reports_each_round(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    out = provision(sqlite_backend, tmp_path / "t1")
    phone = members.enrol(sqlite_backend, "M7")
    paths = DataPaths.resolve(tmp_path / "t1")
    identity = load_identity(paths)
    reports: list[dict[str, Any]] = []
    done = threading.Event()

    def on_report(report: dict[str, Any]) -> None:
        reports.append(report)
        if report.get("accepted"):
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
    finally:
        worker.stop()
    assert [e["event"] for e in sqlite_backend.ledger("M7")["entries"]] == [event.id]
    assert reports[-1]["pending"] == 0 and reports[-1]["versions"]["policy"] == 1
