"""A rooted terminal (../shared/THREATS.md) signs batches with redemptions the catalog does not
allow there or then, or beyond the reward's stock: each is rejected with its documented
reason and flagged, and the member's ledger stays as it was. Stock counts every accepted
redemption less voided ones, earlier ones in the same batch, and live online approvals."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from backend import downstream, schema
from config.paths import DataPaths
from protocol.events import NewEvent, new_event_id
from sync.client import SyncClient
from sync.http import SignedSession
from terminal.terminal_identity import load_identity
from tests.fixtures import members
from tests.fixtures.backend import Backend
from tests.fixtures.rogue import Rogue
from tests.fixtures.terminal import provision
from tests.test_hostile_rogue_terminal import _funded, _ledger, _refused

pytest_plugins = ["tests.fixtures.plugin"]

CATALOG = {
    "rewards": [
        {"id": "coffee", "name": "Coffee", "points": 200},
        {"id": "R-S2", "name": "Umbrella", "points": 50, "stores": ["S2"]},
        {"id": "R-ONE", "name": "Scarf", "points": 50, "stock": 1},
        {"id": "R-PAST", "name": "Calendar", "points": 50, "valid_until": "2001-01-01"},
    ]
}


def _publish(backend: Backend, body: dict[str, Any]) -> None:
    with backend.engine.begin() as conn:
        downstream.publish(conn, "catalog", body)


@pytest.fixture
def rogue(backend: Backend, tmp_path: Path) -> Rogue:
    _publish(backend, CATALOG)
    return Rogue(backend, tmp_path / "rogue", store="S1")


@pytest.fixture
def sqlite_rogue(sqlite_backend: Backend, tmp_path: Path) -> Rogue:
    _publish(sqlite_backend, CATALOG)
    return Rogue(sqlite_backend, tmp_path / "rogue", store="S1")


def test_a_redemption_beyond_the_stock_is_rejected_and_flagged(rogue: Rogue) -> None:
    phone = _funded(rogue)
    first = rogue.push(members.redeem(phone, "R-ONE"))
    assert first["status"] == "accepted"
    before = _ledger(rogue.backend, "M1")
    again = rogue.push(members.redeem(phone, "R-ONE", checkout="K2"))
    _refused(rogue.backend, again, "out_of_stock", "M1", before)


def test_a_redemption_of_another_store_s_reward_is_rejected(rogue: Rogue) -> None:
    phone = _funded(rogue)
    before = _ledger(rogue.backend, "M1")
    result = rogue.push(members.redeem(phone, "R-S2"))
    _refused(rogue.backend, result, "reward_not_here", "M1", before)


def test_a_redemption_outside_the_reward_s_dates_is_rejected(sqlite_rogue: Rogue) -> None:
    phone = _funded(sqlite_rogue)
    before = _ledger(sqlite_rogue.backend, "M1")
    result = sqlite_rogue.push(members.redeem(phone, "R-PAST"))
    _refused(sqlite_rogue.backend, result, "reward_not_now", "M1", before)


def test_a_day_the_event_was_not_made_on_is_rejected(sqlite_rogue: Rogue) -> None:
    """A terminal may not name a day within the reward's dates that its event is not on."""
    phone = _funded(sqlite_rogue)
    before = _ledger(sqlite_rogue.backend, "M1")
    event = members.redeem(phone, "R-PAST")
    lie = replace(event, details={**event.details, "day": "2000-12-31"})
    _refused(sqlite_rogue.backend, sqlite_rogue.push(lie), "bad_day", "M1", before)


def test_two_redemptions_of_the_last_one_in_one_batch_accept_only_the_first(
    sqlite_rogue: Rogue,
) -> None:
    phone = _funded(sqlite_rogue)
    before = _ledger(sqlite_rogue.backend, "M1")
    one = sqlite_rogue.event(members.redeem(phone, "R-ONE"))
    two = sqlite_rogue.event(members.redeem(phone, "R-ONE", checkout="K2"))
    results = sqlite_rogue.send(one, two)
    assert [(r["status"], r["reason"]) for r in results] == [
        ("accepted", None),
        ("rejected", "out_of_stock"),
    ]
    flags = [(f["kind"], f["event"]) for f in sqlite_rogue.backend.ledger("M1")["flags"]]
    assert ("out_of_stock", two.id) in flags
    assert _ledger(sqlite_rogue.backend, "M1") == (before[0] - 50, [*before[1], one.id])


def test_a_voided_redemption_gives_its_unit_back(sqlite_rogue: Rogue) -> None:
    phone = _funded(sqlite_rogue)
    first = sqlite_rogue.event(members.redeem(phone, "R-ONE"))
    assert sqlite_rogue.send(first)[0]["status"] == "accepted"
    void = NewEvent(kind="void", member="M1", points=50, ref_event=first.id)
    assert sqlite_rogue.push(void)["status"] == "accepted"
    again = sqlite_rogue.push(members.redeem(phone, "R-ONE", checkout="K2"))
    assert again["status"] == "accepted"


def test_a_live_online_approval_elsewhere_holds_the_last_one(
    sqlite_rogue: Rogue, tmp_path: Path
) -> None:
    """Another counter's approval is on its way: the rogue's offline redemption may not take
    the unit it holds, and that counter's redemption then arrives and is accepted."""
    backend = sqlite_rogue.backend
    other = _funded(sqlite_rogue, "M2")
    provision(backend, tmp_path / "t2")
    identity = load_identity(DataPaths.resolve(tmp_path / "t2"))
    client = SyncClient(SignedSession(identity.backend, identity.terminal, identity.key))
    approved = client.authorise(
        {
            "event": new_event_id(),
            "kind": "redeem",
            "code": other.code(),
            "checkout": "K9",
            "reward": "R-ONE",
        }
    )
    assert (approved.online, approved.approved) == (True, True)
    phone = _funded(sqlite_rogue)
    before = _ledger(backend, "M1")
    result = sqlite_rogue.push(members.redeem(phone, "R-ONE"))
    _refused(backend, result, "out_of_stock", "M1", before)
    # A third asking online now hears the same: the stock is spoken for.
    refused = client.authorise(
        {
            "event": new_event_id(),
            "kind": "redeem",
            "code": phone.code(),
            "checkout": "K8",
            "reward": "R-ONE",
        }
    )
    assert (refused.approved, refused.reason) == (False, "out_of_stock")


def test_online_a_reward_of_another_store_or_day_is_refused_before_anything_is_held(
    sqlite_rogue: Rogue, tmp_path: Path
) -> None:
    """The rogue asks the backend itself, past its counter's own checks."""
    backend = sqlite_rogue.backend
    phone = _funded(sqlite_rogue)
    identity = load_identity(DataPaths.resolve(tmp_path / "rogue"))
    client = SyncClient(SignedSession(identity.backend, identity.terminal, identity.key))

    def ask(reward: str, **extra: str) -> tuple[bool, str | None]:
        request = {"event": new_event_id(), "kind": "redeem", "code": phone.code()}
        answer = client.authorise(
            {**request, "checkout": new_event_id(), "reward": reward, **extra}
        )
        return answer.approved, answer.reason

    assert ask("R-S2") == (False, "reward_not_here")
    assert ask("R-PAST") == (False, "reward_not_now")
    assert ask("R-PAST", day="2000-12-31") == (False, "bad_day")  # not today anywhere
    with backend.engine.begin() as conn:
        assert conn.execute(select(func.count()).select_from(schema.holds)).scalar_one() == 0
    assert ask("R-ONE") == (True, None)
