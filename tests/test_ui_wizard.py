"""The set-up wizard's device tests with real sources: a video file played through the camera
pipeline at a known rate, a pty playing a serial scanner, QR frames through the decoders."""

from __future__ import annotations

import contextlib
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest

from config.settings import CameraSettings
from terminal.ui.views.wizard import PAGES
from tests.counter_setup import provision_offline
from tests.member_codes import make_issuer
from tests.test_drivers_serial_port import Pty
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import WAIT, make_shell, stop_shell
from tests.test_ui_setup import code_frames

FPS = 15.0
CHECKING = "A loyalty code: checking it…"


@pytest.fixture
def setup(qtbot, qt_problems, tmp_path) -> Iterator[tuple]:
    """A provisioned terminal with no staff account yet: the app opens the wizard on it.

    Its issuer and codes are made at the wall clock's now, which the wizard verifies with.
    """
    now = int(time.time())
    terminal = provision_offline(tmp_path / "terminal", make_issuer(now - 30 * 86400))
    shell = make_shell(qtbot, terminal.data_dir)
    shell.start()
    wizard = shell.window.wizard
    qtbot.waitUntil(lambda: shell.window.stack.currentWidget() is wizard, timeout=WAIT)
    assert wizard.page == "staff"
    yield shell, terminal
    stop_shell(shell)


def go(wizard, page: str) -> None:
    while wizard.page != page:
        before = wizard.page
        if PAGES.index(page) < PAGES.index(before):
            wizard.back_button.click()
        else:
            wizard.next_button.click()
        assert wizard.page != before


@pytest.fixture
def pty() -> Iterator[Pty]:
    pair = Pty()
    yield pair
    for fd in (pair.master, pair.slave):
        with contextlib.suppress(OSError):
            os.close(fd)


def write_video(path: Path, seconds: float, fps: float, size: tuple[int, int]) -> Path:
    """An MJPG file whose frames differ (a moving bar), at ``fps`` as its header says."""
    width, height = size
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (width, height))
    assert writer.isOpened()
    for i in range(round(seconds * fps)):
        frame = np.full((height, width, 3), 180, np.uint8)
        x = (i * 7) % (width - 40)
        frame[:, x : x + 40] = (40, 90, 160)
        writer.write(frame)
    writer.release()
    return path


def test_the_camera_test_measures_the_rate_and_size_of_the_frames_it_reads(qtbot, setup, tmp_path):
    shell, _terminal = setup
    wizard = shell.window.wizard
    go(wizard, "devices")
    video = write_video(tmp_path / "camera.avi", 10, FPS, (640, 480))
    wizard.camera.setEditText(str(video))
    wizard.camera_test.click()
    qtbot.waitUntil(lambda: wizard.camera_result.text().startswith("Camera OK"), timeout=WAIT)
    match = re.fullmatch(
        r"Camera OK: (\d+\.\d) frames per second, 640×480\.", wizard.camera_result.text()
    )
    assert match, wizard.camera_result.text()
    # The file plays at its own 15 frames a second; a busy machine may lose a frame or two.
    assert FPS * 0.8 <= float(match[1]) <= FPS * 1.07
    assert (
        wizard.camera_preview.pixmap() is not None and not wizard.camera_preview.pixmap().isNull()
    )


def test_a_camera_that_sends_one_picture_and_stops_is_named_so(qtbot, setup, tmp_path):
    shell, _terminal = setup
    wizard = shell.window.wizard
    go(wizard, "devices")
    frames = tmp_path / "still"
    frames.mkdir()
    cv2.imwrite(str(frames / "frame_000.png"), np.full((480, 640, 3), 128, np.uint8))
    wizard.camera.setEditText(str(frames))
    wizard.camera_test.click()
    qtbot.waitUntil(lambda: wizard.camera_result.text() != "", timeout=WAIT)
    qtbot.waitUntil(
        lambda: wizard.camera_result.text() == "The camera sent a picture, then stopped sending.",
        timeout=WAIT,
    )


def test_the_test_scan_waits_then_names_what_each_scanner_read(qtbot, setup, pty, tmp_path):
    shell, terminal = setup
    wizard = shell.window.wizard
    go(wizard, "devices")
    wizard.serial.setEditText(pty.path)
    wizard.serial_test.click()
    qtbot.waitUntil(lambda: "Port open" in wizard.serial_result.text(), timeout=WAIT)
    go(wizard, "scan")
    # Before any scan: what the page waits for, not a blank page.
    assert wizard.scan_state.text() == "Waiting for a test scan…"
    assert wizard.scan_result.text() == ""
    # ...and which scanners listen: the pty's port is open, no camera is running.
    assert wizard.source_chips["serial"].text() == "ready"
    assert wizard.source_chips["camera"].text() == "not configured"
    assert "hold it under the camera" in wizard.scan_hint.text()

    def scanned(data: bytes) -> str:
        wizard.scan_result.clear()
        pty.write(data + b"\r")
        qtbot.waitUntil(lambda: wizard.scan_result.text() not in ("", CHECKING), timeout=WAIT)
        return wizard.scan_result.text()

    assert scanned(b"4006381333931") == (
        "This is a product barcode (EAN-13 4006381333931), not a member code."
    )
    assert wizard.scan_state.text() == "Received from the serial scanner."
    now = time.time()
    member = terminal.member(tier="gold", balance=1280, issued_at=int(now) - 3600)
    assert scanned(member.code(at=now).encode()) == (
        "Member code verified: member M1001, tier Gold, points balance 1,280."
    )
    # A phone whose card ran out a day ago: refused, with the reason in words.
    old = terminal.member("M2002", issued_at=int(now) - 8 * 86400)
    assert scanned(old.code(at=now).encode()) == (
        "A loyalty code, but refused: The member's card has expired. Ask the member to open"
        " the app online to renew it."
    )
    # The camera reads a QR code that holds a web address.
    wizard.scan_result.clear()
    frames = code_frames(tmp_path / "frames", "https://example.com/menu", count=10)
    shell.scanners.start_camera(CameraSettings(source=str(frames)))
    qtbot.waitUntil(lambda: wizard.scan_result.text() not in ("", CHECKING), timeout=WAIT)
    assert wizard.scan_state.text() == "Received from the camera."
    assert wizard.scan_result.text() == (
        "This is a web address (https://example.com/menu), not a member code."
    )
    shell.set_language("zh_CN")
    assert wizard.scan_state.text() != "Received from the camera."
    assert wizard.scan_state.text().startswith("收到")
    assert shell.window.stack.currentWidget() is wizard and wizard.page == "scan"
