"""The rewards catalog the backend publishes: what a reward costs, where and when, how many.

One typed view, used by the backend (which publishes it and checks redemptions against it),
the sync client (which refuses a catalog it cannot apply) and the counter (which offers only
what is valid here today).

Document (JSON): ``{"rewards": [reward, ...]}``, each reward an object with
``id`` (1-64 of ``A-Z a-z 0-9 . _ -``), ``name`` (1-64 characters), ``points`` (1..10,000,000),
and optionally ``cash`` (an amount 0..1,000,000, two decimals at most), ``name_zh`` (1-64
characters: the name a Chinese screen shows), ``stores`` (a list of store ids; absent: every
store), ``valid_from`` / ``valid_until`` (ISO dates, inclusive, in the store's local day as
the counter counts days), ``stock`` (a whole number >= 0: how many may ever be redeemed;
absent: unlimited). Other keys are kept and ignored. A document written before these fields
existed stays valid.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

IDENT = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
MAX_POINTS = 10_000_000
MAX_STOCK = 10_000_000
MAX_STORES = 1000
MAX_NAME = 64
MAX_CASH = Decimal(1_000_000)


@dataclass(frozen=True)
class Reward:
    """One catalog reward, checked."""

    id: str
    name: str
    points: int
    cash: Decimal = Decimal(0)
    name_zh: str | None = None
    stores: tuple[str, ...] | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    stock: int | None = None

    def offered_at(self, store: str) -> bool:
        """Whether the reward may be redeemed at ``store``."""
        return self.stores is None or store in self.stores

    def valid_on(self, day: dt.date) -> bool:
        """Whether ``day`` (the store's local day) lies within the reward's dates."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_until is None or day <= self.valid_until

    def shown_name(self, chinese: bool) -> str:
        """The name for a screen: ``name_zh`` on a Chinese one when the catalog gives it."""
        return self.name_zh if chinese and self.name_zh else self.name


def reward_from_document(raw: Mapping[str, Any]) -> Reward:
    """One reward object; raises ValueError naming the bad field."""
    if not isinstance(raw, Mapping):
        raise ValueError("a reward is not an object")
    ident = raw.get("id")
    if not isinstance(ident, str) or not IDENT.match(ident):
        raise ValueError(f"reward id {ident!r} is not 1-64 letters, digits, '.', '_' or '-'")
    valid_from = _date(raw, "valid_from")
    valid_until = _date(raw, "valid_until")
    if valid_from is not None and valid_until is not None and valid_until < valid_from:
        raise ValueError(f"reward {ident}: valid_until is before valid_from")
    return Reward(
        id=ident,
        name=_name(raw, "name", ident, required=True) or ident,
        points=_whole(raw.get("points"), f"reward {ident}: points", 1, MAX_POINTS),
        cash=_cash(raw.get("cash"), ident),
        name_zh=_name(raw, "name_zh", ident, required=False),
        stores=_stores(raw.get("stores"), ident),
        valid_from=valid_from,
        valid_until=valid_until,
        stock=(
            None
            if raw.get("stock") is None
            else _whole(raw.get("stock"), f"reward {ident}: stock", 0, MAX_STOCK)
        ),
    )


def rewards_from_document(body: Mapping[str, Any]) -> tuple[Reward, ...]:
    """Every reward of a catalog document; raises ValueError naming the bad value."""
    rewards = body.get("rewards", [])
    if not isinstance(rewards, Sequence) or isinstance(rewards, str):
        raise ValueError("the catalog's rewards are not a list")
    checked = tuple(reward_from_document(r) for r in rewards)
    seen: set[str] = set()
    for reward in checked:
        if reward.id in seen:
            raise ValueError(f"reward id {reward.id} appears twice")
        seen.add(reward.id)
    return checked


def refusal(reward: Reward, store: str, day: dt.date) -> tuple[str, str, tuple[str, ...]] | None:
    """Why ``reward`` cannot be redeemed at ``store`` on ``day``: (reason, template with
    ``%1``.., figures), or None when it can. Stock is not checked here: only the backend
    knows how many are left."""
    if not reward.offered_at(store):
        return "reward_not_here", "This reward is not offered at this store.", ()
    if reward.valid_on(day):
        return None
    start = reward.valid_from.isoformat() if reward.valid_from else "…"
    end = reward.valid_until.isoformat() if reward.valid_until else "…"
    return "reward_not_now", "This reward is offered from %1 to %2.", (start, end)


def _name(raw: Mapping[str, Any], key: str, ident: str, *, required: bool) -> str | None:
    value = raw.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not 1 <= len(value.strip()) <= MAX_NAME:
        raise ValueError(f"reward {ident}: {key} is not 1-{MAX_NAME} characters")
    return value.strip()


def _whole(value: object, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(f"{what} {value!r} is not a whole number")
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{what} {value!r} is not a whole number") from None
    if not low <= number <= high:
        raise ValueError(f"{what} {number} is not within {low}..{high}")
    return number


def _cash(value: object, ident: str) -> Decimal:
    if value is None or value == "":
        return Decimal(0)
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"reward {ident}: cash {value!r} is not an amount") from None
    # The bound first: 1e999 has too many digits to quantize.
    if not amount.is_finite() or not 0 <= amount <= MAX_CASH:
        raise ValueError(f"reward {ident}: cash {value!r} is not an amount 0..{MAX_CASH}")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError(f"reward {ident}: cash {value!r} has more than two decimals")
    return amount


def _stores(value: object, ident: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if not isinstance(value, list) or len(value) > MAX_STORES:
        raise ValueError(f"reward {ident}: stores is not a list of at most {MAX_STORES} ids")
    for store in value:
        if not isinstance(store, str) or not IDENT.match(store):
            raise ValueError(f"reward {ident}: store {store!r} is not a store id")
    return tuple(value)


def _date(raw: Mapping[str, Any], key: str) -> dt.date | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) != 10:
        raise ValueError(f"{key} {value!r} is not a date YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{key} {value!r} is not a date YYYY-MM-DD") from None
