"""Counter operations offline, on a real data dir: earn, redeem, pickup, coupon, check-in, refunds."""

from __future__ import annotations

from decimal import Decimal

import pytest

from crypto.code import Purpose
from sync.outbox import OUTBOX_SCHEMA, local_day
from terminal.counter.errors import CounterRefused, NotProvisioned
from terminal.counter.service import CounterService
from tests.counter_setup import CASHIER, SUPERVISOR, TECHNICIAN, provision_offline
from tests.member_codes import T0


@pytest.fixture
def terminal(tmp_path):
    return provision_offline(tmp_path / "terminal")


@pytest.fixture
def service(terminal):
    svc = terminal.open()
    yield svc
    svc.close()


def refused(action) -> str:
    with pytest.raises(CounterRefused) as info:
        action()
    assert info.value.message  # always a sentence for the cashier
    return info.value.reason


def checkout(service, member, **kwargs):
    return service.scan(member.code(**kwargs), service.new_checkout())


def test_unprovisioned_terminal_says_so(tmp_path):
    with pytest.raises(NotProvisioned, match="provision"):
        CounterService.open(tmp_path / "empty")


def test_member_view_shows_tier_privileges_and_next_tier(terminal, service):
    view = checkout(service, terminal.member(tier="silver", balance=640))
    assert (view.member, view.tier, view.balance) == ("M1001", "silver", 640)
    assert "birthday gift" in view.privileges
    assert view.next_tier == "gold" and view.next_tier_min_spend == Decimal(8000)
    assert view.pending_operations == 0


def test_award_rounds_down_after_the_tier_multiplier(terminal, service):
    gold = checkout(service, terminal.member(tier="gold"))
    result = service.award(gold, "99.99", CASHIER)
    assert result.ok and result.points == 148  # floor(99) x 1.5 = 148.5 -> 148
    assert "+148" in result.receipt
    green = checkout(service, terminal.member("M2", tier="green"))
    assert service.award(green, Decimal("12.50"), CASHIER).points == 12


def test_awarded_points_show_as_pending_on_the_next_scan(terminal, service):
    member = terminal.member()
    service.award(checkout(service, member), "100", CASHIER)
    view = checkout(service, member)
    assert (view.pending_operations, view.pending_points) == (1, 150)
    assert view.available_points == 1280 + 150


def test_same_code_twice_in_one_checkout_is_one_award(terminal, service):
    member = terminal.member()
    code, context = member.code(), service.new_checkout()
    view = service.scan(code, context)
    assert view.same_scan is False
    first = service.award(view, "50", CASHIER)
    again = service.scan(code, context)
    assert again.same_scan is True  # the seen-codes store decides "the same code again"
    with pytest.raises(CounterRefused) as info:
        service.award(again, "60", CASHIER)
    # Refused with the first award's figures, not returned as if it were new.
    assert info.value.reason == "already_awarded"
    assert info.value.message == (
        f"Points were already given for this code: {first.points} for 50.00."
    )
    assert refused(lambda: service.scan(code, service.new_checkout())) == "replayed"
    assert len(service.pending_events()) == 1


def test_bad_amounts_are_refused(terminal, service):
    view = checkout(service, terminal.member())
    for amount in ("0", "-5", "1.234", "abc", "NaN"):
        assert refused(lambda a=amount: service.award(view, a, CASHIER)) == "bad_amount"


def test_a_purchase_over_the_policys_maximum_earns_nothing(terminal):
    from sync.state import TerminalState

    with TerminalState(terminal.data_dir / "state.sqlite") as state:
        state.save_document("policy", 2, {"max_purchase": "500"})
    service = terminal.open()
    try:
        view = checkout(service, terminal.member())
        assert refused(lambda: service.award(view, "500.01", CASHIER)) == "over_max_purchase"
        assert service.award(view, "500.00", CASHIER).points == 750  # gold: 500 x 1.5
    finally:
        service.close()


