"""The idle timeout: no touch, click, key or scan for a while, and ``expired`` fires.

The shell decides what expiry means (clear the member on screen); this only watches input.
It filters the whole application's events because a touch goes to whichever widget is
under the finger, not to the window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QApplication

from terminal.ui.timers import QtTimers, Timers

# What a person at the counter does; a keyboard-wedge scanner types, so it counts too.
_INPUT = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
    }
)


class IdleTimer(QObject):
    """Emits ``expired`` after ``seconds`` without input; ``poke()`` restarts the count.

    ``timers`` counts the time (QTimers by default; a test's own moves by hand).
    """

    expired = Signal()

    def __init__(self, parent: QObject | None = None, *, timers: Timers | None = None) -> None:
        super().__init__(parent)
        self._timer = (timers or QtTimers(self)).timer(self.expired.emit)
        self._seconds = 0.0
        self._watching = False

    @property
    def seconds(self) -> float:
        """The timeout in use; 0 means off."""
        return self._seconds

    @property
    def active(self) -> bool:
        """True while counting towards an expiry."""
        return self._timer.active

    def set_seconds(self, seconds: float) -> None:
        """Use ``seconds`` from now on (0: off) and start counting afresh."""
        self._seconds = max(0.0, seconds)
        app = QApplication.instance()
        if self._seconds and not self._watching and app is not None:
            app.installEventFilter(self)
            self._watching = True
        elif not self._seconds:
            self.stop()
        self.poke()

    def poke(self) -> None:
        """Someone did something: count from zero again."""
        if self._seconds:
            self._timer.start(self._seconds)

    def stop(self) -> None:
        """Stop counting and watching (the app is closing, or the timeout is off)."""
        self._timer.stop()
        app = QApplication.instance()
        if self._watching and app is not None:
            app.removeEventFilter(self)
        self._watching = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Restart on input; never consumes the event."""
        if event.type() in _INPUT:
            self.poke()
        return False
