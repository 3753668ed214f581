"""The counter app on a real terminal: sign-in, scan, member, award, redeem, override, pickup."""

from __future__ import annotations

from decimal import Decimal

from crypto.code import Purpose
from drivers.events import ScanEvent
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import PINS, WAIT, banner, sign_in


def camera_scan(shell, text: str) -> None:
    """Deliver a code the way a driver thread does."""
    shell.bridge.driver_sink(ScanEvent("camera:0", text, 0.0))


def wait_banner(qtbot, shell, state: str) -> str:
    qtbot.waitUntil(lambda: banner(shell)[0] == state, timeout=WAIT)
    return banner(shell)[1]


def test_wrong_pin_is_refused_in_plain_words(qtbot, shell):
    view = shell.window.signin
    view.staff_id.setText("c1")
    view.pin.setText("999999")
    view.submit.click()
    assert wait_banner(qtbot, shell, "refused") == "Wrong staff id or PIN."
    assert shell.counter.staff is None
    assert shell.window.stack.currentWidget() is view


def test_sign_in_with_the_keypad_then_sign_out(qtbot, shell):
    sign_in(qtbot, shell)
    assert shell.window.stack.currentWidget() is shell.window.scan
    assert shell.window.staff.text() == "Lin"
    shell.window.signout_button.click()
    assert shell.window.stack.currentWidget() is shell.window.signin
    assert shell.counter.staff is None


def test_scan_shows_the_tier_card_then_award_is_confirmed_and_queued(qtbot, shell, terminal):
    sign_in(qtbot, shell)
    camera_scan(shell, terminal.member(tier="gold", balance=1280).code())
    qtbot.waitUntil(lambda: shell.window.stack.currentWidget() is shell.window.member, timeout=WAIT)
    card = shell.window.member.card
    assert card.tier.text() == "Gold"
    assert card.balance.text() == "1,280"
    assert "M1001" in card.member.text()
    assert "Platinum" in card.progress_text.text()
    assert wait_banner(qtbot, shell, "ok") == "Code accepted: member M1001."
    screen = shell.window.member
    for key in "99.5":
        screen.keypad.buttons[key].click()
    assert screen.amount.text() == "99.5"
    screen.award_button.click()
    qtbot.waitUntil(lambda: "Awarded" in banner(shell)[1], timeout=WAIT)
    assert banner(shell) == (
        "ok",
        "Awarded 148 points. Saved on this terminal; it will sync automatically."
        " Points available now: 1,428.",
    )
    assert card.balance.text() == "1,428"
    assert card.pending.text() == "1 operation waiting to sync (+148 points)"
    assert screen.amount.text() == ""
    qtbot.waitUntil(lambda: shell.sync.status.get("pending") == 1, timeout=WAIT)
    assert shell.window.pending.text() == "1 to send"


def test_a_used_code_is_refused_as_replayed_for_the_next_customer(qtbot, shell, terminal):
    sign_in(qtbot, shell)
    code = terminal.member().code()
    camera_scan(shell, code)
    qtbot.waitUntil(lambda: shell.counter.member is not None, timeout=WAIT)
    shell.window.member.done_button.click()
    assert shell.window.stack.currentWidget() is shell.window.scan
    camera_scan(shell, code)
    text = wait_banner(qtbot, shell, "refused")
    assert text == "This code has already been used. Ask the member for a new code."
    assert shell.window.stack.currentWidget() is shell.window.scan


def test_a_typed_malformed_code_is_refused(qtbot, shell):
    sign_in(qtbot, shell)
    shell.window.scan.manual.setText("LP1:NOT-A-CODE")
    shell.window.scan.manual_go.click()
    assert wait_banner(qtbot, shell, "refused").startswith("This is not a valid member code.")


def test_redeem_over_the_offline_cap_needs_a_supervisor(qtbot, shell, terminal):
    sign_in(qtbot, shell)
    camera_scan(shell, terminal.member(balance=5000).code())
    qtbot.waitUntil(lambda: shell.counter.member is not None, timeout=WAIT)
    shell.window.member.redeem_button.click()
    qtbot.waitUntil(lambda: shell.approvals.reward_dialog is not None, timeout=WAIT)
    dialog = shell.approvals.reward_dialog
    assert [b.text() for b in dialog.buttons][2].startswith("Blender")
    dialog.buttons[2].click()  # 900 points: over the 500 offline cap
    qtbot.waitUntil(lambda: shell.approvals.override is not None, timeout=WAIT)
    override = shell.approvals.override
    override.staff_id.setText("c1")  # a cashier cannot approve
    override.pin.setText(PINS["c1"])
    override.ok_button.click()
    qtbot.waitUntil(lambda: override.error.text() != "", timeout=WAIT)
    assert override.isVisible()
    override.staff_id.setText("s1")
    override.pin.setText(PINS["s1"])
    override.ok_button.click()
    qtbot.waitUntil(lambda: "Reward redeemed" in banner(shell)[1], timeout=WAIT)
    assert banner(shell)[1].startswith("Reward redeemed: 900 points deducted.")
    assert shell.window.member.card.balance.text() == "4,100"


