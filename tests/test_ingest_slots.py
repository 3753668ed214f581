"""A backend process verifies and writes at most one batch per core at once (ingest slots):
more only make threads fight for the GIL. The others wait their turn and lose nothing."""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from backend import ingest
from backend.routes.deps import ingest_slots
from tests.fixtures import members
from tests.fixtures.backend import Backend
from tests.fixtures.rogue import Rogue

pytest_plugins = ["tests.fixtures.plugin"]


def test_a_process_has_one_slot_per_core_it_may_run_on():
    slots = ingest_slots(cores=2)
    assert slots.acquire(blocking=False) and slots.acquire(blocking=False)
    assert not slots.acquire(blocking=False)
    assert ingest_slots(cores=0).acquire(blocking=False)  # never none
    default = ingest_slots()
    cores = len(os.sched_getaffinity(0))
    assert all(default.acquire(blocking=False) for _ in range(cores))
    assert not default.acquire(blocking=False)


@pytest.mark.parametrize("backend", ["postgres"], indirect=True)  # SQLite has one writer
def test_more_terminals_than_cores_wait_their_turn_and_lose_nothing(
    backend: Backend, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cores = len(os.sched_getaffinity(0))
    inside, most, lock = 0, 0, threading.Lock()
    real_ingest = ingest.ingest

    def counted(*args, **kwargs):  # the backend runs in this process: its route calls this
        nonlocal inside, most
        with lock:
            inside += 1
            most = max(most, inside)
        try:
            time.sleep(0.2)  # long enough for every other push to arrive meanwhile
            return real_ingest(*args, **kwargs)
        finally:
            with lock:
                inside -= 1

    monkeypatch.setattr(ingest, "ingest", counted)
    # Two more than the slots, within the connection pool (8 + 8) and the thread pool (40);
    # on a machine of more than six cores the bound itself is not reached, the rest is checked.
    count = min(cores, 6) + 2
    phone = members.enrol(backend, "M1")
    terminals = [Rogue(backend, tmp_path / f"t{i}") for i in range(count)]
    bodies = [
        (t, t.seal([t.event(members.award(phone, "10.00", checkout=f"K{i}"))]))
        for i, t in enumerate(terminals)
    ]
    with ThreadPoolExecutor(count) as pool:
        replies = list(pool.map(lambda item: item[0].post(item[1]), bodies))
    assert [r.status_code for r in replies] == [200] * count
    assert [r.json()["accepted"] for r in replies] == [1] * count
    assert most == min(cores, count)
    assert sorted(r.json()["results"][0]["position"] for r in replies) == list(range(1, count + 1))
    assert backend.ledger("M1")["balance"] == 10 * count
