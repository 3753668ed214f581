"""A USB keyboard-wedge scanner, simulated: a code typed as key events into the focused widget.

Used by the screenshot tour and bench/bench_ui.py. The events go through the application
(its event filters first) exactly as a keyboard's do, with Shift pressed around each capital
as a real scanner sends it, and each stamped a scanner's few ms after the one before (the
wedge filter times keys by their stamps; unstamped keys sent in one go would all come at the
same instant, which it cannot tell from a person's typing queued behind a busy GUI thread).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

_SHIFTED = set(':$%*+!"#&()<>?@^_{}|~')
SCANNER_MS = 4  # a USB scanner's keys are 1-10 ms apart


def type_like_a_scanner(
    text: str, end: Qt.Key = Qt.Key.Key_Return, target: QWidget | None = None
) -> None:
    """Send ``text`` and then ``end`` as key presses and releases, as a wedge scanner does,
    to the focused widget (``target`` when no window is active, e.g. without a window manager)."""

    stamp = [int(time.monotonic() * 1000)]

    def _send(kind: QEvent.Type, key: int, modifiers: Qt.KeyboardModifier, text: str = "") -> None:
        receiver = QApplication.focusWidget() or target
        if receiver is None:
            raise RuntimeError("no widget has the keyboard focus")
        event = QKeyEvent(kind, key, modifiers, text)
        if kind == QEvent.Type.KeyPress and key != Qt.Key.Key_Shift:
            stamp[0] += SCANNER_MS
        event.setTimestamp(stamp[0])
        QCoreApplication.sendEvent(receiver, event)

    press, release = QEvent.Type.KeyPress, QEvent.Type.KeyRelease
    none, shift = Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier
    for ch in text:
        key = ord(ch.upper()) if ch.isascii() else 0
        if ch.isupper() or ch in _SHIFTED:
            _send(press, Qt.Key.Key_Shift, none)
            _send(press, key, shift, ch)
            _send(release, key, shift, ch)
            _send(release, Qt.Key.Key_Shift, shift)
        else:
            _send(press, key, none, ch)
            _send(release, key, none, ch)
    _send(press, end, none, "\r" if end != Qt.Key.Key_Tab else "\t")
    _send(release, end, none)
