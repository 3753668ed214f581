"""The idle timeout: the last member's id and points leave the screen when nobody is there,
but never under a cashier's finger, an open dialog or an operation being saved."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from drivers.events import ScanEvent
from terminal.counter.service import CounterService
from tests.counter_setup import Terminal
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import WAIT, make_shell, sign_in, stop_shell

IDLE = 1.5  # seconds, from the terminal's settings.toml


def idle_shell(qtbot, terminal: Terminal, seconds: float):
    (terminal.data_dir / "settings.toml").write_text(f"[ui]\nidle_seconds = {seconds}\n")
    shell = make_shell(
        qtbot,
        terminal.data_dir,
        factory=lambda: CounterService.open(terminal.data_dir, clock=terminal.clock),
    )
    shell.start()
    qtbot.waitUntil(lambda: shell.counter.is_open and shell.first_screen_shown, timeout=WAIT)
    qtbot.waitUntil(lambda: shell.idle.seconds == seconds, timeout=WAIT)
    return shell


@pytest.fixture
def shell(qtbot, qt_problems, terminal) -> Iterator:
    s = idle_shell(qtbot, terminal, IDLE)
    yield s
    stop_shell(s)


def show_member(qtbot, shell, terminal: Terminal) -> str:
    sign_in(qtbot, shell)
    code = terminal.member(balance=1280).code()
    shell.bridge.driver_sink(ScanEvent("camera:0", code, 0.0))
    qtbot.waitUntil(lambda: shell.window.stack.currentWidget() is shell.window.member, timeout=WAIT)
    return code


def test_an_idle_member_screen_goes_back_to_the_scan_screen_and_forgets_the_amount(
    qtbot, shell, terminal
):
    show_member(qtbot, shell, terminal)
    screen = shell.window.member
    for key in "42":
        screen.keypad.buttons[key].click()
    assert screen.amount.text() == "42"
    started = time.monotonic()
    qtbot.waitUntil(lambda: shell.window.stack.currentWidget() is shell.window.scan, timeout=WAIT)
    assert time.monotonic() - started >= IDLE * 0.9
    assert shell.counter.member is None
    assert screen.amount.text() == ""
    # Still signed in: only the member went away.
    assert shell.counter.staff is not None


def test_touches_keep_the_member_on_screen(qtbot, shell, terminal):
    show_member(qtbot, shell, terminal)
    screen = shell.window.member
    # A touch every 0.3 s for well over a timeout: the member stays.
    for _ in range(10):
        qtbot.mouseClick(screen.amount, Qt.MouseButton.LeftButton)
        qtbot.wait(300)
        assert shell.window.stack.currentWidget() is screen
    assert shell.counter.member is not None
    qtbot.waitUntil(lambda: shell.counter.member is None, timeout=WAIT)


def test_scans_keep_the_member_on_screen(qtbot, shell, terminal):
    code = show_member(qtbot, shell, terminal)
    # The phone stays under the camera: the same code is read again and again.
    for _ in range(10):
        shell.bridge.driver_sink(ScanEvent("camera:0", code, 0.0))
        qtbot.wait(300)
        assert shell.window.stack.currentWidget() is shell.window.member
    qtbot.waitUntil(lambda: shell.counter.member is None, timeout=WAIT)


def test_no_clearing_while_the_reward_dialog_is_open(qtbot, shell, terminal):
    show_member(qtbot, shell, terminal)
    shell.window.member.redeem_button.click()
    qtbot.waitUntil(lambda: shell.approvals.reward_dialog is not None, timeout=WAIT)
    qtbot.wait(round(IDLE * 2500))
    assert shell.counter.member is not None
    shell.approvals.reward_dialog.reject()
    qtbot.waitUntil(lambda: shell.counter.member is None, timeout=WAIT)


def test_no_clearing_while_an_operation_is_being_saved(qtbot, shell, terminal):
    show_member(qtbot, shell, terminal)
    # Hold the core's one thread so that the award stays in progress.
    release = threading.Event()
    shell.tasks.run(lambda: release.wait(30), lane="core")
    screen = shell.window.member
    screen.keypad.buttons["5"].click()
    screen.award_button.click()
    qtbot.waitUntil(lambda: shell.operation_running, timeout=WAIT)
    qtbot.wait(round(IDLE * 2500))
    assert shell.counter.member is not None
    release.set()
    qtbot.waitUntil(lambda: not shell.operation_running, timeout=WAIT)
    qtbot.waitUntil(lambda: shell.counter.member is None, timeout=WAIT)


def test_zero_turns_the_idle_timeout_off(qtbot, qt_problems, terminal):
    shell = idle_shell(qtbot, terminal, 0)
    try:
        show_member(qtbot, shell, terminal)
        assert not shell.idle.active
        qtbot.wait(1500)
        assert shell.counter.member is not None
    finally:
        stop_shell(shell)
