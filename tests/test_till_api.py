"""The till API on a real uvicorn server over a real offline terminal data dir.

The till is played by httpx with the token ``till-pair`` printed; members are real phones'
codes (tests.member_codes). What is checked is what the till sees and what the outbox holds.
"""

from __future__ import annotations

import threading
from decimal import Decimal

import httpx
import pytest

from scripts.reference_till import Refused, Terminal, receipt_lines, ring_up
from terminal.counter.errors import CounterRefused
from terminal.counter.sales import confirm_sale
from terminal.till.sales import till_staff, view_from_json
from tests.counter_setup import CASHIER, provision_offline
from tests.fixtures.terminal import terminal as run_terminal
from tests.member_codes import make_issuer, with_policy
from tests.till_setup import Till


@pytest.fixture
def term(tmp_path):
    return provision_offline(tmp_path / "terminal")


@pytest.fixture
def till(term):
    t = Till(term)
    yield t
    t.stop()


def open_sale(till: Till, ref: str = "S-1", amount: str = "99.99", **extra) -> httpx.Response:
    body = {"sale_ref": ref, "amount": amount, "currency": "CNY", **extra}
    return till.post("/v1/sales", body)


def test_whole_sale_with_the_tills_scanner(term, till):
    member = term.member(tier="gold", balance=1280)
    opened = open_sale(till, code=member.code())
    assert opened.status_code == 200, opened.text
    sale = opened.json()
    assert sale["state"] == "identified"
    assert sale["member"]["member"] == "M1001" and sale["member"]["available_points"] == 1280

    done = till.post("/v1/sales/S-1/confirm", {"paid_amount": "99.99", "receipt_no": "R7"})
    assert done.status_code == 200, done.text
    result = done.json()["result"]
    assert done.json()["state"] == "confirmed"
    assert result["earned"] == 148 and result["balance"] == 1280 + 148
    assert result["spent"] == 0 and result["coupons_used"] == []
    [award] = till.events("award")
    assert (award.sale_ref, award.till, award.points) == ("S-1", "till-1", 148)
    assert award.code and award.checkout  # the evidence the backend re-verifies


def test_sale_identified_by_the_terminals_scan_while_the_till_waits(term, till):
    assert open_sale(till, amount="20.00").json()["state"] == "awaiting_member"
    waiting = till.http.get("/v1/sales/S-1", params={"wait": 0.2}).json()
    assert waiting["state"] == "awaiting_member"

    code = term.member().code()
    threading.Timer(0.3, lambda: till.desk.scanned(code)).start()
    seen = till.http.get("/v1/sales/S-1", params={"wait": 10}).json()
    assert seen["state"] == "identified" and seen["member"]["member"] == "M1001"
    assert (
        till.post("/v1/sales/S-1/confirm", {"paid_amount": "20.00"}).json()["result"]["earned"]
        == 30
    )  # 20 x gold 1.5
    assert till.desk.scanned(term.member().code()) is None  # nothing waits: the counter's scan


def test_member_posted_by_the_till_after_opening(term, till):
    open_sale(till)
    answer = till.post("/v1/sales/S-1/member", {"code": term.member().code()})
    assert answer.status_code == 200 and answer.json()["state"] == "identified"


def test_the_same_request_twice_gets_the_same_answer_and_one_award(term, till):
    code = term.member().code()
    first = open_sale(till, code=code)
    assert open_sale(till, code=code).json() == first.json()
    confirmed = till.post("/v1/sales/S-1/confirm", {"paid_amount": "50.00"})
    again = till.post("/v1/sales/S-1/confirm", {"paid_amount": "50.00"})
    assert again.status_code == 200 and again.json() == confirmed.json()
    assert len(till.events("award")) == 1


def test_a_different_request_for_a_used_sale_ref_gets_409(term, till):
    open_sale(till, code=term.member().code())
    other = open_sale(till, amount="1.00")
    assert other.status_code == 409 and other.json()["error"] == "request_differs"
    till.post("/v1/sales/S-1/confirm", {"paid_amount": "50.00"})
    changed = till.post("/v1/sales/S-1/confirm", {"paid_amount": "60.00"})
    assert changed.status_code == 409 and changed.json()["error"] == "request_differs"
    assert len(till.events("award")) == 1


