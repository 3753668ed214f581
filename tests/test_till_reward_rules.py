"""A till sale's reward follows the catalog's stores, dates and stock, on a real uvicorn
server over a real offline terminal data dir (store S1): another store's or another day's
reward is refused, and a stocked one offline, each with its reason and nothing spent."""

from __future__ import annotations

import pytest

from sync.state import TerminalState
from tests.counter_setup import provision_offline
from tests.till_setup import Till

CATALOG = {
    "rewards": [
        {"id": "R-MUG", "name": "Mug", "points": 300},
        {"id": "R-S9", "name": "Umbrella", "points": 100, "stores": ["S9"]},
        {"id": "R-OLD", "name": "Calendar", "points": 100, "valid_until": "2027-01-14"},
        {"id": "R-LIMITED", "name": "Scarf", "points": 100, "stock": 5},
    ]
}


@pytest.fixture
def term(tmp_path):
    made = provision_offline(tmp_path / "terminal", store_id="S1")
    with TerminalState(made.data_dir / "state.sqlite") as state:
        state.save_document("catalog", 2, CATALOG)
    return made


@pytest.fixture
def till(term):
    t = Till(term)
    yield t
    t.stop()


@pytest.mark.parametrize(
    ("reward", "reason"),
    [
        ("R-S9", "reward_not_here"),
        ("R-OLD", "reward_not_now"),
        ("R-LIMITED", "stock_needs_connection"),
    ],
)
def test_a_reward_not_offered_here_now_or_offline_is_refused(term, till, reward, reason):
    body = {"sale_ref": "S-1", "amount": "100.00", "currency": "CNY"}
    opened = till.post("/v1/sales", {**body, "code": term.member(balance=1280).code()})
    assert opened.status_code == 200, opened.text
    refused = till.post("/v1/sales/S-1/redeem", {"reward": reward})
    assert refused.status_code == 422 and refused.json()["error"] == reason
    assert till.post("/v1/sales/S-1/redeem", {"reward": "R-MUG"}).status_code == 200
    done = till.post("/v1/sales/S-1/confirm", {"paid_amount": "100.00"}).json()["result"]
    assert done["spent"] == 300  # the mug only
    assert [e.details["reward"] for e in till.events("redeem")] == ["R-MUG"]
