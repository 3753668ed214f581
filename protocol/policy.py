"""The loyalty policy the backend publishes: tiers, earn rules, campaigns, offline caps.

One typed view, used by the backend (which publishes it), the sync client (which stores it)
and the counter operations (which apply it). Anything the document leaves out takes the
default below, so a terminal that has never synced still works.

Document (JSON): ``points_per_unit``, ``tiers`` [{name, multiplier, min_spend, privileges}],
``campaigns`` [{name, multiplier, starts, ends, tiers?}], ``min_spend``,
``offline_cap_points``, ``supervisor_cap_points``, ``checkin_points``, ``currency``,
``clock_warn_seconds``, ``max_purchase`` (the largest purchase one award may be for: the
terminal refuses more, the backend rejects more as ``over_max_purchase``);
``tier_multipliers`` {tier: multiplier} is also accepted.

Points as cash (a ``discount`` event): ``points_per_currency_unit`` (points worth one unit of
money, default 100), ``max_discount_share`` (the largest share of a sale points may pay,
default "0.5"), ``max_discount_points_per_sale`` (default 5000; 0 turns points as cash off).
The terminal and the backend both apply ``discount_refusal`` and ``discount_value``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_FLOOR, Decimal, InvalidOperation
from typing import Any


@dataclass(frozen=True)
class Tier:
    """A membership tier: its earn multiplier, its privileges and the yearly spend to reach it."""

    name: str
    multiplier: Decimal = Decimal(1)
    min_spend: Decimal = Decimal(0)
    privileges: tuple[str, ...] = ()


@dataclass(frozen=True)
class Campaign:
    """A time-limited extra multiplier, optionally for some tiers only."""

    name: str
    multiplier: Decimal
    starts: int
    ends: int
    tiers: tuple[str, ...] | None = None

    def applies(self, tier: str, at: float) -> bool:
        return self.starts <= at < self.ends and (self.tiers is None or tier in self.tiers)


DEFAULT_TIERS = (
    Tier("green", Decimal(1), Decimal(0), ("member prices",)),
    Tier("silver", Decimal("1.25"), Decimal(2000), ("member prices", "birthday gift")),
    Tier(
        "gold", Decimal("1.5"), Decimal(8000), ("member prices", "birthday gift", "free delivery")
    ),
    Tier(
        "platinum",
        Decimal(2),
        Decimal(20000),
        ("member prices", "birthday gift", "free delivery", "priority pickup"),
    ),
)


@dataclass(frozen=True)
class Policy:
    """Typed view of the policy document, with documented defaults."""

    version: int = 0
    points_per_unit: Decimal = Decimal(1)
    tiers: tuple[Tier, ...] = DEFAULT_TIERS
    campaigns: tuple[Campaign, ...] = ()
    min_spend: Decimal = Decimal(0)
    offline_cap_points: int = 500
    supervisor_cap_points: int = 2000
    checkin_points: int = 10
    currency: str = "CNY"
    clock_warn_seconds: float = 60.0
    max_purchase: Decimal = Decimal(100000)
    points_per_currency_unit: int = 100
    max_discount_share: Decimal = Decimal("0.5")
    max_discount_points_per_sale: int = 5000

    def tier(self, name: str) -> Tier:
        """The named tier; an unknown tier earns like the base rate."""
        return next((t for t in self.tiers if t.name == name), Tier(name))

    def next_tier(self, name: str) -> Tier | None:
        """The tier above ``name`` by yearly spend, or None at the top."""
        current = self.tier(name)
        higher = [t for t in self.tiers if t.min_spend > current.min_spend]
        return min(higher, key=lambda t: t.min_spend) if higher else None

    def multiplier(self, tier: str, at: float | None = None) -> Decimal:
        """The tier's multiplier times every campaign running at ``at``."""
        value = self.tier(tier).multiplier
        if at is not None:
            for campaign in self.campaigns:
                if campaign.applies(tier, at):
                    value *= campaign.multiplier
        return value

    def points_for(self, amount: Decimal, tier: str, at: float | None = None) -> int:
        """floor(amount) whole units x points per unit x multipliers, rounded down."""
        if amount < self.min_spend:
            return 0
        units = amount.to_integral_value(rounding=ROUND_FLOOR)
        points = units * self.points_per_unit * self.multiplier(tier, at)
        return int(points.to_integral_value(rounding=ROUND_FLOOR))

    def discount_value(self, points: int) -> Decimal:
        """What ``points`` are worth in money: points / rate, exactly (two decimals at most)."""
        return (Decimal(points) / Decimal(self.points_per_currency_unit)).quantize(CENT)

    def discount_refusal(self, points: int, sale_amount: Decimal) -> str | None:
        """Why ``points`` cannot pay part of a sale of ``sale_amount``, None when they can."""
        parts = self.discount_refusal_parts(points, sale_amount)
        if parts is None:
            return None
        template, args = parts
        for number, value in enumerate(args, start=1):
            template = template.replace(f"%{number}", value)
        return template

    def discount_refusal_parts(
        self, points: int, sale_amount: Decimal
    ) -> tuple[str, tuple[str, ...]] | None:
        """``discount_refusal`` as a template with ``%1``.. and its figures, so the counter app
        can translate it and keep the figures (terminal.sentences.Text)."""
        rate = self.points_per_currency_unit
        if self.max_discount_points_per_sale <= 0:
            return "Points cannot be spent as cash under this policy.", ()
        if points <= 0:
            return "Spend at least one point as cash.", ()
        if (Decimal(points) * 100) % rate != 0:
            return (
                "Points as cash go in steps worth 0.01: %1 points are 1 %2.",
                (str(rate), self.currency),
            )
        if points > self.max_discount_points_per_sale:
            return (
                "At most %1 points can pay for one sale.",
                (str(self.max_discount_points_per_sale),),
            )
        share = (sale_amount * self.max_discount_share).quantize(CENT, rounding=ROUND_FLOOR)
        if self.discount_value(points) > share:
            return (
                "Points can pay at most %1 of a sale, here %2 %3 (%4 points).",
                (f"{self.max_discount_share:%}", str(share), self.currency, str(int(share * rate))),
            )
        return None


