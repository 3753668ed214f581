"""Points as cash at the backend: a rogue terminal signs its own discount events with its real
key; the backend recomputes the money from the policy's rate and caps and refuses the rest.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from protocol.events import NewEvent
from tests.fixtures import members
from tests.fixtures.backend import Backend
from tests.fixtures.rogue import Rogue
from tests.test_hostile_rogue_terminal import _ledger, _refused

pytest_plugins = ["tests.fixtures.plugin"]


@pytest.fixture
def rogue(backend: Backend, tmp_path: Path) -> Rogue:
    return Rogue(backend, tmp_path / "rogue")


def _discount(
    phone: members.Phone, points: int, amount: str, sale: str = "100.00", **fields: Any
) -> NewEvent:
    """A discount event as the terminal writes it, with whatever figures the caller claims."""
    version = members.current(phone.backend, "policy")[0]
    details = {"amount": amount, "sale_amount": sale, "currency": "CNY", "online": False}
    return members.member_event(
        phone, "discount", -points, details=details, policy_version=version, **fields
    )


@pytest.fixture
def funded(rogue: Rogue) -> members.Phone:
    phone = members.enrol(rogue.backend, "M1")
    assert rogue.push(members.award(phone, "5000.00"))["status"] == "accepted"
    return phone


def test_an_honest_discount_is_accepted(rogue: Rogue, funded: members.Phone) -> None:
    balance, _ = _ledger(rogue.backend, "M1")
    result = rogue.push(_discount(funded, 400, "4.00", sale_ref="S-1", till="till-1"))
    assert result["status"] == "accepted", result
    assert _ledger(rogue.backend, "M1")[0] == balance - 400


def test_points_worth_less_than_the_money_claimed_are_rejected(
    rogue: Rogue, funded: members.Phone
) -> None:
    before = _ledger(rogue.backend, "M1")
    _refused(
        rogue.backend, rogue.push(_discount(funded, 100, "4.00")), "discount_mismatch", "M1", before
    )


def test_a_discount_beyond_the_share_of_the_sale_is_rejected(
    rogue: Rogue, funded: members.Phone
) -> None:
    before = _ledger(rogue.backend, "M1")
    over = _discount(funded, 600, "6.00", sale="10.00")  # 6.00 of 10.00: above half
    _refused(rogue.backend, rogue.push(over), "discount_over_cap", "M1", before)


def test_a_discount_beyond_the_points_per_sale_is_rejected(
    rogue: Rogue, funded: members.Phone
) -> None:
    before = _ledger(rogue.backend, "M1")
    over = _discount(funded, 5100, "51.00", sale="200.00")  # default cap 5000 a sale
    _refused(rogue.backend, rogue.push(over), "discount_over_cap", "M1", before)


def test_a_discount_without_the_members_code_is_rejected(
    rogue: Rogue, funded: members.Phone
) -> None:
    before = _ledger(rogue.backend, "M1")
    bare = _discount(funded, 400, "4.00")
    result = rogue.push(replace(bare, code=None))
    _refused(rogue.backend, result, "code_missing", "M1", before)


def test_one_code_spends_points_as_cash_once(rogue: Rogue, funded: members.Phone) -> None:
    text = funded.code()
    first = rogue.event(_discount(funded, 400, "4.00", text=text, sale_ref="S-1", till="till-1"))
    second = rogue.event(_discount(funded, 400, "4.00", text=text, sale_ref="S-1", till="till-1"))
    assert [r["status"] for r in rogue.send(first, second)] == ["accepted", "rejected"]
    before = _ledger(rogue.backend, "M1")
    # And in a later batch, claimed as another sale of the same checkout.
    third = rogue.push(_discount(funded, 300, "3.00", text=text, sale_ref="S-2", till="till-1"))
    _refused(rogue.backend, third, "already_discounted", "M1", before)


def test_a_refunded_sale_gives_the_points_spent_as_cash_back_once(
    rogue: Rogue, funded: members.Phone
) -> None:
    balance, _ = _ledger(rogue.backend, "M1")
    spent = rogue.event(_discount(funded, 400, "4.00", sale_ref="S-1", till="till-1"))
    assert rogue.send(spent)[0]["status"] == "accepted"

    def void(points: int) -> NewEvent:
        return NewEvent(kind="void", member="M1", points=points, ref_event=spent.id)

    before = _ledger(rogue.backend, "M1")
    # More back than was spent: points from nothing.
    _refused(rogue.backend, rogue.push(void(401)), "points_mismatch", "M1", before)
    assert rogue.push(void(400))["status"] == "accepted"
    assert _ledger(rogue.backend, "M1")[0] == balance
    before = _ledger(rogue.backend, "M1")
    _refused(rogue.backend, rogue.push(void(400)), "already_voided", "M1", before)
