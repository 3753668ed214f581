"""The GUI thread never waits: slow verification, a hung backend and staff codes."""

from __future__ import annotations

import itertools
import socket
import time
from dataclasses import replace

from PySide6.QtCore import QTimer

from config.paths import DataPaths
from crypto.code import Purpose
from terminal.counter.service import CounterService
from terminal.terminal_identity import load_identity, save_identity
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import WAIT, banner, make_shell, sign_in, stop_shell


class SlowService:
    """The real service, with scans slowed down as on a loaded terminal."""

    def __init__(self, real: CounterService, scan_s: float = 0.0) -> None:
        self._real, self._scan_s = real, scan_s

    def __getattr__(self, name):
        return getattr(self._real, name)

    def scan(self, *args, **kwargs):
        time.sleep(self._scan_s)
        return self._real.scan(*args, **kwargs)


def longest_gap_ms(qtbot, until, timeout=WAIT) -> float:
    """Run the event loop until ``until()``; the longest pause between 10 ms timer ticks."""
    ticks = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    qtbot.waitUntil(until, timeout=timeout)
    timer.stop()
    return max(b - a for a, b in itertools.pairwise(ticks)) * 1000


def test_a_slow_verification_does_not_freeze_the_screen(qtbot, qt_problems, terminal):
    shell = make_shell(
        qtbot,
        terminal.data_dir,
        factory=lambda: SlowService(
            CounterService.open(terminal.data_dir, clock=terminal.clock), scan_s=0.8
        ),
    )
    shell.start()
    try:
        qtbot.waitUntil(lambda: shell.counter.is_open and shell.first_screen_shown, timeout=WAIT)
        sign_in(qtbot, shell)
        shell.window.scan.manual.setText(terminal.member().code())
        shell.window.scan.manual_go.click()
        gap = longest_gap_ms(qtbot, lambda: shell.counter.member is not None)
        # Blocking would show as a pause as long as the 800 ms scan; load alone is far below.
        assert gap < 400, f"the GUI thread stalled {gap:.0f} ms"
    finally:
        stop_shell(shell)


def hung_backend(terminal) -> socket.socket:
    """A backend that takes connections and never answers: the terminal now talks to it."""
    server = socket.create_server(("127.0.0.1", 0), backlog=64)
    paths = DataPaths.resolve(terminal.data_dir)
    url = f"http://127.0.0.1:{server.getsockname()[1]}"
    save_identity(paths, replace(load_identity(paths), backend=url))
    paths.settings.write_text("[sync]\nrequest_timeout_seconds = 30\n")
    return server


def test_scans_go_on_while_the_backend_hangs(qtbot, qt_problems, terminal):
    server = hung_backend(terminal)
    shell = make_shell(
        qtbot,
        terminal.data_dir,
        factory=lambda: CounterService.open(terminal.data_dir, clock=terminal.clock),
        sync_interval_ms=600_000,
    )
    shell.start()
    try:
        qtbot.waitUntil(lambda: shell.counter.is_open and shell.sync.running, timeout=WAIT)
        sign_in(qtbot, shell)
        shell.sync.sync_now()  # the worker's request hangs in its own thread
        assert shell.sync.syncing
        started = time.perf_counter()
        shell.bridge.scanned.emit("camera:0", terminal.member().code(), 0.0)
        qtbot.waitUntil(lambda: shell.counter.member is not None, timeout=WAIT)
        assert time.perf_counter() - started < 5  # the hung request takes 30 s
        assert shell.sync.syncing and shell.sync.last_sync is None
    finally:
        server.close()  # the waiting connections are reset: the worker's round ends
        stop_shell(shell)


def test_a_staff_code_signs_in_with_its_role(qtbot, shell, terminal):
    staff = terminal.member("STAFF-7")
    credential = staff.document("staff", "s7", body={"role": "supervisor", "name": "Chen"})
    shell.bridge.scanned.emit(
        "serial:/dev/ttyACM0", staff.code(purpose=Purpose.STAFF, document=credential), 0.0
    )
    qtbot.waitUntil(lambda: shell.counter.staff is not None, timeout=WAIT)
    assert (
        shell.counter.staff.staff_id,
        shell.counter.staff.name,
        shell.counter.staff.role.value,
    ) == (
        "s7",
        "Chen",
        "supervisor",
    )
    assert banner(shell) == ("info", "Signed in: Chen")
    assert shell.window.stack.currentWidget() is shell.window.scan