def test_redeem_refused_without_approval_says_nothing_was_redeemed(qtbot, shell, terminal):
    sign_in(qtbot, shell)
    camera_scan(shell, terminal.member(balance=5000).code())
    qtbot.waitUntil(lambda: shell.counter.member is not None, timeout=WAIT)
    shell.counter.load_catalog()
    qtbot.waitUntil(lambda: shell.approvals.reward_dialog is not None, timeout=WAIT)
    shell.approvals.reward_dialog.buttons[2].click()
    qtbot.waitUntil(lambda: shell.approvals.override is not None, timeout=WAIT)
    shell.approvals.override.cancel_button.click()
    assert banner(shell) == ("refused", "Not approved: nothing was redeemed.")
    assert shell.window.member.card.balance.text() == "5,000"


def test_check_in_and_coupon(qtbot, shell, terminal):
    sign_in(qtbot, shell)
    member = terminal.member()
    camera_scan(shell, member.code(purpose=Purpose.CHECKIN))
    qtbot.waitUntil(lambda: shell.counter.member is not None, timeout=WAIT)
    assert not shell.window.member.coupon_button.isEnabled()
    shell.window.member.checkin_button.click()
    qtbot.waitUntil(lambda: "Checked in" in banner(shell)[1], timeout=WAIT)
    shell.window.member.done_button.click()
    coupon = member.document("coupon", "C-5", body={"kind": "amount", "value": 20})
    camera_scan(shell, member.code(purpose=Purpose.COUPON, document=coupon))
    qtbot.waitUntil(lambda: shell.window.member.coupon_button.isEnabled(), timeout=WAIT)
    assert shell.window.member.card.document.text() == "Coupon C-5: ¥20 off"
    shell.window.member.coupon_button.click()
    qtbot.waitUntil(lambda: "Coupon used" in banner(shell)[1], timeout=WAIT)
    assert banner(shell)[1].startswith("Coupon used: ¥20 off. Apply it at the till.")


def test_pickup_partly_then_the_rest(qtbot, shell, terminal):
    sign_in(qtbot, shell)
    member = terminal.member()
    order = member.document(
        "pickup",
        "O-7",
        body={"items": [{"sku": "MUG", "name": "Mug", "qty": 2}, {"sku": "CAP", "qty": 1}]},
    )
    camera_scan(shell, member.code(purpose=Purpose.PICKUP, document=order))
    qtbot.waitUntil(lambda: shell.window.stack.currentWidget() is shell.window.pickup, timeout=WAIT)
    pickup = shell.window.pickup
    assert pickup.title.text() == "Pickup order O-7"
    assert [(i[1], i[2]) for i in pickup.items] == [("Mug", 2), ("CAP", 1)]
    pickup.spins[0].setValue(1)
    pickup.spins[1].setValue(0)
    pickup.part_button.click()
    # A part is not the order: the banner says what went and what remains, by name.
    qtbot.waitUntil(lambda: banner(shell)[1].startswith("Partly handed over"), timeout=WAIT)
    assert banner(shell)[1].startswith(
        "Partly handed over: 1 × Mug. Still to hand over: 1 × Mug, 1 × CAP."
    )
    # The screen stays: what went now and what remains; more needs a new scan.
    assert shell.window.stack.currentWidget() is pickup
    assert pickup.status.text() == (
        "Handed over now: 1 × Mug. Still to hand over: 1 × Mug, 1 × CAP."
    )
    assert not pickup.all_button.isEnabled()
    pickup.cancel_button.click()  # "Next customer"
    assert shell.window.stack.currentWidget() is shell.window.scan
    camera_scan(shell, member.code(purpose=Purpose.PICKUP, document=order))
    qtbot.waitUntil(lambda: shell.window.stack.currentWidget() is shell.window.pickup, timeout=WAIT)
    assert [(i[1], i[2]) for i in pickup.items] == [("Mug", 1), ("CAP", 1)]
    pickup.all_button.click()
    qtbot.waitUntil(lambda: pickup.status.text().endswith("The order is complete."), timeout=WAIT)
    assert banner(shell)[1].startswith("Order handed over.")
    pickup.cancel_button.click()
    camera_scan(shell, member.code(purpose=Purpose.PICKUP, document=order))
    text = wait_banner(qtbot, shell, "refused")
    assert text == "Order O-7 was already handed over: nothing to hand over."
    assert shell.window.stack.currentWidget() is pickup
    assert not pickup.all_button.isEnabled() and not pickup.part_button.isEnabled()


def test_award_keypad_rejects_a_bad_amount_in_plain_words(qtbot, shell, terminal):
    sign_in(qtbot, shell)
    camera_scan(shell, terminal.member().code())
    qtbot.waitUntil(lambda: shell.counter.member is not None, timeout=WAIT)
    shell.counter.award(Decimal("0.001"))
    assert wait_banner(qtbot, shell, "refused") == (
        "Enter an amount above zero with at most two decimals."
    )