CENT = Decimal("0.01")


def policy_from_document(version: int, body: Mapping[str, Any]) -> Policy:
    """Build a Policy from the backend's JSON; raises ValueError naming the bad value."""
    try:
        defaults = Policy()
        tiers = tuple(_tier(t) for t in body.get("tiers", ())) or defaults.tiers
        for name, value in dict(body.get("tier_multipliers", {})).items():
            tiers = _with_multiplier(tiers, str(name), _decimal(value))
        return Policy(
            version=version,
            points_per_unit=_decimal(body.get("points_per_unit", defaults.points_per_unit)),
            tiers=tiers,
            campaigns=tuple(_campaign(c) for c in body.get("campaigns", ())),
            min_spend=_decimal(body.get("min_spend", defaults.min_spend)),
            offline_cap_points=int(body.get("offline_cap_points", defaults.offline_cap_points)),
            supervisor_cap_points=int(
                body.get("supervisor_cap_points", defaults.supervisor_cap_points)
            ),
            checkin_points=int(body.get("checkin_points", defaults.checkin_points)),
            currency=str(body.get("currency", defaults.currency)),
            clock_warn_seconds=float(body.get("clock_warn_seconds", defaults.clock_warn_seconds)),
            max_purchase=_decimal(body.get("max_purchase", defaults.max_purchase)),
            points_per_currency_unit=_positive(
                body.get("points_per_currency_unit", defaults.points_per_currency_unit)
            ),
            max_discount_share=_share(body.get("max_discount_share", defaults.max_discount_share)),
            max_discount_points_per_sale=int(
                body.get("max_discount_points_per_sale", defaults.max_discount_points_per_sale)
            ),
        )
    except (InvalidOperation, KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"policy version {version} is invalid: {exc}") from exc


def _tier(raw: Mapping[str, Any]) -> Tier:
    return Tier(
        name=str(raw["name"]),
        multiplier=_decimal(raw.get("multiplier", 1)),
        min_spend=_decimal(raw.get("min_spend", 0)),
        privileges=tuple(str(p) for p in raw.get("privileges", ())),
    )


def _campaign(raw: Mapping[str, Any]) -> Campaign:
    tiers = raw.get("tiers")
    return Campaign(
        name=str(raw["name"]),
        multiplier=_decimal(raw["multiplier"]),
        starts=int(raw["starts"]),
        ends=int(raw["ends"]),
        tiers=tuple(str(t) for t in tiers) if tiers else None,
    )


def _with_multiplier(tiers: tuple[Tier, ...], name: str, value: Decimal) -> tuple[Tier, ...]:
    if any(t.name == name for t in tiers):
        return tuple(replace(t, multiplier=value) if t.name == name else t for t in tiers)
    return (*tiers, Tier(name, value))


def _decimal(value: object) -> Decimal:
    result = Decimal(str(value))
    if not result.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    return result


def _positive(value: object) -> int:
    result = int(str(value))
    if result <= 0:
        raise ValueError(f"{value!r} must be above zero")
    return result


def _share(value: object) -> Decimal:
    result = _decimal(value)
    if not Decimal(0) <= result <= Decimal(1):
        raise ValueError(f"{value!r} is not a share between 0 and 1")
    return result
