"""Read codes from a camera, video file or image sequence on two background threads.

The capture thread reads frames as fast as the source delivers them into a one-slot
mailbox; the decode thread always takes the newest frame, so decoding never falls behind
the counter. Events go to one callback, called on the decode thread.
"""

from __future__ import annotations

import logging
import statistics
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

import cv2

from config.settings import CameraSettings
from drivers.chain import DecoderChain, build_chain
from drivers.debounce import Debouncer
from drivers.errors import CameraUnavailable
from drivers.events import ErrorEvent, Event, EventSink, ScanEvent, StatusEvent
from drivers.frames import Frame, LatestFrame
from drivers.sources import Source, open_capture, parse_source, source_fps

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CameraStats:
    """Counters for a preview overlay or a technician's diagnosis."""

    captured: int
    decoded: int
    dropped: int
    capture_fps: float
    decode_ms_median: float


class CameraReader:
    """Camera source -> decoder chain -> debounce -> ``on_event``; ``start()`` then ``stop()``."""

    def __init__(
        self,
        source: str | int | Source,
        on_event: EventSink,
        *,
        chain: DecoderChain,
        debouncer: Debouncer | None = None,
        width: int = 1280,
        height: int = 720,
        pace_fps: float | None = None,
        reopen_seconds: float = 1.0,
        thorough_every: int = 3,
    ) -> None:
        self.source = source if isinstance(source, Source) else parse_source(source)
        self._on_event = on_event
        self._chain = chain
        self._debouncer = debouncer or Debouncer()
        self._size = (width, height)
        # None: play files at their own rate, like a camera would; 0: as fast as possible.
        self._pace_fps = pace_fps
        self._reopen_seconds = reopen_seconds
        self._slot = LatestFrame()
        self._stop = threading.Event()
        self._finished = threading.Event()
        self._threads: list[threading.Thread] = []
        self._capture: Any = None
        self._captured = 0
        self._decoded = 0
        self._capture_times: deque[float] = deque(maxlen=30)
        self._decode_ms: deque[float] = deque(maxlen=100)
        self._stats_lock = threading.Lock()
        self._decode_failed = False
        # An idle counter shows no code; the full chain (zbar, sharpening: 35-55 ms) runs on
        # every n-th frame and the ~1 ms quick pass on the others, so an idle camera leaves
        # the CPU mostly free. A two-frame confirmation needs the full chain on every frame.
        self._thorough_every = 1 if self._debouncer.confirm_frames > 1 else max(1, thorough_every)
        self._frame_index = 0

    @classmethod
    def from_settings(
        cls, settings: CameraSettings, on_event: EventSink, source: str | int | None = None
    ) -> CameraReader:
        """A reader configured from the ``[camera]`` settings section."""
        return cls(
            settings.source if source is None else source,
            on_event,
            chain=build_chain(settings.decoders),
            debouncer=Debouncer(settings.debounce_seconds, settings.confirm_frames),
            width=settings.width,
            height=settings.height,
        )

    def start(self) -> None:
        """Open the source (raises CameraUnavailable) and start both threads."""
        self._capture = open_capture(self.source, *self._size)
        self._emit(StatusEvent(self.source.label, "open", "camera started", time.time()))
        for reason in self._chain.skipped:
            self._emit(ErrorEvent(self.source.label, "decoder_missing", reason, time.time()))
        self._threads = [
            threading.Thread(target=self._capture_loop, name="camera-capture", daemon=True),
            threading.Thread(target=self._decode_loop, name="camera-decode", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        """Stop both threads and release the camera; safe to call twice."""
        self._stop.set()
        self._slot.close()
        for thread in self._threads:
            if thread is not threading.current_thread():
                thread.join(timeout)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until decoding has finished (a file or sequence ended, or ``stop()``)."""
        return self._finished.wait(timeout)

    @property
    def running(self) -> bool:
        """True while the threads are alive."""
        return any(thread.is_alive() for thread in self._threads)

    def latest_frame(self) -> Frame | None:
        """The newest captured frame (BGR), for a live preview."""
        return self._slot.peek()

    def stats(self) -> CameraStats:
        """Frame counters and rates since start."""
        with self._stats_lock:
            times = list(self._capture_times)
            ms = statistics.median(self._decode_ms) if self._decode_ms else 0.0
            captured, decoded = self._captured, self._decoded
        span = times[-1] - times[0] if len(times) > 1 else 0.0
        fps = (len(times) - 1) / span if span > 0 else 0.0
        return CameraStats(captured, decoded, self._slot.dropped, fps, ms)

    def _emit(self, event: Event) -> None:
        try:
            self._on_event(event)
        except Exception:
            # A failing receiver must not stop the camera; the traceback goes to the log.
            log.exception("camera event receiver failed on %r", event)

    def _capture_loop(self) -> None:
        try:
            self._read_frames()
        finally:
            if self._capture is not None:
                self._capture.release()
            self._slot.close()

    def _read_frames(self) -> None:
        interval = self._frame_interval()
        next_due = time.monotonic()
        while not self._stop.is_set():
            ok, frame = self._capture.read()
            if not ok or frame is None:
                if not self.source.is_live or not self._reopen():
                    return
                continue
            with self._stats_lock:
                self._captured += 1
                self._capture_times.append(time.monotonic())
            self._slot.put(frame)
            if interval:
                next_due += interval
                self._stop.wait(max(0.0, next_due - time.monotonic()))

    def _frame_interval(self) -> float:
        if self.source.is_live or self._pace_fps == 0:
            return 0.0
        fps = self._pace_fps or source_fps(self._capture, self.source)
        return 1.0 / fps

    def _reopen(self) -> bool:
        label = self.source.label
        self._capture.release()
        self._capture = None
        self._emit(
            StatusEvent(label, "lost", "camera stopped delivering frames; retrying", time.time())
        )
        while not self._stop.wait(self._reopen_seconds):
            try:
                self._capture = open_capture(self.source, *self._size)
            except (CameraUnavailable, cv2.error) as exc:
                log.debug("camera %s not back yet: %s", label, exc)
                continue
            self._emit(StatusEvent(label, "open", "camera is back", time.time()))
            return True
        return False

    def _decode_loop(self) -> None:
        while not self._stop.is_set():
            frame = self._slot.take(timeout=0.2)
            if frame is None:
                if self._slot.closed and not self._slot.pending:
                    break
                continue
            self._decode(frame)
        if not self._stop.is_set() and not self.source.is_live:
            self._emit(StatusEvent(self.source.label, "ended", "end of file", time.time()))
        self._finished.set()

    def _decode(self, frame: Frame) -> None:
        started = time.perf_counter()
        try:
            quick = self._frame_index % self._thorough_every != 0
            self._frame_index += 1
            texts = self._chain.decode(frame, quick=quick)
        except Exception as exc:
            # A decoder bug on one odd frame must not silence the camera; say it once.
            log.exception("decoding a frame from %s failed", self.source.label)
            if not self._decode_failed:
                self._decode_failed = True
                message = f"a decoder failed ({type(exc).__name__}: {exc}); see the log"
                self._emit(ErrorEvent(self.source.label, "decoder_failed", message, time.time()))
            return
        with self._stats_lock:
            self._decode_ms.append((time.perf_counter() - started) * 1000)
            self._decoded += 1
        for text in self._debouncer.update(texts, time.monotonic()):
            self._emit(ScanEvent(self.source.label, text, time.time()))
