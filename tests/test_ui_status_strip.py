"""The status strip never moves a button, and a refusal stays until it is read: through
successes, sync rounds against a real backend and 30 s of time (the shell's timers, moved by
the test)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton

from terminal.ui.views.style import OK, REFUSED
from tests.clocks import ManualTimers
from tests.fixtures.office_staff import staff_from_office
from tests.fixtures.terminal import enrol_wallet, next_code
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import PINS, WAIT, banner, make_shell, sign_in, stop_shell

pytest_plugins = ["tests.fixtures.plugin"]


def targets(window) -> list[tuple[str, QRect]]:
    """Every button a finger could aim at, where it is in the window."""
    return [
        (b.text(), QRect(b.mapTo(window, QPoint(0, 0)), b.size()))
        for b in window.findChildren(QAbstractButton)
        if b.isVisible()
    ]


def colour(widget) -> QColor:
    """The colour the widget is drawn in, at its top-left corner."""
    return widget.grab().toImage().pixelColor(2, 2)


def test_results_refusals_and_sync_rounds_never_move_a_button(
    qtbot, qt_problems, sqlite_backend, tmp_path
):
    from tests.fixtures.terminal import provision

    timers = ManualTimers()
    data_dir = tmp_path / "t1"
    provision(sqlite_backend, data_dir)
    staff_from_office(sqlite_backend, data_dir, {"c1": ("Lin", "cashier", PINS["c1"])})
    shell = make_shell(qtbot, data_dir, sync_interval_ms=600_000, timers=timers)
    rounds: list[object] = []
    shell.sync.changed.connect(lambda change: change.round and rounds.append(change))
    shell.start()
    try:
        qtbot.waitUntil(lambda: shell.counter.is_open and shell.first_screen_shown, timeout=WAIT)
        sign_in(qtbot, shell)
        w = shell.window
        w.resize(1024, 768)
        wallet = enrol_wallet(sqlite_backend, "M8", tmp_path / "w.json")
        code = next_code(wallet)
        shell.bridge.scanned.emit("camera:0", code, 0.0)
        qtbot.waitUntil(lambda: w.stack.currentWidget() is w.member, timeout=WAIT)
        # An accepted message fades after 8 s of the banner's clock; the strip stays.
        assert banner(shell) == ("ok", "Code accepted: member M8.")
        timers.advance(8)  # an accepted message fades
        assert banner(shell) == ("", "Code accepted: member M8.")
        before = targets(w)
        assert any(text == w.member.award_button.text() for text, _ in before)

        w.member.amount.setText("30")
        w.member.award_button.click()
        qtbot.waitUntil(lambda: "Awarded" in banner(shell)[1], timeout=WAIT)
        assert colour(w.banner) == QColor(OK)
        assert targets(w) == before  # during a success
        # The commit wakes the worker; its report goes to the sync screen, not the banner.
        qtbot.waitUntil(lambda: bool(rounds) and rounds[-1].accepted == 1, timeout=WAIT)
        assert w.sync.values["round"].text().startswith("Sync done: 1 sent, 1 accepted")
        assert "Sync done" not in banner(shell)[1]
        assert targets(w) == before

        shell.bridge.scanned.emit("camera:0", "LP1:NOT-A-CODE", 0.0)  # a broken code
        qtbot.waitUntil(lambda: banner(shell)[0] == "refused", timeout=WAIT)
        refusal = banner(shell)
        assert colour(w.banner) == QColor(REFUSED)  # drawn red, not only flagged so
        assert w.stack.currentWidget() is w.member
        assert targets(w) == before  # during a refusal

        seen = len(rounds)
        shell.sync.sync_now()
        qtbot.waitUntil(lambda: len(rounds) > seen, timeout=WAIT)
        qtbot.wait(50)  # the round's report has been shown everywhere it goes
        assert banner(shell) == refusal  # a sync report does not overwrite it
        timers.advance(30)
        assert banner(shell) == refusal  # 30 s later it is still there to read
        assert targets(w) == before

        QTest.mouseClick(w.banner, Qt.MouseButton.LeftButton)  # read: tapped away
        assert banner(shell)[0] == ""
        assert targets(w) == before  # after

        shell.bridge.scanned.emit("camera:0", "LP1:NOT-A-CODE-EITHER", 0.0)
        qtbot.waitUntil(lambda: banner(shell)[0] == "refused", timeout=WAIT)
        shell.bridge.scanned.emit("camera:0", next_code(wallet), 0.0)  # the next scan
        qtbot.waitUntil(lambda: banner(shell)[0] == "ok", timeout=WAIT)
        assert targets(w) == before
    finally:
        stop_shell(shell)
