"""The sync controller: status, pending and rejected events, and sending, off the GUI thread.

It opens its own counter service on the ``sync`` lane, so a slow or unreachable backend
delays only this lane and never a scan or an award on the ``core`` lane (the outbox is SQLite
in WAL mode with a sender lock, so two connections are safe).
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from sync.errors import StorageError
from terminal.ui.bridge import Tasks
from terminal.ui.controllers.counter import ServiceFactory, refusal_of

if TYPE_CHECKING:
    from terminal.counter.service import CounterService

log = logging.getLogger(__name__)


class SyncController(QObject):
    """Polls ``status()``, sends on a timer or on request, lists what the backend rejected."""

    status_changed = Signal(dict)
    sync_done = Signal(dict)
    sync_failed = Signal(str, str)
    reconciliation_ready = Signal(list)
    pending_ready = Signal(list)
    syncing_changed = Signal(bool)

    def __init__(
        self,
        tasks: Tasks,
        factory: ServiceFactory,
        *,
        poll_ms: int = 3000,
        sync_interval_ms: int = 15000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._factory = factory
        self._service: CounterService | None = None
        self._opening = False
        self._polling = False
        self._again = False
        self.syncing = False
        self._last_sync: float | None = None
        self.status: dict[str, Any] = {}
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.refresh)
        self._auto = QTimer(self)
        self._auto.setInterval(sync_interval_ms)
        self._auto.timeout.connect(self.sync_now)

    def start(self) -> None:
        """Open the lane's service, then poll and sync on timers."""
        if self._service is not None or self._opening:
            return
        self._opening = True
        self._tasks.run(self._factory, self._opened, self._open_failed, lane="sync")

    def _opened(self, service: CounterService) -> None:
        self._opening = False
        self._service = service
        self._poll.start()
        self._auto.start()
        self.refresh()

    def _open_failed(self, error: BaseException) -> None:
        self._opening = False
        log.info("sync lane cannot open the counter service: %s", error)

    def stop(self) -> None:
        """Stop the timers and close the lane's service after its current job."""
        self._poll.stop()
        self._auto.stop()

        def close_current() -> None:
            service, self._service = self._service, None
            if service is not None:
                service.close()

        self._tasks.run(close_current, lane="sync")

    def refresh(self) -> None:
        """Ask for the status; while an ask is running, ask once more when it returns."""
        if self._service is None:
            return
        if self._polling:
            self._again = True
            return
        self._polling = True
        self._tasks.run(self._beat_and_status, self._status, self._status_failed, lane="sync")

    def _beat_and_status(self) -> dict[str, Any]:
        """On the sync lane: a heartbeat when one is due, then the status it leads to."""
        service = self._current()
        service.heartbeat_if_idle()
        return dict(service.status())

    def _status(self, status: dict[str, Any]) -> None:
        self._polling = False
        if self._again:
            # Something changed while this answer was on its way: it may be stale.
            self._again = False
            self.refresh()
        merged = dict(status)
        # The core knows the queue and whether the backend answered recently (sync/link.py).
        merged.setdefault("last_sync", self._last_sync)
        self.status = merged
        self.status_changed.emit(self.status)

    def _status_failed(self, error: BaseException) -> None:
        self._polling = False
        self._again = False
        if isinstance(error, StorageError):
            # The technician's screens show it too: a full disk is theirs to fix.
            self.sync_failed.emit(*refusal_of(error))
        log.info("status failed: %s", error)

    def sync_now(self) -> None:
        """Send pending events now; one send at a time."""
        if self._service is None or self.syncing:
            return
        self._set_syncing(True)
        self._tasks.run(
            lambda: sync_once(self._current()), self._synced, self._sync_error, lane="sync"
        )

    def _synced(self, result: dict[str, Any]) -> None:
        self._set_syncing(False)
        if not result.get("error"):
            self._last_sync = time.time()
            self.sync_done.emit(dict(result))
        else:
            self.sync_failed.emit("sync_error", str(result["error"]))
        self.refresh()
        self.load_reconciliation()

    def _sync_error(self, error: BaseException) -> None:
        self._set_syncing(False)
        self.sync_failed.emit(*refusal_of(error))
        self.refresh()

    def _current(self) -> CounterService:
        """The lane's service, read when a job runs."""
        if self._service is None:
            raise RuntimeError("the sync lane is closed")
        return self._service

    def load_reconciliation(self) -> None:
        """Fetch the rejected events with their reasons, and what still waits to be sent."""
        if self._service is None:
            return
        self._tasks.run(
            lambda: list(self._current().reconciliation()),
            self.reconciliation_ready.emit,
            lambda e: log.info("reconciliation failed: %s", e),
            lane="sync",
        )
        self._tasks.run(
            lambda: pending_events(self._current()),
            self.pending_ready.emit,
            lambda e: log.info("listing pending events failed: %s", e),
            lane="sync",
        )

    def _set_syncing(self, value: bool) -> None:
        self.syncing = value
        self.syncing_changed.emit(value)


def pending_events(service: CounterService, limit: int = 100) -> list[Any]:
    """Events not yet accepted by the backend, newest first (``Event`` objects)."""
    return list(service.pending_events(limit))


def sync_once(service: CounterService) -> dict[str, Any]:
    """One push and pull through the core (``downloads_changed`` included)."""
    return dict(service.sync_now())
