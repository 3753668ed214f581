"""Online means a recent answer: the indicator follows the backend even with nothing queued.

A real backend on 127.0.0.1 behind the fault proxy; "refuse" drops every connection as a
stopped backend does. The sync worker runs in its own thread with a short heartbeat, and its
latest change (what the status bar shows) is read in this thread.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from backend import schema
from config.paths import DataPaths
from sync.worker import SyncChange, SyncWorker, WorkerFiles
from terminal.counter.service import CounterService
from terminal.sync_setup import open_worker
from tests.fixtures.backend import Backend
from tests.fixtures.faults import FaultProxy
from tests.fixtures.terminal import provision

pytest_plugins = ["tests.fixtures.plugin"]

ONLINE_TIMEOUT = 1.0
HEARTBEAT = 1.5


def within(seconds: float, condition: Callable[[], bool]) -> float | None:
    """How long ``condition`` took to hold, None if it did not within ``seconds``."""
    start = time.monotonic()
    while time.monotonic() - start <= seconds:
        if condition():
            return time.monotonic() - start
        time.sleep(0.05)
    return None


def test_the_indicator_goes_offline_within_timeout_and_heartbeat_and_comes_back(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    port = int(sqlite_backend.url.rsplit(":", 1)[1])
    with FaultProxy(port) as network:
        data = tmp_path / "terminal"
        provision(sqlite_backend, data, url=network.url)
        DataPaths.resolve(data).settings.write_text(
            f"[sync]\nonline_timeout_seconds = {ONLINE_TIMEOUT}\n"
            f"heartbeat_seconds = {HEARTBEAT}\ninterval_seconds = 3600\n"
        )
        # The app's worker, built as the app builds it (its own client and connections).
        reports: list[SyncChange] = []
        worker = open_worker(data, on_report=reports.append)
        assert worker.interval == 3600 and worker.heartbeat == HEARTBEAT
        worker.start()
        try:
            # What the status bar shows is the worker's latest change.
            assert within(10, lambda: bool(reports) and reports[-1].online) is not None
            assert reports[-1].pending == 0

            network.default = "refuse"  # the backend goes away; nothing is queued
            took = within(ONLINE_TIMEOUT + HEARTBEAT + 1.0, lambda: not reports[-1].online)
            assert took is not None, "still online after the backend went away"
            assert reports[-1].pending == 0
            # It was an idle heartbeat that found out, not a send.
            assert within(2, lambda: any(not r.round and not r.online for r in reports))

            network.default = "pass"  # back: the next heartbeat finds it
            assert within(ONLINE_TIMEOUT + HEARTBEAT + 1.0, lambda: reports[-1].online)
        finally:
            worker.stop()
        # The heartbeats went out as signed POSTs to /v1/heartbeat, idle, with nothing queued.
        beats = [path for method, path, _ in network.seen if path == "/v1/heartbeat"]
        assert len(beats) >= 3
        assert all(method == "POST" for method, path, _ in network.seen if path == "/v1/heartbeat")


def test_a_request_that_gets_no_answer_turns_the_indicator_offline_at_once(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    port = int(sqlite_backend.url.rsplit(":", 1)[1])
    with FaultProxy(port) as network:
        data = tmp_path / "terminal"
        provision(sqlite_backend, data, url=network.url)
        service = CounterService.open(data)
        try:
            assert service.sync_now()["online"] is True
            network.default = "refuse"
            report = service.sync_now()
            assert report["pull_errors"] and report["online"] is False
        finally:
            service.close()


def test_the_heartbeat_body_is_the_agreed_interface_and_counts_what_waits(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    from tests.fixtures import members

    data = tmp_path / "terminal"
    out = provision(sqlite_backend, data)
    phone = members.enrol(sqlite_backend, "M3")
    service = CounterService.open(data)
    try:
        ctx = service.ctx
        assert ctx.online is not None
        service.sync_now()  # policy and catalog come down
        ctx.outbox.append(members.award(phone, "9.00"))
        worker = SyncWorker(
            ctx.online,
            WorkerFiles(
                ctx.paths.outbox,
                ctx.paths.state,
                ctx.paths.trust_bundle,
                bytes.fromhex(out["root_public"]),
                ctx.identity.terminal,
            ),
            interval_seconds=3600,
            devices=lambda: ("ok", "error: no picture"),
        )
        body = worker.health(ctx.outbox, ctx.state)
        assert set(body) == {
            "app_version",
            "bundle_version",
            "policy_version",
            "catalog_version",
            "pending",
            "oldest_pending_age_seconds",
            "last_error",
            "clock_offset_ms",
            "scanner",
            "camera",
            "lockouts",
        }
        assert body["lockouts"] == []  # no staff file from the office in these files
        assert body["pending"] == 1 and 0 <= body["oldest_pending_age_seconds"] <= 5
        assert body["bundle_version"] == ctx.trust.version >= 1
        assert body["policy_version"] == ctx.state.version("policy")
        assert (body["scanner"], body["camera"]) == ("ok", "error: no picture")
        assert body["last_error"] is None and isinstance(body["app_version"], str)
        # Sent to this backend, which keeps it as the terminal's latest health report (an
        # older backend without the endpoint answers 404, which still counts as contact).
        assert worker.beat(ctx.outbox, ctx.state) is True
        terminal_id = ctx.identity.terminal
    finally:
        service.close()
    with sqlite_backend.engine.begin() as conn:
        stored = conn.execute(
            select(schema.terminal_health.c.report).where(
                schema.terminal_health.c.terminal == terminal_id
            )
        ).scalar_one()
    assert json.loads(stored) | {"app_version": None} == body | {"app_version": None}
