"""The till API inside the counter app, on the app's one core, and its sale on the glass.

``[till] listen`` serves the till API (terminal/till) from the app's CounterService: every
request runs on the ``core`` lane, like the cashier's own operations, so the till and the
counter are one terminal and each counts what the other holds. Each change of a till's sale
comes back as one queued signal: the scan screen's line, the till sale screen (the member
card with what is held and what remains to pay, then the result) and, when events were
committed, a sync round at once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from terminal.counter.errors import CounterRefused
from terminal.counter.results import MemberView
from terminal.till.serve import TillRunner
from terminal.ui.controllers.core_lane import refusal_of

if TYPE_CHECKING:
    from terminal.ui.controllers.shell import Shell

log = logging.getLogger(__name__)
# Deadlines pass without a request: the screen asks the desk this often what still waits.
POLL_MS = 1000
CORE_THREAD = "ui-core"  # terminal.ui.bridge.Tasks names its lanes' threads so


class TillController(QObject):
    """Starts and stops the till API on the app's core; relays each change of a sale."""

    waiting = Signal(list)  # sales that wait for a member's code, oldest first
    committed = Signal()  # a confirm or refund queued events
    _changed = Signal(dict, object, bool)  # from the thread that changed the sale
    # A sale's JSON and its member's figures now (MemberView or None)
    sale_changed = Signal(dict, object)

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell)
        self._shell = shell
        self._tasks = shell.tasks
        self._counter = shell.counter
        self.runner: TillRunner | None = None
        self._stopping = False
        self._polling = False
        self._waiting: list[dict[str, Any]] = []
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.poll)
        self._changed.connect(self._on_changed)

    # -- the runner -----------------------------------------------------------------------

    def start(self) -> None:
        """Serve the till API when ``[till] listen`` is set (read on the app's core)."""
        self._stopping = False
        on_change = self._changed.emit

        def start_on_core() -> TillRunner | None:
            service = self._counter.service
            if service is None or not service.till_listen():
                return None
            return TillRunner.start(service, self.run_on_core, on_change)

        self._tasks.run(
            start_on_core,
            self._started,
            lambda error: self._counter.refused.emit(*refusal_of(error)),
            lane="core",
        )

    def _started(self, runner: TillRunner | None) -> None:
        self.runner = runner
        self._counter.till = runner
        if runner is not None:
            self._poll.start()

    def stop(self) -> None:
        """Stop serving; requests still running finish on the core lane first."""
        runner, self.runner = self.runner, None
        self._counter.till = None
        self._stopping = True
        self._poll.stop()
        self._shows([])
        if runner is not None:
            service = runner.desk.service
            service.ctx.till_holds = lambda member: 0
            self._tasks.run(runner.stop, lane="io")

    def run_on_core(self, fn: Callable[[], Any]) -> Any:
        """``fn`` on the app's core lane, waited for by the calling (HTTP) thread."""
        if self._stopping:
            raise CounterRefused("terminal_closing", "The terminal is closing. Try again.")
        if threading.current_thread().name.startswith(CORE_THREAD):
            return fn()  # already there: waiting for the lane would wait for itself
        future = self._tasks.run(fn, on_error=_ignore, lane="core")
        if future is None:
            raise CounterRefused("terminal_closing", "The terminal is closing. Try again.")
        return future.result()

    # -- what the screen shows ------------------------------------------------------------

    def poll(self) -> None:
        """The sales that wait for a code (a deadline may have passed since the last look)."""
        runner = self.runner
        if runner is None or self._polling:
            return
        self._polling = True
        self._tasks.run(runner.desk.awaiting, self._polled, self._poll_failed, lane="core")

    def _polled(self, waiting: list[dict[str, Any]]) -> None:
        self._polling = False
        self._shows(waiting)

    def _poll_failed(self, error: BaseException) -> None:
        self._polling = False
        log.warning("cannot read the till's open sales: %s", error)

    def _shows(self, waiting: list[dict[str, Any]]) -> None:
        if waiting != self._waiting:
            self._waiting = waiting
            self.waiting.emit(waiting)

    def _on_changed(self, sale: dict[str, Any], view: object, committed: bool) -> None:
        if self.runner is None:
            return
        self.sale_changed.emit(sale, view)
        if committed:
            self.committed.emit()
        self.poll()  # what waits changed with it: say so now, not in a second


def _ignore(_error: BaseException) -> None:
    """The waiting HTTP thread gets the error from the future itself."""


def show_sale(shell: Shell, sale: dict[str, Any], view: MemberView | None) -> None:
    """A till's sale on the glass: its card while it is open, its result once confirmed; a
    cancelled sale leaves the screen at once. Never over a refund, a dialog or another member."""
    w = shell.window
    screen, current = w.till_sale, w.current_screen()
    same = screen.shows(sale)
    state = sale.get("state")
    if state == "identified" and (same or current in (w.scan, w.till_sale)):
        screen.show_sale(sale, view)
        if current is w.scan:
            w.show_screen(screen)
    elif same and state in ("confirmed", "refunded"):
        screen.show_sale(sale, view)
    elif same and state == "cancelled":
        screen.clear()
        if current is screen:
            shell._go_scan()


def sale_done(shell: Shell) -> None:
    """The cashier is finished with the till sale's result."""
    shell.window.till_sale.clear()
    shell._go_scan()


def attach(shell: Shell) -> TillController:
    """Build the till controller and wire it to the shell's window and sync worker."""
    till = TillController(shell)
    window = shell.window
    till.waiting.connect(shell.till_waiting)
    till.sale_changed.connect(window.scan.till_sale_changed)
    till.sale_changed.connect(lambda sale, view: show_sale(shell, sale, view))
    # A committed till sale is sent at once, as the counter's own operations are.
    till.committed.connect(lambda: shell.sync.sync_now())
    window.till_sale.done.connect(lambda: sale_done(shell))
    return till
