"""The set-up wizard's controller: enrol, choose and test devices, test scan, test sync.

Network calls, device probing and file writes run on background lanes; results come back
as (ok, sentence) pairs the wizard shows in place.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from config.paths import DataPaths
from config.settings import CameraSettings, ScannerSettings, load_settings
from crypto.code import Purpose
from crypto.errors import CodeRejected
from crypto.verify import VerifyOptions, verify_code
from sync.worker import SyncChange
from terminal.barcodes import Scanned, classify
from terminal.counter.results import Role, Staff
from terminal.ui.bridge import Tasks
from terminal.ui.controllers.scanners import ScannerController
from terminal.ui.controllers.sync import SyncController
from terminal.ui.devices import list_cameras
from terminal.ui.failure_texts import (
    device_failure,
    enrol_failure,
    failure_sentence,
    sync_failure,
)
from terminal.ui.settings_file import update_settings
from terminal.ui.texts import arg, reason_sentence
from terminal.ui.views.member import tier_name

log = logging.getLogger(__name__)
T = TypeVar("T")
# The camera test counts the frames that really came through the capture thread over this
# long, from the first one (opening a camera can take a second that is not its rate).
MEASURE_SECONDS = 2.0
# No first frame within this long from the test's start: the camera sends no picture.
FIRST_FRAME_SECONDS = 8.0
CHECK_MS = 100


def list_ports() -> list[tuple[str, str]]:
    """(label, value) choices for the serial ports on this machine."""
    ports = [(QCoreApplication.translate("ProvisionController", "No serial scanner"), "")]
    try:
        from serial.tools import list_ports

        ports += [
            (f"{p.device}  {p.description or ''}".strip(), p.device) for p in list_ports.comports()
        ]
    except (ImportError, OSError) as exc:
        log.info("cannot list serial ports: %s", exc)
    return ports


class ProvisionController(QObject):
    """Carries out what the wizard asks; emits ``result(which, ok, sentence)``."""

    # A sentence is a str, or a function that builds it in the chosen language (the shell
    # calls it again on a language switch, so a result on screen follows the switch).
    enrolled = Signal(bool, object)  # ok, sentence
    result = Signal(str, object, object)  # which, ok (None: in progress), sentence
    choices_ready = Signal(list, list)
    provisioned = Signal()
    staff_state = Signal(bool, list)  # an enabled supervisor exists, [Account]

    def __init__(
        self,
        tasks: Tasks,
        data_dir: Path | None,
        scanners: ScannerController,
        sync: SyncController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.paths = DataPaths.resolve(data_dir)
        self._scanners = scanners
        self._sync = sync
        self._testing_serial = False
        # Who creates the wizard's accounts: the technician who opened the wizard again, or
        # on a new terminal nobody, then the first account created (its PIN was just chosen
        # here, so acting as it gives no one more than they hold).
        self.actor: Staff | None = None
        self._camera_check = QTimer(self)
        self._camera_check.setInterval(CHECK_MS)
        self._camera_check.timeout.connect(self._camera_tick)
        self._camera_started = 0.0
        self._first_frame: tuple[float, int] | None = None  # (when, frames captured by then)
        scanners.state_changed.connect(self._source_state)

    def load_choices(self) -> None:
        """Cameras from Qt (on this, the GUI thread), serial ports from pyserial (on a lane)."""
        cameras = [(self.tr("No camera"), ""), *list_cameras()]
        self._tasks.run(
            list_ports, lambda ports: self.choices_ready.emit(cameras, ports), lane="io"
        )

    def enrol(self, url: str, code: str) -> None:
        """Register with the backend and pin its issuer root (terminal.provisioning)."""
        from terminal.provisioning import provision

        self.result.emit("enrol", None, self.tr("Contacting the loyalty server…"))
        self._tasks.run(
            lambda: provision(self.paths, url, code),
            self._enrol_done,
            lambda e: self.enrolled.emit(False, lambda: enrol_failure(e)),
            lane="io",
        )

    def _enrol_done(self, provisioned: Any) -> None:
        identity = provisioned.identity
        self.enrolled.emit(
            True,
            lambda: arg(
                self.tr("Enrolled as terminal %1 of store %2."), identity.terminal, identity.store
            ),
        )
        self.provisioned.emit()

    def test_camera(self, source: str) -> None:
        if not source:
            self.result.emit("camera", None, self.tr("No camera chosen."))
            return
        self.result.emit("camera", None, self.tr("Starting the camera…"))
        self._tasks.run(
            lambda: CameraSettings(source=source, **_camera_defaults(self.paths)),
            self._start_test_camera,
            lambda e: self.result.emit("camera", False, failure_sentence(e)),
            lane="io",
        )

    def _start_test_camera(self, settings: CameraSettings) -> None:
        self._scanners.start_camera(settings)
        self._camera_started = time.monotonic()
        self._first_frame = None
        self._camera_check.start()

    def _camera_tick(self) -> None:
        """Wait for the first frame, then count frames for MEASURE_SECONDS and say the rate."""
        now = time.monotonic()
        stats = self._scanners.camera_stats()
        captured = stats.captured if stats is not None else 0
        if self._first_frame is None:
            if captured:
                self._first_frame = (now, captured)
                self.result.emit("camera", None, self.tr("Camera open: measuring its frame rate…"))
            elif now - self._camera_started > FIRST_FRAME_SECONDS:
                self._camera_check.stop()
                self.result.emit(
                    "camera", False, self.tr("The camera opened but sends no picture.")
                )
            return
        since, first = self._first_frame
        if now - since < MEASURE_SECONDS:
            return
        self._camera_check.stop()
        frame = self._scanners.latest_frame()
        if captured <= first or frame is None:
            self.result.emit(
                "camera", False, self.tr("The camera sent a picture, then stopped sending.")
            )
            return
        fps = (captured - first) / (now - since)
        height, width = frame.shape[:2]
        text = self.tr("Camera OK: %1 frames per second, %2×%3.")
        text = text.replace("%1", f"{fps:.1f}").replace("%2", str(width))
        self.result.emit("camera", True, text.replace("%3", str(height)))

    def test_serial(self, port: str) -> None:
        if not port:
            self.result.emit("serial", None, self.tr("No serial scanner chosen."))
            return
        self._testing_serial = True
        self.result.emit("serial", None, self.tr("Opening the port…"))
        self._scanners.start_serial(ScannerSettings(port=port))

    def _source_state(self, kind: str, state: str, message: str) -> None:
        if kind == "camera" and state == "error":
            self._camera_check.stop()
            log.info("camera test failed: %s", message)  # the driver's words: for the log
            self.result.emit("camera", False, lambda: device_failure("camera", state))
        if kind == "serial" and self._testing_serial:
            if state == "open":
                self.result.emit(
                    "serial", None, self.tr("Port open. Scan a code with the scanner now.")
                )
            elif state in ("error", "lost"):
                log.info("serial test failed: %s", message)
                self.result.emit("serial", False, lambda: device_failure("serial", state))

    def note_scan(self, source: str) -> None:
        """A scan arrived while the wizard runs: it proves the source works."""
        if source.startswith("serial:") and self._testing_serial:
            self.result.emit("serial", True, self.tr("Scanner works: a code was read."))

    def save_devices(self, camera: str, port: str) -> None:
        changes = {"camera": {"source": camera}, "scanner": {"port": port}}
        self._tasks.run(
            lambda: update_settings(self.paths.settings, changes),
            None,
            lambda e: self.result.emit("camera", False, lambda: failure_sentence(e)),
            lane="io",
        )

    def test_scan(self, text: str) -> None:
        """Say what was scanned: a member code is verified with the new trust bundle
        (nothing is claimed or recorded), anything else is named in plain words."""
        scanned = classify(text)
        if scanned.kind != "loyalty":
            self.result.emit("scan", False, self._not_a_member_code(scanned))
            return
        self.result.emit("scan", None, self.tr("A loyalty code: checking it…"))
        self._tasks.run(
            lambda: _test_verify(self.paths, text), self._scan_done, self._scan_failed, lane="io"
        )

    def _not_a_member_code(self, scanned: Scanned) -> str:
        texts = {
            "ean13": self.tr("This is a product barcode (EAN-13 %1), not a member code."),
            "ean8": self.tr("This is a product barcode (EAN-8 %1), not a member code."),
            "upca": self.tr("This is a product barcode (UPC-A %1), not a member code."),
            "isbn": self.tr("This is a book's barcode (ISBN %1), not a member code."),
            "url": self.tr("This is a web address (%1), not a member code."),
            "text": self.tr("This is not a member code; it reads “%1”."),
            "empty": self.tr("The scanner sent an empty code. Scan again."),
        }
        return texts[scanned.kind].replace("%1", scanned.shown)

    def _scan_done(self, verified: Any) -> None:
        if verified.purpose is Purpose.STAFF:
            text = self.tr("Staff code verified: staff %1.").replace("%1", verified.member)
        else:
            text = self.tr("Member code verified: member %1, tier %2, points balance %3.")
            text = text.replace("%1", verified.member).replace("%2", tier_name(verified.tier))
            text = text.replace("%3", f"{verified.balance:,}")
        self.result.emit("scan", True, text)

    def _scan_failed(self, error: BaseException) -> None:
        if isinstance(error, CodeRejected):
            sentence = reason_sentence(error.reason.value)
            self.result.emit(
                "scan",
                False,
                self.tr("A loyalty code, but refused: %1").replace("%1", sentence),
            )
        else:
            self.result.emit("scan", False, failure_sentence(error))

    def test_sync(self) -> None:
        """A round through the app's one sync worker (started now if it is not running yet:
        the terminal was just enrolled); no counter service is opened for it."""
        self.result.emit("sync", None, self.tr("Syncing…"))
        self._sync.sync_now(self._sync_answered)

    def _sync_answered(self, change: SyncChange) -> None:
        if change.error is None:
            offset = f"{change.clock_offset_ms / 1000:+.1f}"
            self.result.emit(
                "sync",
                True,
                lambda: arg(
                    self.tr("The loyalty server answered. Events sent: %1. Clock offset: %2 s."),
                    change.pushed,
                    offset,
                ),
            )
        else:
            # By its code: a storage fault says what to do, a server's failure what to check.
            self.result.emit(
                "sync",
                False,
                lambda: sync_failure(change.error or "", change.message, change.cause),
            )

    def create_staff(
        self, staff_id: str, name: str, pin: str, role: Role = Role.SUPERVISOR
    ) -> None:
        """Add an account as ``actor``; the core refuses what they may not create."""
        actor = self.actor
        self._tasks.run(
            lambda: _staff_store(self.paths, lambda s: s.add(actor, staff_id, name, role, pin)),
            self._staff_created,
            lambda e: self.result.emit("staff", False, lambda: failure_sentence(e)),
            lane="core",
        )

    def _staff_created(self, staff: Staff) -> None:
        if self.actor is None:
            self.actor = staff
        self.result.emit(
            "staff",
            True,
            lambda: arg(
                self.tr("Account %1 created. Create another or press Finish."), staff.staff_id
            ),
        )
        self.load_staff_state()

    def load_staff_state(self) -> None:
        """Whether the terminal has an enabled supervisor yet, and its accounts."""
        self._tasks.run(
            lambda: _staff_store(self.paths, lambda s: (s.has_supervisor(), s.accounts())),
            lambda state: self.staff_state.emit(*state),
            lambda e: self.result.emit("staff", False, failure_sentence(e)),
            lane="core",
        )


def _camera_defaults(paths: DataPaths) -> dict[str, Any]:
    settings = load_settings(paths.settings).camera
    return {"width": settings.width, "height": settings.height, "decoders": settings.decoders}


def _test_verify(paths: DataPaths, text: str) -> Any:
    from terminal.trust_files import load_trust, read_pinned_root

    trust = load_trust(paths.trust_bundle, read_pinned_root(paths))
    return verify_code(text.strip(), trust, time.time(), VerifyOptions())


def _staff_store(paths: DataPaths, use: Callable[[Any], T]) -> T:
    """``use(store)`` on the terminal's staff database, opened for this call only."""
    from terminal.counter.staff import StaffStore

    store = StaffStore(paths.staff)
    try:
        return use(store)
    finally:
        store.close()
