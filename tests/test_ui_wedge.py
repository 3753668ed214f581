"""A USB keyboard-wedge scan is a scan on every screen, in every focused field and dialog.

Keys are real Qt key events sent to the focused widget the way a scanner's keyboard sends
them (Shift pressed around each capital, Enter at the end), timed by the wedge filter's
injected clock: a scanner's keys a few ms apart, a fast typist's about 90 ms apart.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from terminal.ui.views.style import tier_colours
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import PINS, WAIT, banner, make_shell, sign_in, stop_shell

SCANNER_MS = 4.0  # a USB scanner's keys are 1-10 ms apart
TYPIST_MS = 90.0  # 11 keys a second: a fast hand on a numeric keypad


class Clock:
    """The wedge filter's clock (ms), moved by the test instead of sleeping."""

    def __init__(self) -> None:
        self.ms = 1_000_000.0

    def __call__(self) -> float:
        return self.ms


@pytest.fixture
def clock(shell) -> Iterator[Clock]:
    c = Clock()
    shell.wedge.clock = c
    yield c


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def keys(clock: Clock, text: str, gap_ms: float, end: Qt.Key | None = Qt.Key.Key_Return) -> None:
    """Type ``text`` into whatever has focus, one key every ``gap_ms``, as a keyboard does."""
    for ch in text:
        clock.ms += gap_ms
        widget = focused()
        if ch.isupper() or ch in ":$%*+":
            QTest.keyPress(widget, Qt.Key.Key_Shift)
            QTest.keyClick(widget, ch, Qt.KeyboardModifier.ShiftModifier)
            QTest.keyRelease(widget, Qt.Key.Key_Shift, Qt.KeyboardModifier.ShiftModifier)
        else:
            QTest.keyClick(widget, ch)
    if end is not None:
        clock.ms += gap_ms
        QTest.keyClick(focused(), end)


def history(field: QLineEdit) -> list[str]:
    """Every text ``field`` shows from now on."""
    seen: list[str] = []
    field.textChanged.connect(seen.append)
    return seen


def show_member(qtbot, shell, terminal, clock: Clock, member: str = "M1001", **kw) -> None:
    keys(clock, terminal.member(member, **kw).code(), SCANNER_MS)
    qtbot.waitUntil(
        lambda: shell.counter.member is not None and shell.counter.member.member == member,
        timeout=WAIT,
    )
    qtbot.waitUntil(lambda: shell.window.stack.currentWidget() is shell.window.member, timeout=WAIT)


def test_a_scan_into_the_focused_amount_field_shows_the_next_member(qtbot, shell, terminal, clock):
    sign_in(qtbot, shell)
    show_member(qtbot, shell, terminal, clock)
    screen = shell.window.member
    screen.amount.setFocus()
    keys(clock, "25", TYPIST_MS)  # an award typed by hand: focus stays in the amount field
    qtbot.waitUntil(lambda: "Awarded" in banner(shell)[1], timeout=WAIT)
    assert focused() is screen.amount and screen.amount.text() == ""
    seen = history(screen.amount)
    clock.ms += 2000
    show_member(qtbot, shell, terminal, clock, "M2002", tier="silver")
    assert "M2002" in screen.card.member.text()
    # The card is styled only when the colours change (bench/bench_ui.py): this one did.
    assert screen.card.tier.text() == "Silver"
    assert tier_colours("silver").background in screen.card.styleSheet()
    assert screen.amount.text() == ""
    assert not any("LP1" in text for text in seen), seen  # not even for a moment
    assert any(line.source == "wedge" for line in shell.scanners.log)


def test_a_fast_typist_keeps_what_they_type_in_the_amount_field(qtbot, shell, terminal, clock):
    sign_in(qtbot, shell)
    show_member(qtbot, shell, terminal, clock)
    scans = sum(line.source == "wedge" for line in shell.scanners.log)
    screen = shell.window.member
    screen.amount.setFocus()
    # Digits at a scanner's speed, 8 of them, ended by Enter: no barcode check digit, so an
    # amount a hand typed. Enter awards it, as typing the amount always did.
    seen = history(screen.amount)
    clock.ms += 2000
    keys(clock, "12345678", SCANNER_MS, end=None)
    qtbot.waitUntil(lambda: screen.amount.text() == "12345678", timeout=WAIT)
    screen.amount.clear()
    clock.ms += 2000
    keys(clock, "48", 20.0)
    qtbot.waitUntil(lambda: "Awarded" in banner(shell)[1], timeout=WAIT)
    assert "48" in seen
    # A typist's letters at their speed, long and ended by Enter: still typing, not a scan.
    shell.window.scan_button.click()
    manual = shell.window.scan.manual
    manual.setFocus()
    clock.ms += 2000
    keys(clock, "hello counter", TYPIST_MS, end=None)
    qtbot.waitUntil(lambda: manual.text() == "hello counter", timeout=WAIT)
    assert sum(line.source == "wedge" for line in shell.scanners.log) == scans
    assert shell.counter.member is not None and shell.counter.member.member == "M1001"


