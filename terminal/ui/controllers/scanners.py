"""Scanner sources: camera and serial readers, started and stopped off the GUI thread.

Opening a camera or a port can take a second, so both happen on the ``io`` lane. Readers
deliver events through the bridge; the preview peeks at the newest frame on a throttled timer.
The keyboard wedge needs nothing here: the app-wide filter catches it.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QDialog

from config.settings import CameraSettings, ScannerSettings
from drivers.errors import DriverError
from terminal.ui.bridge import Bridge, Tasks

log = logging.getLogger(__name__)

CameraFactory = Callable[[Callable[[Any], None]], Any]


@dataclass(frozen=True)
class LogLine:
    """One line of the source log on the diagnostics screen."""

    t: float
    source: str
    text: str


class ScannerController(QObject):
    """Owns the running readers; ``state`` maps a source kind to its last state."""

    state_changed = Signal(str, str, str)  # kind (camera|serial|wedge), state, message

    def __init__(self, bridge: Bridge, tasks: Tasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._tasks = tasks
        self.camera: Any = None
        self.serial: Any = None
        self.state: dict[str, tuple[str, str]] = {}
        self.log: deque[LogLine] = deque(maxlen=200)
        bridge.source_status.connect(self._status)
        bridge.source_error.connect(self._error)
        bridge.scanned.connect(self._scanned)

    def start_camera(self, settings: CameraSettings, factory: CameraFactory | None = None) -> None:
        """Start the camera in ``settings`` (or a reader from ``factory``, e.g. the demo's)."""
        if not settings.source and factory is None:
            self._set("camera", "off", "no camera configured")
            return
        self._set("camera", "starting", settings.source)
        old, self.camera = self.camera, None

        def start() -> Any:
            if old is not None:
                old.stop()
            from drivers.camera import CameraReader

            if factory is not None:
                reader = factory(self._bridge.driver_sink)
            else:
                reader = CameraReader.from_settings(settings, self._bridge.driver_sink)
            reader.start()
            return reader

        self._tasks.run(start, self._camera_started, self._failed("camera"), lane="io")

    def _camera_started(self, reader: Any) -> None:
        self.camera = reader

    def start_serial(self, settings: ScannerSettings) -> None:
        """Start the serial scanner in ``settings``; an empty port means none."""
        old, self.serial = self.serial, None
        if not settings.port:
            if old is not None:
                self._tasks.run(old.stop, lane="io")
            self._set("serial", "off", "no serial scanner configured")
            return
        self._set("serial", "starting", settings.port)

        def start() -> Any:
            if old is not None:
                old.stop()
            from drivers.serial_scanner import SerialScanner

            scanner = SerialScanner.from_settings(settings, self._bridge.driver_sink)
            scanner.start()
            return scanner

        self._tasks.run(start, self._serial_started, self._failed("serial"), lane="io")

    def _serial_started(self, scanner: Any) -> None:
        self.serial = scanner

    def _failed(self, kind: str) -> Callable[[BaseException], None]:
        def failed(error: BaseException) -> None:
            if not isinstance(error, DriverError | OSError | ValueError):
                log.error("%s failed to start", kind, exc_info=error)
            self._set(kind, "error", str(error))

        return failed

    def stop(self, wait: bool = False) -> None:
        """Stop every reader (on the io lane, or here when ``wait``)."""
        readers = [r for r in (self.camera, self.serial) if r is not None]
        self.camera = self.serial = None
        for reader in readers:
            if wait:
                reader.stop()
            else:
                self._tasks.run(reader.stop, lane="io")

    def latest_frame(self) -> Any:
        """The newest camera frame for the preview, or None."""
        camera = self.camera
        return camera.latest_frame() if camera is not None else None

    def decoder_names(self, configured: tuple[str, ...]) -> tuple[str, ...]:
        """The decoders the running camera uses, else the configured ones."""
        chain = getattr(self.camera, "_chain", None)
        return tuple(chain.names) if chain is not None else tuple(configured)

    def camera_stats(self) -> Any:
        camera = self.camera
        return camera.stats() if camera is not None else None

    def devices(self) -> tuple[str, str]:
        """(scanner, camera) for the heartbeat: ``ok``, ``absent``, ``off`` or ``error: ...``.

        Called on the sync worker's thread: it only reads ``state``, whose entries the GUI
        thread replaces whole (a dict lookup is atomic), so it needs no lock.
        """
        serial = self.state.get("serial")
        scanner = _device(serial) if serial else ("ok" if "wedge" in self.state else "absent")
        camera = self.state.get("camera")
        return scanner, _device(camera) if camera else "absent"

    def note_wedge(self, text: str) -> None:
        """Record a keyboard-wedge scan in the log."""
        self._set("wedge", "open", "USB keyboard scanner")
        self.log.append(LogLine(time.time(), "wedge", f"scan ({len(text)} characters)"))

    def _status(self, source: str, state: str, message: str) -> None:
        self._set(_kind(source), state, message)
        self.log.append(LogLine(time.time(), source, f"{state}: {message}"))

    def _error(self, source: str, kind: str, message: str) -> None:
        self.log.append(LogLine(time.time(), source, f"{kind}: {message}"))

    def _scanned(self, source: str, text: str, _t: float) -> None:
        self.log.append(LogLine(time.time(), source, f"scan ({len(text)} characters)"))

    def _set(self, kind: str, state: str, message: str) -> None:
        self.state[kind] = (state, message)
        self.state_changed.emit(kind, state, message)


def close_dialogs() -> bool:
    """Cancel the open modal dialogs (innermost first); False if one would not close."""
    for _ in range(4):
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            return True
        if isinstance(dialog, QDialog):
            dialog.reject()
        else:
            dialog.close()
    return QApplication.activeModalWidget() is None


def _device(entry: tuple[str, str]) -> str:
    """A reader's last state as the heartbeat reports it (at most 64 characters)."""
    state, message = entry
    if state == "open":
        return "ok"
    if state in ("stopped", "ended"):
        return "off"
    return f"error: {state}: {message}"[:64]


def _kind(source: str) -> str:
    return "serial" if source.startswith("serial:") else "camera"
