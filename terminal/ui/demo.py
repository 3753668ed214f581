"""The demo: an embedded backend, a member's phone on screen, and the terminal reading it.

The phone window draws the wallet's live code; a camera made from that window's frames feeds
the real reader (capture thread, decoder chain, debounce) so the terminal sees the code the
way it would through a lens. Everything lives in one temporary folder.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import segno
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from crypto.code import Purpose
from drivers.camera import CameraReader
from drivers.chain import build_chain
from drivers.sources import Source
from wallet.store import Wallet, load_wallet, save_wallet

log = logging.getLogger(__name__)
FRAME_W, FRAME_H = 1280, 720


class EmbeddedBackend:
    """The reference backend on SQLite, served by uvicorn on 127.0.0.1 in a thread."""

    def __init__(self, folder: Path) -> None:
        import uvicorn

        from sync.backend import db
        from sync.backend.app import create_app

        self.engine = db.make_engine(f"sqlite:///{folder / 'backend.sqlite'}")
        db.upgrade(self.engine)
        app = create_app(self.engine, folder / "issuer")
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._sock.getsockname()[1]}"
        config = uvicorn.Config(app, log_level="warning", lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, daemon=True
        )

    def start(self, timeout: float = 20.0) -> None:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the embedded backend did not start")
            time.sleep(0.02)

    def enrolment_code(self, store: str) -> str:
        from sync.backend import enrolment

        with self.engine.begin() as conn:
            return enrolment.new_code(conn, store, int(time.time()))

    def login_code(self, member: str) -> str:
        """What 'loyalty-backend admin login-code' prints: the member's one-time login."""
        from sync.backend import login

        with self.engine.begin() as conn:
            return login.DevelopmentLoginCodes().issue(conn, member, int(time.time()))

    def set_tier(self, member: str, tier: str) -> None:
        from sync.backend import members

        with self.engine.begin() as conn:
            members.set_tier(conn, member, tier, int(time.time()))

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._sock.close()
        self.engine.dispose()


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

    def __init__(self, wallet_path: Path, frames: PhoneFrames) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Member's phone (wallet)"))
        self.wallet_path = wallet_path
        self.frames = frames
        self.purpose = Purpose.CHECKOUT
        self.text: str | None = None
        self.code = QLabel()
        self.code.setFixedSize(360, 360)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.show_button = self._button(self.tr("Show a new code to the camera"), self.present)
        self.away_button = self._button(self.tr("Put the phone away"), self.put_away)
        self.checkin_button = self._button(self.tr("Show a check-in code"), self.present_checkin)
        layout = QVBoxLayout(self)
        layout.addWidget(self.code, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.caption)
        row = QHBoxLayout()
        row.addWidget(self.show_button)
        row.addWidget(self.away_button)
        layout.addLayout(row)
        layout.addWidget(self.checkin_button)
        self._timer = QTimer(self)
        self._timer.setInterval(30_000)
        self._timer.timeout.connect(self._refresh)
        self.member = load_wallet(wallet_path).member

    def _button(self, text: str, slot: Any) -> Any:
        from terminal.ui.views.widgets import button

        b = button(text)
        b.clicked.connect(slot)
        return b

    def present(self) -> None:
        """A fresh checkout code, held under the camera."""
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
        self.caption.setText(self.tr("Phone put away."))

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
            360, 360, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
        )
        self.code.setPixmap(pixmap)
        self.caption.setText(
            self.tr("Member %1 · code #%2 (%3)")
            .replace("%1", self.member)
            .replace("%2", str(wallet.counter))
            .replace("%3", self.purpose.value)
        )


def show(
    data_dir: Path,
    wallet: Path,
    *,
    language: str = "en",
    check: bool = False,
    screenshot: Path | None = None,
    phone_camera: bool = True,
) -> int:
    """Both windows until closed; with ``check`` or ``screenshot``, until the first scan."""
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
    phone = PhoneWindow(wallet, frames)
    outcome = {"code": 1}

    def signed_in(staff: Any) -> None:
        if staff is not None:
            QTimer.singleShot(500, phone.present)

    def save_and_quit() -> None:
        shell.window.grab().save(str(screenshot))
        app.quit()

    def scanned(_view: Any) -> None:
        phone.put_away()  # the member takes the phone back once the counter has read it
        outcome["code"] = 0
        if screenshot is not None:
            QTimer.singleShot(400, save_and_quit)
        elif check:
            app.quit()

    shell.counter.opened.connect(lambda: shell.counter.sign_in("1001", "111111"))
    shell.counter.staff_changed.connect(signed_in)
    shell.counter.member_shown.connect(scanned)
    if check or screenshot is not None:
        QTimer.singleShot(60_000, app.quit)
    shell.start()
    phone.move(shell.window.x() + shell.window.width() + 20, shell.window.y())
    phone.show()
    app.exec()
    phone.close()
    shell.shutdown()
    app.removeEventFilter(wedge)
    return outcome["code"] if (check or screenshot is not None) else 0
