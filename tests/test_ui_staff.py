"""Staff in the running app (offscreen, real core and staff database): supervisors manage
accounts, a technician or cashier cannot escalate, PIN dialogs honour the lockout, and the
wizard cannot be finished without a supervisor."""

from __future__ import annotations

from pathlib import Path

import pytest

from terminal.counter.errors import CounterRefused
from terminal.counter.results import Role
from terminal.counter.staff import StaffStore
from tests.counter_setup import Terminal, provision_offline
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import PINS, WAIT, banner, make_shell, sign_in, stop_shell


def open_staff(qtbot, shell, rows: int = 3):
    assert shell.window.staff_button.isVisible()
    shell.window.staff_button.click()
    screen = shell.window.staff_screen
    assert shell.window.stack.currentWidget() is screen
    qtbot.waitUntil(lambda: screen.table.rowCount() == rows, timeout=WAIT)
    return screen


def rows(screen) -> list[list[str]]:
    return [
        [screen.table.item(r, c).text() for c in range(4)] for r in range(screen.table.rowCount())
    ]


def type_pin(screen, pin: str) -> None:
    """The on-screen keypad, as a finger would."""
    screen.keypad.target = screen.pin
    for digit in pin:
        screen.keypad.buttons[digit].click()


def press(qtbot, button) -> None:
    """Press once the core is free: the screen disables its buttons while a job runs."""
    qtbot.waitUntil(button.isEnabled, timeout=WAIT)
    button.click()


def wait_banner(qtbot, shell, state: str) -> str:
    qtbot.waitUntil(lambda: banner(shell)[0] == state, timeout=WAIT)
    return banner(shell)[1]


def account_pin_works(terminal, staff_id: str, pin: str) -> bool:
    store = StaffStore(terminal.data_dir / "staff.sqlite", terminal.clock)
    try:
        return store.sign_in(staff_id, pin).staff_id == staff_id
    finally:
        store.close()


def test_a_supervisor_adds_resets_and_disables_an_account(qtbot, shell, terminal):
    sign_in(qtbot, shell, "s1")
    screen = open_staff(qtbot, shell)
    assert rows(screen)[0] == ["c1", "Lin", "Cashier", "active"]
    screen.staff_id.setText("c2")
    screen.name.setText("Wu")
    screen.role.setCurrentIndex(screen.role.findData("cashier"))
    type_pin(screen, "864200")
    press(qtbot, screen.add_button)
    assert wait_banner(qtbot, shell, "ok") == "Account c2 added."
    qtbot.waitUntil(lambda: screen.table.rowCount() == 4, timeout=WAIT)
    assert screen.pin.text() == "" and screen.staff_id.text() == ""
    screen.select(1)  # c2
    type_pin(screen, "531531")
    shell.window.banner.hide()
    press(qtbot, screen.reset_button)
    assert wait_banner(qtbot, shell, "ok") == "New PIN set for c2."
    assert account_pin_works(terminal, "c2", "531531")
    screen.select(1)
    assert screen.enable_button.text() == "Disable"
    shell.window.banner.hide()
    press(qtbot, screen.enable_button)
    assert wait_banner(qtbot, shell, "ok") == "Account c2 disabled: it can no longer sign in."
    qtbot.waitUntil(lambda: rows(screen)[1][3] == "disabled", timeout=WAIT)
    # A disabled account keeps its row and cannot sign in.
    shell.counter.sign_out()
    view = shell.window.signin
    view.staff_id.setText("c2")
    view.pin.setText("531531")
    view.submit.click()
    assert wait_banner(qtbot, shell, "refused") == (
        "This staff account is disabled. Ask a supervisor."
    )
    assert shell.counter.staff is None
    # In Chinese the staff screen speaks Chinese too.
    sign_in(qtbot, shell, "s1")
    shell.set_language("zh_CN")
    screen = open_staff(qtbot, shell, rows=4)
    assert screen.title.text() == "员工账户" and rows(screen)[1][3] == "已停用"