def test_cancel_leaves_no_event_and_closes_the_sale(term, till):
    open_sale(till, code=term.member().code())
    assert till.post("/v1/sales/S-1/cancel").json()["state"] == "cancelled"
    late = till.post("/v1/sales/S-1/confirm", {"paid_amount": "1.00"})
    assert late.status_code == 409 and late.json()["error"] == "sale_closed"
    assert till.events() == []


def test_a_sale_past_its_deadline_is_cancelled(term, till):
    open_sale(till, code=term.member().code())
    term.clock.now += 901
    assert till.http.get("/v1/sales/S-1").json()["state"] == "cancelled"
    late = till.post("/v1/sales/S-1/confirm", {"paid_amount": "1.00"})
    assert late.status_code == 409
    assert till.events() == []


def test_a_restart_between_identify_and_confirm_loses_nothing(term, till):
    open_sale(till, code=term.member().code())
    till.stop()  # the terminal goes away with the sale open
    till.start()
    done = till.post("/v1/sales/S-1/confirm", {"paid_amount": "99.99"})
    assert done.status_code == 200, done.text
    assert len(till.events("award")) == 1
    # After the restart the same confirm again is still the same answer, not a second award.
    assert till.post("/v1/sales/S-1/confirm", {"paid_amount": "99.99"}).json() == done.json()
    assert len(till.events("award")) == 1


def test_a_restart_past_the_deadline_cancels_the_open_sale(term, till):
    open_sale(till, code=term.member().code())
    till.stop()
    term.clock.now += 901
    till.start()
    assert till.http.get("/v1/sales/S-1").json()["state"] == "cancelled"
    assert till.events() == []


def test_refund_by_sale_ref_is_pro_rata(term, till):
    open_sale(till, amount="100.00", code=term.member().code())
    till.post("/v1/sales/S-1/confirm", {"paid_amount": "100.00"})  # 150 points (gold)
    refund = till.post("/v1/sales/S-1/refund", {"amount": "50.00"})
    assert refund.status_code == 200, refund.text
    assert refund.json()["state"] == "refunded"
    assert refund.json()["result"]["refunded_points"] == 75
    [reversal] = [e for e in till.events() if e.kind != "award"]
    assert reversal.points == -75


def _paid_with_points(term, till) -> dict:
    """A confirmed sale of 100.00 where 400 points paid 4.00: 144 points earned on 96.00."""
    open_sale(till, amount="100.00", code=term.member(balance=1280).code())
    assert till.post("/v1/sales/S-1/discount", {"points": 400}).status_code == 200
    return till.post("/v1/sales/S-1/confirm", {"paid_amount": "96.00"}).json()["result"]


def test_a_whole_refund_also_gives_back_the_points_spent_as_cash(term, till):
    _paid_with_points(term, till)
    refund = till.post("/v1/sales/S-1/refund", {})
    assert refund.status_code == 200, refund.text
    result = refund.json()["result"]
    assert (result["refunded_points"], result["returned_points"]) == (144, 400)
    [back] = till.events("refund")
    [void] = till.events("void")
    discount = till.events("discount")[0]
    assert (back.points, void.points, void.ref_event) == (-144, 400, discount.id)
    assert result["void_events"] == [void.id] and result["refund_event"] == back.id
    # The same request again: the same answer, nothing queued twice.
    assert till.post("/v1/sales/S-1/refund", {}).json() == refund.json()
    assert len(till.events("refund")) == len(till.events("void")) == 1


def test_a_partial_refund_keeps_the_points_spent(term, till):
    _paid_with_points(term, till)
    result = till.post("/v1/sales/S-1/refund", {"amount": "48.00"}).json()["result"]
    assert (result["refunded_points"], "returned_points" in result) == (72, False)
    assert till.events("void") == []


def test_a_refund_repeated_after_a_crash_queues_only_what_is_missing(term, till):
    _paid_with_points(term, till)
    award = till.events("award")[0]
    # The crash: the award's refund was queued, the void and the answer were not.
    till.service.refund(award.id, till_staff("till-1"))
    till.stop()
    till.start()
    result = till.post("/v1/sales/S-1/refund", {}).json()["result"]
    [back] = till.events("refund")
    assert result["refund_event"] == back.id and result["returned_points"] == 400
    assert len(till.events("void")) == 1


