"""A one-slot mailbox for camera frames: the newest frame replaces any not yet taken."""

from __future__ import annotations

import threading
from typing import Any

import numpy.typing as npt

Frame = npt.NDArray[Any]


class LatestFrame:
    """Holds only the newest frame, so a slow decoder skips stale frames instead of lagging."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._frame: Frame | None = None
        self._seq = 0
        self._taken_seq = 0
        self._closed = False
        self.dropped = 0

    def put(self, frame: Frame) -> None:
        """Offer a new frame; a frame that was never taken is counted as dropped."""
        with self._cond:
            if self._seq > self._taken_seq:
                self.dropped += 1
            self._frame = frame
            self._seq += 1
            self._cond.notify_all()

    def take(self, timeout: float) -> Frame | None:
        """The newest frame not yet taken, waiting up to ``timeout``; None if none came."""
        with self._cond:
            self._cond.wait_for(lambda: self._seq > self._taken_seq or self._closed, timeout)
            if self._seq <= self._taken_seq:
                return None
            self._taken_seq = self._seq
            return self._frame

    def peek(self) -> Frame | None:
        """The newest frame for a preview, taken or not; never consumes it."""
        with self._cond:
            return self._frame

    def close(self) -> None:
        """No more frames will come; wakes a waiting ``take``."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    @property
    def closed(self) -> bool:
        """True once the producer has finished."""
        with self._cond:
            return self._closed

    @property
    def pending(self) -> bool:
        """True when a frame is waiting to be taken."""
        with self._cond:
            return self._seq > self._taken_seq
