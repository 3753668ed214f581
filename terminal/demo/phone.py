"""The demo: a member's phone on screen, and the terminal reading it.

The phone window draws the wallet's live code; a camera made from that window's frames feeds
the real reader (capture thread, decoder chain, debounce) so the terminal sees the code the
way it would through a lens. Everything lives in one temporary folder.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import segno
from PySide6.QtCore import QEvent, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from crypto.code import Purpose
from drivers.camera import CameraReader
from drivers.chain import build_chain
from drivers.sources import Source
from terminal.demo.receipt_printer import ReceiptView
from terminal.demo.screen import screen_picture, type_award
from wallet.store import Wallet, load_wallet, save_wallet

log = logging.getLogger(__name__)
FRAME_W, FRAME_H = 1280, 720

# The demo's accounts: (staff id, name, role, PIN). These exist only in the demo's throw-away
# data, so their PINs are shown in the phone window and printed at start: showing them is
# the point (a supervisor approves a refund, a technician opens diagnostics).
DEMO_STAFF = (
    ("2001", "Wang", "supervisor", "222222"),
    ("1001", "Lin", "cashier", "111111"),
    ("9001", "Zhao", "technician", "999999"),
)
CASHIER = DEMO_STAFF[1]
GAP = 12  # px between the two windows
TERMINAL_MIN_W = 1024
QR_SIZES = (360, 300, 240, 200)  # the phone's code, scaled down to fit a small screen


def sign_ins_text() -> str:
    """The demo's accounts for the console (English; the phone window says it translated)."""
    rows = [
        f"  {role:<10}  id {staff_id}  PIN {pin}  ({name})"
        for staff_id, name, role, pin in DEMO_STAFF
    ]
    return "Demo sign-ins (demo data only):\n" + "\n".join(rows)


class PhoneFrames:
    """The phone's screen as camera frames; written by the GUI thread, read by the camera."""

    def __init__(self, fps: float = 15.0) -> None:
        self._lock = threading.Lock()
        self._frame = np.full((FRAME_H, FRAME_W, 3), 60, np.uint8)
        self._interval = 1.0 / fps
        self._next = time.monotonic()
        self._open = True
        self.version = 0
        # When each shown picture first went into the camera queue (perf_counter), for timing.
        self.first_read: dict[int, float] = {}

    def show(self, text: str | None) -> None:
        """Put the phone with ``text`` in front of the camera (None: take it away)."""
        frame = np.full((FRAME_H, FRAME_W, 3), (70, 80, 90), np.uint8)
        if text is not None:
            qr = qr_pixels(text, 5)
            size = qr.shape[0]
            top, left = (FRAME_H - size) // 2, (FRAME_W - size) // 2
            frame[top - 30 : top + size + 30, left - 30 : left + size + 30] = 250
            frame[top : top + size, left : left + size] = qr[:, :, None]
        with self._lock:
            self._frame = frame
            self.version += 1

    # The three methods below are what CameraReader asks of an OpenCV capture.
    def read(self) -> tuple[bool, Any]:
        self._next = max(self._next + self._interval, time.monotonic() - self._interval)
        time.sleep(max(0.0, self._next - time.monotonic()))
        with self._lock:
            self.first_read.setdefault(self.version, time.perf_counter())
            return self._open, self._frame.copy()

    def get(self, _prop: int) -> float:
        return 1.0 / self._interval

    def release(self) -> None:
        self._open = False


def qr_pixels(text: str, module_px: int) -> Any:
    qr = segno.make_qr(text, error="m", boost_error=False)
    modules = np.array([list(row) for row in qr.matrix_iter(scale=1, border=4)], dtype=bool)
    image = np.where(modules, 0, 255).astype(np.uint8)
    return cv2.resize(image, None, fx=module_px, fy=module_px, interpolation=cv2.INTER_NEAREST)


