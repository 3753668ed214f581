"""The counter's own points as cash are held at the backend first, as its rewards are.

Before, only the card decided: two counters of a chain, each with the member's card of 900
points, could both give 900 points' worth of money off at once, and the backend could only
reject the second at ingest, after the cashier had taken the money off.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from backend import schema
from terminal.counter.errors import CounterRefused
from terminal.counter.results import Role, Staff
from terminal.counter.service import CounterService
from tests.fixtures.backend import Backend
from tests.fixtures.terminal import award, enrol_wallet, next_code, provision, sync

pytest_plugins = ["tests.fixtures.plugin"]

CASHIER = Staff("c1", "Cashier", Role.CASHIER)


def test_two_counters_cannot_both_spend_the_same_points_as_cash(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    provision(sqlite_backend, tmp_path / "t1")
    provision(sqlite_backend, tmp_path / "t2")
    wallet = enrol_wallet(sqlite_backend, "M1", tmp_path / "w.json")
    award(tmp_path / "t1", wallet, "900")
    sync(tmp_path / "t1")
    balance = sqlite_backend.ledger("M1")["balance"]
    first = CounterService.open(tmp_path / "t1")
    second = CounterService.open(tmp_path / "t2")
    try:
        # The second counter's card says nothing of the first's spend: only the backend knows.
        spent = first.discount(
            first.scan(next_code(wallet), first.new_checkout()), 500, "100", CASHIER
        )
        assert spent.online is True
        view = second.scan(next_code(wallet), second.new_checkout())
        with pytest.raises(CounterRefused) as refused:
            second.discount(view, 500, "100", CASHIER)
        assert refused.value.reason == "insufficient_points"
        assert second.ctx.outbox.pending_count() == 0  # nothing was recorded for it
    finally:
        first.close()
        second.close()
    assert _holds(sqlite_backend) == [500]
    rc, report = sync(tmp_path / "t1")
    assert rc == 0 and report["accepted"] == 1, report
    ledger = sqlite_backend.ledger("M1")
    assert (ledger["balance"], ledger["flags"]) == (balance - 500, [])
    assert _holds(sqlite_backend) == []  # the booked discount holds nothing any more


def _holds(backend: Backend) -> list[int]:
    with backend.engine.begin() as conn:
        return [int(points) for points in conn.execute(select(schema.holds.c.points)).scalars()]
