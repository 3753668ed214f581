"""The sync controller: the app's one sync worker, and what it reports, on the GUI thread.

The worker (sync/worker.py) runs in its own thread on its own SQLite connections; it is not a
counter service and opens none. The counter service on the ``core`` lane stays the only
writer of operations. Each turn of the worker comes back here as one ``SyncChange``, which
``changed`` hands to the shell to fan out (status bar, sync screen, member figures, catalog).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from sync.worker import SyncChange, SyncWorker
from terminal.sync_setup import open_worker
from terminal.ui.bridge import Tasks
from terminal.ui.controllers.core_lane import refusal_of

log = logging.getLogger(__name__)

# Joining the worker at shutdown: a round in progress finishes its request (bounded by the
# request timeout); an unsent batch simply stays queued for the next start.
STOP_SECONDS = 15.0


class SyncController(QObject):
    """Starts the worker once the terminal is provisioned, wakes it, relays its changes."""

    changed = Signal(object)  # SyncChange
    failed = Signal(str, str)  # reason, sentence: the worker could not be started
    syncing_changed = Signal(bool)
    _reported = Signal(object)  # SyncChange, emitted in the worker's thread

    def __init__(
        self,
        tasks: Tasks,
        data_dir: Path | None,
        *,
        sync_interval_ms: int = 15000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._data_dir = data_dir
        self._interval = sync_interval_ms / 1000
        self._worker: SyncWorker | None = None
        self._starting = False
        self._closed = threading.Event()
        # Tickets asked for (a button, a commit, the wizard) and who waits for their answer.
        self._waiting: list[tuple[int, Callable[[SyncChange], None] | None]] = []
        self._queued: list[Callable[[SyncChange], None] | None] = []
        self.syncing = False
        self.last_sync: float | None = None
        self.last: SyncChange | None = None
        # What the heartbeat says of the scanner and camera (called on the worker's thread).
        self.devices: Callable[[], tuple[str, str]] | None = None
        self._reported.connect(self._on_report)

    # -- the worker's life ---------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._worker is not None

    def start(self) -> None:
        """Build and start the worker off the GUI thread (it reads the terminal's files)."""
        if self._worker is not None or self._starting:
            return
        self._starting = True
        self._closed.clear()
        self._tasks.run(
            lambda: open_worker(
                self._data_dir,
                interval_seconds=self._interval,
                on_report=self._from_worker,
                devices=self.devices,
            ),
            self._started,
            self._start_failed,
            lane="io",
        )

    def _started(self, worker: SyncWorker) -> None:
        self._starting = False
        if self._closed.is_set():  # the app closed while it was being built
            worker.stop(0)
            return
        self._worker = worker
        # Requests made while it was being built are answered by its first round.
        for on_change in self._queued:
            self._waiting.append((worker.wake(), on_change))
        self._queued.clear()
        worker.start()

    def _start_failed(self, error: BaseException) -> None:
        self._starting = False
        reason, sentence = refusal_of(error)
        log.info("the sync worker cannot start: %s", error)
        queued, self._queued = self._queued, []
        self._set_syncing(False)
        for on_change in queued:
            if on_change is not None:
                on_change(
                    SyncChange(
                        serves=0, round=True, online=False, error=reason, message=str(sentence)
                    )
                )
        self.failed.emit(reason, str(sentence))

    def stop(self) -> None:
        """End the worker's thread after its current round (the app is closing)."""
        self._closed.set()
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.stop(STOP_SECONDS)

    def restart(self) -> None:
        """A new terminal identity (enrolled again): a worker for it, off the GUI thread."""
        worker, self._worker = self._worker, None
        if worker is not None:
            self._tasks.run(lambda: worker.stop(STOP_SECONDS), lane="io")
        self.start()

    # -- asking for a round --------------------------------------------------------------

    def sync_now(self, on_change: Callable[[SyncChange], None] | None = None) -> None:
        """Wake the worker for a round now; ``on_change`` gets the change that answers it."""
        self._set_syncing(True)
        if self._worker is None:
            self._queued.append(on_change)
            self.start()
            return
        self._waiting.append((self._worker.wake(), on_change))

    def note_committed(self, events: int = 1) -> None:
        """An operation was committed: the queue is ``events`` longer until the worker says.

        A change of its own (``round`` False, serving no request) fanned out as the worker's
        are, so the status bar's "to send" counts the operation when the card shows it
        waiting; the worker's own report follows within milliseconds.
        """
        if self.last is None:
            return
        self._on_report(
            replace(self.last, serves=0, round=False, pending=self.last.pending + events)
        )

    # -- what the worker reports ---------------------------------------------------------

    def _from_worker(self, change: SyncChange) -> None:
        """In the worker's thread: hand the change to the GUI thread (a queued signal)."""
        if self._closed.is_set():
            return
        try:
            self._reported.emit(change)
        except RuntimeError:  # the app is gone; nothing to show it on
            log.debug("sync report after shutdown")

    def _on_report(self, change: SyncChange) -> None:
        if self._closed.is_set():
            return
        if change.round and change.error is None:
            self.last_sync = change.at
        if change.error is not None and change.error.startswith("storage") and self.last:
            # A fault says nothing about the queue: keep the figures last read.
            self.last = replace(self.last, online=change.online)
        else:
            self.last = change
        answered = [w for w in self._waiting if w[0] <= change.serves]
        self._waiting = [w for w in self._waiting if w[0] > change.serves]
        if not self._waiting and not self._queued and change.round:
            self._set_syncing(False)
        self.changed.emit(change)
        for _ticket, on_change in answered:
            if on_change is not None:
                on_change(change)

    @property
    def status(self) -> dict[str, Any]:
        """What the status bar and sync screen show, from the latest change."""
        change = self.last
        if change is None:
            return {}
        return status_of(change, self.last_sync)

    def _set_syncing(self, value: bool) -> None:
        if value != self.syncing:
            self.syncing = value
            self.syncing_changed.emit(value)


def status_of(change: SyncChange, last_sync: float | None) -> dict[str, Any]:
    """The status views' fields (views/main_window.py, views/sync.py) from a change."""
    return {
        "online": change.online,
        "pending": change.pending,
        "rejected": change.rejected_total,
        "last_sync": last_sync,
        "clock_offset_seconds": change.clock_offset_ms / 1000,
    }