class PhoneCamera(CameraReader):
    """The real reader (threads, decoder chain, debounce) on the phone's frames."""

    def __init__(self, frames: PhoneFrames, on_event: Any) -> None:
        super().__init__(
            Source("device", "phone", "camera:phone"),
            on_event,
            chain=build_chain(("zxing", "zbar")),
        )
        self._frames = frames

    def start(self) -> None:
        # The one difference from CameraReader.start: the capture is the phone, not OpenCV.
        from drivers.events import StatusEvent

        self._capture = self._frames
        self._emit(StatusEvent(self.source.label, "open", "phone camera started", time.time()))
        self._threads = [
            threading.Thread(target=self._capture_loop, name="camera-capture", daemon=True),
            threading.Thread(target=self._decode_loop, name="camera-decode", daemon=True),
        ]
        for thread in self._threads:
            thread.start()


class PhoneWindow(QWidget):
    """The member's phone: the live code, a new one every 30 s, and show / put away."""

    def __init__(
        self, wallet_path: Path, frames: PhoneFrames, receipts: Path | None = None
    ) -> None:
        super().__init__()
        self.wallet_path = wallet_path
        self.frames = frames
        self.purpose = Purpose.CHECKOUT
        self.text: str | None = None
        self.qr_size = QR_SIZES[0]
        self.code = QLabel()
        self.code.setFixedSize(self.qr_size, self.qr_size)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.sign_ins = QLabel()
        self.sign_ins.setWordWrap(True)
        self.sign_ins.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sign_ins.setStyleSheet("font-size: 13px; color: #444;")
        self.fit_code(self.qr_size)
        self.show_button = self._button(self.present)
        self.away_button = self._button(self.put_away)
        self.checkin_button = self._button(self.present_checkin)
        phone = QWidget()
        layout = QVBoxLayout(phone)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.code, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.caption)
        # One button a row: the phone stays narrow, so it fits beside the terminal.
        for b in (self.show_button, self.away_button, self.checkin_button):
            layout.addWidget(b)
        layout.addWidget(self.sign_ins)
        layout.addStretch(1)
        # The printer's paper on a second tab: a third window would not fit a small screen.
        self.tabs = QTabWidget()
        self.tabs.addTab(phone, "")
        self.receipts: ReceiptView | None = None
        if receipts is not None:
            self.receipts = ReceiptView(receipts)
            self.tabs.addTab(self.receipts, "")
            self.receipts.printed.connect(self.show_receipts)
        QVBoxLayout(self).addWidget(self.tabs)
        # What the caption says, kept as a call so a language switch says it again.
        self._caption: Callable[[], str] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(30_000)
        self._timer.timeout.connect(self._refresh)
        self.member = load_wallet(wallet_path).member
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text in the current language (again after a switch in the app)."""
        self.setWindowTitle(self.tr("Member's phone (wallet)"))
        self.tabs.setTabText(0, self.tr("Phone"))
        if self.receipts is not None:
            self.tabs.setTabText(1, self.tr("Receipts"))
        self.show_caption()
        self.show_button.setText(self.tr("Show a new code to the camera"))
        self.away_button.setText(self.tr("Put the phone away"))
        self.checkin_button.setText(self.tr("Show a check-in code"))
        self.sign_ins.setText(self.sign_ins_text())

    def sign_ins_text(self) -> str:
        """The demo's accounts, to try approvals and diagnostics (demo data: PINs shown)."""
        roles = {
            "supervisor": self.tr("Supervisor"),
            "cashier": self.tr("Cashier"),
            "technician": self.tr("Technician"),
        }
        rows = [
            self.tr("%1: ID %2, PIN %3")
            .replace("%1", roles[role])
            .replace("%2", staff_id)
            .replace("%3", pin)
            for staff_id, _name, role, pin in DEMO_STAFF
        ]
        return "\n".join([self.tr("Demo sign-ins (demo data only):"), *rows])

    def show_receipts(self) -> None:
        """A receipt came out of the printer: the tab with the paper in front."""
        if self.receipts is not None:
            self.tabs.setCurrentWidget(self.receipts)

    def show_caption(self) -> None:
        """The caption under the code again, in the current language."""
        if self._caption is not None:
            self.caption.setText(self._caption())

    def code_caption(self, counter: int, purpose: Purpose) -> str:
        """Whose code it is, its number and what it is for."""
        names = {
            Purpose.CHECKOUT: self.tr("checkout"),
            Purpose.CHECKIN: self.tr("check-in"),
            Purpose.PICKUP: self.tr("pickup"),
            Purpose.COUPON: self.tr("coupon"),
            Purpose.STAFF: self.tr("staff sign-in"),
        }
        return (
            self.tr("Member %1 · code #%2 (%3)")
            .replace("%1", self.member)
            .replace("%2", str(counter))
            .replace("%3", names.get(purpose, purpose.value))
        )

    def fit_code(self, size: int) -> None:
        """Show the code at ``size`` px (a smaller phone on a small screen)."""
        self.qr_size = size
        self.code.setFixedSize(size, size)
        self.setFixedWidth(max(size, 320) + 40)
        self.adjustSize()

    def _button(self, slot: Any) -> Any:
        from terminal.ui.views.widgets import button

        b = button()
        b.clicked.connect(slot)
        return b

    def present(self) -> None:
        """A fresh checkout code, held under the camera."""
        self.tabs.setCurrentIndex(0)
        self.purpose = Purpose.CHECKOUT
        self._refresh()
        self._timer.start()

    def present_checkin(self) -> None:
        self.purpose = Purpose.CHECKIN
        self._refresh()
        self._timer.start()

    def put_away(self) -> None:
        """The member takes the phone back: the camera sees no code."""
        self._timer.stop()
        self.text = None
        self.frames.show(None)
        self.code.clear()
        self._caption = lambda: self.tr("Phone put away.")
        self.show_caption()

    def _refresh(self) -> None:
        wallet: Wallet = load_wallet(self.wallet_path)
        wallet, self.text = wallet.next_code(time.time(), self.purpose)
        save_wallet(self.wallet_path, wallet)
        self.frames.show(self.text)
        qr = qr_pixels(self.text, 3)
        image = QImage(
            qr.data, qr.shape[1], qr.shape[0], qr.strides[0], QImage.Format.Format_Grayscale8
        )
        pixmap = QPixmap.fromImage(image.copy()).scaled(
            self.qr_size,
            self.qr_size,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.FastTransformation,
        )
        self.code.setPixmap(pixmap)
        counter, purpose = wallet.counter, self.purpose
        self._caption = lambda: self.code_caption(counter, purpose)
        self.show_caption()


