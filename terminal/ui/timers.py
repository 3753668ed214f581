"""Time for the UI's waits (idle timeout, the wedge filter's hold) behind a small interface.

Code that waits for time asks a ``Timers`` for the time and for single-shot timers instead of
calling ``time.monotonic`` and ``QTimer`` itself, so a test can hand it a scheduler it moves by
hand (tests/clocks.py) and check a 90-second timeout without waiting 90 seconds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer


class Timer(Protocol):
    """A single-shot timer: ``start`` (again) counts from now; it calls back once when due."""

    def start(self, seconds: float) -> None:
        """Call back ``seconds`` from now (a running count starts afresh)."""

    def stop(self) -> None:
        """Do not call back."""

    @property
    def active(self) -> bool:
        """True while counting towards a call."""


class Timers(Protocol):
    """A monotonic clock and the single-shot timers that run by it."""

    def now(self) -> float:
        """Monotonic seconds."""

    def timer(self, callback: Callable[[], None]) -> Timer:
        """A stopped single-shot timer that calls ``callback`` when due."""


class _QtTimer:
    def __init__(self, parent: QObject | None, callback: Callable[[], None]) -> None:
        self._timer = QTimer(parent)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(callback)

    def start(self, seconds: float) -> None:
        self._timer.start(max(0, round(seconds * 1000)))

    def stop(self) -> None:
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()


class QtTimers:
    """The real ones: ``time.monotonic`` and QTimers owned by ``parent`` (the GUI thread's)."""

    def __init__(self, parent: QObject | None = None) -> None:
        self._parent = parent

    def now(self) -> float:
        """Monotonic seconds."""
        return time.monotonic()

    def timer(self, callback: Callable[[], None]) -> Timer:
        """A QTimer, single-shot, calling ``callback``."""
        return _QtTimer(self._parent, callback)
