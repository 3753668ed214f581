"""The office's reports: SQL aggregates over the ledger, members, flags and the audit trail.

Every figure is one parameterised SQLAlchemy Core query grouped in the database; Python only
turns day numbers into dates and adds the running balances of the liability report. Days
are UTC. Activity (points per day, offline share) is dated when it happened at the counter
(``corrected_time_ms``); the liability is dated when the backend booked it
(``recorded_at_ms``), so a closed day's figures never change when a late sync arrives.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, case, cast, func, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from backend import schema
from backend.console.member_actions import OFFICE

DAY_MS = 86_400_000
WEEK = 7 * 86400
MONDAY = 4 * 86400  # 1970-01-01 was a Thursday: weeks here start on Mondays
PERIODS = (30, 365)
# An operation that reached the backend this long after it happened was made offline: a
# connected terminal's sync worker sends within a minute or two.
OFFLINE_AFTER_MS = 5 * 60 * 1000
EARN_KINDS = ("award", "checkin")
SPEND_KINDS = ("redeem", "discount", "pickup", "coupon")
REVERSAL_KINDS = ("refund", "void")


@dataclass(frozen=True)
class Period:
    """Whole UTC days [first_day, last_day], as day numbers since 1970-01-01."""

    first_day: int
    last_day: int

    @classmethod
    def last(cls, days: int, now: float | None = None) -> Period:
        """The last ``days`` days up to and including today."""
        today = int(time.time() if now is None else now) // 86400
        return cls(today - days + 1, today)

    @property
    def start_ms(self) -> int:
        return self.first_day * DAY_MS

    @property
    def end_ms(self) -> int:
        return (self.last_day + 1) * DAY_MS

    def days(self) -> list[int]:
        """Every day of the period, in order."""
        return list(range(self.first_day, self.last_day + 1))


def day_text(day: int) -> str:
    """A day number as YYYY-MM-DD."""
    return time.strftime("%Y-%m-%d", time.gmtime(day * 86400))


def _sum_if(condition: ColumnElement[bool], value: Any) -> Any:
    return func.coalesce(func.sum(case((condition, value), else_=0)), 0)


def _store_filter(column: Any, store: str) -> list[ColumnElement[bool]]:
    return [column == store] if store else []


def points_per_day(conn: Connection, period: Period, store: str = "") -> list[dict[str, Any]]:
    """Per day and store: points issued (earned), redeemed for rewards, and paid as cash."""
    ledger = schema.ledger
    day = (ledger.c.corrected_time_ms // DAY_MS).label("day")
    rows = conn.execute(
        select(
            day,
            ledger.c.store,
            _sum_if(ledger.c.kind.in_(EARN_KINDS), ledger.c.points).label("issued"),
            _sum_if(ledger.c.kind == "redeem", -ledger.c.points).label("redeemed"),
            _sum_if(ledger.c.kind == "discount", -ledger.c.points).label("cash"),
        )
        .where(
            ledger.c.corrected_time_ms >= period.start_ms,
            ledger.c.corrected_time_ms < period.end_ms,
            *_store_filter(ledger.c.store, store),
        )
        .group_by(day, ledger.c.store)
        .order_by(day, ledger.c.store)
    ).all()
    return [
        {
            "day": day_text(int(r.day)),
            "store": r.store,
            "issued": int(r.issued),
            "redeemed": int(r.redeemed),
            "cash": int(r.cash),
        }
        for r in rows
    ]


def daily_totals(
    rows: Iterable[dict[str, Any]], period: Period, fields: tuple[str, ...]
) -> dict[str, list[int]]:
    """Each field summed over stores for every day of the period (0 on a quiet day)."""
    index = {day_text(d): i for i, d in enumerate(period.days())}
    totals = {f: [0] * len(index) for f in fields}
    for row in rows:
        for f in fields:
            totals[f][index[row["day"]]] += int(row[f])
    return totals


def stores(conn: Connection) -> list[str]:
    """Every store with a terminal or a ledger entry."""
    t, ledger = schema.terminals, schema.ledger
    names = set(conn.execute(select(t.c.store).distinct()).scalars())
    names |= set(conn.execute(select(ledger.c.store).distinct()).scalars())
    return sorted(names)


def tier_mix(conn: Connection) -> list[dict[str, Any]]:
    """How many members are in each tier now."""
    m = schema.members
    rows = conn.execute(
        select(m.c.tier, func.count().label("members")).group_by(m.c.tier).order_by(m.c.tier)
    ).all()
    return [{"tier": r.tier, "members": int(r.members)} for r in rows]


def tier_moves(conn: Connection, period: Period) -> list[dict[str, Any]]:
    """Tier changes the office made in the period (audited ``set_tier``), by from and to."""
    a = schema.audit_log
    rows = conn.execute(
        select(a.c.before, a.c.after, func.count().label("moves"))
        .where(
            a.c.action == "set_tier",
            a.c.at >= period.start_ms // 1000,
            a.c.at < period.end_ms // 1000,
        )
        .group_by(a.c.before, a.c.after)
    ).all()
    moves: dict[tuple[str, str], int] = defaultdict(int)
    for r in rows:  # the JSON texts were grouped in SQL; only the labels are read here
        before = (json.loads(r.before) or {}).get("tier") if r.before else None
        after = json.loads(r.after or "{}").get("tier")
        moves[(str(before or "—"), str(after))] += int(r.moves)
    return [{"from": f, "to": t, "moves": n} for (f, t), n in sorted(moves.items())]


def redemptions_by_reward(conn: Connection, period: Period) -> list[dict[str, Any]]:
    """Rewards redeemed in the period: how many times and for how many points."""
    ledger, events = schema.ledger, schema.events
    reward = _json_text(conn, events.c.body, "details", "reward").label("reward")
    rows = conn.execute(
        select(
            reward, func.count().label("redemptions"), func.sum(-ledger.c.points).label("points")
        )
        .select_from(ledger.join(events, events.c.id == ledger.c.event))
        .where(
            ledger.c.kind == "redeem",
            ledger.c.corrected_time_ms >= period.start_ms,
            ledger.c.corrected_time_ms < period.end_ms,
        )
        .group_by(reward)
        .order_by(func.count().desc(), reward)
    ).all()
    return [
        {"reward": r.reward or "?", "redemptions": int(r.redemptions), "points": int(r.points)}
        for r in rows
    ]


def _json_text(conn: Connection, column: Any, *path: str) -> Any:
    """A text field inside a JSON text column, in this database's own JSON functions."""
    if conn.dialect.name == "postgresql":
        return func.jsonb_extract_path_text(cast(column, JSONB), *path)
    return func.json_extract(column, "$." + ".".join(path))


