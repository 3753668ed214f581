"""A catalog reward's stores, dates and stock, for online authorisation and for ingest.

The counter already offers a reward only at its stores and within its dates, and refuses a
stocked one offline (terminal/counter/redeem.py); a terminal may be old, wrong or hostile, so
both doors of the ledger check again here. Stock is counted as holds are
(backend/holds.py): every accepted redemption of the reward less those voided, plus every
live online approval whose event has not arrived. Both callers lock the current catalog's row
first when a reward has stock, so two decisions about the last one take turns.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.engine import Connection

from backend import downstream, schema
from backend.holds import ACCEPTED
from backend.sql import lock_row
from protocol.catalog import Reward, reward_from_document
from protocol.events import Event

# The store's local day lies within a day of the UTC date (time zones span UTC-12 to UTC+14).
DAY_SLACK = dt.timedelta(days=1)


class RewardRefused(Exception):
    """The reward may not be redeemed: a documented reason, a sentence, and figures."""

    def __init__(self, reason: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.extra = extra


def check_place_and_day(reward: Reward, store: str, days: Sequence[dt.date]) -> None:
    """Offered at ``store`` on one of ``days`` (the event's day, or the days it may be)."""
    if not reward.offered_at(store):
        raise RewardRefused("reward_not_here", f"reward {reward.id} is not offered at {store}")
    if not any(reward.valid_on(day) for day in days):
        start, end = reward.valid_from or "…", reward.valid_until or "…"
        raise RewardRefused(
            "reward_not_now", f"reward {reward.id} is offered from {start} to {end}, not then"
        )


def possible_days(day: str | None, utc_day: dt.date) -> list[dt.date]:
    """The store's local day: the one named (within a day of ``utc_day``), else any it may be."""
    if day is None:
        return [utc_day - DAY_SLACK, utc_day, utc_day + DAY_SLACK]
    try:
        named = dt.date.fromisoformat(str(day))
    except ValueError:
        raise RewardRefused("bad_day", f"{str(day)[:40]!r} is not a date") from None
    if abs(named - utc_day) > DAY_SLACK:
        raise RewardRefused("bad_day", f"{named} is not the event's day in any time zone")
    return [named]


def used(conn: Connection, reward_id: str, now: int, *, besides: Iterable[str] = ()) -> int:
    """Redemptions of the reward that count against its stock: accepted and not voided, or
    approved online and on their way (an approval whose time ran out holds nothing).
    ``besides``: events not to count (those being decided now)."""
    skip = set(besides)
    events = schema.events
    pattern = f'%"reward":"{reward_id}"%'  # canonical JSON; confirmed below
    accepted = {
        str(row.id)
        for row in conn.execute(
            select(events.c.id, events.c.body).where(
                events.c.kind == "redeem",
                events.c.status == ACCEPTED,
                events.c.body.like(pattern),
            )
        )
        if _names(json.loads(row.body).get("details"), reward_id)
    }
    voided = {
        str(ref)
        for ref in conn.execute(
            select(events.c.ref_event).where(
                events.c.kind == "void",
                events.c.status == ACCEPTED,
                events.c.ref_event.in_(sorted(accepted)),
            )
        ).scalars()
    }
    approvals = schema.authorisations
    live = {
        str(row.event)
        for row in conn.execute(
            select(approvals.c.event, approvals.c.reply).where(
                approvals.c.kind == "redeem",
                approvals.c.expires_at >= now,
                approvals.c.reply.like(f"%{reward_id}%"),
                ~exists().where(events.c.id == approvals.c.event),
            )
        )
        if json.loads(row.reply).get("reward") == reward_id
    }
    return len((accepted - voided - skip) | (live - skip))


def check_stock(conn: Connection, reward: Reward, now: int, besides: Iterable[str] = ()) -> None:
    """One more redemption of ``reward`` fits in its stock (none given: unlimited)."""
    if reward.stock is None:
        return
    lock_row(conn, schema.documents, "catalog")
    count = used(conn, reward.id, now, besides=besides)
    if count + 1 > reward.stock:
        raise RewardRefused(
            "out_of_stock",
            f"reward {reward.id}: {count} of {reward.stock} already redeemed or held",
            stock=reward.stock,
        )


def check_batch(
    conn: Connection,
    redemptions: Sequence[Event],
    store: str,
    catalogs: Mapping[int, Mapping[str, Mapping[str, Any]]],
    now_ms: int,
    refuse: Callable[[Event, str, str], None],
) -> None:
    """Ingest: each redemption of a batch (checked otherwise) at its store, on its day, within
    stock counting those before it in the batch; ``refuse`` rejects and flags one."""
    if not redemptions:
        return
    _, current = downstream.document(conn, "catalog")
    stocked = {r.get("id"): r for r in current.get("rewards", []) if isinstance(r, Mapping)}
    ours = {e.id for e in redemptions}
    counted: dict[str, int] = {}
    for event in redemptions:
        reward_id = str(event.details.get("reward"))
        named = catalogs.get(event.catalog_version or 0, {}).get(reward_id)
        try:
            if named is not None:
                corrected = event.local_time_ms + event.clock_offset_ms
                utc_day = dt.datetime.fromtimestamp(corrected / 1000, dt.UTC).date()
                days = possible_days(event.details.get("day"), utc_day)
                check_place_and_day(read_reward(named), store, days)
            now_stock = stocked.get(reward_id)
            reward = read_reward(now_stock) if now_stock is not None else None
            if reward is not None and reward.stock is not None:
                before = counted.get(reward_id, 0)
                check_stock(conn, _less(reward, before), now_ms // 1000, besides=ours)
                counted[reward_id] = before + 1
        except RewardRefused as refused:
            refuse(event, refused.reason, refused.message)


def read_reward(raw: Mapping[str, Any]) -> Reward:
    """A catalog entry as protocol/catalog.py reads it."""
    try:
        return reward_from_document(raw)
    except ValueError:
        # Published before the catalog was checked: read what can be read, as before.
        return Reward(str(raw.get("id")), str(raw.get("name")), 1)


def _less(reward: Reward, taken: int) -> Reward:
    """The reward with ``taken`` fewer left: earlier redemptions of the same batch."""
    return replace(reward, stock=max(-1, (reward.stock or 0) - taken))


def _names(details: object, reward_id: str) -> bool:
    return isinstance(details, dict) and details.get("reward") == reward_id
