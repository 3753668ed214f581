"""The idle timeout: the last member's id and points leave the screen when nobody is there,
but never under a cashier's finger, an open dialog or an operation being saved.

Time is the shell's injected scheduler (tests/clocks.py), moved by the test: the timeout's
seconds pass without the test waiting for them, and an expiry acts at once (the controller
forgets the member and the screen changes in the same call).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from drivers.events import ScanEvent
from terminal.counter.service import CounterService
from tests.clocks import ManualTimers
from tests.counter_setup import Terminal
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import WAIT, make_shell, sign_in, stop_shell

IDLE = 1.5  # seconds, from the terminal's settings.toml


def idle_shell(qtbot, terminal: Terminal, seconds: float, timers: ManualTimers):
    (terminal.data_dir / "settings.toml").write_text(f"[ui]\nidle_seconds = {seconds}\n")
    shell = make_shell(
        qtbot,
        terminal.data_dir,
        factory=lambda: CounterService.open(terminal.data_dir, clock=terminal.clock),
        timers=timers,
    )
    shell.start()
    qtbot.waitUntil(lambda: shell.counter.is_open and shell.first_screen_shown, timeout=WAIT)
    qtbot.waitUntil(lambda: shell.idle.seconds == seconds, timeout=WAIT)
    return shell


@pytest.fixture
def timers() -> ManualTimers:
    return ManualTimers()


@pytest.fixture
def shell(qtbot, qt_problems, terminal, timers) -> Iterator:
    s = idle_shell(qtbot, terminal, IDLE, timers)
    yield s
    stop_shell(s)


def still_there(shell) -> bool:
    return shell.counter.member is not None and (
        shell.window.stack.currentWidget() is shell.window.member
    )


def show_member(qtbot, shell, terminal: Terminal) -> str:
    sign_in(qtbot, shell)
    code = terminal.member(balance=1280).code()
    shell.bridge.driver_sink(ScanEvent("camera:0", code, 0.0))
    qtbot.waitUntil(lambda: shell.window.stack.currentWidget() is shell.window.member, timeout=WAIT)
    qtbot.waitUntil(lambda: shell.counter.member is not None, timeout=WAIT)
    return code


def test_an_idle_member_screen_goes_back_to_the_scan_screen_and_forgets_the_amount(
    qtbot, shell, terminal, timers
):
    show_member(qtbot, shell, terminal)
    screen = shell.window.member
    for key in "42":
        screen.keypad.buttons[key].click()
    assert screen.amount.text() == "42"
    timers.advance(IDLE * 0.9)
    assert still_there(shell) and screen.amount.text() == "42"
    timers.advance(IDLE * 0.1)
    qtbot.waitUntil(lambda: shell.window.stack.currentWidget() is shell.window.scan, timeout=WAIT)
    assert shell.counter.member is None
    assert screen.amount.text() == ""
    # Still signed in: only the member went away.
    assert shell.counter.staff is not None


def test_touches_keep_the_member_on_screen(qtbot, shell, terminal, timers):
    show_member(qtbot, shell, terminal)
    screen = shell.window.member
    # Ten touches, each 0.9 of a timeout after the last (well over a timeout in all): the
    # member stays.
    for _ in range(10):
        qtbot.mouseClick(screen.amount, Qt.MouseButton.LeftButton)
        timers.advance(IDLE * 0.9)
        assert shell.window.stack.currentWidget() is screen
    assert still_there(shell)
    timers.advance(IDLE * 0.1)
    qtbot.waitUntil(lambda: shell.counter.member is None, timeout=WAIT)


def test_scans_keep_the_member_on_screen(qtbot, shell, terminal, timers):
    code = show_member(qtbot, shell, terminal)
    # The phone stays under the camera: the same code is read again and again.
    for _ in range(10):
        # The driver's thread hands the scan over and the core checks it: wait until the core
        # is done with it (its answer, too, counts from zero).
        with qtbot.waitSignal(
            shell.counter.busy_changed, timeout=WAIT, check_params_cb=lambda busy: not busy
        ):
            shell.bridge.driver_sink(ScanEvent("camera:0", code, 0.0))
        timers.advance(IDLE * 0.9)
        assert shell.window.stack.currentWidget() is shell.window.member
    assert still_there(shell)
    timers.advance(IDLE * 0.1)
    qtbot.waitUntil(lambda: shell.counter.member is None, timeout=WAIT)


def test_no_clearing_while_the_reward_dialog_is_open(qtbot, shell, terminal, timers):
    show_member(qtbot, shell, terminal)
    shell.window.member.redeem_button.click()
    qtbot.waitUntil(lambda: shell.approvals.reward_dialog is not None, timeout=WAIT)
    timers.advance(IDLE * 2.5)
    assert shell.counter.member is not None
    shell.approvals.reward_dialog.reject()
    timers.advance(IDLE)
    qtbot.waitUntil(lambda: shell.counter.member is None, timeout=WAIT)


def test_no_clearing_while_an_operation_is_being_saved(qtbot, shell, terminal, timers):
    show_member(qtbot, shell, terminal)
    # Hold the core's one thread so that the award stays in progress.
    release = threading.Event()
    shell.tasks.run(lambda: release.wait(30), lane="core")
    screen = shell.window.member
    screen.keypad.buttons["5"].click()
    screen.award_button.click()
    qtbot.waitUntil(lambda: shell.operation_running, timeout=WAIT)
    timers.advance(IDLE * 2.5)
    assert shell.counter.member is not None
    release.set()
    qtbot.waitUntil(lambda: not shell.operation_running, timeout=WAIT)
    timers.advance(IDLE)
    qtbot.waitUntil(lambda: shell.counter.member is None, timeout=WAIT)


def test_zero_turns_the_idle_timeout_off(qtbot, qt_problems, terminal, timers):
    shell = idle_shell(qtbot, terminal, 0, timers)
    try:
        show_member(qtbot, shell, terminal)
        assert not shell.idle.active
        timers.advance(3600)
        assert still_there(shell)
    finally:
        stop_shell(shell)