def test_a_technician_cannot_create_a_supervisor_or_touch_one_in_the_app(qtbot, shell, terminal):
    sign_in(qtbot, shell, "t1")  # lands on diagnostics; the Staff button is in the top bar
    screen = open_staff(qtbot, shell)
    screen.staff_id.setText("s2")
    screen.role.setCurrentIndex(screen.role.findData("supervisor"))
    type_pin(screen, "864200")
    press(qtbot, screen.add_button)
    assert wait_banner(qtbot, shell, "refused") == (
        "No one may create an account with more rights than their own. Ask a supervisor."
    )
    screen.staff_id.setText("s1")  # overwrite the supervisor with a known PIN
    type_pin(screen, "864200")
    shell.window.banner.hide()
    press(qtbot, screen.add_button)
    assert wait_banner(qtbot, shell, "refused").startswith("No one may create an account")
    screen.select(1)  # s1
    type_pin(screen, "864200")
    shell.window.banner.hide()
    press(qtbot, screen.reset_button)
    assert wait_banner(qtbot, shell, "refused") == (
        "Only a supervisor may disable an account or reset someone's PIN."
    )
    shell.counter.load_staff()
    qtbot.waitUntil(screen.add_button.isEnabled, timeout=WAIT)
    assert [r[0] for r in rows(screen)] == ["c1", "s1", "t1"]
    assert account_pin_works(terminal, "s1", PINS["s1"])
    # A technician does add cashiers.
    screen.staff_id.setText("c3")
    screen.role.setCurrentIndex(screen.role.findData("cashier"))
    type_pin(screen, "864200")
    shell.window.banner.hide()
    press(qtbot, screen.add_button)
    assert wait_banner(qtbot, shell, "ok") == "Account c3 added."


def test_a_cashier_has_no_staff_screen_and_the_core_refuses_anyway(qtbot, shell, terminal):
    sign_in(qtbot, shell, "c1")
    assert not shell.window.staff_button.isVisible()
    shell.counter.add_staff("s7", "Me", Role.SUPERVISOR, "864200")  # as if the screen were open
    assert wait_banner(qtbot, shell, "refused") == "A cashier may not manage staff accounts."
    store = StaffStore(terminal.data_dir / "staff.sqlite")
    try:
        assert [a.staff_id for a in store.accounts()] == ["c1", "s1", "t1"]
    finally:
        store.close()


def test_five_wrong_pins_lock_the_sign_in_and_say_how_long(qtbot, shell, terminal):
    view = shell.window.signin
    texts = []
    for _ in range(5):
        shell.window.banner.hide()
        view.staff_id.setText("s1")
        view.pin.setText("000000")
        view.submit.click()
        texts.append(wait_banner(qtbot, shell, "refused"))
    assert texts[:4] == ["Wrong staff id or PIN."] * 4
    assert texts[4] == "Too many wrong PINs for this staff ID. Try again in 30 s."
    terminal.clock.now += 15
    shell.window.banner.hide()
    view.staff_id.setText("s1")
    view.pin.setText(PINS["s1"])  # the right PIN, but the ID is locked
    view.submit.click()
    assert wait_banner(qtbot, shell, "refused") == (
        "Too many wrong PINs for this staff ID. Try again in 15 s."
    )
    assert shell.counter.staff is None
    shell.set_language("zh_CN")
    shell.window.banner.hide()
    view.staff_id.setText("s1")
    view.pin.setText(PINS["s1"])
    view.submit.click()
    assert wait_banner(qtbot, shell, "refused") == "该工号密码错误次数过多，请 15 秒后再试。"
    terminal.clock.now += 15
    sign_in(qtbot, shell, "s1")
    assert shell.counter.staff.staff_id == "s1"


def test_the_supervisor_approval_dialog_honours_the_lockout(qtbot, shell, terminal):
    sign_in(qtbot, shell, "c1")
    approved = []
    shell.approvals.ask_supervisor_for_refund(approved.append)
    dialog = shell.approvals.refund_dialog
    for _ in range(5):
        dialog.error.setText("")
        dialog.staff_id.setText("s1")
        dialog.pin.setText("000000")
        dialog.ok_button.click()
        qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=WAIT)
    assert dialog.error.text() == "Too many wrong PINs for this staff ID. Try again in 30 s."
    dialog.error.setText("")
    dialog.pin.setText(PINS["s1"])
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=WAIT)
    assert dialog.error.text().startswith("Too many wrong PINs")
    assert approved == [] and dialog.isVisible()
    dialog.cancel_button.click()


def only_a_technician(tmp_path: Path) -> Terminal:
    terminal = provision_offline(tmp_path / "terminal")
    store = StaffStore(terminal.data_dir / "staff.sqlite")
    try:
        store.add(None, "t1", "Zhao", Role.TECHNICIAN, PINS["t1"])
    finally:
        store.close()
    return terminal