def place(main: QWidget, phone: PhoneWindow, area: QRect) -> None:
    """Put the terminal and the phone side by side inside ``area`` (a screen's available
    geometry), centred; the phone's code and then the terminal shrink when they do not fit.
    On a screen too narrow for both, the phone sits over the terminal's right edge.

    Sizes are of the windows' contents and positions of their frames, so the title bars a
    window manager adds (known once a window is shown) are counted: call it again then.
    """
    frame_w, frame_h = _frame(main)
    for size in QR_SIZES:
        phone.fit_code(size)
        wanted = _wanted(phone)
        fits_height = wanted.height() + frame_h <= area.height()
        needed = _narrowest(main) + wanted.width() + 2 * frame_w + GAP
        if fits_height and needed <= area.width():
            break
    phone_w = min(wanted.width(), area.width() - frame_w)
    phone_h = min(wanted.height(), area.height() - frame_h)
    room = area.width() - phone_w - 2 * frame_w - GAP
    side_by_side = room >= _narrowest(main)
    # Too narrow for both: the terminal takes the whole width (its top bar needs it) and
    # the phone sits over its right edge, where the member would hold it.
    main_w = min(1280, room if side_by_side else area.width() - frame_w)
    main_h = min(800, area.height() - frame_h)
    main.resize(main_w, main_h)
    phone.resize(phone_w, phone_h)
    total = main_w + phone_w + 2 * frame_w + GAP
    if side_by_side:
        left = area.x() + (area.width() - total) // 2
        top = area.y() + (area.height() - max(main_h, phone_h) - frame_h) // 2
        main.move(left, top)
        phone.move(left + main_w + frame_w + GAP, top)
    else:
        main.move(area.x(), area.y())
        phone.move(area.x() + area.width() - phone_w - frame_w, area.y())


