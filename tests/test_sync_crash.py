"""Crash test: the terminal is killed with SIGKILL at random moments while it queues awards
and syncs; afterwards the ledger holds every confirmed award exactly once.

Confirmed means the award command printed ``"ok": true`` before it died. An award killed after
its commit but before its print is queued without having been confirmed; it reaches the
ledger too (it is in the outbox), and it is counted, never duplicated.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from config.paths import DataPaths
from sync.client import SyncClient
from sync.http import SignedSession
from sync.outbox import Outbox
from terminal.terminal_identity import load_identity
from tests.fixtures.backend import Backend
from tests.fixtures.terminal import enrol_wallet, next_code, provision

pytest_plugins = ["tests.fixtures.plugin"]

# CRASH_KILLS: fewer for CI's short form of the slow tests (.ci/run); 105 by default.
TARGET_KILLS = int(os.environ.get("CRASH_KILLS", "105"))
TIME_BUDGET_SECONDS = 150
REPO = Path(__file__).resolve().parent.parent


class Lane:
    """Spawns one kind of terminal command again and again, killing each at a random moment."""

    def __init__(self, argv_for: object, rng: random.Random, window: tuple[float, float]) -> None:
        self.argv_for = argv_for
        self.rng = rng
        self.window = window  # kill after this many seconds (startup is ~0.5 s)
        self.kills = 0
        self.runs = 0
        self.outputs: list[tuple[bool, str]] = []  # (killed, stdout)

    def run_once(self) -> None:
        argv = self.argv_for()  # type: ignore[operator]
        proc = subprocess.Popen(
            [sys.executable, "-m", "terminal", *argv],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        killed = False
        try:
            proc.wait(timeout=self.rng.uniform(*self.window))
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            killed = True
        out, _ = proc.communicate(timeout=30)
        self.runs += 1
        self.kills += killed
        self.outputs.append((killed, out))


@pytest.mark.slow
def test_sigkill_while_queueing_and_syncing_loses_and_doubles_nothing(
    backend: Backend, tmp_path: Path
) -> None:
    data_dir = tmp_path / "t1"
    provision(backend, data_dir)
    wallet = enrol_wallet(backend, "CRASH1", tmp_path / "w.json")
    rng = random.Random(int(os.environ.get("CRASH_SEED", "7")))
    codes_lock = threading.Lock()

    def award_argv() -> list[str]:
        with codes_lock:
            return ["award", "--data-dir", str(data_dir), "--amount", "1", next_code(wallet)]

    sync_argv = ["sync", "--data-dir", str(data_dir), "--attempts", "1", "--no-pull"]
    lanes = [
        Lane(award_argv, random.Random(rng.random()), (0.4, 1.0)),
        Lane(lambda: sync_argv, random.Random(rng.random()), (0.3, 1.0)),
    ]
    deadline = time.monotonic() + TIME_BUDGET_SECONDS
    stop = threading.Event()

    def drive(lane: Lane) -> None:
        while not stop.is_set() and time.monotonic() < deadline:
            lane.run_once()
            if sum(x.kills for x in lanes) >= TARGET_KILLS:
                stop.set()

    threads = [threading.Thread(target=drive, args=(lane,)) for lane in lanes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIME_BUDGET_SECONDS + 60)
    kills = sum(lane.kills for lane in lanes)
    assert kills >= TARGET_KILLS - 5, f"only {kills} kills in the time budget"

    confirmed = set()
    for _, out in lanes[0].outputs:
        for line in out.splitlines():
            if line.startswith("{") and json.loads(line).get("ok"):
                confirmed.add(json.loads(line)["event"])

    paths = DataPaths.resolve(data_dir)
    identity = load_identity(paths)
    with Outbox(paths.outbox, identity.terminal) as outbox:
        client = SyncClient(SignedSession(identity.backend, identity.terminal, identity.key))
        for _ in range(5):
            if client.push(outbox).pending == 0:
                break
        assert outbox.pending_count() == 0
        queued = {row[0] for row in outbox._db.execute("SELECT id FROM events")}
        assert outbox.reconciliation() == []

    ledger = backend.ledger("CRASH1")
    in_ledger = [e["event"] for e in ledger["entries"]]
    assert len(in_ledger) == len(set(in_ledger)), "an event was applied twice"
    assert confirmed <= set(in_ledger), "a confirmed award is missing from the ledger"
    assert set(in_ledger) == queued, "the ledger and the terminal's queue disagree"
    unconfirmed = set(in_ledger) - confirmed
    killed_awards = sum(1 for killed, _ in lanes[0].outputs if killed)
    assert len(unconfirmed) <= killed_awards  # only awards killed between commit and print
    assert ledger["balance"] == len(in_ledger)
    assert ledger["flags"] == [], "the hash chain or a code was flagged"
    print(
        f"kills={kills} runs={sum(lane.runs for lane in lanes)} confirmed={len(confirmed)} "
        f"ledger={len(in_ledger)} committed_unconfirmed={len(unconfirmed)}"
    )