def offline_share(conn: Connection, period: Period) -> list[dict[str, Any]]:
    """Per day: counter operations, those made offline, and the sync delay (mean, longest)."""
    ledger = schema.ledger
    day = (ledger.c.corrected_time_ms // DAY_MS).label("day")
    delay = ledger.c.recorded_at_ms - ledger.c.corrected_time_ms
    rows = conn.execute(
        select(
            day,
            func.count().label("operations"),
            _sum_if(delay > OFFLINE_AFTER_MS, 1).label("offline"),
            func.avg(delay).label("mean_delay_ms"),
            func.max(delay).label("max_delay_ms"),
        )
        .where(
            ledger.c.terminal != OFFICE,
            ledger.c.corrected_time_ms >= period.start_ms,
            ledger.c.corrected_time_ms < period.end_ms,
        )
        .group_by(day)
        .order_by(day)
    ).all()
    return [
        {
            "day": day_text(int(r.day)),
            "operations": int(r.operations),
            "offline": int(r.offline),
            "offline_percent": round(100 * int(r.offline) / int(r.operations), 1),
            "mean_delay_s": round(max(float(r.mean_delay_ms), 0) / 1000, 1),
            "max_delay_s": round(max(int(r.max_delay_ms), 0) / 1000, 1),
        }
        for r in rows
    ]


def flags_per_week(conn: Connection, period: Period) -> list[dict[str, Any]]:
    """Flags raised per week (starting Mondays) and kind."""
    f = schema.flags
    week = ((f.c.at - MONDAY) // WEEK).label("week")
    rows = conn.execute(
        select(week, f.c.kind, func.count().label("flags"))
        .where(f.c.at >= period.start_ms // 1000, f.c.at < period.end_ms // 1000)
        .group_by(week, f.c.kind)
        .order_by(week, f.c.kind)
    ).all()
    return [
        {
            "week": day_text((int(r.week) * WEEK + MONDAY) // 86400),
            "kind": r.kind,
            "flags": int(r.flags),
        }
        for r in rows
    ]


def liability(
    conn: Connection, period: Period, value_per_point: Decimal, store: str = ""
) -> list[dict[str, Any]]:
    """Per day and store: opening and closing outstanding points, what moved, and the money.

    earned: awards and check-ins; reversed: refunds and voids taking earned points back;
    redeemed: points spent (rewards, points as cash); refunded: points given back by a
    reversed redemption; adjusted: the office's adjustments. closing = opening + earned +
    reversed - redeemed + refunded + adjusted (reversed is negative).
    """
    ledger = schema.ledger
    where = _store_filter(ledger.c.store, store)
    opening = dict(
        conn.execute(
            select(ledger.c.store, func.sum(ledger.c.points))
            .where(ledger.c.recorded_at_ms < period.start_ms, *where)
            .group_by(ledger.c.store)
        ).all()
    )
    day = (ledger.c.recorded_at_ms // DAY_MS).label("day")
    reversal = ledger.c.kind.in_(REVERSAL_KINDS)
    rows = conn.execute(
        select(
            day,
            ledger.c.store,
            _sum_if(ledger.c.kind.in_(EARN_KINDS), ledger.c.points).label("earned"),
            _sum_if(and_(reversal, ledger.c.points < 0), ledger.c.points).label("reversed"),
            _sum_if(ledger.c.kind.in_(SPEND_KINDS), -ledger.c.points).label("redeemed"),
            _sum_if(and_(reversal, ledger.c.points > 0), ledger.c.points).label("refunded"),
            _sum_if(ledger.c.kind == "adjust", ledger.c.points).label("adjusted"),
        )
        .where(
            ledger.c.recorded_at_ms >= period.start_ms,
            ledger.c.recorded_at_ms < period.end_ms,
            *where,
        )
        .group_by(day, ledger.c.store)
        .order_by(day, ledger.c.store)
    ).all()
    running = {str(s): int(v) for s, v in opening.items()}
    out = []
    for r in rows:
        before = running.get(r.store, 0)
        moved = int(r.earned) + int(r.reversed) - int(r.redeemed) + int(r.refunded)
        closing = before + moved + int(r.adjusted)
        running[r.store] = closing
        out.append(
            {
                "day": day_text(int(r.day)),
                "store": r.store,
                "opening": before,
                "earned": int(r.earned),
                "reversed": int(r.reversed),
                "redeemed": int(r.redeemed),
                "refunded": int(r.refunded),
                "adjusted": int(r.adjusted),
                "closing": closing,
                "liability": str((Decimal(closing) * value_per_point).quantize(Decimal("0.01"))),
            }
        )
    return out


def outstanding_by_day(rows: list[dict[str, Any]], period: Period, opening: int) -> list[int]:
    """Closing outstanding points of all stores together, for every day of the period."""
    change: dict[str, int] = defaultdict(int)
    for row in rows:
        change[row["day"]] += row["closing"] - row["opening"]
    series, total = [], opening
    for d in period.days():
        total += change.get(day_text(d), 0)
        series.append(total)
    return series


def opening_total(conn: Connection, period: Period, store: str = "") -> int:
    """Outstanding points of all stores (or one) when the period starts."""
    ledger = schema.ledger
    return int(
        conn.execute(
            select(func.coalesce(func.sum(ledger.c.points), 0)).where(
                ledger.c.recorded_at_ms < period.start_ms,
                *_store_filter(ledger.c.store, store),
            )
        ).scalar_one()
    )