def test_what_the_cashier_typed_stays_when_a_scan_arrives(qtbot, shell, terminal, clock):
    sign_in(qtbot, shell, "s1")
    shell.window.refund_button.click()
    refund = shell.window.refund
    refund.event_id.setFocus()
    keys(clock, "ev-12", TYPIST_MS, end=None)
    qtbot.waitUntil(lambda: refund.event_id.text() == "ev-12", timeout=WAIT)
    clock.ms += 2000
    show_member(qtbot, shell, terminal, clock)
    assert refund.event_id.text() == "ev-12"
    # The staff screen's fields, the same.
    shell.window.staff_button.click()
    staff = shell.window.staff_screen
    staff.name.setFocus()
    clock.ms += 2000
    keys(clock, "Li", TYPIST_MS, end=None)
    qtbot.waitUntil(lambda: staff.name.text() == "Li", timeout=WAIT)
    clock.ms += 2000
    show_member(qtbot, shell, terminal, clock, "M2002")
    assert staff.name.text() == "Li"


def test_keys_typed_just_before_a_scan_stay_in_their_field(qtbot, shell, terminal, clock):
    sign_in(qtbot, shell)
    manual = shell.window.scan.manual
    manual.setFocus()
    # "7" typed a moment (30 ms) before the scanner starts: the same burst, but the code's
    # prefix says where the scan begins.
    clock.ms += 30
    keys(clock, "7", SCANNER_MS, end=None)
    clock.ms += 30
    show_member(qtbot, shell, terminal, clock)
    qtbot.waitUntil(lambda: manual.text() == "7", timeout=WAIT)


@pytest.mark.parametrize("which", ["reward", "approval", "pin"])
def test_a_scan_in_a_dialog_cancels_it_and_shows_the_member(qtbot, shell, terminal, clock, which):
    sign_in(qtbot, shell, "s1" if which == "pin" else "c1")
    if which == "pin":
        shell.window.staff_button.click()
        screen = shell.window.staff_screen
        qtbot.waitUntil(lambda: screen.table.rowCount() == 3, timeout=WAIT)
        screen.select(1)
        screen.keypad.target = screen.pin
        for digit in "707070":
            screen.keypad.buttons[digit].click()
        qtbot.waitUntil(screen.reset_button.isEnabled, timeout=WAIT)
        screen.reset_button.click()
        dialog = shell.approvals.pin_dialog
    else:
        show_member(qtbot, shell, terminal, clock, balance=5000)
        shell.window.member.redeem_button.click()
        qtbot.waitUntil(lambda: shell.approvals.reward_dialog is not None, timeout=WAIT)
        dialog = shell.approvals.reward_dialog
        if which == "approval":
            dialog.buttons[2].click()  # over the offline cap: a supervisor must approve
            qtbot.waitUntil(lambda: shell.approvals.override is not None, timeout=WAIT)
            dialog = shell.approvals.override
    assert dialog is not None and dialog.isVisible()
    fields = dialog.findChildren(QLineEdit)
    if fields:
        dialog.activateWindow()
        fields[-1].setFocus()  # the PIN field
        qtbot.waitUntil(lambda: QApplication.focusWidget() is fields[-1], timeout=WAIT)
        keys(clock, "12", TYPIST_MS, end=None)
        qtbot.waitUntil(lambda: fields[-1].text() == "12", timeout=WAIT)
    typed = {f: f.text() for f in fields}
    seen = [history(f) for f in fields]
    clock.ms += 2000
    show_member(qtbot, shell, terminal, clock, "M2002")
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    # Each field kept what was typed until the dialog closed (a closed one may be gone).
    assert all(texts[-1:] in ([], [typed[f]]) for f, texts in zip(fields, seen, strict=True))
    assert not any("LP1" in text for texts in seen for text in texts)
    assert shell.approvals.pending_redeem is None
    # Nothing was redeemed: the counter's queue of operations is as empty as it was.
    events = []
    shell.counter._call(lambda s: s.pending_events(), events.append)
    qtbot.waitUntil(lambda: events != [], timeout=WAIT)
    assert events == [[]]


