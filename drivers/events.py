"""The source-agnostic event stream every scanner delivers, whatever the hardware."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ScanEvent:
    """A code was read: ``text`` exactly as encoded, ``t`` from ``time.time()``."""

    source: str
    text: str
    t: float


@dataclass(frozen=True)
class StatusEvent:
    """The source changed state: ``open``, ``lost``, ``ended`` or ``stopped``."""

    source: str
    state: str
    message: str
    t: float


@dataclass(frozen=True)
class ErrorEvent:
    """Something was read but rejected, or the source failed; reading goes on.

    ``kind`` is one of ``not_text``, ``too_long``, ``bad_aim``, ``decoder_missing`` or
    ``decoder_failed``, so a UI can choose a message without parsing ``message``.
    """

    source: str
    kind: str
    message: str
    t: float


Event = ScanEvent | StatusEvent | ErrorEvent

# Called from driver threads (a camera uses two); the receiver must be thread-safe and quick
# (Qt: emit a signal and return).
EventSink = Callable[[Event], None]
