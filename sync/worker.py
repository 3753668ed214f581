"""The background sync worker: push and pull every ``interval_seconds`` in its own thread.

The worker opens its own outbox and state connections (SQLite connections stay in the thread
that made them) and reports each round through ``on_report``, which runs in the worker
thread: a Qt app forwards it to the GUI thread through its bridge. ``wake()`` asks for a round
now, e.g. right after an operation was queued.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
        on_report: Callable[[dict[str, Any]], None] | None = None,
    ) -> None:
        self.client = client
        self.files = files
        self.interval = interval_seconds
        self.on_report = on_report
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
        return report

    def _run(self) -> None:
        with (
            Outbox(self.files.outbox, self.files.terminal) as outbox,
            TerminalState(self.files.state) as state,
        ):
            while not self._stop.is_set():
                try:
                    report = self.run_once(outbox, state)
                except SyncError as exc:  # the disk: report it, try again next round
                    log.error("sync round failed: %s", exc)
                    report = {"error": f"{type(exc).__name__}: {exc}"}
                if self.on_report is not None:
                    self.on_report(report)
                self._wake.wait(self.interval)
                self._wake.clear()