def test_campaign_and_minimum_spend_from_the_policy(terminal):
    from sync.state import TerminalState

    with TerminalState(terminal.data_dir / "state.sqlite") as state:
        state.save_document(
            "policy",
            2,
            {
                "min_spend": "10",
                "campaigns": [
                    {
                        "name": "double",
                        "multiplier": 2,
                        "starts": T0 - 10,
                        "ends": T0 + 10,
                        "tiers": ["gold"],
                    }
                ],
            },
        )
    svc = terminal.open()
    try:
        view = checkout(svc, terminal.member(tier="gold"))
        assert refused(lambda: svc.award(view, "9.99", CASHIER)) == "below_min_spend"
        assert svc.award(view, "10", CASHIER).points == 30  # 10 x 1.5 x 2
    finally:
        svc.close()


def test_redeem_points_only_and_points_plus_money(terminal, service):
    member = terminal.member(balance=1000)
    mug = service.redeem(checkout(service, member), "R-MUG", CASHIER)
    assert (mug.ok, mug.points, mug.online) == (True, -300, False)
    bag = service.redeem(checkout(service, member), "R-BAG", CASHIER, cash="5.00")
    assert bag.points == -200 and bag.details["cash"] == "5.00"
    assert (
        refused(lambda: service.redeem(checkout(service, member), "R-BAG", CASHIER)) == "wrong_cash"
    )
    assert (
        refused(lambda: service.redeem(checkout(service, member), "R-NONE", CASHIER))
        == "unknown_reward"
    )


def test_offline_redemption_limited_by_signed_balance_less_queued_spending(terminal, service):
    member = terminal.member(balance=500)
    service.redeem(checkout(service, member), "R-MUG", CASHIER)  # 500 -> 200 left
    reason = refused(
        lambda: service.redeem(checkout(service, member), "R-MUG", CASHIER, override=SUPERVISOR)
    )
    assert reason == "insufficient_points"
    assert service.redeem(checkout(service, member), "R-BAG", CASHIER, cash="5").ok


def test_offline_daily_cap_and_supervisor_override(terminal, service):
    member = terminal.member(balance=5000)
    service.redeem(checkout(service, member), "R-MUG", CASHIER)
    assert (
        refused(lambda: service.redeem(checkout(service, member), "R-MUG", CASHIER))
        == "offline_cap"
    )
    assert (
        refused(
            lambda: service.redeem(checkout(service, member), "R-MUG", CASHIER, override=CASHIER)
        )
        == "not_allowed"
    )
    assert service.redeem(checkout(service, member), "R-MUG", CASHIER, override=SUPERVISOR).ok
    assert service.redeem(
        checkout(service, member), "R-BIG", CASHIER, override=SUPERVISOR
    ).ok  # 1500
    assert (
        refused(
            lambda: service.redeem(checkout(service, member), "R-BIG", CASHIER, override=SUPERVISOR)
        )
        == "offline_cap"
    )
    terminal.clock.now += 86400  # a new day, a new cap; the certificate is still valid
    assert service.redeem(checkout(service, member, at=terminal.clock.now), "R-MUG", CASHIER).ok


def test_partial_refunds_pro_rata_then_the_rest_then_refused(terminal, service):
    award = service.award(checkout(service, terminal.member(tier="gold")), "123.45", CASHIER)
    assert award.points == 184
    part = service.refund(award.event, SUPERVISOR, "50")
    assert part.points == -74  # floor(184 x 50 / 123.45)
    rest = service.refund(award.event, SUPERVISOR)
    assert rest.points == -110 and rest.details["amount"] == "73.45"
    assert refused(lambda: service.refund(award.event, SUPERVISOR)) == "already_refunded"
    assert refused(lambda: service.refund(award.event, SUPERVISOR, "1")) == "already_refunded"


def test_whole_refund_twice_and_too_large(terminal, service):
    award = service.award(checkout(service, terminal.member()), "80", CASHIER)
    assert refused(lambda: service.refund(award.event, SUPERVISOR, "80.01")) == "refund_too_large"
    assert service.refund(award.event, SUPERVISOR).points == -award.points
    assert refused(lambda: service.refund(award.event, SUPERVISOR)) == "already_refunded"


def test_reversed_redemption_gives_points_back_once(terminal, service):
    redemption = service.redeem(checkout(service, terminal.member()), "R-MUG", CASHIER)
    back = service.refund(redemption.event, SUPERVISOR)
    assert (back.kind, back.points) == ("void", 300)
    assert refused(lambda: service.refund(redemption.event, SUPERVISOR)) == "already_refunded"
    assert refused(lambda: service.refund("no-such-event", SUPERVISOR)) == "unknown_event"