def create(qtbot, wizard, staff_id: str, role: str, pin: str = "864200") -> None:
    wizard.staff_result.setText("")
    wizard.staff_id.setText(staff_id)
    wizard.staff_role.setCurrentIndex(wizard.staff_role.findData(role))
    wizard.staff_pin.setText(pin)
    wizard.staff_repeat.setText(pin)
    wizard.staff_button.click()
    qtbot.waitUntil(lambda: wizard.staff_result.text() != "", timeout=WAIT)


def test_the_wizard_cannot_finish_without_a_supervisor(qtbot, qt_problems, tmp_path):
    terminal = only_a_technician(tmp_path)
    shell = make_shell(qtbot, terminal.data_dir, factory=lambda: terminal.open())
    shell.start()
    try:
        qtbot.waitUntil(lambda: shell.counter.is_open and shell.first_screen_shown, timeout=WAIT)
        sign_in(qtbot, shell, "t1")
        shell.window.technician.wizard_button.click()  # the technician runs the wizard again
        wizard = shell.window.wizard
        wizard.go(4)
        assert wizard.page == "staff"
        qtbot.waitUntil(lambda: "t1" in wizard.staff_accounts.text(), timeout=WAIT)
        assert not wizard.next_button.isEnabled()
        wizard.next_button.click()
        assert shell.window.stack.currentWidget() is wizard
        create(qtbot, wizard, "t2", "technician")
        assert wizard.staff_result.text() == "Account t2 created. Create another or press Finish."
        qtbot.waitUntil(lambda: "t2" in wizard.staff_accounts.text(), timeout=WAIT)
        assert not wizard.next_button.isEnabled()  # still no supervisor
        # Not even the store's first supervisor: that comes from the office's directory.
        create(qtbot, wizard, "s9", "supervisor")
        assert wizard.staff_result.text().startswith("No one may create an account")
        assert not wizard.next_button.isEnabled()
        wizard.next_button.click()
        assert shell.window.stack.currentWidget() is wizard
    finally:
        stop_shell(shell)
    with pytest.raises(CounterRefused, match="Wrong staff id or PIN"):
        account_pin_works(terminal, "s9", "864200")


def test_a_terminal_without_any_account_opens_the_staff_step(qtbot, qt_problems, tmp_path):
    terminal = provision_offline(tmp_path / "terminal")
    shell = make_shell(qtbot, terminal.data_dir, factory=lambda: terminal.open())
    shell.start()
    try:
        wizard = shell.window.wizard
        qtbot.waitUntil(lambda: shell.window.stack.currentWidget() is wizard, timeout=WAIT)
        assert wizard.page == "staff" and not wizard.next_button.isEnabled()
        create(qtbot, wizard, "s1", "supervisor", PINS["s1"])
        qtbot.waitUntil(wizard.next_button.isEnabled, timeout=WAIT)
        # The installer acts as the account just made: a cashier can follow.
        wizard.staff_role.addItem("Cashier", "cashier")
        create(qtbot, wizard, "c1", "cashier", PINS["c1"])
        assert wizard.staff_result.text().startswith("Account c1 created")
        wizard.next_button.click()
        qtbot.waitUntil(
            lambda: shell.window.stack.currentWidget() is shell.window.signin, timeout=WAIT
        )
        sign_in(qtbot, shell, "s1")
    finally:
        stop_shell(shell)


def test_a_supervisor_changes_their_own_pin_with_the_current_one(qtbot, shell, terminal):
    sign_in(qtbot, shell, "s1")
    screen = open_staff(qtbot, shell)
    screen.select(1)  # s1: their own row
    assert screen.reset_button.text() == "Change my PIN"
    assert not screen.enable_button.isEnabled()  # nobody disables themselves
    type_pin(screen, "707070")
    press(qtbot, screen.reset_button)
    dialog = shell.approvals.pin_dialog
    assert dialog.isVisible() and dialog.staff_id.text() == "s1"
    dialog.pin.setText("000000")  # not the current PIN
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=WAIT)
    assert dialog.error.text() == "Wrong staff id or PIN."
    assert account_pin_works(terminal, "s1", PINS["s1"])
    dialog.pin.setText(PINS["s1"])
    dialog.ok_button.click()
    assert wait_banner(qtbot, shell, "ok") == "Your PIN was changed."
    assert shell.approvals.pin_dialog is None  # closed
    assert account_pin_works(terminal, "s1", "707070")
