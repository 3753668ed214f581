"""The core lane: the counter service opened, used and closed on one background lane.

The core keeps SQLite connections bound to the thread that opened them, so every call to
the service runs on the ``core`` lane; its result comes back on the GUI thread, a failure
as ``refused`` with the core's reason code (translated by the view). The counter
controller (controllers/counter.py) and its staff accounts (controllers/staff_accounts.py)
are built on this.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal

from config.errors import ConfigError
from sync.errors import StorageError
from terminal.counter.errors import CounterRefused, NotProvisioned
from terminal.counter.lockout import SignInLocked
from terminal.counter.results import Staff
from terminal.sentences import Text
from terminal.ui.bridge import Tasks
from terminal.ui.texts import locked_sentence

if TYPE_CHECKING:  # imported late at run time: opening the service opens files
    from terminal.counter.service import CounterService

log = logging.getLogger(__name__)

T = TypeVar("T")
ServiceFactory = Callable[[], "CounterService"]


def default_factory(data_dir: Path | None) -> ServiceFactory:
    """Open the real counter service for ``data_dir`` (imported late: it opens files)."""

    def factory() -> CounterService:
        from terminal.counter.service import CounterService

        return CounterService.open(data_dir)

    return factory


def refusal_of(error: BaseException) -> tuple[str, Text]:
    """(reason, the sentence as template and arguments) for anything the core raised; never a
    traceback. The view translates it (``texts.reason_sentence``).

    A lockout's sentence is built here, in the chosen language, because it carries the wait.
    """
    if isinstance(error, SignInLocked):
        return error.reason, Text(locked_sentence(error.retry_after))
    if isinstance(error, CounterRefused):
        return error.reason, error.text
    if isinstance(error, NotProvisioned):
        return "not_provisioned", Text(str(error))
    if isinstance(error, ConfigError):
        return "config", Text(str(error))
    if isinstance(error, StorageError):
        log.error("storage fault: %s", error)
        return error.kind, Text(error.advice)
    if isinstance(error, OSError):
        template = str(QT_TRANSLATE_NOOP("reasons", "The terminal cannot write its data (%1)."))
        return "storage", Text(template, (error.strerror or "",))
    log.error("counter operation failed", exc_info=error)
    internal = QT_TRANSLATE_NOOP(
        "reasons", "Something went wrong and nothing was saved. Call a technician."
    )
    return "internal", Text(str(internal))


class CoreLane(QObject):
    """The open service, the one signed in, and the busy count of calls on the core lane."""

    refused = Signal(str, object)  # reason, Text (terminal.sentences): translated by the view
    busy_changed = Signal(bool)

    def __init__(self, tasks: Tasks, factory: ServiceFactory, parent: QObject | None = None):
        super().__init__(parent)
        self._tasks = tasks
        self._factory = factory
        self._service: CounterService | None = None
        self.staff: Staff | None = None
        self._busy = 0

    @property
    def service(self) -> CounterService | None:
        """The open service (only touch it from the core lane)."""
        return self._service

    @property
    def is_open(self) -> bool:
        """Whether the service is open (set on the GUI thread once it opened)."""
        return self._service is not None

    # -- plumbing ------------------------------------------------------------------------

    def _need(self) -> CounterService:
        if self._service is None:
            raise NotProvisioned("the counter is not open")
        return self._service

    def _call(self, fn: Callable[[CounterService], T], on_done: Callable[[T], None]) -> None:
        self._run(lambda: fn(self._need()), on_done, self._refused)

    def _refused(self, error: BaseException) -> None:
        self.refused.emit(*refusal_of(error))

    def _run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        self._set_busy(+1)

        def done(result: Any) -> None:
            self._set_busy(-1)
            on_done(result)

        def failed(error: BaseException) -> None:
            self._set_busy(-1)
            on_error(error)

        self._tasks.run(fn, done, failed, lane="core")

    def _set_busy(self, delta: int) -> None:
        was = self._busy > 0
        self._busy += delta
        if (self._busy > 0) != was:
            self.busy_changed.emit(self._busy > 0)
