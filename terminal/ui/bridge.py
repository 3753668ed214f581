"""The one object that turns driver and worker callbacks into Qt signals.

Drivers and the background executor call into it from their own threads; Qt queues each
signal to the GUI thread, where widgets and controllers receive it. Nothing here blocks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

from drivers.events import ErrorEvent, Event, ScanEvent, StatusEvent

log = logging.getLogger(__name__)


class Bridge(QObject):
    """Signals for everything that happens off the GUI thread."""

    scanned = Signal(str, str, float)  # source, text, time
    source_status = Signal(str, str, str)  # source, state, message
    source_error = Signal(str, str, str)  # source, kind, message
    _finished = Signal(object, object, object)  # on_done, on_error, future

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._finished.connect(self._deliver)
        # Set at shutdown: results still queued then have no screen to go to.
        self.closed = False

    def driver_sink(self, event: Event) -> None:
        """The ``EventSink`` every scanner source gets; safe to call from any thread."""
        if isinstance(event, ScanEvent):
            self.scanned.emit(event.source, event.text, event.t)
        elif isinstance(event, StatusEvent):
            self.source_status.emit(event.source, event.state, event.message)
        elif isinstance(event, ErrorEvent):
            self.source_error.emit(event.source, event.kind, event.message)

    def finish(
        self,
        future: Future[Any],
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
    ) -> None:
        """Deliver a finished future's result to its callbacks on the GUI thread."""
        try:
            self._finished.emit(on_done, on_error, future)
        except RuntimeError:
            # The window closed while the job ran; its result has nowhere to go.
            log.debug("result of a background task arrived after shutdown")

    def _deliver(self, on_done: Any, on_error: Any, future: Future[Any]) -> None:
        if self.closed:
            return
        error = future.exception()
        if error is None:
            if on_done is not None:
                on_done(future.result())
        elif on_error is not None:
            on_error(error)
        else:
            log.error("background task failed", exc_info=error)


class Tasks:
    """Background lanes: each runs its jobs in order on one thread of its own.

    The counter core keeps SQLite connections that belong to the thread that opened them, so
    every core call goes to the same ``core`` lane. Sync is not a lane: the sync worker has its
    own thread (terminal/ui/controllers/sync.py), so a slow backend never delays a scan.
    """

    def __init__(self, bridge: Bridge, lanes: tuple[str, ...] = ("core", "io")) -> None:
        self._bridge = bridge
        self._lanes = {
            name: ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"ui-{name}")
            for name in lanes
        }
        self._closed = False

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        lane: str = "core",
    ) -> Future[Any] | None:
        """Run ``fn`` on ``lane``; its result or exception comes back on the GUI thread."""
        if self._closed:
            return None
        future = self._lanes[lane].submit(fn)
        future.add_done_callback(lambda f: self._bridge.finish(f, on_done, on_error))
        return future

    def shutdown(self, wait: bool = True) -> None:
        """Finish queued jobs (a committed operation is never cut short) and stop the lanes."""
        self._closed = True
        for executor in self._lanes.values():
            executor.shutdown(wait=wait, cancel_futures=False)
