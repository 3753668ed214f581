"""USB keyboard-wedge scanners: a burst of fast keystrokes ending in Enter, from any screen.

An application-wide event filter holds each printable key press for a few milliseconds. Keys
that keep coming faster than a person types are collected; Enter after enough of them is a
scan, delivered as one signal and never typed into whatever field has focus. Anything else
(a person typing, a short burst) is replayed to its widget unchanged, a few ms late.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


@dataclass
class _Held:
    receiver: QWidget
    event: QKeyEvent


class WedgeFilter(QObject):
    """Install on the QApplication; emits ``scanned(text)`` for each wedge scan."""

    scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_gap_ms: float = 35.0,
        min_length: int = 8,
    ) -> None:
        super().__init__(parent)
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self._held: list[_Held] = []
        self._last = 0.0
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._release)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Hold printable keys while they may be part of a scan; never block anything else."""
        if self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(watched, QWidget) or not isinstance(event, QKeyEvent):
            return False
        now = time.monotonic() * 1000
        fast = bool(self._held) and now - self._last <= self.max_gap_ms
        if event.key() in _ENTER:
            if fast and len(self._held) >= self.min_length:
                text = "".join(h.event.text() for h in self._held)
                self._held.clear()
                self._timer.stop()
                self.scanned.emit(text)
                return True
            self._release()
            return False
        text = event.text()
        if (
            not text
            or not text.isprintable()
            or event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            self._release()
            return False
        if self._held and not fast:
            self._release()
        copy = QKeyEvent(event.type(), event.key(), event.modifiers(), text)
        self._held.append(_Held(watched, copy))
        self._last = now
        self._timer.start(int(self.max_gap_ms) + 5)
        return True

    def _release(self) -> None:
        """Give held keys back to their widgets: they were typed by a person after all."""
        self._timer.stop()
        held, self._held = self._held, []
        self._replaying = True
        try:
            for item in held:
                # The widget may have closed in the few ms the key was held.
                if shiboken6.isValid(item.receiver):
                    QCoreApplication.sendEvent(item.receiver, item.event)
        finally:
            self._replaying = False
