"""Read codes from a USB or RS-232 scanner on a serial port, surviving unplug and replug."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import serial

from config.settings import ScannerSettings
from drivers.errors import SerialPortError
from drivers.events import ErrorEvent, Event, EventSink, ScanEvent, StatusEvent
from drivers.serial_framing import SUFFIXES, LineFramer, Rejected

log = logging.getLogger(__name__)


class SerialScanner:
    """Serial port -> framing -> ``on_event``, on one background thread."""

    def __init__(
        self,
        port: str,
        on_event: EventSink,
        *,
        baud: int = 115200,
        suffix: str = "auto",
        aim: bool = False,
        max_length: int = 4096,
        gap_seconds: float = 0.05,
        reopen_seconds: float = 0.5,
    ) -> None:
        if suffix not in SUFFIXES:
            raise SerialPortError(f"suffix must be one of {', '.join(SUFFIXES)}, not {suffix!r}")
        if baud <= 0:
            raise SerialPortError(f"baud rate must be positive, not {baud}")
        self.port = port
        self.label = f"serial:{port}"
        self._on_event = on_event
        self._baud = baud
        self._framer = LineFramer(suffix=suffix, aim=aim, max_length=max_length)
        # With no suffix, a pause this long between bytes ends a code.
        self._gap_seconds = gap_seconds
        self._reopen_seconds = reopen_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._serial: Any = None
        # Opens tried and failed since the port was lost (a technician's "is it still trying?").
        self.failed_reopens = 0

    @classmethod
    def from_settings(
        cls, settings: ScannerSettings, on_event: EventSink, port: str | None = None
    ) -> SerialScanner:
        """A scanner configured from the ``[scanner]`` settings section."""
        return cls(
            settings.port if port is None else port,
            on_event,
            baud=settings.baud,
            suffix=settings.suffix,
            aim=settings.aim,
            max_length=settings.max_length,
        )

    def start(self) -> None:
        """Open the port (raises SerialPortError) and start reading."""
        self._serial = self._open()
        self._emit(StatusEvent(self.label, "open", f"{self._baud} 8N1", time.time()))
        self._thread = threading.Thread(target=self._run, name="serial-scanner", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        """Stop reading and close the port; safe to call twice."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        """True while the reading thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def _open(self) -> Any:
        try:
            return serial.Serial(
                self.port,
                self._baud,
                bytesize=serial.EIGHTBITS,
                parity=serial.PARITY_NONE,
                stopbits=serial.STOPBITS_ONE,
                timeout=self._gap_seconds,
            )
        except (serial.SerialException, OSError, ValueError) as exc:
            raise SerialPortError(
                f"cannot open scanner port {self.port} ({exc}); check the cable, the port "
                "name, and that this user may use serial ports (group 'dialout')"
            ) from exc

    def _emit(self, event: Event) -> None:
        try:
            self._on_event(event)
        except Exception:
            # A failing receiver must not stop the scanner; the traceback goes to the log.
            log.exception("scanner event receiver failed on %r", event)

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                if self._serial is None and not self._reopen():
                    break
                self._read_until_lost()
        finally:
            self._close()
            self._emit(StatusEvent(self.label, "stopped", "scanner stopped", time.time()))

    def _read_until_lost(self) -> None:
        while not self._stop.is_set():
            try:
                data = self._serial.read(max(1, self._serial.in_waiting))
            except (serial.SerialException, OSError) as exc:
                self._lost(exc)
                return
            pieces = self._framer.feed(data) if data else self._framer_flush()
            for piece in pieces:
                self._deliver(piece)

    def _framer_flush(self) -> list[str | Rejected]:
        # Only a scanner without a suffix relies on silence to end a code.
        return self._framer.flush() if self._framer.suffix == "none" else []

    def _deliver(self, piece: str | Rejected) -> None:
        now = time.time()
        if isinstance(piece, Rejected):
            log.info("%s: %s", self.label, piece.message)
            self._emit(ErrorEvent(self.label, piece.kind, piece.message, now))
        else:
            self._emit(ScanEvent(self.label, piece, now))

    def _lost(self, exc: BaseException) -> None:
        self._close()
        self._framer.reset()
        message = f"scanner disconnected ({exc}); waiting for it to be plugged in again"
        self._emit(StatusEvent(self.label, "lost", message, time.time()))

    def _reopen(self) -> bool:
        while not self._stop.wait(self._reopen_seconds):
            try:
                self._serial = self._open()
            except SerialPortError as exc:
                self.failed_reopens += 1
                log.debug("%s not back yet: %s", self.label, exc)
                continue
            self.failed_reopens = 0
            self._emit(StatusEvent(self.label, "open", "scanner is back", time.time()))
            return True
        return False

    def _close(self) -> None:
        if self._serial is not None:
            try:
                self._serial.close()
            except (serial.SerialException, OSError) as exc:
                log.debug("%s: closing a lost port failed: %s", self.label, exc)
            self._serial = None