def test_refund_of_an_unconfirmed_sale_is_refused(term, till):
    open_sale(till, code=term.member().code())
    refused = till.post("/v1/sales/S-1/refund", {})
    assert refused.status_code == 422 and refused.json()["error"] == "not_confirmed"


@pytest.mark.parametrize(
    "body",
    [
        {"sale_ref": "S 1", "amount": "1.00", "currency": "CNY"},
        {"sale_ref": "S-1", "amount": "-1", "currency": "CNY"},
        {"sale_ref": "S-1", "amount": "1.00", "currency": "CNY", "extra": 1},
        {"sale_ref": "S-1", "amount": "1.00"},
    ],
)
def test_bad_input_gets_400_with_a_sentence(till, body):
    answer = till.post("/v1/sales", body)
    assert answer.status_code == 400
    assert answer.json()["error"] == "bad_request" and answer.json()["message"].endswith(".")


def test_wrong_currency_and_unknown_sale_are_refused_with_reasons(till):
    wrong = open_sale(till, currency="USD")
    assert wrong.status_code == 422 and wrong.json()["error"] == "wrong_currency"
    missing = till.http.get("/v1/sales/NOPE")
    assert missing.status_code == 404 and missing.json()["error"] == "unknown_sale"


def test_a_body_over_the_limit_is_refused_unread(till):
    big = till.http.post(
        "/v1/sales",
        content=b"{" + b" " * 20000 + b"}",
        headers={"content-type": "application/json"},
    )
    assert big.status_code == 413


def test_wrong_missing_and_revoked_tokens_get_401(term, till):
    url = f"http://127.0.0.1:{till.server.port}/v1/sales/S-1"
    assert httpx.get(url).status_code == 401
    wrong = httpx.get(url, headers={"Authorization": "Bearer " + "x" * 43})
    assert wrong.status_code == 401 and wrong.json()["error"] == "unauthorised"
    assert till.http.get("/v1/sales/S-1").status_code == 404  # the real token is let in
    rc, out = run_terminal(["till-pair", "--data-dir", str(term.data_dir), "--revoke", "till-1"])
    assert rc == 0, out
    assert till.http.get("/v1/sales/S-1").status_code == 401


def test_sales_of_two_tills_are_apart(term, till):
    other = Till(term, "till-2")
    try:
        open_sale(till, code=term.member().code())
        assert other.http.get("/v1/sales/S-1").status_code == 404
        assert open_sale(other, code=term.member("M2").code()).status_code == 200
    finally:
        other.stop()


def test_pairing_lists_tills_and_never_stores_the_token(term, till):
    rc, out = run_terminal(["till-pair", "--data-dir", str(term.data_dir), "--list"])
    assert rc == 0 and [t["name"] for t in out["tills"]] == ["till-1"]
    assert till.token.encode() not in (term.data_dir / "till.sqlite").read_bytes()
    rc, out = run_terminal(["till-pair", "--data-dir", str(term.data_dir), "--name", "till-1"])
    assert rc == 1 and out["reason"] == "till_paired"
    rc, out = run_terminal(["till-pair", "--data-dir", str(term.data_dir), "--name", "a b"])
    assert rc == 1 and out["reason"] == "bad_till_name"


def test_openapi_document_is_served(till):
    doc = httpx.get(f"http://127.0.0.1:{till.server.port}/openapi.json").json()
    assert "/v1/sales/{sale_ref}/confirm" in doc["paths"]


# -- points as cash -------------------------------------------------------------------------


