"""The catalog document's optional reward fields: parsed, bounded, and old documents kept."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from protocol.catalog import refusal, reward_from_document, rewards_from_document

FULL = {
    "id": "R-MUG",
    "name": "Mug",
    "points": 300,
    "cash": "5.00",
    "name_zh": "马克杯",
    "stores": ["S1", "S2"],
    "valid_from": "2027-01-01",
    "valid_until": "2027-01-31",
    "stock": 0,
}


def test_a_document_from_before_the_new_fields_stays_valid() -> None:
    (reward,) = rewards_from_document(
        {"rewards": [{"id": "coffee", "name": "Coffee", "points": 200}]}
    )
    assert (reward.stores, reward.stock, reward.name_zh, reward.valid_from) == (
        None,
        None,
        None,
        None,
    )
    assert reward.cash == Decimal(0)
    assert refusal(reward, "ANY", dt.date(1999, 1, 1)) is None


def test_every_new_field_is_read() -> None:
    reward = reward_from_document(FULL)
    assert reward.stores == ("S1", "S2") and reward.stock == 0
    assert reward.shown_name(chinese=True) == "马克杯" and reward.shown_name(chinese=False) == "Mug"
    assert reward.valid_from == dt.date(2027, 1, 1) and reward.valid_until == dt.date(2027, 1, 31)


@pytest.mark.parametrize(
    ("day", "store", "reason"),
    [
        (dt.date(2027, 1, 1), "S1", None),
        (dt.date(2027, 1, 31), "S2", None),  # both ends are inclusive
        (dt.date(2026, 12, 31), "S1", "reward_not_now"),
        (dt.date(2027, 2, 1), "S1", "reward_not_now"),
        (dt.date(2027, 1, 15), "S9", "reward_not_here"),
    ],
)
def test_the_reward_is_offered_only_at_its_stores_within_its_dates(
    day: dt.date, store: str, reason: str | None
) -> None:
    found = refusal(reward_from_document(FULL), store, day)
    assert (found[0] if found else None) == reason


def test_the_dates_refusal_names_both_dates() -> None:
    found = refusal(reward_from_document(FULL), "S1", dt.date(2027, 3, 1))
    assert found == (
        "reward_not_now",
        "This reward is offered from %1 to %2.",
        ("2027-01-01", "2027-01-31"),
    )


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("stock", -1, "stock"),
        ("stock", 1.5, "stock"),
        ("stock", True, "stock"),
        ("stock", 10_000_001, "stock"),
        ("stores", "S1", "stores"),
        ("stores", ["S 1"], "store"),
        ("valid_from", "2027-13-01", "valid_from"),
        ("valid_until", "2026-12-31", "valid_until is before"),
        ("name_zh", "", "name_zh"),
        ("name_zh", "长" * 65, "name_zh"),
        ("points", 0, "points"),
        ("cash", "1e999", "cash"),
        ("cash", "0.001", "cash"),
    ],
)
def test_a_bad_field_is_refused_by_name(key: str, value: object, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        reward_from_document({**FULL, key: value})


def test_an_id_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        rewards_from_document({"rewards": [FULL, FULL]})