def test_roles_are_refused_where_they_must_be(terminal, service):
    view = checkout(service, terminal.member())
    assert refused(lambda: service.award(view, "10", TECHNICIAN)) == "not_allowed"
    award = service.award(view, "10", CASHIER)
    assert refused(lambda: service.refund(award.event, CASHIER)) == "not_allowed"


def test_pickup_in_two_parts_then_refused(terminal, service):
    member = terminal.member()
    order = member.document(
        "pickup",
        "O-9",
        stores=("S1",),
        body={
            "items": [
                {"sku": "MUG", "name": "Mug", "qty": 2},
                {"sku": "CAP", "name": "Cap", "qty": 1},
            ]
        },
    )

    def pickup_view():
        return service.scan(
            member.code(purpose=Purpose.PICKUP, document=order), service.new_checkout()
        )

    view = pickup_view()
    assert service.pickup_remaining(view) == {"MUG": 2, "CAP": 1}
    first = service.pickup(view, CASHIER, {"MUG": 1})
    assert first.details["complete"] is False and first.points == 0
    assert refused(lambda: service.pickup(view, CASHIER, {"MUG": 2})) == "too_many"
    assert refused(lambda: service.pickup(view, CASHIER, {"HAT": 1})) == "unknown_item"
    second = service.pickup(pickup_view(), CASHIER)
    assert second.details["items"] == {"MUG": 1, "CAP": 1} and second.details["complete"] is True
    assert "Cap x1" in second.receipt
    assert refused(lambda: service.pickup(pickup_view(), CASHIER)) == "already_handed_over"


def test_pickup_order_for_another_store_is_refused_at_scan(terminal, service):
    member = terminal.member()
    order = member.document(
        "pickup", "O-8", stores=("S2",), body={"items": [{"sku": "A", "qty": 1}]}
    )
    code = member.code(purpose=Purpose.PICKUP, document=order)
    assert refused(lambda: service.scan(code, service.new_checkout())) == "wrong_store"


def test_coupon_accepted_once(terminal, service):
    member = terminal.member()
    coupon = member.document("coupon", "C-5", body={"kind": "amount", "value": 20})

    def present():
        return service.scan(
            member.code(purpose=Purpose.COUPON, document=coupon), service.new_checkout()
        )

    accepted = service.coupon(present(), CASHIER)
    assert accepted.ok and accepted.details["coupon_kind"] == "amount"
    assert refused(lambda: service.coupon(present(), CASHIER)) == "coupon_used"
    assert refused(lambda: service.coupon(checkout(service, member), CASHIER)) == "wrong_purpose"


def test_checkin_once_per_day(terminal, service):
    member = terminal.member()
    first = service.checkin(checkout(service, member, purpose=Purpose.CHECKIN), CASHIER)
    assert first.points == 10
    again = checkout(service, member, purpose=Purpose.CHECKIN)
    assert refused(lambda: service.checkin(again, CASHIER)) == "already_checked_in"
    terminal.clock.now += 86400
    tomorrow = checkout(service, member, purpose=Purpose.CHECKIN, at=terminal.clock.now)
    assert service.checkin(tomorrow, CASHIER).ok


def test_end_of_day_report_totals_per_operation_and_staff(terminal, service):
    member = terminal.member()
    award = service.award(checkout(service, member), "100", CASHIER)
    service.refund(award.event, SUPERVISOR, "10")
    service.redeem(checkout(service, member), "R-MUG", CASHIER)
    report = service.report(local_day(T0))
    assert report["operations"]["award"] == {"count": 1, "points": 150, "amount": "100"}
    assert report["operations"]["refund"]["points"] == -15
    assert report["operations"]["redeem"]["points"] == -300
    assert report["staff"]["c1"] == {"count": 2, "points": -150}
    assert report["staff"]["s1"] == {"count": 1, "points": -15}
    assert (report["events"], report["pending"], report["failed"]) == (3, 3, 0)
    # No account rows for these two: their ids stand in for names.
    assert report["staff_names"] == {"c1": "c1", "s1": "s1"}