def test_points_as_cash_are_held_then_spent_with_the_award_at_confirm(term, till):
    open_sale(till, amount="100.00", code=term.member(balance=1280).code())
    held = till.post("/v1/sales/S-1/discount", {"points": 400})
    assert held.status_code == 200, held.text
    # Held offline here (no backend): the counter's offline rules decided.
    assert held.json()["discount"] == {"points": 400, "amount": "4.00", "online": False}
    assert held.json()["to_pay"] == "96.00"
    assert till.events() == []  # held, not spent
    done = till.post("/v1/sales/S-1/confirm", {"paid_amount": "96.00"}).json()["result"]
    assert (done["spent"], done["earned"], done["discount_amount"]) == (400, 144, "4.00")
    assert done["balance"] == 1280 + 144 - 400
    kinds = {e.kind: e for e in till.events()}
    assert kinds["discount"].points == -400 and kinds["discount"].details["amount"] == "4.00"
    assert kinds["discount"].sale_ref == "S-1" and kinds["award"].points == 144
    # One transaction: the two events are neighbours in the chain.
    assert abs(kinds["discount"].seq - kinds["award"].seq) == 1


def test_points_as_cash_beyond_the_share_of_the_sale_are_refused(term, till):
    open_sale(till, amount="6.00", code=term.member().code())
    over = till.post("/v1/sales/S-1/discount", {"points": 301})  # 3.01 > half of 6.00
    assert over.status_code == 422 and over.json()["error"] == "discount_over_cap"
    assert "50%" in over.json()["message"]
    # A refusal changed nothing, so the till may ask again for less.
    assert till.post("/v1/sales/S-1/discount", {"points": 300}).status_code == 200
    assert till.events() == []


def test_points_as_cash_beyond_the_points_per_sale_are_refused(tmp_path):
    term = provision_offline(
        tmp_path / "t", with_policy(make_issuer(), max_discount_points_per_sale=300)
    )
    till = Till(term)
    try:
        open_sale(till, amount="100.00", code=term.member().code())
        over = till.post("/v1/sales/S-1/discount", {"points": 301})
        assert over.status_code == 422 and "300 points" in over.json()["message"]
        open_sale(till, "S-2", amount="100.00", code=term.member().code())
        assert till.post("/v1/sales/S-2/discount", {"points": 300}).status_code == 200
    finally:
        till.stop()


def test_points_as_cash_offline_stay_within_the_offline_cap(term, till):
    open_sale(till, amount="100.00", code=term.member(balance=1280).code())
    over = till.post("/v1/sales/S-1/discount", {"points": 501})  # offline cap 500 a day
    assert over.status_code == 422 and over.json()["error"] == "offline_cap"


def test_points_held_by_one_sale_cannot_be_held_again_by_another(term, till):
    member = term.member(balance=1280)
    open_sale(till, "A", amount="100.00", code=member.code())
    open_sale(till, "B", amount="100.00", code=member.code())
    assert till.post("/v1/sales/A/discount", {"points": 400}).status_code == 200
    second = till.post("/v1/sales/B/discount", {"points": 200})
    assert second.status_code == 422 and second.json()["error"] == "offline_cap"
    till.post("/v1/sales/A/cancel")  # releases A's hold
    assert till.post("/v1/sales/B/discount", {"points": 200}).status_code == 200


def test_paying_more_than_the_sale_less_the_points_is_refused(term, till):
    open_sale(till, amount="100.00", code=term.member().code())
    till.post("/v1/sales/S-1/discount", {"points": 400})
    over = till.post("/v1/sales/S-1/confirm", {"paid_amount": "100.00"})
    assert over.status_code == 400 and over.json()["error"] == "bad_amount"
    assert till.events() == []


def test_a_restart_between_discount_and_confirm_spends_once(term, till):
    open_sale(till, amount="100.00", code=term.member().code())
    till.post("/v1/sales/S-1/discount", {"points": 400})
    till.stop()
    till.start()
    assert till.http.get("/v1/sales/S-1").json()["discount"]["points"] == 400
    first = till.post("/v1/sales/S-1/confirm", {"paid_amount": "96.00"})
    assert first.status_code == 200, first.text
    assert till.post("/v1/sales/S-1/confirm", {"paid_amount": "96.00"}).json() == first.json()
    assert [e.points for e in till.events("discount")] == [-400]


def test_a_restart_past_the_deadline_releases_the_held_points(term, till):
    member = term.member(balance=1280)
    open_sale(till, "A", amount="100.00", code=member.code())
    till.post("/v1/sales/A/discount", {"points": 500})
    till.stop()
    term.clock.now += 901
    till.start()
    assert till.http.get("/v1/sales/A").json()["state"] == "cancelled"
    opened = open_sale(till, "B", amount="100.00", code=member.code(at=term.clock.now))
    assert opened.status_code == 200, opened.text
    assert till.post("/v1/sales/B/discount", {"points": 500}).status_code == 200
    assert till.events() == []


