"""The running app's heartbeat tells the office what its scanner and camera are doing.

The readers' states reach the sync worker (its own thread) from the scanner controller, and
the backend keeps them per terminal for the console's fleet page.
"""

from __future__ import annotations

import json

from sqlalchemy import select

from backend import schema
from sync.worker import SyncChange
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import WAIT, stop_shell
from tests.test_ui_one_owner import provisioned, started

pytest_plugins = ["tests.fixtures.plugin"]


def reported(backend, terminal: str) -> tuple[str, str] | None:
    health = schema.terminal_health
    with backend.engine.begin() as conn:
        report = conn.execute(
            select(health.c.report).where(health.c.terminal == terminal)
        ).scalar_one_or_none()
    if report is None:
        return None
    body = json.loads(report)
    return body["scanner"], body["camera"]


def test_the_heartbeat_reports_the_readers_as_the_app_sees_them(
    qtbot, qt_problems, sqlite_backend, tmp_path
):
    data_dir = provisioned(sqlite_backend, tmp_path / "t1")
    shell = started(qtbot, data_dir)
    terminal = shell.counter.service.ctx.identity.terminal
    try:
        # No reader started: nothing to report but their absence.
        assert shell.scanners.devices() == ("absent", "absent")
        shell.bridge.source_status.emit("serial:/dev/ttyUSB0", "open", "9600 baud")
        shell.bridge.source_status.emit("camera:0", "lost", "no picture for 5 s")
        answers: list[SyncChange] = []
        shell.sync.sync_now(answers.append)
        qtbot.waitUntil(lambda: bool(answers), timeout=WAIT)
        assert answers[0].error is None
        scanner, camera = reported(sqlite_backend, terminal) or ("", "")
        assert scanner == "ok"
        assert camera.startswith("error: lost") and "no picture" in camera
        shell.bridge.source_status.emit("camera:0", "open", "1280x720")
        shell.sync.sync_now(answers.append)
        qtbot.waitUntil(lambda: len(answers) == 2, timeout=WAIT)
        assert reported(sqlite_backend, terminal) == ("ok", "ok")
    finally:
        stop_shell(shell)