def test_end_of_day_report_names_the_staff_from_the_staff_database(terminal, service):
    from terminal.counter.report import as_text

    store = service.ctx.staff
    boss = store.add(None, "s1", "Wang Fang", SUPERVISOR.role, "471100")
    store.add(boss, "c1", "Lin Mei", CASHIER.role, "471101")
    member = terminal.member()
    award = service.award(checkout(service, member), "100", CASHIER)
    service.refund(award.event, SUPERVISOR, "10")
    report = service.report(local_day(T0))
    assert report["staff_names"] == {"c1": "Lin Mei", "s1": "Wang Fang"}
    text = as_text(report)
    assert "Lin Mei" in text and "Wang Fang" in text


def test_staff_pin_sign_in(service):
    store = service.ctx.staff
    boss = store.add(None, "s9", "Chen", SUPERVISOR.role, "471100")
    assert service.sign_in("s9", "471100").role is SUPERVISOR.role
    assert refused(lambda: service.sign_in("s9", "000000")) == "bad_sign_in"
    assert refused(lambda: service.sign_in("nobody", "471100")) == "bad_sign_in"
    assert refused(lambda: store.add(boss, "s10", "Short", SUPERVISOR.role, "4711")) == "bad_pin"
    row = store._db.execute("SELECT pin_hash FROM staff WHERE staff_id = 's9'").fetchone()
    assert b"471100" not in row[0] and len(row[0]) == 32


def test_staff_code_sign_in(terminal, service):
    staff_member = terminal.member("E-17")
    credential = staff_member.document("staff", "E-17", body={"role": "supervisor", "name": "Wang"})
    who = service.sign_in_code(staff_member.code(purpose=Purpose.STAFF, document=credential))
    assert (who.staff_id, who.name, who.role.value) == ("E-17", "Wang", "supervisor")
    assert refused(lambda: service.sign_in_code(terminal.member("M5").code())) == "wrong_purpose"


def test_member_events_carry_the_code_the_checkout_and_the_versions(terminal, service):
    member = terminal.member()
    text = member.code()
    view = service.scan(text, "K-7")
    award = service.award(view, "10.00", CASHIER)
    redemption = service.redeem(view, "R-MUG", CASHIER)
    checkin = service.checkin(view, CASHIER)
    outbox = service.ctx.outbox
    stored = [outbox.get(str(r.event)).event for r in (award, redemption, checkin)]
    assert [(e.code, e.checkout, e.code_id) for e in stored] == [(text, "K-7", view.code_id)] * 3
    versions = [(e.policy_version, e.catalog_version) for e in stored]
    policy, catalog = service.ctx.policy.version, service.ctx.state.version("catalog")
    assert versions == [(policy, None), (None, catalog), (policy, None)]
    assert catalog == 1
    refund = service.refund(award.event, SUPERVISOR)
    assert (outbox.get(str(refund.event)).event.code, refund.points) == (None, -award.points)


def test_an_event_commits_only_while_its_code_is_claimed_by_its_checkout(terminal, service):
    from terminal.replay import KEEP_SECONDS, SeenCodes

    view = checkout(service, terminal.member())
    # The claims live in the outbox's database; a later claim ages this one out.
    with SeenCodes(terminal.data_dir / "outbox.sqlite", OUTBOX_SCHEMA) as other:
        other.claim("another-code", "M2", "elsewhere", now=T0 + KEEP_SECONDS + 10)
    assert refused(lambda: service.award(view, "50", CASHIER)) == "replayed"
    assert service.pending_events() == []


def test_claims_from_a_former_seen_codes_file_are_taken_over(terminal):
    import sqlite3

    from terminal.replay import SeenCodes

    member = terminal.member()
    code = member.code()
    first = terminal.open()
    try:
        code_id = first.scan(code, first.new_checkout()).code_id
    finally:
        first.close()
    # A data dir from before the move: the claim only in its own file.
    db = sqlite3.connect(terminal.data_dir / "outbox.sqlite")
    with db:
        db.execute("DELETE FROM seen_codes WHERE code_id = ?", (code_id,))
    db.close()
    with SeenCodes(terminal.data_dir / "seen-codes.sqlite") as old:
        old.claim(code_id, "M1001", "old-checkout", now=T0)
    service = terminal.open()
    try:
        assert refused(lambda: service.scan(code, service.new_checkout())) == "replayed"
    finally:
        service.close()
    assert not (terminal.data_dir / "seen-codes.sqlite").exists()