def test_a_scan_on_the_sign_in_screen_is_a_staff_code(qtbot, shell, terminal, clock):
    # Not signed in yet: a scanned member code is tried as a staff code and refused.
    view = shell.window.signin
    view.staff_id.setFocus()
    keys(clock, "c1", TYPIST_MS, end=None)
    qtbot.waitUntil(lambda: view.staff_id.text() == "c1", timeout=WAIT)
    clock.ms += 2000
    keys(clock, terminal.member().code(), SCANNER_MS)
    qtbot.waitUntil(lambda: banner(shell)[0] == "refused", timeout=WAIT)
    assert banner(shell)[1].startswith("This code is for something else.")
    assert view.staff_id.text() == "c1"
    assert shell.counter.staff is None


def test_a_scan_ended_by_tab_counts_and_a_typed_pin_does_not(qtbot, shell, terminal, clock):
    view = shell.window.signin
    view.pin.setFocus()
    keys(clock, PINS["c1"], SCANNER_MS, end=None)  # six digits, even fast: a PIN
    qtbot.waitUntil(lambda: view.pin.text() == PINS["c1"], timeout=WAIT)
    view.staff_id.setFocus()
    clock.ms += 2000
    keys(clock, terminal.member().code(), SCANNER_MS, end=Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: banner(shell)[0] == "refused", timeout=WAIT)
    assert view.staff_id.text() == "" and focused() is view.staff_id


def test_the_wizards_test_scan_names_the_usb_keyboard_scanner(qtbot, shell, terminal, clock):
    sign_in(qtbot, shell, "t1")
    qtbot.waitUntil(
        lambda: shell.window.stack.currentWidget() is shell.window.technician, timeout=WAIT
    )
    shell.window.technician.wizard_button.click()
    wizard = shell.window.wizard
    assert wizard.page == "devices"
    wizard.next_button.click()
    assert wizard.page == "scan"
    assert wizard.source_names["wedge"].text() == "USB keyboard scanner"
    assert wizard.source_chips["wedge"].text() == "listening"
    wizard.next_button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.next_button, timeout=WAIT)
    keys(clock, terminal.member().code(), SCANNER_MS)
    # Checked whole with the trust bundle and the machine's real clock (the test's codes are
    # made for 2027): verification's own answer, which a broken-up code would not get.
    qtbot.waitUntil(lambda: "refused" in wizard.scan_result.text(), timeout=WAIT)
    assert wizard.scan_state.text() == "Received from the USB keyboard scanner."
    assert wizard.scan_result.text().startswith("A loyalty code, but refused: ")
    assert wizard.source_chips["wedge"].text() == "ready"
    assert wizard.page == "scan"  # Enter ended the scan; it did not press Next
    # A product barcode from the same scanner is named as one.
    clock.ms += 2000
    keys(clock, "4006381333931", SCANNER_MS)
    qtbot.waitUntil(lambda: "EAN-13" in wizard.scan_result.text(), timeout=WAIT)
    assert wizard.page == "scan"


def test_the_wizard_takes_a_scanned_enrolment_code_beside_a_typed_address(
    qtbot, qt_problems, tmp_path
):
    shell = make_shell(qtbot, tmp_path / "new-terminal")
    clock = Clock()
    shell.wedge.clock = clock
    shell.start()
    try:
        wizard = shell.window.wizard
        qtbot.waitUntil(lambda: shell.window.stack.currentWidget() is wizard, timeout=WAIT)
        shell.window.activateWindow()
        wizard.url.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.url, timeout=WAIT)
        keys(clock, "http://h:8", TYPIST_MS, end=None)
        qtbot.waitUntil(lambda: wizard.url.text() == "http://h:8", timeout=WAIT)
        clock.ms += 2000
        keys(clock, "K7QX-M2PD-W9TA", SCANNER_MS)
        qtbot.waitUntil(lambda: wizard.code.text() == "K7QX-M2PD-W9TA", timeout=WAIT)
        assert wizard.url.text() == "http://h:8"
    finally:
        stop_shell(shell)
