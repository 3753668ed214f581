"""The counter screens on a real terminal: pickup states, coupon values and the actions a
code allows, what an approval names, and what a refund leaves (issue 11)."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QPushButton

from crypto.code import Purpose
from sync.state import TerminalState
from tests.test_ui_counter import camera_scan, wait_banner
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import PINS, WAIT, banner, sign_in
from tests.test_ui_supervisor import award, open_refunds, refund

# clock_time: "14:05" today, with the date on another day (the test clock is in 2027)
TIME = r"(\d{4}-\d\d-\d\d )?\d\d:\d\d"
ITEMS = {"items": [{"sku": "MUG", "name": "Mug", "qty": 2}, {"sku": "CAP", "qty": 1}]}


def scan_order(qtbot, shell, member, order: bytes):
    camera_scan(shell, member.code(purpose=Purpose.PICKUP, document=order))
    pickup = shell.window.pickup
    qtbot.waitUntil(lambda: shell.window.stack.currentWidget() is pickup, timeout=WAIT)
    return pickup


def small_buttons(widget) -> list[tuple[str, int, int]]:
    """Visible buttons under ``widget`` smaller than a 64 x 64 px finger target."""
    return [
        (b.text(), b.width(), b.height())
        for b in widget.findChildren(QPushButton)
        if b.isVisible() and (b.width() < 64 or b.height() < 64)
    ]


# -- pickup ------------------------------------------------------------------------------


def test_a_new_order_shows_its_member_items_and_empty_history_with_64px_targets(
    qtbot, shell, terminal
):
    shell.window.resize(1024, 768)
    sign_in(qtbot, shell)
    member = terminal.member()
    pickup = scan_order(qtbot, shell, member, member.document("pickup", "O-7", body=ITEMS))
    assert wait_banner(qtbot, shell, "ok") == "Pickup code accepted: order O-7."
    assert pickup.member.text() == "Member M1001"
    assert pickup.status.text() == "Ready for pickup: 3 items to hand over."
    assert pickup.history.text() == "Nothing yet."
    rows = [
        [pickup.table.item(r, c).text() for c in range(4)] for r in range(pickup.table.rowCount())
    ]
    assert rows == [["Mug", "2", "0", "2"], ["CAP", "1", "0", "1"]]
    assert pickup.all_button.isEnabled() and pickup.part_button.isEnabled()
    qtbot.waitUntil(lambda: pickup.spins[0].plus.isVisible(), timeout=WAIT)
    for spin in pickup.spins:
        assert (spin.minus.width(), spin.minus.height()) == (64, 64)
        assert (spin.plus.width(), spin.plus.height()) == (64, 64)
    assert small_buttons(pickup) == []


def test_after_a_partial_handover_the_screen_shows_what_went_and_what_remains(
    qtbot, shell, terminal
):
    sign_in(qtbot, shell)
    member = terminal.member()
    order = member.document("pickup", "O-7", body=ITEMS)
    pickup = scan_order(qtbot, shell, member, order)
    pickup.spins[0].minus.click()  # 1 of 2 mugs
    pickup.spins[1].minus.click()  # no cap
    pickup.part_button.click()
    qtbot.waitUntil(lambda: pickup.handed_now is not None, timeout=WAIT)
    assert pickup.status.text() == (
        "Handed over now: 1 × Mug. Still to hand over: 1 × Mug, 1 × CAP."
    )
    assert pickup.hint.text() == "To hand over the rest, scan the order's code again."
    assert re.fullmatch(TIME + r" · terminal T1 · Lin: 1 × Mug", pickup.history.text())
    assert not pickup.all_button.isEnabled() and not pickup.part_button.isEnabled()
    assert pickup.cancel_button.text() == "Next customer"
    pickup.cancel_button.click()
    pickup = scan_order(qtbot, shell, member, order)
    assert pickup.status.text() == "Partly handed over: 2 items still to hand over."
    assert [pickup.table.item(0, c).text() for c in range(4)] == ["Mug", "2", "1", "1"]
    assert pickup.all_button.isEnabled()


def test_rescanning_a_fully_handed_over_order_shows_it_handed_over_with_buttons_off(
    qtbot, shell, terminal
):
    sign_in(qtbot, shell)
    member = terminal.member()
    order = member.document("pickup", "O-7", body=ITEMS)
    pickup = scan_order(qtbot, shell, member, order)
    pickup.all_button.click()
    qtbot.waitUntil(lambda: pickup.handed_now is not None, timeout=WAIT)
    assert pickup.status.text() == "Handed over now: 2 × Mug, 1 × CAP. The order is complete."
    pickup.cancel_button.click()
    shell.window.banner.hide()
    pickup = scan_order(qtbot, shell, member, order)
    # Not a green "pickup code accepted" with an enabled handover: it is done.
    assert wait_banner(qtbot, shell, "refused") == (
        "Order O-7 was already handed over: nothing to hand over."
    )
    assert re.fullmatch(
        r"Already handed over in full\. Last handover " + TIME + r" at terminal T1 by Lin\.",
        pickup.status.text(),
    )
    assert not pickup.all_button.isEnabled() and not pickup.part_button.isEnabled()
    assert pickup.table.isColumnHidden(4)  # no +/- to set
    assert [pickup.table.item(1, c).text() for c in range(4)] == ["CAP", "1", "1", "0"]


def test_an_order_the_backend_reports_handed_over_is_shown_so_in_both_languages(
    qtbot, shell, terminal
):
    with TerminalState(terminal.data_dir / "state.sqlite") as state:  # as a sync writes it
        state.save_orders(
            4,
            [{"id": "O-9", "member": "M1001", "status": "handed_over", "version": 4}],
            synced_at=terminal.clock.now,
        )
    sign_in(qtbot, shell)
    member = terminal.member()
    pickup = scan_order(qtbot, shell, member, member.document("pickup", "O-9", body=ITEMS))
    assert wait_banner(qtbot, shell, "refused").startswith("Order O-9 was already handed over")
    assert pickup.status.text().startswith(
        "Already handed over at another counter, says the loyalty server (order statuses of "
    )
    assert not pickup.all_button.isEnabled() and not pickup.part_button.isEnabled()
    shell.set_language("zh_CN")
    assert pickup.status.text().startswith("会员中心显示此订单已在其他柜台交付")
    assert pickup.all_button.text() == "整单交付"


def test_the_pickup_screen_counts_in_chinese(qtbot, shell, terminal):
    sign_in(qtbot, shell)
    shell.set_language("zh_CN")
    member = terminal.member()
    pickup = scan_order(qtbot, shell, member, member.document("pickup", "O-7", body=ITEMS))
    assert pickup.status.text() == "待取货：共 3 件待交付。"
    assert pickup.member.text() == "会员 M1001"


# -- coupons and the actions a code allows -------------------------------------------------


def scan_member(qtbot, shell, code: str):
    camera_scan(shell, code)
    screen = shell.window.member
    qtbot.waitUntil(lambda: shell.window.stack.currentWidget() is screen, timeout=WAIT)
    qtbot.waitUntil(lambda: shell.counter.member is not None, timeout=WAIT)
    return screen


def enabled(screen) -> set[str]:
    return {action for action, b in screen.action_buttons().items() if b.isEnabled()}


def test_a_coupon_code_shows_its_value_and_allows_only_the_coupon_with_the_reason(
    qtbot, shell, terminal
):
    sign_in(qtbot, shell)
    member = terminal.member()
    coupon = member.document(
        "coupon", "C-77", body={"kind": "amount", "value": 10, "title": "Spring sale"}
    )
    screen = scan_member(qtbot, shell, member.code(purpose=Purpose.COUPON, document=coupon))
    assert screen.card.document.text() == "Coupon C-77: ¥10 off (Spring sale)"
    assert enabled(screen) == {"coupon"}
    assert screen.action_hint.text() == (
        "This is a coupon code: only the coupon can be used. Points, rewards and check-in"
        " need the member's checkout code."
    )
    shell.set_language("zh_CN")
    assert screen.card.document.text() == "优惠券 C-77：减 ¥10（Spring sale）"
    assert screen.action_hint.text().startswith("这是优惠券码")
    shell.set_language("en")
    screen.coupon_button.click()
    qtbot.waitUntil(lambda: banner(shell)[1].startswith("Coupon used"), timeout=WAIT)
    assert banner(shell)[1].startswith("Coupon used: ¥10 off. Apply it at the till.")
    # Used now: the button goes off with the reason, nothing else comes on.
    assert enabled(screen) == set()
    assert screen.action_hint.text() == "This coupon has already been used at this terminal."
    screen.done_button.click()
    screen = scan_member(qtbot, shell, member.code(purpose=Purpose.COUPON, document=coupon))
    qtbot.waitUntil(lambda: screen.coupon_used == "used_here", timeout=WAIT)
    assert enabled(screen) == set()  # said before anyone taps, not refused after
    assert screen.action_hint.text() == "This coupon has already been used at this terminal."


def test_a_coupon_the_last_sync_says_was_used_elsewhere_cannot_be_tapped(qtbot, shell, terminal):
    with TerminalState(terminal.data_dir / "state.sqlite") as state:  # as a sync writes it
        state.save_coupons(2, [{"id": "C-3", "status": "used", "version": 2}])
    sign_in(qtbot, shell)
    member = terminal.member()
    coupon = member.document("coupon", "C-3", body={"kind": "percent", "value": 15})
    screen = scan_member(qtbot, shell, member.code(purpose=Purpose.COUPON, document=coupon))
    qtbot.waitUntil(lambda: screen.coupon_used == "used_elsewhere", timeout=WAIT)
    assert not screen.coupon_button.isEnabled()
    assert screen.action_hint.text() == (
        "This coupon was already used at another counter (the last sync says so)."
    )
    shell.set_language("zh_CN")
    assert screen.action_hint.text() == "此优惠券已在其他柜台使用（据最近一次同步）。"


def test_percent_and_gift_coupons_in_words_in_both_languages(qtbot, shell, terminal):
    sign_in(qtbot, shell)
    member = terminal.member()
    percent = member.document("coupon", "C-8", body={"kind": "percent", "value": 20})
    screen = scan_member(qtbot, shell, member.code(purpose=Purpose.COUPON, document=percent))
    assert screen.card.document.text() == "Coupon C-8: 20% off"
    shell.set_language("zh_CN")
    assert screen.card.document.text() == "优惠券 C-8：优惠 20%"
    shell.set_language("en")
    screen.done_button.click()
    gift = member.document("coupon", "C-9", body={"kind": "gift", "title": "Tote bag"})
    screen = scan_member(qtbot, shell, member.code(purpose=Purpose.COUPON, document=gift))
    assert screen.card.document.text() == "Coupon C-9: free gift: Tote bag"
    shell.set_language("zh_CN")
    assert screen.card.document.text() == "优惠券 C-9：赠品：Tote bag"


def test_a_checkout_code_disables_only_the_coupon_and_a_checkin_code_only_allows_checkin(
    qtbot, shell, terminal
):
    sign_in(qtbot, shell)
    member = terminal.member()
    screen = scan_member(qtbot, shell, member.code())
    assert enabled(screen) == {"award", "discount", "redeem", "checkin"}
    assert screen.action_hint.text() == (
        "No coupon in this code: ask the member to open the coupon's code."
    )
    screen.done_button.click()
    screen = scan_member(qtbot, shell, member.code(purpose=Purpose.CHECKIN))
    assert enabled(screen) == {"checkin"}
    assert screen.action_hint.text().startswith("This is a check-in code:")


# -- approvals ---------------------------------------------------------------------------


def choose_reward(qtbot, shell, index: int) -> None:
    shell.window.member.redeem_button.click()
    qtbot.waitUntil(lambda: shell.approvals.reward_dialog is not None, timeout=WAIT)
    shell.approvals.reward_dialog.buttons[index].click()


def test_the_approval_names_the_reward_the_member_and_the_figures(qtbot, shell, terminal):
    sign_in(qtbot, shell)
    scan_member(qtbot, shell, terminal.member(balance=5000).code())
    choose_reward(qtbot, shell, 2)  # Blender, 900 points: over the 500 offline cap
    qtbot.waitUntil(lambda: shell.approvals.override is not None, timeout=WAIT)
    lines = shell.approvals.override.why.text().split("\n")
    assert re.fullmatch(r"Redeem “Blender” for member M1001: 900 points?(\(s\))?\.", lines[0])
    assert lines[1].startswith("Offline, a cashier may redeem up to 500 point")
    assert lines[1].endswith("per member a day; 0 already used today.")
    shell.approvals.override.staff_id.setText("s1")
    shell.approvals.override.pin.setText(PINS["s1"])
    shell.approvals.override.ok_button.click()
    qtbot.waitUntil(lambda: "Reward redeemed" in banner(shell)[1], timeout=WAIT)


def test_a_redemption_refused_for_another_reason_never_asks_a_supervisor(qtbot, shell, terminal):
    sign_in(qtbot, shell)
    scan_member(qtbot, shell, terminal.member(balance=600).code())  # the card cannot pay 900
    opened = []
    shell.counter.approval_needed.connect(lambda *args: opened.append(args))
    shell.window.member.redeem_button.click()
    qtbot.waitUntil(lambda: shell.approvals.reward_dialog is not None, timeout=WAIT)
    blender = shell.approvals.reward_dialog.buttons[2]
    # The dialog already says it: off, and by how many points the member is short.
    assert not blender.isEnabled() and blender.text().endswith("300 points short")
    shell.approvals.reward_dialog.reject()
    shell.counter.redeem("R-BIG")  # asked anyway (a till, a stale dialog): the core refuses
    text = wait_banner(qtbot, shell, "refused")
    assert text.startswith("Offline, the member can spend 600 points here")
    assert opened == [] and shell.approvals.override is None
    assert shell.window.member.card.balance.text() == "600"


def test_a_redemption_over_even_the_supervisor_cap_is_refused_without_asking(
    qtbot, shell, terminal
):
    sign_in(qtbot, shell, "s1")  # a supervisor redeems twice: 1,800 of the 2,000 cap
    member = terminal.member(balance=5000)
    for _ in range(2):
        scan_member(qtbot, shell, member.code())
        choose_reward(qtbot, shell, 2)
        qtbot.waitUntil(lambda: shell.approvals.override is not None, timeout=WAIT)
        shell.approvals.override.staff_id.setText("s1")
        shell.approvals.override.pin.setText(PINS["s1"])
        shell.approvals.override.ok_button.click()
        qtbot.waitUntil(lambda: "Reward redeemed" in banner(shell)[1], timeout=WAIT)
        shell.window.member.done_button.click()
        shell.window.banner.hide()
    scan_member(qtbot, shell, member.code())
    choose_reward(qtbot, shell, 2)
    text = wait_banner(qtbot, shell, "refused")
    assert "even with a supervisor" in text
    assert shell.approvals.override is None


def test_a_cashier_s_refund_approval_names_the_operation_and_its_figures(qtbot, shell, terminal):
    sign_in(qtbot, shell, "c1")
    points = award(qtbot, shell, terminal, "100")
    view = open_refunds(qtbot, shell)
    view.select(0)
    for key in "40":
        view.keypad.buttons[key].click()
    view.refund_button.click()
    qtbot.waitUntil(lambda: shell.approvals.refund_dialog is not None, timeout=WAIT)
    first = shell.approvals.refund_dialog.why.text().split("\n")[0]
    taken = points * 40 // 100
    assert re.fullmatch(
        rf"Refund ¥40 of the ¥100 purchase of member M1001 \({TIME}\): {taken} points?"
        r"(\(s\))? taken back\.",
        first,
    )


def test_a_refund_that_would_be_refused_never_opens_the_approval(qtbot, shell, terminal):
    sign_in(qtbot, shell, "c1")
    award(qtbot, shell, terminal, "100")
    view = open_refunds(qtbot, shell)
    assert refund(qtbot, shell, view, "500", "refused").startswith("At most 100")
    assert shell.approvals.refund_dialog is None


# -- refunds -----------------------------------------------------------------------------


def test_the_refund_screen_says_what_was_refunded_and_what_remains(qtbot, shell, terminal):
    sign_in(qtbot, shell, "s1")
    points = award(qtbot, shell, terminal, "100")
    view = open_refunds(qtbot, shell)
    view.select(0)
    lines = view.summary.text().split("\n")
    assert re.fullmatch(rf"Points award for member M1001 at {TIME}\.", lines[0])
    assert lines[2] == "Nothing refunded yet."
    refund(qtbot, shell, view, "40", "ok")
    taken = points * 40 // 100
    qtbot.waitUntil(lambda: view.table.item(0, 5).text() != "", timeout=WAIT)
    assert view.table.item(0, 5).text() == f"¥40 · {-taken:+}"
    view.select(0)
    lines = view.summary.text().split("\n")
    assert re.fullmatch(rf"Purchase ¥100: {points} points?(\(s\))? awarded\.", lines[1])
    assert re.fullmatch(
        rf"Refunded ¥40: {taken} points?(\(s\))? taken back\. "
        rf"Remaining ¥60 and {points - taken} points?(\(s\))?\.",
        lines[2],
    )
    shell.set_language("zh_CN")
    assert "已退 ¥40" in view.summary.text() and "剩余 ¥60" in view.summary.text()


def test_after_a_reload_the_list_still_selects_the_operation_that_is_picked(qtbot, terminal):
    from terminal.ui.views.refund import RefundScreen
    from tests.counter_setup import CASHIER

    service = terminal.open()
    try:
        first = service.award(
            service.scan(terminal.member("M1").code(), service.new_checkout()), "50", CASHIER
        )
        day, before = service.refundable_operations()
        service.award(
            service.scan(terminal.member("M2").code(), service.new_checkout()), "80", CASHIER
        )
        after = service.refundable_operations()[1]
    finally:
        service.close()
    view = RefundScreen()
    qtbot.addWidget(view)
    view.show_operations(day, before)
    view.select(0)
    assert view.chosen_id() == first.event
    view.show_operations(day, after)  # the newer award is now the first row
    assert view.chosen_id() == first.event
    assert [i.row() for i in view.table.selectionModel().selectedRows()] == [1]
    assert view.summary.text().startswith("Points award for member M1 ")


def test_a_long_handover_history_shows_the_latest_three_and_counts_the_rest(qtbot, terminal):
    from terminal.ui.views.pickup import PickupScreen
    from tests.counter_setup import CASHIER

    member = terminal.member()
    order = member.document("pickup", "O-4", body={"items": [{"sku": "CUP", "qty": 4}]})
    service = terminal.open()
    try:
        for _ in range(4):
            view = service.scan(
                member.code(purpose=Purpose.PICKUP, document=order), service.new_checkout()
            )
            service.pickup(view, CASHIER, {"CUP": 1})
        state = service.order_state(view)
    finally:
        service.close()
    screen = PickupScreen()
    qtbot.addWidget(screen)
    screen.show_order(view, state)
    lines = screen.history.text().split("\n")
    assert lines[0] == "… and 1 earlier handover"
    assert len(lines) == 4 and all(line.endswith(": 1 × CUP") for line in lines[1:])
    assert not screen.all_button.isEnabled()
