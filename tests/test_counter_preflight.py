"""The core's read side for the counter screens, on a real data dir: redeem and refund
preflights, what was refunded of an operation, a pickup order's state, a code's actions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crypto.code import Purpose
from sync.state import TerminalState
from terminal.counter.errors import CounterRefused
from terminal.counter.purposes import allowed_actions
from tests.counter_setup import CASHIER, SUPERVISOR, provision_offline


@pytest.fixture
def terminal(tmp_path):
    return provision_offline(tmp_path / "terminal")


@pytest.fixture
def service(terminal):
    svc = terminal.open()
    yield svc
    svc.close()


def checkout(service, member, **kwargs):
    return service.scan(member.code(**kwargs), service.new_checkout())


def test_a_redemption_over_the_cashier_cap_needs_only_an_override_and_then_passes(
    terminal, service
):
    member = terminal.member(balance=5000)
    view = checkout(service, member)
    check = service.redeem_preflight(view, "R-BIG", CASHIER)
    assert (check.name, check.points, check.needs_override) == ("Blender", 900, True)
    assert (check.spent_today, check.cap) == (0, 500)
    assert service.recent_operations()[1] == []  # the preflight recorded nothing
    result = service.redeem(view, "R-BIG", CASHIER, override=SUPERVISOR)
    assert result.ok and result.points == -900


def test_within_the_cashier_cap_no_override_is_asked(terminal, service):
    view = checkout(service, terminal.member(balance=5000))
    check = service.redeem_preflight(view, "R-MUG", CASHIER)
    assert (check.points, check.needs_override) == (300, False)


def test_a_redemption_even_a_supervisor_may_not_approve_is_refused_by_the_preflight(
    terminal, service
):
    member = terminal.member(balance=5000)
    for _ in range(2):  # 1,800 of the supervisor's 2,000 used today
        view = checkout(service, member)
        service.redeem(view, "R-BIG", CASHIER, override=SUPERVISOR)
    view = checkout(service, member)
    with pytest.raises(CounterRefused) as info:
        service.redeem_preflight(view, "R-BIG", CASHIER)
    assert info.value.reason == "offline_cap"
    assert "even with a supervisor" in info.value.message


@pytest.mark.parametrize(
    ("balance", "reward", "cash", "reason"),
    [
        (300, "R-BIG", None, "insufficient_points"),  # the card, before the cap
        (5000, "R-NONE", None, "unknown_reward"),
        (5000, "R-BAG", None, "wrong_cash"),
    ],
)
def test_other_refusals_come_from_the_preflight_not_after_an_approval(
    terminal, service, balance, reward, cash, reason
):
    view = checkout(service, terminal.member(balance=balance))
    with pytest.raises(CounterRefused) as info:
        service.redeem_preflight(view, reward, CASHIER, cash)
    assert info.value.reason == reason


def test_a_used_code_is_refused_by_the_preflight(terminal, service):
    member = terminal.member(balance=5000)
    view = checkout(service, member)
    service.redeem(view, "R-MUG", CASHIER)
    with pytest.raises(CounterRefused) as info:
        service.redeem_preflight(view, "R-BIG", CASHIER)
    assert info.value.reason == "already_redeemed"


def test_refund_preflight_figures_are_the_refund_s_and_the_state_shows_what_remains(
    terminal, service
):
    award = service.award(checkout(service, terminal.member()), "100", CASHIER)
    assert award.points == 150
    plan = service.refund_preflight(award.event, "40")
    assert (plan.kind, plan.amount, plan.points) == ("refund", Decimal(40), 60)
    assert service.recent_operations()[1][-1].kind == "award"  # nothing recorded
    done = service.refund(award.event, SUPERVISOR, "40")
    assert done.points == -plan.points
    [state] = service.refundable_operations()[1]
    assert (state.paid, state.refunded, state.points_back) == (Decimal(100), Decimal(40), 60)
    assert (state.remaining_amount, state.remaining_points, state.closed) == (
        Decimal(60),
        90,
        False,
    )
    rest = service.refund_preflight(award.event)
    assert (rest.amount, rest.points) == (Decimal(60), 90)
    with pytest.raises(CounterRefused) as info:
        service.refund_preflight(award.event, "61")
    assert info.value.reason == "refund_too_large"
    service.refund(award.event, SUPERVISOR)
    [state] = service.refundable_operations()[1]
    assert state.closed and state.remaining_points == 0
    with pytest.raises(CounterRefused) as info:
        service.refund_preflight(award.event)
    assert info.value.reason == "already_refunded"


def test_a_redemption_s_state_shows_its_reversal(terminal, service):
    redeemed = service.redeem(checkout(service, terminal.member(balance=5000)), "R-MUG", CASHIER)
    plan = service.refund_preflight(redeemed.event)
    assert (plan.kind, plan.points) == ("void", 300)
    service.refund(redeemed.event, SUPERVISOR)
    [state] = service.refundable_operations()[1]
    assert state.closed and state.points_back == 300 and state.paid is None


def pickup_view(service, member, order_id="O-7"):
    order = member.document(
        "pickup",
        order_id,
        body={"items": [{"sku": "MUG", "name": "Mug", "qty": 2}, {"sku": "CAP", "qty": 1}]},
    )
    return checkout(service, member, purpose=Purpose.PICKUP, document=order)


def test_order_state_holds_the_items_the_history_and_what_remains(terminal, service):
    member = terminal.member()
    state = service.order_state(pickup_view(service, member))
    assert [(line.name, line.ordered, line.remaining) for line in state.lines] == [
        ("Mug", 2, 2),
        ("CAP", 1, 1),
    ]
    assert state.history == () and not state.complete
    service.pickup(pickup_view(service, member), CASHIER, {"MUG": 1})
    state = service.order_state(pickup_view(service, member))
    assert state.remaining == {"MUG": 1, "CAP": 1}
    [handover] = state.history
    assert (handover.staff_name, handover.terminal, handover.items) == ("c1", "T1", (("Mug", 1),))
    service.pickup(pickup_view(service, member), CASHIER)
    state = service.order_state(pickup_view(service, member))
    assert state.handed_over_here and state.complete and not state.handed_over_elsewhere
    assert [h.items for h in state.history][-1] == (("Mug", 1), ("CAP", 1))


def test_order_state_says_when_the_backend_reports_the_order_handed_over(terminal, service):
    with TerminalState(terminal.data_dir / "state.sqlite") as state:
        state.save_orders(
            3,
            [{"id": "O-7", "member": "M1001", "status": "handed_over", "version": 3}],
            synced_at=terminal.clock.now - 60,
        )
    found = service.order_state(pickup_view(service, terminal.member()))
    assert found.complete and found.handed_over_elsewhere and not found.handed_over_here
    assert found.backend_synced_at == int(terminal.clock.now - 60)


@pytest.mark.parametrize(
    ("purpose", "document", "allowed"),
    [
        (Purpose.CHECKOUT, None, {"award", "discount", "redeem", "checkin"}),
        (Purpose.CHECKIN, None, {"checkin"}),
        (Purpose.COUPON, ("coupon", {"kind": "amount", "value": 10}), {"coupon"}),
        (Purpose.PICKUP, ("pickup", {"items": [{"sku": "A"}]}), {"pickup"}),
    ],
)
def test_a_code_s_purpose_decides_its_actions_and_the_operations_agree(
    terminal, service, purpose, document, allowed
):
    member = terminal.member(balance=5000)
    signed = member.document(document[0], "D-1", body=document[1]) if document else None
    view = checkout(service, member, purpose=purpose, document=signed)
    assert allowed_actions(view) == allowed
    if "award" not in allowed:
        with pytest.raises(CounterRefused) as info:
            service.award(view, "10", CASHIER)
        assert info.value.reason == "wrong_purpose"
    if "checkin" not in allowed:
        with pytest.raises(CounterRefused) as info:
            service.checkin(view, CASHIER)
        assert info.value.reason == "wrong_purpose"


def test_coupon_state_says_whether_the_coupon_was_used_here_or_elsewhere(terminal, service):
    member = terminal.member()

    def coupon_view(coupon_id):
        coupon = member.document("coupon", coupon_id, body={"kind": "amount", "value": 10})
        return checkout(service, member, purpose=Purpose.COUPON, document=coupon)

    assert service.coupon_state(coupon_view("C-1")) is None
    service.coupon(coupon_view("C-1"), CASHIER)
    assert service.coupon_state(coupon_view("C-1")) == "used_here"
    with TerminalState(terminal.data_dir / "state.sqlite") as state:
        state.save_coupons(5, [{"id": "C-2", "status": "used", "version": 5}])
    assert service.coupon_state(coupon_view("C-2")) == "used_elsewhere"
    assert service.coupon_state(checkout(service, member)) is None  # no coupon in the code