def _narrowest(main: QWidget) -> int:
    """The terminal's narrowest width: what it asks for now, and never below 1024 px, the
    smallest screen it is laid out for (signed in, its top bar needs all of that)."""
    return max(main.minimumSizeHint().width(), TERMINAL_MIN_W)


def _wanted(window: QWidget) -> QSize:
    """The size a window asks for, within its own limits (the phone has a fixed width)."""
    return window.sizeHint().expandedTo(window.minimumSize()).boundedTo(window.maximumSize())


def _frame(window: QWidget) -> tuple[int, int]:
    """What the window manager adds around a window's contents (0 before it is shown)."""
    frame = window.frameGeometry()
    return frame.width() - window.width(), frame.height() - window.height()


def show(
    data_dir: Path,
    wallet: Path,
    *,
    language: str = "en",
    check: bool = False,
    screenshot: Path | None = None,
    phone_camera: bool = True,
    printer: Path | None = None,
    award: str | None = None,
) -> int:
    """Both windows until closed; with ``check`` or ``screenshot``, until the first scan.

    ``printer``: the file the app prints receipts to, shown on the phone window's second tab.
    ``award``: after the first scan the cashier awards this amount; ``screenshot`` then waits
    for its receipt and saves the whole screen (both windows where they are).
    """
    from terminal.ui.app import Options, build, qt_app

    app = qt_app()
    frames = PhoneFrames()
    options = Options(
        data_dir=data_dir,
        language=language,
        # Without a real camera, the camera is the phone window's frames.
        camera_factory=(lambda sink: PhoneCamera(frames, sink)) if phone_camera else None,
        sync_interval_ms=10_000,
    )
    shell, wedge = build(app, options)
    phone = PhoneWindow(wallet, frames, printer)
    outcome = {"code": 1}

    def signed_in(staff: Any) -> None:
        if staff is not None:
            QTimer.singleShot(500, phone.present)

    def save_and_quit() -> None:
        shell.window.grab().save(str(screenshot))
        app.quit()

    def screen_and_quit() -> None:
        screen_picture(area, (shell.window, phone)).save(str(screenshot))
        app.quit()

    def printed() -> None:
        if award is not None:
            outcome["code"] = 0  # with an award, done means its receipt came out
        if award is not None and screenshot is not None:
            QTimer.singleShot(600, screen_and_quit)
        elif award is not None and check:
            app.quit()

    def scanned(_view: Any) -> None:
        phone.put_away()  # the member takes the phone back once the counter has read it
        if award is None:
            outcome["code"] = 0
        if award is not None:
            QTimer.singleShot(300, lambda: type_award(shell.window.member, award))
        elif screenshot is not None:
            QTimer.singleShot(400, save_and_quit)
        elif check:
            app.quit()

    shell.counter.opened.connect(lambda: shell.counter.sign_in(CASHIER[0], CASHIER[3]))
    shell.counter.staff_changed.connect(signed_in)
    shell.counter.member_shown.connect(scanned)
    if phone.receipts is not None:
        phone.receipts.printed.connect(printed)
    if check or screenshot is not None:
        QTimer.singleShot(60_000, app.quit)
    shell.start()
    area = (shell.window.screen() or app.primaryScreen()).availableGeometry()
    if screenshot is None or award is not None:
        # (A screenshot of the first scan shows the app at its designed 1280x800.)
        place(shell.window, phone, area)
        # Again once the window manager has framed both: their title bars count too.
        QTimer.singleShot(300, lambda: place(shell.window, phone, area))
    phone.show()
    app.exec()
    phone.close()
    shell.shutdown()
    app.removeEventFilter(wedge)
    return outcome["code"] if (check or screenshot is not None) else 0
