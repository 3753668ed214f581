"""The fault matrix over real sockets: a proxy between the terminal and the real backend
drops, delays, breaks or truncates replies; every confirmed event still lands exactly once."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from config.paths import DataPaths
from config.settings import SyncSettings
from sync.client import Backoff, SyncClient
from sync.http import SignedSession
from sync.outbox import Outbox
from sync.state import TerminalState
from terminal.terminal_identity import load_identity
from tests.fixtures import members
from tests.fixtures.backend import Backend
from tests.fixtures.faults import FaultProxy
from tests.fixtures.terminal import provision

pytest_plugins = ["tests.fixtures.plugin"]


class Terminal:
    """A provisioned terminal driven in-process, pointed at any URL."""

    def __init__(self, backend: Backend, data_dir: Path, clock: Callable[[], float] = time.time):
        self.backend = backend
        self.out = provision(backend, data_dir)
        self.paths = DataPaths.resolve(data_dir)
        self.identity = load_identity(self.paths)
        self.clock = clock
        self.outbox = Outbox(self.paths.outbox, self.identity.terminal, clock=clock)
        self.sleeps: list[float] = []
        self.phones: dict[str, members.Phone] = {}

    def queue(self, count: int, member: str = "M1", offset_ms: int = 0) -> list[str]:
        """Awards of 1, 2, 3 ... points (purchases of 1.00, 2.00, ...) with real codes."""
        phone = self.phones.get(member) or members.enrol(self.backend, member)
        self.phones[member] = phone
        return [
            self.outbox.append(members.award(phone, f"{i + 1}.00"), clock_offset_ms=offset_ms).id
            for i in range(count)
        ]

    def client(
        self, url: str, *, timeout: float = 5.0, attempts: int = 4, batch: int = 200
    ) -> SyncClient:
        session = SignedSession(
            url, self.identity.terminal, self.identity.key, timeout=timeout, clock=self.clock
        )
        settings = SyncSettings(batch_max_events=batch)
        return SyncClient(
            session, settings, backoff=Backoff(0.05, 1.0, attempts), sleep=self.sleeps.append
        )


def _port(backend: Backend) -> int:
    return int(backend.url.rsplit(":", 1)[1])


def _ledger_events(backend: Backend, member: str = "M1") -> list[str]:
    return [e["event"] for e in backend.ledger(member)["entries"]]


def test_backend_down_keeps_events_pending_until_it_returns(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    t = Terminal(sqlite_backend, tmp_path / "t1")
    ids = t.queue(3)
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{closed.getsockname()[1]}"  # bound, never listening
        report = t.client(dead).push(t.outbox)
    assert (report.sent, report.pending) == (0, 3)
    assert report.error is not None and report.error.startswith("BackendUnavailable")
    assert len(t.sleeps) == 3 and all(0 <= d <= 1.0 for d in t.sleeps)
    assert t.client(sqlite_backend.url).push(t.outbox).accepted == 3
    assert _ledger_events(sqlite_backend) == ids


def test_a_slow_backend_times_out_and_the_retry_is_applied_once(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    t = Terminal(sqlite_backend, tmp_path / "t1")
    ids = t.queue(2)
    with FaultProxy(_port(sqlite_backend), delay=1.5) as proxy:
        proxy.then("slow")
        report = t.client(proxy.url, timeout=0.5).push(t.outbox)
        proxy.wait_idle()  # the abandoned slow request has reached the backend too
    # The slow request reached the backend and committed; the retry finds duplicates.
    assert report.pending == 0
    assert report.accepted + report.duplicate == 2
    assert _ledger_events(sqlite_backend) == ids


def test_server_errors_are_retried_with_growing_backoff(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    t = Terminal(sqlite_backend, tmp_path / "t1")
    t.queue(4)
    with FaultProxy(_port(sqlite_backend)) as proxy:
        proxy.then("error500", "error500", "error500")
        report = t.client(proxy.url).push(t.outbox)
    assert (report.accepted, report.pending, report.error) == (4, 0, None)
    assert len(t.sleeps) == 3
    assert all(d <= cap for d, cap in zip(t.sleeps, (0.05, 0.1, 0.2), strict=True))


def test_a_reply_lost_after_the_backend_committed_is_applied_exactly_once(
    backend: Backend, tmp_path: Path
) -> None:
    t = Terminal(backend, tmp_path / "t1")
    ids = t.queue(5)
    with FaultProxy(_port(backend)) as proxy:
        proxy.then("drop_reply")
        report = t.client(proxy.url).push(t.outbox)
    assert (report.accepted, report.duplicate, report.pending) == (0, 5, 0)
    assert _ledger_events(backend) == ids
    assert backend.ledger("M1")["balance"] == 1 + 2 + 3 + 4 + 5


def test_a_malformed_reply_is_retried(sqlite_backend: Backend, tmp_path: Path) -> None:
    t = Terminal(sqlite_backend, tmp_path / "t1")
    ids = t.queue(2)
    with FaultProxy(_port(sqlite_backend)) as proxy:
        proxy.then("malformed", "malformed")
        report = t.client(proxy.url).push(t.outbox)
    assert (report.accepted, report.pending) == (2, 0)
    assert _ledger_events(sqlite_backend) == ids


def test_a_malformed_reply_every_time_leaves_the_events_pending(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    t = Terminal(sqlite_backend, tmp_path / "t1")
    t.queue(2)
    with FaultProxy(_port(sqlite_backend), default="malformed") as proxy:
        report = t.client(proxy.url, attempts=3).push(t.outbox)
    assert report.pending == 2 and report.error is not None and "BadReply" in report.error


def test_results_for_part_of_a_batch_send_the_rest_again(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    t = Terminal(sqlite_backend, tmp_path / "t1")
    ids = t.queue(6)
    with FaultProxy(_port(sqlite_backend)) as proxy:
        proxy.then("truncate")
        report = t.client(proxy.url, batch=3).push(t.outbox)
    # The backend took all of the first 3 but answered only 1; the other 2 come back duplicate.
    assert (report.accepted, report.duplicate, report.pending) == (4, 2, 0)
    assert _ledger_events(sqlite_backend) == ids


def test_a_terminal_clock_hours_off_still_syncs_and_warns(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    skew = 3 * 3600.0
    t = Terminal(sqlite_backend, tmp_path / "t1", clock=lambda: time.time() + skew)
    [early] = t.queue(1)  # made before the terminal knew its clock was off
    client = t.client(sqlite_backend.url)
    report = client.push(t.outbox)  # first refused as clock_skew, corrected, sent again
    assert (report.rejected, report.error) == (1, None)
    # Its time is hours after its receipt: not provable, so rejected and flagged.
    assert [(f["kind"], f["event"]) for f in sqlite_backend.ledger("M1")["flags"]] == [
        ("event_in_future", early)
    ]
    with TerminalState(t.paths.state) as state:
        pulled = client.pull(state, t.paths.trust_bundle, bytes.fromhex(t.out["root_public"]))
    assert pulled.clock_warning
    assert pulled.clock_offset_ms == pytest.approx(-skew * 1000, abs=2000)
    # Later events carry the offset, so the backend sees their real time and accepts them.
    [later] = t.queue(1, offset_ms=pulled.clock_offset_ms)
    assert client.push(t.outbox).accepted == 1
    entries = sqlite_backend.ledger("M1")["entries"]
    assert [e["event"] for e in entries] == [later]
    assert abs(entries[0]["corrected_time_ms"] - time.time() * 1000) < 5000
