"""Batches of several terminals that share members, sent at the same moment to the real
backend: balances are changed last, one UPDATE per member in sorted order, so no batch
deadlocks, times out or loses an event, and the balance cache equals the ledger."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import select

from backend import schema
from tests.fixtures import members
from tests.fixtures.backend import Backend
from tests.fixtures.rogue import Rogue

pytest_plugins = ["tests.fixtures.plugin"]

TERMINALS, EVENTS, SHARED = 4, 30, 5


def test_terminals_sharing_members_at_once_lose_nothing(backend: Backend, tmp_path: Path) -> None:
    terminals = [Rogue(backend, tmp_path / f"t{i}") for i in range(TERMINALS)]
    phones = [members.enrol(backend, f"M{i}") for i in range(SHARED)]
    # Each terminal's batch touches the members in a different order.
    bodies = []
    for n, terminal in enumerate(terminals):
        order = phones[n:] + phones[:n]
        events = [
            terminal.event(members.award(order[i % SHARED], f"{i + 1}.00", checkout=f"K{n}-{i}"))
            for i in range(EVENTS)
        ]
        bodies.append((terminal, terminal.seal(events), sum(e.points for e in events)))
    with ThreadPoolExecutor(TERMINALS) as pool:
        replies = list(pool.map(lambda item: item[0].post(item[1]), bodies))
    assert [r.status_code for r in replies] == [200] * TERMINALS
    assert [r.json()["accepted"] for r in replies] == [EVENTS] * TERMINALS
    ledger_total = 0
    with backend.engine.begin() as conn:
        cached = dict(conn.execute(select(schema.members.c.id, schema.members.c.balance)).all())
    for phone in phones:
        report = backend.ledger(phone.member)
        assert cached[phone.member] == report["balance"]
        ledger_total += report["balance"]
    assert ledger_total == sum(points for _, _, points in bodies)
