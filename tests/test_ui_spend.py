"""Every spend shows its money before and after, through the real app offscreen: points as
cash asks first (points, money, what is left to pay), the reward dialog prices each reward
and says by how much the member is short.

The terminal is offline (tests/counter_setup.py): the daily offline cap of 500 points and the
signed card decide, as they do at a counter whose backend does not answer.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from terminal.counter import receipts
from tests.test_ui_counter import camera_scan
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import WAIT, banner, sign_in


def tap(widget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def member_on_screen(qtbot, shell, terminal, balance: int) -> None:
    sign_in(qtbot, shell)
    camera_scan(shell, terminal.member(tier="gold", balance=balance).code())
    qtbot.waitUntil(lambda: shell.window.stack.currentWidget() is shell.window.member, timeout=WAIT)


def type_amount(shell, text: str) -> None:
    for key in text:
        tap(shell.window.member.keypad.buttons[key])


def spent_events(terminal) -> list:
    service = terminal.open()
    try:
        return [s.event for s in service.ctx.outbox.by_member("M1001")]
    finally:
        service.close()


def test_points_as_cash_asks_first_with_the_points_the_money_and_what_is_left(
    qtbot, shell, terminal
):
    member_on_screen(qtbot, shell, terminal, balance=750)
    type_amount(shell, "100")
    tap(shell.window.member.discount_button)
    qtbot.waitUntil(lambda: shell.approvals.discount_dialog is not None, timeout=WAIT)
    dialog = shell.approvals.discount_dialog
    # Half of 100.00 would be 5,000 points; offline the daily cap of 500 decides.
    assert dialog.sale.text() == "Sale: ¥100"
    assert dialog.paid.text() == "500 points pay ¥5"
    assert dialog.to_pay.text() == "Still to pay: ¥95"
    assert dialog.ok_button.text() == "Spend 500 points"
    assert dialog.why.text() == "Offline: at most 500 points per member per day."
    assert spent_events(terminal) == []  # nothing spent before the cashier says yes
    tap(dialog.ok_button)
    qtbot.waitUntil(lambda: banner(shell)[0] == "ok" and "paid" in banner(shell)[1], timeout=WAIT)
    assert banner(shell)[1].startswith("500 points paid ¥5. ¥95 to pay.")
    [spent] = spent_events(terminal)
    assert (spent.kind, spent.points, spent.details["amount"]) == ("discount", -500, "5.00")
    service = terminal.open()
    try:
        slip = receipts.render(service.receipt_copy(spent.id))
    finally:
        service.close()
    assert "500 points paid 5.00 CNY" in slip
    assert shell.window.member.card.balance.text() == "250"


@pytest.mark.parametrize(
    ("balance", "amount", "paid", "why"),
    [
        (300, "100", "300 points pay ¥3", "Offline: all the member can spend here."),
        (750, "4", "200 points pay ¥2", "Points can pay at most 50% of a sale."),
    ],
)
def test_points_as_cash_says_which_rule_sets_the_points(
    qtbot, shell, terminal, balance, amount, paid, why
):
    member_on_screen(qtbot, shell, terminal, balance=balance)
    type_amount(shell, amount)
    tap(shell.window.member.discount_button)
    qtbot.waitUntil(lambda: shell.approvals.discount_dialog is not None, timeout=WAIT)
    dialog = shell.approvals.discount_dialog
    assert (dialog.paid.text(), dialog.why.text()) == (paid, why)
    dialog.reject()


def test_points_as_cash_cancelled_spends_nothing(qtbot, shell, terminal):
    member_on_screen(qtbot, shell, terminal, balance=750)
    type_amount(shell, "12")
    tap(shell.window.member.discount_button)
    qtbot.waitUntil(lambda: shell.approvals.discount_dialog is not None, timeout=WAIT)
    dialog = shell.approvals.discount_dialog
    assert dialog.paid.text() == "500 points pay ¥5" and dialog.to_pay.text() == "Still to pay: ¥7"
    tap(dialog.cancel_button)
    qtbot.waitUntil(lambda: shell.approvals.discount_dialog is None, timeout=WAIT)
    assert spent_events(terminal) == []
    assert shell.window.member.card.balance.text() == "750"


def test_points_as_cash_with_no_amount_asks_for_the_amount(qtbot, shell, terminal):
    member_on_screen(qtbot, shell, terminal, balance=750)
    tap(shell.window.member.discount_button)
    qtbot.waitUntil(lambda: banner(shell)[0] == "refused", timeout=WAIT)
    assert banner(shell)[1] == "Type the purchase amount first: points as cash pay part of it."
    assert shell.approvals.discount_dialog is None
    assert spent_events(terminal) == []


def test_points_as_cash_with_no_points_names_why_before_any_dialog(qtbot, shell, terminal):
    member_on_screen(qtbot, shell, terminal, balance=0)
    type_amount(shell, "100")
    tap(shell.window.member.discount_button)
    qtbot.waitUntil(lambda: banner(shell)[0] == "refused", timeout=WAIT)
    assert banner(shell)[1].startswith("Offline, the member can spend 0 points here")
    assert shell.approvals.discount_dialog is None


def test_the_reward_dialog_prices_each_reward_and_turns_off_those_short_of_points(
    qtbot, shell, terminal
):
    member_on_screen(qtbot, shell, terminal, balance=250)
    tap(shell.window.member.redeem_button)
    qtbot.waitUntil(lambda: shell.approvals.reward_dialog is not None, timeout=WAIT)
    dialog = shell.approvals.reward_dialog
    assert dialog.available.text() == "The member can spend 250 points now."
    texts = [b.text() for b in dialog.buttons]
    assert texts == [
        "Mug  ·  300 points\n50 points short",
        "Tote bag  ·  200 points + ¥5",
        "Blender  ·  900 points\n650 points short",
    ]
    assert [b.isEnabled() for b in dialog.buttons] == [False, True, False]
    tap(dialog.buttons[0])  # off: nothing happens
    assert dialog.isVisible() and spent_events(terminal) == []
    dialog.reject()


def test_the_reward_dialog_offline_counts_what_was_spent_here_since_the_card(
    qtbot, shell, terminal
):
    member_on_screen(qtbot, shell, terminal, balance=500)
    type_amount(shell, "100")
    tap(shell.window.member.discount_button)  # 500 points as cash: the card has 0 left
    qtbot.waitUntil(lambda: shell.approvals.discount_dialog is not None, timeout=WAIT)
    tap(shell.approvals.discount_dialog.ok_button)
    qtbot.waitUntil(lambda: "paid" in banner(shell)[1], timeout=WAIT)
    tap(shell.window.member.redeem_button)
    qtbot.waitUntil(lambda: shell.approvals.reward_dialog is not None, timeout=WAIT)
    dialog = shell.approvals.reward_dialog
    assert not any(b.isEnabled() for b in dialog.buttons)
    assert dialog.buttons[1].text().endswith("200 points short")
    dialog.reject()


def test_points_as_cash_in_chinese_names_the_points_and_the_money(qtbot, shell, terminal):
    shell.set_language("zh_CN")
    member_on_screen(qtbot, shell, terminal, balance=750)
    type_amount(shell, "100")
    tap(shell.window.member.discount_button)
    qtbot.waitUntil(lambda: shell.approvals.discount_dialog is not None, timeout=WAIT)
    dialog = shell.approvals.discount_dialog
    assert (dialog.paid.text(), dialog.to_pay.text()) == ("500 积分抵 ¥5", "还需支付：¥95")
    assert dialog.why.text() == "离线：每位会员每天最多 500 积分。"
    tap(dialog.ok_button)
    qtbot.waitUntil(lambda: banner(shell)[0] == "ok" and "积分抵" in banner(shell)[1], timeout=WAIT)
    assert banner(shell)[1].startswith("500 积分抵 ¥5。还需支付 ¥95。")