def test_the_counter_offers_points_as_cash_with_the_same_rules(term):
    service = term.open()
    try:
        view = service.scan(term.member(balance=1280).code(), service.new_checkout())
        with pytest.raises(CounterRefused) as over:
            service.discount(view, 301, "6.00", CASHIER)
        assert over.value.reason == "discount_over_cap"
        done = service.discount(view, 300, "6.00", CASHIER)
        assert done.ok and done.points == -300 and done.details["to_pay"] == "3.00"
        assert "Points as cash" in done.receipt
    finally:
        service.close()


def test_the_reference_till_rings_up_a_sale_with_points_as_cash(term, till):
    terminal = Terminal(f"http://127.0.0.1:{till.server.port}", till.token)
    code = term.member(balance=1280).code()
    sale = ring_up(terminal, "REF-1", Decimal("100.00"), code, 400)
    assert receipt_lines(sale) == [
        "Points earned   +144",
        "Points as cash  -400 (-4.00)",
        "Point balance    1024",
    ]
    with pytest.raises(Refused, match="discount_over_cap"):
        ring_up(terminal, "REF-2", Decimal("2.00"), term.member().code(), 400)
    assert till.http.get("/v1/sales/REF-2").json()["state"] == "cancelled"


def test_a_crash_after_the_commit_but_before_the_answer_gets_the_committed_answer(term, till):
    open_sale(till, amount="100.00", code=term.member().code())
    till.post("/v1/sales/S-1/discount", {"points": 400})
    # The terminal commits the sale's events, then dies before it marks the sale confirmed.
    sale = till.desk.store.get("till-1", "S-1")
    view = view_from_json(sale.member_view)
    confirm_sale(
        till.service.ctx,
        view,
        Decimal("100.00"),
        Decimal("96.00"),
        400,
        till_staff("till-1"),
        sale_ref="S-1",
        till="till-1",
    )
    till.stop()
    till.start()
    again = till.post("/v1/sales/S-1/confirm", {"paid_amount": "96.00"})
    assert again.status_code == 200, again.text
    assert (again.json()["result"]["earned"], again.json()["result"]["spent"]) == (144, 400)
    assert len(till.events()) == 2  # nothing spent or earned twice


def test_a_reward_and_points_as_cash_are_held_then_spent_with_the_award(term, till):
    open_sale(till, amount="100.00", code=term.member(balance=1280).code())
    held = till.post("/v1/sales/S-1/redeem", {"reward": "R-MUG"})
    assert held.status_code == 200, held.text
    assert held.json()["reward"] == {
        "reward": "R-MUG",
        "points": 300,
        "name": "Mug",
        "online": False,
    }
    # Offline the day's cap is 500: the reward's 300 count against it.
    over = till.post("/v1/sales/S-1/discount", {"points": 201})
    assert over.status_code == 422 and over.json()["error"] == "offline_cap"
    assert till.post("/v1/sales/S-1/discount", {"points": 200}).status_code == 200
    assert till.events() == []
    done = till.post("/v1/sales/S-1/confirm", {"paid_amount": "98.00"}).json()["result"]
    assert (done["spent"], done["earned"]) == (500, 147)
    points = sorted((e.kind, e.points) for e in till.events())
    assert points == [("award", 147), ("discount", -200), ("redeem", -300)]
    [reward] = till.events("redeem")
    assert reward.details["reward"] == "R-MUG" and reward.sale_ref == "S-1"


def test_a_reward_beyond_what_the_member_may_spend_is_refused(term, till):
    open_sale(till, amount="100.00", code=term.member(balance=1280).code())
    over = till.post("/v1/sales/S-1/redeem", {"reward": "R-BIG"})
    assert over.status_code == 422 and over.json()["error"] == "offline_cap"
    unknown = till.post("/v1/sales/S-1/redeem", {"reward": "NOPE"})
    assert unknown.status_code == 422 and unknown.json()["error"] == "unknown_reward"
