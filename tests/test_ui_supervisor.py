"""Supervisor screens on a real terminal: refunds and voids, and the end-of-day report."""

from __future__ import annotations

from drivers.events import ScanEvent
from terminal.counter.results import Role
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import PINS, WAIT, banner, sign_in


def award(qtbot, shell, terminal, amount: str) -> int:
    """Scan a member and award ``amount`` on the keypad; the points awarded."""
    shell.bridge.driver_sink(ScanEvent("camera:0", terminal.member().code(), 0.0))
    qtbot.waitUntil(lambda: shell.counter.member is not None, timeout=WAIT)
    screen = shell.window.member
    for key in amount:
        screen.keypad.buttons[key].click()
    screen.award_button.click()
    qtbot.waitUntil(lambda: "Awarded" in banner(shell)[1], timeout=WAIT)
    screen.done_button.click()
    return int(banner(shell)[1].split()[1])


def open_report(qtbot, shell):
    """The supervisor's menu (Staff in the top bar), then End of day."""
    shell.window.staff_button.click()
    assert shell.window.stack.currentWidget() is shell.window.staff_screen
    shell.window.staff_screen.report_button.click()
    report = shell.window.report
    assert shell.window.stack.currentWidget() is report
    return report


def open_refunds(qtbot, shell, rows: int = 1):
    shell.window.refund_button.click()
    view = shell.window.refund
    assert shell.window.stack.currentWidget() is view
    qtbot.waitUntil(lambda: view.table.rowCount() == rows, timeout=WAIT)
    return view


def refund(qtbot, shell, view, amount: str, state: str) -> str:
    """Pick today's first operation, type ``amount`` on the keypad, press Refund."""
    view.select(0)
    for key in amount:
        view.keypad.buttons[key].click()
    shell.window.banner.hide()
    # The list reloads after each refund; the button waits for the core to be free.
    qtbot.waitUntil(view.refund_button.isEnabled, timeout=WAIT)
    view.refund_button.click()
    qtbot.waitUntil(lambda: banner(shell)[0] == state, timeout=WAIT)
    return banner(shell)[1]


def test_a_supervisor_refunds_part_then_the_rest_and_a_third_refund_is_refused(
    qtbot, shell, terminal
):
    sign_in(qtbot, shell, "s1")
    points = award(qtbot, shell, terminal, "100")
    view = open_refunds(qtbot, shell)
    assert view.table.item(0, 1).text() == "M1001"
    assert view.table.item(0, 3).text() == f"+{points}"
    part = points * 40 // 100
    assert refund(qtbot, shell, view, "40", "ok").startswith(
        f"Refund recorded: {part} points taken back."
    )
    assert view.event_id.text() == "" and view.amount.text() == ""
    rest = refund(qtbot, shell, view, "", "ok")
    assert rest.startswith(f"Refund recorded: {points - part} points taken back.")
    qtbot.waitUntil(lambda: not view.busy and view.events[0].closed, timeout=WAIT)
    view.select(0)  # refunded whole: said so, and the button is off
    assert view.summary.text().endswith("Nothing is left to refund.")
    assert not view.refund_button.isEnabled()
    # Typed by its ID (as for another day's operation), the core refuses it.
    view.event_id.setText(view.events[0].event.id)
    assert view.refund_button.isEnabled()
    view.refund_button.click()
    assert wait_refused(qtbot, shell) == "This purchase has already been refunded."


def wait_refused(qtbot, shell) -> str:
    qtbot.waitUntil(lambda: banner(shell)[0] == "refused", timeout=WAIT)
    return banner(shell)[1]


def test_a_refund_larger_than_what_is_left_is_refused_in_chinese_with_the_amount(
    qtbot, shell, terminal
):
    sign_in(qtbot, shell, "s1")
    award(qtbot, shell, terminal, "50")
    view = open_refunds(qtbot, shell)
    refund(qtbot, shell, view, "20", "ok")
    shell.set_language("zh_CN")
    assert view.refund_button.text() == "退款"
    # What is left (30 of 50) is the figure the cashier needs, in the Chinese sentence.
    assert refund(qtbot, shell, view, "80", "refused") == "该笔消费最多还可退款 30。"


def test_a_cashier_needs_a_supervisor_to_refund(qtbot, shell, terminal):
    sign_in(qtbot, shell, "c1")
    points = award(qtbot, shell, terminal, "100")
    view = open_refunds(qtbot, shell)
    view.select(0)
    view.refund_button.click()
    qtbot.waitUntil(lambda: shell.approvals.refund_dialog is not None, timeout=WAIT)
    dialog = shell.approvals.refund_dialog
    assert dialog.why.text().endswith("\nA refund needs a supervisor's approval.")
    assert "M1001" in dialog.why.text() and f"{points} point" in dialog.why.text()
    dialog.staff_id.setText("c1")  # a cashier cannot approve
    dialog.pin.setText(PINS["c1"])
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=WAIT)
    assert dialog.isVisible()
    dialog.cancel_button.click()
    assert banner(shell) == ("refused", "Not approved: nothing was refunded.")
    view.select(0)
    view.refund_button.click()
    qtbot.waitUntil(lambda: shell.approvals.refund_dialog is not None, timeout=WAIT)
    dialog = shell.approvals.refund_dialog
    dialog.staff_id.setText("s1")
    dialog.pin.setText(PINS["s1"])
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: banner(shell)[0] == "ok", timeout=WAIT)
    assert banner(shell)[1].startswith(f"Refund recorded: {points} points taken back.")


