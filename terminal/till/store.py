"""The sales the tills opened, and the answers they were given, in ``till.sqlite``.

A sale row carries everything the terminal needs after a crash: the member's view as
identified (with the code and checkout its events must carry) and the state. Each answer is
kept with the hash of the request that produced it, so a repeated request gets the same
answer and a different request for a used ``sale_ref`` is told apart (409).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sync.sqlite_util import connect, storage_errors
from terminal.till.schema import TILL_SCHEMA

OPEN_STATES = ("awaiting_member", "identified")


@dataclass(frozen=True)
class Sale:
    till: str
    sale_ref: str
    state: str
    amount: str
    currency: str
    opened_at: float
    deadline: float
    member_view: dict[str, Any] | None
    result: dict[str, Any] | None
    held_points: int = 0
    held_reward: str | None = None
    held_reward_points: int = 0
    # The event ids the backend's authorisation holds the reward and the points under.
    reward_event: str | None = None
    discount_event: str | None = None


class SaleStore:
    """Sales by (till, sale_ref); one connection, used under the API's lock."""

    def __init__(self, path: Path) -> None:
        self.db: sqlite3.Connection = connect(path, TILL_SCHEMA)

    @storage_errors
    def get(self, till: str, sale_ref: str) -> Sale | None:
        row = self.db.execute(
            "SELECT till, sale_ref, state, amount, currency, opened_at, deadline, member_view, "
            "result, held_points, held_reward, held_reward_points, reward_event, discount_event "
            "FROM sales "
            "WHERE till = ? AND sale_ref = ?",
            (till, sale_ref),
        ).fetchone()
        if row is None:
            return None
        return Sale(
            till=str(row[0]),
            sale_ref=str(row[1]),
            state=str(row[2]),
            amount=str(row[3]),
            currency=str(row[4]),
            opened_at=float(row[5]),
            deadline=float(row[6]),
            member_view=_load(row[7]),
            result=_load(row[8]),
            held_points=int(row[9]),
            held_reward=None if row[10] is None else str(row[10]),
            held_reward_points=int(row[11]),
            reward_event=None if row[12] is None else str(row[12]),
            discount_event=None if row[13] is None else str(row[13]),
        )

    @storage_errors
    def open(self, sale: Sale) -> None:
        self.db.execute(
            "INSERT INTO sales (till, sale_ref, state, amount, currency, opened_at, deadline) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                sale.till,
                sale.sale_ref,
                sale.state,
                sale.amount,
                sale.currency,
                sale.opened_at,
                sale.deadline,
            ),
        )

    @storage_errors
    def identify(self, till: str, sale_ref: str, view: dict[str, Any]) -> None:
        self.db.execute(
            "UPDATE sales SET state = 'identified', member_view = ?, member = ? "
            "WHERE till = ? AND sale_ref = ? AND state IN ('awaiting_member', 'identified')",
            (json.dumps(view, default=str), str(view["member"]), till, sale_ref),
        )

    @storage_errors
    def hold(self, till: str, sale_ref: str, points: int, event: str | None = None) -> None:
        """Hold ``points`` as cash for an open sale (replacing what it held)."""
        self.db.execute(
            "UPDATE sales SET held_points = ?, discount_event = ? WHERE till = ? AND sale_ref = ?",
            (points, event, till, sale_ref),
        )

    @storage_errors
    def hold_reward(
        self, till: str, sale_ref: str, reward: str, points: int, event: str | None = None
    ) -> None:
        """Hold a catalog reward for an open sale (one a sale, as one a checkout code)."""
        self.db.execute(
            "UPDATE sales SET held_reward = ?, held_reward_points = ?, reward_event = ? "
            "WHERE till = ? AND sale_ref = ?",
            (reward, points, event, till, sale_ref),
        )

    @storage_errors
    def held_for(self, member: str, but: tuple[str, str]) -> int:
        """Points ``member`` holds for open sales other than ``but`` (till, sale_ref)."""
        row = self.db.execute(
            "SELECT COALESCE(SUM(held_points + held_reward_points), 0) FROM sales WHERE member = ? "
            "AND state IN ('awaiting_member', 'identified') AND NOT (till = ? AND sale_ref = ?)",
            (member, *but),
        ).fetchone()
        return int(row[0])

    @storage_errors
    def open_sales(self) -> list[Sale]:
        """Every open sale, oldest first (the terminal's screen shows them)."""
        rows = self.db.execute(
            "SELECT till, sale_ref FROM sales WHERE state IN ('awaiting_member', 'identified') "
            "ORDER BY opened_at"
        ).fetchall()
        return [s for s in (self.get(t, r) for t, r in rows) if s is not None]

    @storage_errors
    def finish(self, till: str, sale_ref: str, state: str, result: dict[str, Any]) -> None:
        """Move a sale to ``state`` (confirmed, cancelled, refunded) with its result."""
        self.db.execute(
            # Closing a sale releases what it held.
            "UPDATE sales SET state = ?, result = ?, held_points = 0, held_reward_points = 0 "
            "WHERE till = ? AND sale_ref = ?",
            (state, json.dumps(result, default=str), till, sale_ref),
        )

    @storage_errors
    def awaiting_member(self) -> list[Sale]:
        """Open sales without a member, oldest first: the terminal's scan identifies the first."""
        rows = self.db.execute(
            "SELECT till, sale_ref FROM sales WHERE state = 'awaiting_member' ORDER BY opened_at"
        ).fetchall()
        return [s for s in (self.get(t, r) for t, r in rows) if s is not None]

    @storage_errors
    def overdue(self, now: float) -> list[tuple[str, str]]:
        """Open sales past their deadline."""
        rows = self.db.execute(
            "SELECT till, sale_ref FROM sales WHERE state IN ('awaiting_member', 'identified') "
            "AND deadline <= ?",
            (now,),
        ).fetchall()
        return [(str(t), str(r)) for t, r in rows]

    @storage_errors
    def answer(self, till: str, sale_ref: str, op: str) -> tuple[str, int, dict[str, Any]] | None:
        """The answer already given to ``op`` on this sale: (request hash, status, body)."""
        row = self.db.execute(
            "SELECT request_hash, status, body FROM answers "
            "WHERE till = ? AND sale_ref = ? AND op = ?",
            (till, sale_ref, op),
        ).fetchone()
        return None if row is None else (str(row[0]), int(row[1]), json.loads(row[2]))

    @storage_errors
    def remember(
        self,
        till: str,
        sale_ref: str,
        op: str,
        request_hash: str,
        status: int,
        body: dict[str, Any],
    ) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO answers (till, sale_ref, op, request_hash, status, body) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (till, sale_ref, op, request_hash, status, json.dumps(body, default=str)),
        )

    def close(self) -> None:
        self.db.close()


def _load(text: str | None) -> dict[str, Any] | None:
    return None if text is None else dict(json.loads(text))
