"""The background sync worker: push and pull every ``interval_seconds`` in its own thread.

The worker opens its own outbox and state connections (SQLite connections stay in the thread
that made them) and reports each round through ``on_report``, which runs in the worker
thread: a Qt app forwards it to the GUI thread through its bridge. ``wake()`` asks for a round
now, e.g. right after an operation was queued.

After every round, and every ``heartbeat_seconds`` while idle, it sends a heartbeat
(``POST /v1/heartbeat``, docs/counter.md): the backend learns the terminal's health, and the
terminal learns within ``online_timeout + heartbeat`` that the backend went away even with
nothing queued (sync/link.py).
"""

from __future__ import annotations

import importlib.metadata
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crypto.errors import BundleRejected
from crypto.trust import TrustStore
from sync.client import SyncClient
from sync.errors import OutboxBusy, SyncError
from sync.outbox import Outbox
from sync.state import TerminalState

log = logging.getLogger("loyalty_sync")


@dataclass(frozen=True)
class WorkerFiles:
    """The terminal's files the worker reads and writes."""

    outbox: Path
    state: Path
    trust_bundle: Path
    pinned_root: bytes
    terminal: str


class SyncWorker:
    """One thread; ``start()``, then ``stop()`` when the app closes."""

    def __init__(
        self,
        client: SyncClient,
        files: WorkerFiles,
        *,
        interval_seconds: float,
        heartbeat_seconds: float | None = None,
        on_report: Callable[[dict[str, Any]], None] | None = None,
        devices: Callable[[], tuple[str, str]] | None = None,
    ) -> None:
        self.client = client
        self.files = files
        self.interval = interval_seconds
        self.heartbeat = heartbeat_seconds or client.settings.heartbeat_seconds
        self.on_report = on_report
        # (scanner, camera): "ok", "absent", "off" or "error: <short text>".
        self.devices = devices or (lambda: ("absent", "absent"))
        self.last_error: str | None = None
        client.link.fresh_for = client.settings.online_timeout_seconds + self.heartbeat
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sync-worker", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        """Sync now instead of at the next interval."""
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the current round and end the thread."""
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def run_once(self, outbox: Outbox, state: TerminalState) -> dict[str, Any]:
        """One round: push, then pull; never raises for a network or backend problem."""
        try:
            report = self.client.push(outbox).to_json()
        except OutboxBusy:
            report = {"error": "busy", "pending": outbox.pending_count()}
        if report.get("error") is None:
            pulled = self.client.pull(state, self.files.trust_bundle, self.files.pinned_root)
            report |= {
                "versions": pulled.versions,
                "clock_offset_ms": pulled.clock_offset_ms,
                "clock_warning": pulled.clock_warning,
                "pull_errors": pulled.errors,
            }
        self.last_error = report.get("error")
        self.beat(outbox, state)
        report["online"] = self.client.link.online()
        return report

    def beat(self, outbox: Outbox, state: TerminalState) -> bool:
        """Send one heartbeat; whether the backend answered (a 404 counts)."""
        self.client.heartbeat(self.health(outbox, state))
        return self.client.link.online()

    def health(self, outbox: Outbox, state: TerminalState) -> dict[str, Any]:
        """The heartbeat's body (docs/counter.md); no codes, keys or staff in it."""
        oldest = outbox.oldest_pending_ms()
        scanner, camera = self.devices()
        return {
            "app_version": _app_version(),
            "bundle_version": self._bundle_version(),
            "policy_version": state.version("policy"),
            "catalog_version": state.version("catalog"),
            "pending": outbox.pending_count(),
            "oldest_pending_age_seconds": None
            if oldest is None
            else max(0, int(time.time() - oldest / 1000)),
            "last_error": self.last_error,
            "clock_offset_ms": state.clock_offset_ms(),
            "scanner": scanner,
            "camera": camera,
        }

    def _bundle_version(self) -> int:
        try:
            raw = self.files.trust_bundle.read_bytes()
            return TrustStore.from_bundle(raw, self.files.pinned_root).version
        except (OSError, ValueError, BundleRejected):
            return 0

    def _run(self) -> None:
        with (
            Outbox(self.files.outbox, self.files.terminal) as outbox,
            TerminalState(self.files.state) as state,
        ):
            next_round = time.monotonic()
            while not self._stop.is_set():
                woken = self._wake.is_set()
                self._wake.clear()
                try:
                    if woken or time.monotonic() >= next_round:
                        report = self.run_once(outbox, state)
                        next_round = time.monotonic() + self.interval
                    else:  # idle: only the heartbeat, so the indicator stays true
                        report = {"heartbeat": True, "online": self.beat(outbox, state)}
                except SyncError as exc:  # the disk: report it, try again next round
                    log.error("sync round failed: %s", exc)
                    report = {"error": f"{type(exc).__name__}: {exc}"}
                    self.last_error = report["error"]
                if self.on_report is not None:
                    self.on_report(report)
                wait = min(self.heartbeat, max(0.0, next_round - time.monotonic()))
                self._wake.wait(wait)


def _app_version() -> str:
    try:
        return importlib.metadata.version("loyalty-terminal")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"
