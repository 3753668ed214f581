"""A catalog reward's stores, dates and stock at the counter, offline, on a real data dir.

The counter offers a reward only at its stores and within its dates (the store's local day),
and refuses a stocked reward offline: only the backend knows how many are left.
"""

from __future__ import annotations

import pytest

from sync.outbox import local_day
from sync.state import TerminalState
from terminal.counter.errors import CounterRefused
from tests.counter_setup import CASHIER, SUPERVISOR, provision_offline
from tests.member_codes import T0

TODAY = local_day(T0)  # 2027-01-15 at the test clock
CATALOG = {
    "rewards": [
        {"id": "R-MUG", "name": "Mug", "points": 300},
        {"id": "R-S9", "name": "Umbrella", "points": 100, "stores": ["S9"]},
        {"id": "R-BOTH", "name": "Pen", "points": 100, "stores": ["S9", "S1"]},
        {"id": "R-OLD", "name": "Calendar", "points": 100, "valid_until": "2027-01-14"},
        {"id": "R-SOON", "name": "Lantern", "points": 100, "valid_from": "2027-01-16"},
        {
            "id": "R-NOW",
            "name": "Dumplings",
            "points": 100,
            "valid_from": TODAY.isoformat(),
            "valid_until": TODAY.isoformat(),
        },
        {"id": "R-LIMITED", "name": "Scarf", "name_zh": "围巾", "points": 100, "stock": 5},
    ]
}


@pytest.fixture
def terminal(tmp_path):
    made = provision_offline(tmp_path / "terminal", store_id="S1")
    with TerminalState(made.data_dir / "state.sqlite") as state:
        state.save_document("catalog", 2, CATALOG)
    return made


@pytest.fixture
def service(terminal):
    svc = terminal.open()
    yield svc
    svc.close()


def refusal(action) -> tuple[str, str]:
    with pytest.raises(CounterRefused) as info:
        action()
    return info.value.reason, info.value.message


def checkout(service, terminal):
    member = terminal.member(balance=5000)
    return service.scan(member.code(at=terminal.clock.now), service.new_checkout())


def test_the_reward_choice_lists_only_what_this_store_offers_today(service):
    offered = [r["id"] for r in service.rewards_offered()]
    assert offered == ["R-MUG", "R-BOTH", "R-NOW", "R-LIMITED"]
    assert len(service.catalog()) == len(CATALOG["rewards"])  # receipts still name them all


def test_a_reward_of_another_store_is_refused_with_a_sentence(service, terminal):
    assert refusal(lambda: service.redeem(checkout(service, terminal), "R-S9", CASHIER)) == (
        "reward_not_here",
        "This reward is not offered at this store.",
    )
    assert service.redeem(checkout(service, terminal), "R-BOTH", CASHIER).ok


@pytest.mark.parametrize(
    ("reward", "dates"),
    [("R-OLD", "… to 2027-01-14"), ("R-SOON", "2027-01-16 to …")],
)
def test_a_reward_outside_its_dates_is_refused_naming_them(service, terminal, reward, dates):
    reason, message = refusal(lambda: service.redeem(checkout(service, terminal), reward, CASHIER))
    assert (reason, message) == ("reward_not_now", f"This reward is offered from {dates}.")


def test_both_ends_of_the_dates_are_the_store_s_local_day(service, terminal):
    done = service.redeem(checkout(service, terminal), "R-NOW", CASHIER)
    assert done.ok and done.details["day"] == TODAY.isoformat()


def test_the_day_moves_with_the_clock(service, terminal):
    terminal.clock.now = T0 + 86400  # tomorrow
    reason, _ = refusal(lambda: service.redeem(checkout(service, terminal), "R-NOW", CASHIER))
    assert reason == "reward_not_now"
    assert service.redeem(checkout(service, terminal), "R-SOON", CASHIER).ok


def test_a_stocked_reward_is_refused_offline_even_with_a_supervisor(service, terminal):
    view = checkout(service, terminal)
    expected = ("stock_needs_connection", "This reward needs the connection to check its stock.")
    assert refusal(lambda: service.redeem_preflight(view, "R-LIMITED", CASHIER)) == expected
    assert refusal(lambda: service.redeem(view, "R-LIMITED", CASHIER)) == expected
    assert refusal(lambda: service.redeem(view, "R-LIMITED", CASHIER, override=SUPERVISOR)) == (
        expected
    )
    assert service.ctx.outbox.by_member(view.member) == []
