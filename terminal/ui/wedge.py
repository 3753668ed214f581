"""USB keyboard-wedge scanners: a burst of fast keystrokes ending in Enter, from any screen.

An application-wide event filter sees every key press before any widget does (a field, a
dialog, a button). Printable keys are held while they keep coming at a scanner's speed; the
Enter or Tab (or configured suffix) that ends them asks terminal/ui/keyburst.py whether the
burst is a scan. A scan is delivered as one signal and never typed into the focused field;
anything else (a person typing, even fast digits into the amount field) is given back to its
widget unchanged, a few ms late. Shift and other modifier keys pass straight through without
breaking a burst: a real scanner presses Shift around every capital letter of ``LP1:...``.

A held burst is given back at most ``max_gap_ms`` + 10 ms after its last key once the GUI
thread is free, or one ``max_gap_ms`` later when that thread was busy when the hold ran out
(the scanner's next keys may be queued behind the work): never held longer, never reordered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from terminal.ui.keyburst import Burst, WedgeRules, ends_with_suffix, keeps_up, verdict
from terminal.ui.timers import QtTimers, Timers

_ENDS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
_MODIFIER_KEYS = (
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_Meta,
    Qt.Key.Key_CapsLock,
    Qt.Key.Key_NumLock,
)
# Past its time by more than this, the release timer ran late: the GUI thread was busy and
# the scanner's next keys may be queued behind it, so they get one more wait.
_LATE_MS = 25.0


@dataclass
class _Held:
    receiver: QWidget
    event: QKeyEvent


class WedgeFilter(QObject):
    """Install on the QApplication; emits ``scanned(text)`` for each wedge scan.

    Gaps between keys are timed by each key event's own timestamp (when the keyboard sent
    it, so a busy GUI thread neither stretches nor squeezes them). An event without one (a
    synthetic key) is timed by ``clock`` (milliseconds) when given, else by ``timers``: tests
    pass their own to drive keys at a scanner's or a typist's speed without sleeping, and
    ``timers`` (QTimers by default) runs the hold's deadline.
    """

    scanned = Signal(str)
    # Replays in progress, by any filter: a key one filter gives back must not be taken by
    # another one on the same application (a second shell's, or one a test left installed),
    # or the two would hand the keys to each other forever and the field never get them.
    _replaying: ClassVar[int] = 0

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        rules: WedgeRules | None = None,
        clock: Callable[[], float] | None = None,
        timers: Timers | None = None,
    ) -> None:
        super().__init__(parent)
        self.rules = rules or WedgeRules()
        self.clock = clock
        self.timers = timers or QtTimers(self)
        self._burst = Burst()
        self._held: list[_Held] = []
        self._armed_at = 0.0
        self._extended = False
        self._passing = False  # a run of fast keys too long for a scan goes on
        self._passed_ms = 0.0
        self._hold_ms = 0.0
        self._timer = self.timers.timer(self._timeout)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Hold printable keys while they may be part of a scan; never block anything else."""
        if WedgeFilter._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(watched, QWidget) or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if key in _MODIFIER_KEYS:
            return False
        now = self._key_ms(event)
        if key in _ENDS:
            return self._end(now)
        text = event.text()
        if (
            event.isAutoRepeat()  # a key held down repeats as fast as a scanner types
            or not text
            or not text.isprintable()
            or event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            self.release()
            return False
        if self._passing:
            if now - self._passed_ms <= self.rules.max_gap_ms:
                self._passed_ms = now
                return False
            self._passing = False
        if self._held and not keeps_up(self._burst, now, self.rules):
            fast = now - self._burst.last_ms <= self.rules.max_gap_ms
            self.release()
            if fast:
                # Too long for a scan: the rest of this run of fast keys is not one either.
                self._passing, self._passed_ms = True, now
                return False
        copy = QKeyEvent(event.type(), key, event.modifiers(), text)
        self._held.append(_Held(watched, copy))
        self._burst.add(text, now, self._now_ms())
        if ends_with_suffix(self._burst, self.rules):
            self._end(now)
            return True
        self._arm()
        return True

    def _end(self, now: float) -> bool:
        """Enter, Tab or the suffix: a scan is emitted and the key eaten; else all goes on."""
        self._passing = False
        scan = verdict(self._burst, now, self.rules) if self._held else None
        if scan is None:
            self.release()
            return False
        # Keys a person typed just before the scanner started go where they were typed.
        typed, chars = 0, 0
        while typed < len(self._held) and chars < scan.typed:
            chars += len(self._held[typed].event.text())
            typed += 1
        self._held = self._held[:typed]
        self.release()
        self.scanned.emit(scan.text)
        return True

    def _key_ms(self, event: QKeyEvent) -> float:
        """When the key was pressed: the window system's timestamp; a synthetic key has none."""
        stamp = event.timestamp()
        if stamp:
            return float(stamp)
        return self.clock() if self.clock is not None else self._now_ms()

    def _now_ms(self) -> float:
        return self.timers.now() * 1000

    def _arm(self) -> None:
        self._extended = False
        self._start(self.rules.max_gap_ms + 10)

    def _start(self, ms: float) -> None:
        self._armed_at, self._hold_ms = self._now_ms(), ms
        self._timer.start(ms / 1000)

    def _timeout(self) -> None:
        late = self._now_ms() - self._armed_at - self._hold_ms
        if late > _LATE_MS and not self._extended:
            self._extended = True
            self._start(self.rules.max_gap_ms)
            return
        self.release()

    def release(self) -> None:
        """Give held keys back to their widgets: they were typed by a person after all."""
        self._timer.stop()
        held, self._held = self._held, []
        self._burst = Burst()
        WedgeFilter._replaying += 1
        try:
            for item in held:
                # The widget may have closed in the few ms the key was held.
                if shiboken6.isValid(item.receiver):
                    QCoreApplication.sendEvent(item.receiver, item.event)
        finally:
            WedgeFilter._replaying -= 1
