"""A scheduler the test moves by hand, for code that waits for time (terminal/ui/timers.py).

``advance`` is time passing with the event loop free: each timer fires at its due time, in
order. ``stall`` is time passing while the GUI thread is busy elsewhere: nothing fires, and the
timers that came due fire late at the next ``advance``, as QTimers do after a blocked loop.
"""

from __future__ import annotations

from collections.abc import Callable


class ManualTimer:
    """One single-shot timer of a ManualTimers."""

    def __init__(self, owner: ManualTimers, callback: Callable[[], None]) -> None:
        self._owner = owner
        self._callback = callback
        self.due: float | None = None

    def start(self, seconds: float) -> None:
        self.due = self._owner.now() + max(0.0, seconds)

    def stop(self) -> None:
        self.due = None

    @property
    def active(self) -> bool:
        return self.due is not None

    def fire(self) -> None:
        self.due = None
        self._callback()


class ManualTimers:
    """Monotonic seconds that move only when the test says so, and timers run by them."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        self._timers: list[ManualTimer] = []

    def now(self) -> float:
        return self._now

    def __call__(self) -> float:
        return self._now

    def ms(self) -> float:
        """The same clock in milliseconds (the wedge filter's unit)."""
        return self._now * 1000

    def timer(self, callback: Callable[[], None]) -> ManualTimer:
        made = ManualTimer(self, callback)
        self._timers.append(made)
        return made

    def stall(self, seconds: float) -> None:
        """The GUI thread was busy for ``seconds``: time passes, nothing fires yet."""
        self._now += seconds

    def advance(self, seconds: float = 0.0) -> None:
        """``seconds`` pass with the loop free; timers due by then fire in order (late ones first)."""
        end = self._now + seconds
        while True:
            due = [t for t in self._timers if t.due is not None and t.due <= end]
            if not due:
                break
            first = min(due, key=lambda t: t.due or 0.0)
            self._now = max(self._now, first.due or 0.0)
            first.fire()
        self._now = end