def test_end_of_day_shows_the_day_totals_per_operation_and_staff(qtbot, shell, terminal):
    sign_in(qtbot, shell, "s1")
    points = award(qtbot, shell, terminal, "100")
    view = open_refunds(qtbot, shell)
    refund(qtbot, shell, view, "40", "ok")
    taken = points * 40 // 100
    report = open_report(qtbot, shell)
    assert shell.window.stack.currentWidget() is report
    qtbot.waitUntil(lambda: report.operations.rowCount() == 2, timeout=WAIT)
    rows = [
        [report.operations.item(r, c).text() for c in range(4)]
        for r in range(report.operations.rowCount())
    ]
    assert rows == [
        ["points award", "1", f"+{points}", "¥100"],
        ["refund", "1", f"{-taken:+}", "¥40"],
    ]
    assert [report.staff.item(0, c).text() for c in range(3)] == ["Wang", "2", f"+{points - taken}"]
    assert report.values["net"].text() == f"+{points - taken} in 2 operations"
    assert report.values["pending"].text() == "2 of this day, 2 in all"
    assert report.values["failed"].text() == "0 of this day, 0 unresolved"
    shell.set_language("zh_CN")
    assert report.title.text() == "日结"
    assert report.operations.item(0, 0).text() == "发放积分"
    report.previous_button.click()  # the day before: nothing
    qtbot.waitUntil(lambda: report.operations.rowCount() == 0, timeout=WAIT)
    assert report.values["pending"].text() == "当天 0 笔，共 2 笔"


def test_a_cashier_cannot_open_the_end_of_day_report(qtbot, shell):
    sign_in(qtbot, shell, "c1")
    # The report is in the supervisor's menu (Staff), which a cashier is not shown.
    assert not shell.window.staff_button.isVisible()
    assert not hasattr(shell.window.sync, "report_button")
    # Asked for anyway (the signal a tap would send): refused, and no report is loaded.
    shell.window.staff_screen.end_of_day.emit()
    assert banner(shell) == (
        "refused",
        "The end-of-day report is for a supervisor or a technician.",
    )
    assert shell.window.stack.currentWidget() is shell.window.scan
    assert shell.window.report.report == {}


def test_the_end_of_day_report_names_the_staff_who_worked(qtbot, shell, terminal):
    from terminal.counter.staff import StaffStore

    store = StaffStore(terminal.data_dir / "staff.sqlite")
    try:
        wang = store.sign_in("s1", PINS["s1"])
        store.add(wang, "c2", "Chen Jing", Role.CASHIER, "444444")
    finally:
        store.close()
    sign_in(qtbot, shell, "c1")
    lin_points = award(qtbot, shell, terminal, "100")
    shell.window.signout_button.click()
    view = shell.window.signin
    view.staff_id.setText("c2")
    view.pin.setText("444444")
    view.submit.click()
    qtbot.waitUntil(lambda: shell.counter.staff is not None, timeout=WAIT)
    assert shell.counter.staff.name == "Chen Jing"
    chen_points = award(qtbot, shell, terminal, "50")
    shell.window.signout_button.click()
    sign_in(qtbot, shell, "s1")
    report = open_report(qtbot, shell)
    qtbot.waitUntil(lambda: report.staff.rowCount() == 2, timeout=WAIT)
    rows = [[report.staff.item(r, c).text() for c in range(3)] for r in range(2)]
    assert rows == [["Lin", "1", f"+{lin_points}"], ["Chen Jing", "1", f"+{chen_points}"]]
    report.back_button.click()
    assert shell.window.stack.currentWidget() is shell.window.staff_screen


def test_a_supervisor_reverses_a_redemption_whole(qtbot, shell, terminal):
    sign_in(qtbot, shell, "s1")
    shell.bridge.driver_sink(ScanEvent("camera:0", terminal.member(balance=5000).code(), 0.0))
    qtbot.waitUntil(lambda: shell.counter.member is not None, timeout=WAIT)
    shell.window.member.redeem_button.click()
    qtbot.waitUntil(lambda: shell.approvals.reward_dialog is not None, timeout=WAIT)
    shell.approvals.reward_dialog.buttons[0].click()
    qtbot.waitUntil(lambda: "Reward redeemed" in banner(shell)[1], timeout=WAIT)
    deducted = int(banner(shell)[1].split()[2])
    shell.window.member.done_button.click()
    view = open_refunds(qtbot, shell)
    assert view.table.item(0, 2).text() == "redemption"
    assert refund(qtbot, shell, view, "5", "refused") == (
        "A redemption is reversed whole; leave the amount out."
    )
    view.amount.clear()
    text = refund(qtbot, shell, view, "", "ok")
    assert text.startswith(f"Redemption reversed: {deducted} points given back.")
