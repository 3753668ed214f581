"""A stolen or rooted terminal (../shared/THREATS.md): it holds a real provisioned key and
crafts, chains and signs its own batches. Every attempt to mint points, spend them wrongly or
act for an absent member is rejected with its documented reason and flagged, and the member's
ledger and balance stay as they were. The real server runs on 127.0.0.1; the cases marked
with ``backend`` run on SQLite and on PostgreSQL."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select, update

from backend import revocations, schema
from crypto import keys
from crypto.code import Purpose
from protocol.events import MAX_BALANCE, NewEvent, new_event_id
from tests.fixtures import members
from tests.fixtures.backend import Backend
from tests.fixtures.rogue import Rogue

pytest_plugins = ["tests.fixtures.plugin"]


def _ledger(backend: Backend, member: str) -> tuple[int, list[str]]:
    report = backend.ledger(member)
    return report["balance"], [e["event"] for e in report["entries"]]


def _refused(
    backend: Backend,
    result: dict[str, Any],
    reason: str,
    member: str,
    before: tuple[int, list[str]],
) -> None:
    """Rejected for ``reason``, flagged as such for the member, the ledger untouched."""
    assert (result["status"], result["reason"]) == ("rejected", reason)
    flags = [(f["kind"], f["event"]) for f in backend.ledger(member)["flags"]]
    assert (reason, result["event"]) in flags
    assert _ledger(backend, member) == before


@pytest.fixture
def rogue(backend: Backend, tmp_path: Path) -> Rogue:
    return Rogue(backend, tmp_path / "rogue")


@pytest.fixture
def sqlite_rogue(sqlite_backend: Backend, tmp_path: Path) -> Rogue:
    return Rogue(sqlite_backend, tmp_path / "rogue")


def _funded(rogue: Rogue, member: str = "M1", amount: str = "500.00") -> members.Phone:
    """An enrolled member with an honest, accepted award behind them."""
    phone = members.enrol(rogue.backend, member)
    assert rogue.push(members.award(phone, amount))["status"] == "accepted"
    return phone


def test_an_inflated_award_is_rejected(rogue: Rogue) -> None:
    phone = members.enrol(rogue.backend, "M1")
    honest = members.award(phone, "1.00")
    result = rogue.push(replace(honest, points=1_000_000_000))
    _refused(rogue.backend, result, "points_mismatch", "M1", (0, []))


def test_a_redemption_with_positive_points_is_rejected(rogue: Rogue) -> None:
    phone = _funded(rogue)
    before = _ledger(rogue.backend, "M1")
    honest = members.redeem(phone, "coffee")
    result = rogue.push(replace(honest, points=-honest.points))
    _refused(rogue.backend, result, "bad_sign", "M1", before)


def test_an_award_for_a_member_never_enrolled_is_rejected(rogue: Rogue) -> None:
    phone = members.enrol(rogue.backend, "M1")
    result = rogue.push(replace(members.award(phone, "10.00"), member="GHOST"))
    _refused(rogue.backend, result, "unknown_member", "GHOST", (0, []))


def test_an_award_without_the_members_code_is_rejected(rogue: Rogue) -> None:
    phone = members.enrol(rogue.backend, "M1")
    result = rogue.push(replace(members.award(phone, "10.00"), code=None))
    _refused(rogue.backend, result, "code_missing", "M1", (0, []))


def test_an_award_with_another_members_code_is_rejected(rogue: Rogue) -> None:
    members.enrol(rogue.backend, "M1")
    friend = members.enrol(rogue.backend, "M2")
    result = rogue.push(replace(members.award(friend, "10.00"), member="M1"))
    _refused(rogue.backend, result, "code_member_mismatch", "M1", (0, []))
    assert _ledger(rogue.backend, "M2") == (0, [])


def test_an_award_with_a_stale_code_is_rejected(rogue: Rogue) -> None:
    phone = members.enrol(rogue.backend, "M1")
    old = phone.code(at=time.time() - 600)  # a photo of the member's screen ten minutes ago
    result = rogue.push(members.award(phone, "10.00", text=old))
    _refused(rogue.backend, result, "code_invalid:stale", "M1", (0, []))


def test_an_event_dated_in_the_future_is_rejected(sqlite_rogue: Rogue) -> None:
    phone = members.enrol(sqlite_rogue.backend, "M1")
    later = time.time() + 3600
    text = phone.code(at=later)  # a code for the hour ahead, made by a member's phone
    event = members.award(phone, "10.00", text=text)
    result = sqlite_rogue.push(event, local_time_ms=int(later * 1000))
    _refused(sqlite_rogue.backend, result, "event_in_future", "M1", (0, []))


def test_a_code_reused_in_another_checkout_is_rejected(rogue: Rogue) -> None:
    phone = members.enrol(rogue.backend, "M1")
    text = phone.code()
    assert rogue.push(members.award(phone, "300.00", text=text))["status"] == "accepted"
    before = _ledger(rogue.backend, "M1")
    again = members.redeem(phone, "coffee", text=text, checkout="K2")
    _refused(rogue.backend, rogue.push(again), "code_reused", "M1", before)
    # The same code in its own checkout still serves a second operation.
    same = members.redeem(phone, "coffee", text=text, checkout="K1")
    assert rogue.push(same)["status"] == "accepted"


def test_one_code_earns_once_and_redeems_once_in_its_checkout(rogue: Rogue) -> None:
    phone = members.enrol(rogue.backend, "M1")
    text = phone.code()
    first = rogue.event(members.award(phone, "300.00", text=text))
    second = rogue.event(members.award(phone, "300.00", text=text))  # the same purchase again
    assert [r["status"] for r in rogue.send(first, second)] == ["accepted", "rejected"]
    before = _ledger(rogue.backend, "M1")
    assert before == (first.points, [first.id])
    third = rogue.push(members.award(phone, "50.00", text=text))  # and in a later batch
    _refused(rogue.backend, third, "already_awarded", "M1", before)
    assert rogue.push(members.redeem(phone, "coffee", text=text))["status"] == "accepted"
    before = _ledger(rogue.backend, "M1")
    again = rogue.push(members.redeem(phone, "coffee", text=text))
    _refused(rogue.backend, again, "already_redeemed", "M1", before)


def test_a_refund_beyond_the_original_is_rejected(rogue: Rogue) -> None:
    phone = members.enrol(rogue.backend, "M1")
    award = rogue.event(members.award(phone, "10.00"))
    assert rogue.send(award)[0]["status"] == "accepted"
    before = _ledger(rogue.backend, "M1")

    def refund(amount: str, points: int) -> Any:
        new = NewEvent(
            kind="refund",
            member="M1",
            points=points,
            ref_event=award.id,
            details={"amount": amount, "of": "10.00"},
        )
        return rogue.push(new)

    _refused(rogue.backend, refund("20.00", -20), "refund_exceeds_original", "M1", before)
    _refused(rogue.backend, refund("5.00", -1), "points_mismatch", "M1", before)  # too little
    _refused(rogue.backend, refund("5.00", 5), "bad_sign", "M1", before)  # points from a refund
    assert refund("6.00", -6)["status"] == "accepted"
    after_part = _ledger(rogue.backend, "M1")
    _refused(rogue.backend, refund("4.01", -4), "refund_exceeds_original", "M1", after_part)
    assert refund("4.00", -4)["status"] == "accepted"
    assert _ledger(rogue.backend, "M1")[0] == 0


def test_a_void_of_a_rejected_or_never_made_redemption_is_rejected(rogue: Rogue) -> None:
    phone = _funded(rogue, amount="100.00")  # not enough for the cake
    cake = rogue.event(replace(members.redeem(phone, "cake"), points=-1))  # and underpriced
    assert rogue.send(cake)[0]["reason"] == "points_mismatch"
    before = _ledger(rogue.backend, "M1")

    def void(of: str, points: int) -> Any:
        new = NewEvent(kind="void", member="M1", points=points, ref_event=of)
        return rogue.push(new)

    _refused(rogue.backend, void(cake.id, 350), "original_not_accepted", "M1", before)
    _refused(rogue.backend, void(new_event_id(), 350), "original_not_accepted", "M1", before)


def test_a_redemption_is_voided_once_and_exactly(sqlite_rogue: Rogue) -> None:
    phone = _funded(sqlite_rogue)
    coffee = sqlite_rogue.event(members.redeem(phone, "coffee"))
    assert sqlite_rogue.send(coffee)[0]["status"] == "accepted"
    before = _ledger(sqlite_rogue.backend, "M1")

    def void(points: int) -> Any:
        new = NewEvent(kind="void", member="M1", points=points, ref_event=coffee.id)
        return sqlite_rogue.push(new)

    _refused(sqlite_rogue.backend, void(-coffee.points + 1), "points_mismatch", "M1", before)
    assert void(-coffee.points)["status"] == "accepted"
    after = _ledger(sqlite_rogue.backend, "M1")
    _refused(sqlite_rogue.backend, void(-coffee.points), "already_voided", "M1", after)


def test_a_purchase_over_the_policys_maximum_is_rejected(rogue: Rogue) -> None:
    phone = members.enrol(rogue.backend, "M1")
    maximum = members.policy(rogue.backend).max_purchase
    over = members.award(phone, str(maximum + 1))  # the points the policy would give for it
    _refused(rogue.backend, rogue.push(over), "over_max_purchase", "M1", (0, []))


def test_a_balance_past_the_limit_is_rejected(rogue: Rogue) -> None:
    phone = members.enrol(rogue.backend, "M1")
    with rogue.backend.engine.begin() as conn:  # a balance the loyalty office credited long ago
        conn.execute(
            insert(schema.ledger).values(
                event="office-credit",
                member="M1",
                kind="award",
                points=MAX_BALANCE - 5,
                terminal="office",
                store="HQ",
                local_time_ms=0,
                corrected_time_ms=0,
                recorded_at_ms=0,
            )
        )
        conn.execute(
            update(schema.members)
            .where(schema.members.c.id == "M1")
            .values(balance=MAX_BALANCE - 5)
        )
    before = _ledger(rogue.backend, "M1")
    _refused(
        rogue.backend, rogue.push(members.award(phone, "10.00")), "balance_limit", "M1", before
    )
    assert rogue.push(members.award(phone, "5.00"))["status"] == "accepted"  # up to the limit


def test_an_unknown_policy_version_is_rejected(sqlite_rogue: Rogue) -> None:
    phone = members.enrol(sqlite_rogue.backend, "M1")
    result = sqlite_rogue.push(replace(members.award(phone, "10.00"), policy_version=99))
    _refused(sqlite_rogue.backend, result, "unknown_version", "M1", (0, []))


def test_points_follow_the_version_the_event_names(sqlite_rogue: Rogue) -> None:
    from backend import downstream

    phone = members.enrol(sqlite_rogue.backend, "M1")
    honest = members.award(phone, "10.00")  # computed from version 1: 10 points
    with sqlite_rogue.backend.engine.begin() as conn:
        downstream.publish(conn, "policy", {"points_per_unit": "3"})
    assert sqlite_rogue.push(honest)["status"] == "accepted"  # an old version still counts
    before = _ledger(sqlite_rogue.backend, "M1")
    # The new version names the rate: claiming version 1's points under it is a mismatch.
    newer = replace(members.award(phone, "10.00"), points=honest.points)
    assert (newer.policy_version, newer.points) == (2, 10)
    _refused(sqlite_rogue.backend, sqlite_rogue.push(newer), "points_mismatch", "M1", before)
    assert sqlite_rogue.push(members.award(phone, "10.00"))["status"] == "accepted"  # 30 now


def test_a_code_revoked_before_the_event_is_rejected_and_one_before_it_counts(
    sqlite_rogue: Rogue,
) -> None:
    backend = sqlite_rogue.backend
    phone = members.enrol(backend, "M1")
    earlier = sqlite_rogue.event(members.award(phone, "10.00"))  # offline, before revocation
    # Revocations are stamped in whole seconds: the office revokes in a later second than the
    # earlier event's, on the clock the backend, the phone and the rogue share.
    backend.moved_clock().advance(1.1)
    now = int(backend.now())
    with backend.engine.begin() as conn:
        revocations.record(conn, now, member="M1")
    backend.issuers().store.update(lambda issuer: issuer.revoke(now=now, member="M1"))
    later = members.award(phone, "20.00")
    assert sqlite_rogue.send(earlier)[0]["status"] == "accepted"
    before = _ledger(backend, "M1")
    _refused(backend, sqlite_rogue.push(later), "code_invalid:revoked", "M1", before)


def test_a_pickup_for_another_order_than_the_code_carries_is_rejected(
    sqlite_rogue: Rogue,
) -> None:
    backend = sqlite_rogue.backend
    phone = members.enrol(backend, "M1")
    order = members.document(backend, "pickup", "O-1", "M1", body={"items": []})
    event = members.member_event(
        phone, "pickup", 0, purpose=Purpose.PICKUP, document=order, order_id="O-2"
    )
    _refused(backend, sqlite_rogue.push(event), "document_mismatch", "M1", (0, []))
    elsewhere = members.document(backend, "coupon", "C-1", "M1", stores=("S9",))
    coupon = members.member_event(
        phone, "coupon", 0, purpose=Purpose.COUPON, document=elsewhere, coupon_id="C-1"
    )
    _refused(backend, sqlite_rogue.push(coupon), "code_invalid:wrong_store", "M1", (0, []))


def test_a_checkout_code_cannot_hand_over_an_order(sqlite_rogue: Rogue) -> None:
    phone = members.enrol(sqlite_rogue.backend, "M1")
    event = members.member_event(phone, "pickup", 0, order_id="O-1")
    _refused(sqlite_rogue.backend, sqlite_rogue.push(event), "code_purpose", "M1", (0, []))


def test_a_second_checkin_the_same_day_in_the_same_store_is_rejected(
    backend: Backend, tmp_path: Path
) -> None:
    first, second = Rogue(backend, tmp_path / "a"), Rogue(backend, tmp_path / "b")
    phone = members.enrol(backend, "M1")
    points = members.policy(backend).checkin_points
    day = time.strftime("%Y-%m-%d", time.gmtime())

    def checkin() -> Any:
        return members.member_event(
            phone, "checkin", points, purpose=Purpose.CHECKIN, details={"day": day}
        )

    assert first.push(checkin())["status"] == "accepted"
    before = _ledger(backend, "M1")
    _refused(backend, second.push(checkin()), "checkin_reused", "M1", before)


def test_a_replayed_batch_is_refused(rogue: Rogue) -> None:
    phone = members.enrol(rogue.backend, "M1")
    body = rogue.seal([rogue.event(members.award(phone, "10.00"))])
    assert rogue.post(body).json()["accepted"] == 1
    before = _ledger(rogue.backend, "M1")
    again = rogue.post(body)  # a freshly signed request around the same batch
    assert (again.status_code, again.json()["error"]) == (409, "batch_replayed")
    assert _ledger(rogue.backend, "M1") == before
    assert _terminal_flags(rogue) == ["batch_replayed"]


def test_a_mis_signed_batch_is_refused(rogue: Rogue) -> None:
    phone = members.enrol(rogue.backend, "M1")
    body = rogue.seal([rogue.event(members.award(phone, "10.00"))], key=keys.generate())
    reply = rogue.post(body)
    assert (reply.status_code, reply.json()["error"]) == (400, "batch_bad_signature")
    assert _ledger(rogue.backend, "M1") == (0, [])
    assert _terminal_flags(rogue) == ["batch_bad_signature"]


def _terminal_flags(rogue: Rogue) -> list[str]:
    flags = schema.flags
    with rogue.backend.engine.begin() as conn:
        rows = conn.execute(
            select(flags.c.kind).where(flags.c.terminal == rogue.terminal).order_by(flags.c.id)
        )
        return [kind for (kind,) in rows]
