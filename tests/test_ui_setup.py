"""Setting up and looking after a terminal: the wizard against the real backend, sync,
diagnostics with the real camera pipeline, and ``run --screenshot``."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import cv2
import numpy as np

from config.settings import CameraSettings
from drivers.synthetic import qr_image
from sync.worker import SyncChange
from tests.fixtures.office_staff import add_office_staff, staff_from_office
from tests.fixtures.terminal import enrol_wallet, next_code
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import PINS, WAIT, banner, make_shell, sign_in, stop_shell

pytest_plugins = ["tests.fixtures.plugin"]
ROOT = Path(__file__).resolve().parent.parent


def test_first_run_wizard_enrols_tests_and_hands_over_to_sign_in(
    qtbot, qt_problems, sqlite_backend, tmp_path
):
    data_dir = tmp_path / "new-terminal"
    shell = make_shell(qtbot, data_dir, sync_interval_ms=600_000)
    shell.start()
    try:
        wizard = shell.window.wizard
        qtbot.waitUntil(lambda: shell.window.stack.currentWidget() is wizard, timeout=WAIT)
        assert not wizard.next_button.isEnabled()
        # The enrolment code can be scanned: any scanner fills the field.
        wizard.url.setText(sqlite_backend.url)
        shell.bridge.scanned.emit("serial:/dev/ttyACM0", sqlite_backend.enrolment_code(), 0.0)
        assert wizard.code.text()
        wizard.enrol_button.click()
        qtbot.waitUntil(lambda: wizard.enrolled, timeout=WAIT)
        assert wizard.enrol_result.text().startswith("Enrolled as terminal")
        wizard.next_button.click()
        assert wizard.page == "devices"
        assert wizard.camera.itemText(0) == "No camera"
        wizard.next_button.click()
        assert wizard.page == "scan"
        wallet = enrol_wallet(sqlite_backend, "M7", tmp_path / "w.json")
        shell.bridge.scanned.emit("camera:0", next_code(wallet), 0.0)
        qtbot.waitUntil(lambda: "verified" in wizard.scan_result.text(), timeout=WAIT)
        assert wizard.scan_result.text().startswith("Member code verified: member M7, tier ")
        assert wizard.scan_state.text() == "Received from the camera."
        wizard.next_button.click()
        wizard.sync_button.click()
        qtbot.waitUntil(lambda: "answered" in wizard.sync_result.text(), timeout=WAIT)
        wizard.next_button.click()
        assert wizard.page == "staff"
        # Finish waits for a supervisor account: without one nobody could run the terminal.
        assert not wizard.next_button.isEnabled()
        wizard.next_button.click()
        assert shell.window.stack.currentWidget() is wizard
        # The office's directory is the truth: no account is made at the counter, not even
        # the first supervisor.
        wizard.staff_id.setText("s9")
        wizard.staff_name.setText("Boss")
        wizard.staff_pin.setText("246800")
        wizard.staff_repeat.setText("246801")
        wizard.staff_button.click()
        assert wizard.staff_result.text() == "The two PINs differ. Type them again."
        wizard.staff_repeat.setText("246800")
        wizard.staff_button.click()
        qtbot.waitUntil(
            lambda: wizard.staff_result.text().startswith("This terminal has no staff list"),
            timeout=WAIT,
        )
        assert not wizard.next_button.isEnabled()
        # The office adds the store's supervisor; the wizard's sync brings it.
        add_office_staff(sqlite_backend, {"s9": ("Boss", "supervisor", "246800")})
        wizard.back_button.click()
        assert wizard.page == "sync"
        wizard.sync_button.click()
        qtbot.waitUntil(lambda: "answered" in wizard.sync_result.text(), timeout=WAIT)
        wizard.next_button.click()
        assert wizard.page == "staff"
        qtbot.waitUntil(wizard.next_button.isEnabled, timeout=WAIT)
        assert wizard.staff_accounts.text() == "Accounts on this terminal: s9 (Supervisor)"
        wizard.next_button.click()  # Finish
        qtbot.waitUntil(lambda: shell.counter.is_open, timeout=WAIT)
        assert shell.window.stack.currentWidget() is shell.window.signin
        assert 'source = ""' in (data_dir / "settings.toml").read_text()
    finally:
        stop_shell(shell)


def test_an_award_is_sent_right_after_its_commit_and_the_sync_screen_shows_it(
    qtbot, qt_problems, sqlite_backend, tmp_path
):
    from tests.fixtures.terminal import provision

    data_dir = tmp_path / "t1"
    provision(sqlite_backend, data_dir)
    staff_from_office(sqlite_backend, data_dir, {"c1": ("Lin", "cashier", PINS["c1"])})
    shell = make_shell(qtbot, data_dir, sync_interval_ms=600_000)
    shell.start()
    try:
        qtbot.waitUntil(lambda: shell.counter.is_open and shell.first_screen_shown, timeout=WAIT)
        sign_in(qtbot, shell)
        wallet = enrol_wallet(sqlite_backend, "M8", tmp_path / "w.json")
        shell.bridge.scanned.emit("camera:0", next_code(wallet), 0.0)
        qtbot.waitUntil(lambda: shell.counter.member is not None, timeout=WAIT)
        shell.window.member.amount.setText("30")
        shell.window.member.award_button.click()
        qtbot.waitUntil(lambda: "Awarded" in banner(shell)[1], timeout=WAIT)
        # The commit wakes the sync at once: no button, no 10-minute interval.
        qtbot.waitUntil(lambda: sqlite_backend.ledger("M8")["balance"] == 30, timeout=WAIT)
        shell.window.sync_button.click()
        sync = shell.window.sync
        assert shell.window.stack.currentWidget() is sync
        qtbot.waitUntil(lambda: sync.values["pending"].text() == "0", timeout=WAIT)
        qtbot.waitUntil(lambda: sync.pending_table.rowCount() == 0, timeout=WAIT)
        assert sync.values["online"].text() == "online"
        assert shell.window.online.text() == "Online"
        # The next scan shows the spend to the next tier once the backend has answered.
        shell.counter.next_customer()
        shell.bridge.scanned.emit("camera:0", next_code(wallet), 0.0)
        card = shell.window.member.card
        qtbot.waitUntil(lambda: shell.counter.member is not None, timeout=WAIT)
        qtbot.waitUntil(lambda: "1,970" in card.progress_text.text(), timeout=WAIT)
        assert card.progress_text.text() == "Spend ¥1,970 more to reach Silver"
    finally:
        stop_shell(shell)


def test_sync_with_the_backend_down_keeps_events_and_says_offline(qtbot, shell, terminal):
    sign_in(qtbot, shell)
    shell.window.sync_button.click()
    shell.window.sync.sync_button.click()
    # Said on the sync screen's own line: the banner stays free for the cashier's refusals.
    last_round = shell.window.sync.values["round"]
    qtbot.waitUntil(lambda: last_round.text().startswith("Sync failed"), timeout=WAIT)
    assert last_round.text().startswith("Sync failed; events stay queued.")
    assert last_round.property("state") == "bad"
    assert banner(shell)[0] != "refused"
    qtbot.waitUntil(lambda: shell.window.online.text() == "Offline", timeout=WAIT)


def code_frames(folder: Path, text: str, count: int = 30) -> Path:
    """A folder of numbered 1280x720 frames showing ``text`` as a QR code, like a camera."""
    folder.mkdir()
    qr = qr_image(text, 6)
    for i in range(count):
        frame = np.full((720, 1280, 3), 200, np.uint8)
        y, x = 80, 300 + (i % 5) * 4
        frame[y : y + qr.shape[0], x : x + qr.shape[1]] = qr[:, :, None]
        cv2.imwrite(str(folder / f"frame_{i:03d}.png"), frame)
    return folder


def test_camera_code_reaches_the_member_screen_and_diagnostics_show_timings(
    qtbot, shell, terminal, tmp_path
):
    sign_in(qtbot, shell, "t1")  # a technician lands on diagnostics
    assert shell.window.stack.currentWidget() is shell.window.technician
    shell.counter.sign_out()
    sign_in(qtbot, shell, "c1")
    frames = code_frames(tmp_path / "frames", terminal.member().code())
    shell.scanners.start_camera(CameraSettings(source=str(frames)))
    qtbot.waitUntil(lambda: shell.counter.member is not None, timeout=WAIT)
    assert shell.window.stack.currentWidget() is shell.window.member
    stats = shell.scanners.camera_stats()
    assert stats.decoded >= 1 and stats.decode_ms_median > 0
    shell._show_technician()
    values = shell.window.technician.values
    assert values["decode_ms"].text().endswith(" ms")
    assert values["fps"].text().endswith(" fps, 1280×720")
    assert "camera:" in shell.window.technician.log.toPlainText()


def test_technician_screen_needs_a_technician(qtbot, shell):
    sign_in(qtbot, shell, "c1")
    shell.window.tech_button.click()
    dialog = shell.approvals.technician_dialog
    dialog.staff_id.setText("c1")
    dialog.pin.setText(PINS["c1"])
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=WAIT)
    assert shell.window.stack.currentWidget() is shell.window.scan
    dialog.staff_id.setText("t1")
    dialog.pin.setText(PINS["t1"])
    dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: shell.window.stack.currentWidget() is shell.window.technician, timeout=WAIT
    )


def test_run_screenshot_renders_the_wizard_in_chinese_and_exits(tmp_path):
    out = tmp_path / "first.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "terminal",
            "run",
            "--data-dir",
            str(tmp_path / "d"),
            "--lang",
            "zh_CN",
            "--screenshot",
            str(out),
            "--no-sound",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 30
    image = cv2.imread(str(out))
    assert image.shape[:2] == (800, 1280)


def test_demo_reads_the_phone_code_through_the_real_pipeline(tmp_path):
    out = tmp_path / "demo.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "terminal", "demo", "--screenshot", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert cv2.imread(str(out)).shape[:2] == (800, 1280)
    # The demo's sign-ins are printed at start (demo accounts: their PINs are the point).
    assert "supervisor  id 2001  PIN 222222" in result.stdout
    assert "technician  id 9001  PIN 999999" in result.stdout


def test_an_event_the_backend_rejects_is_listed_with_its_reason(
    qtbot, qt_problems, sqlite_backend, tmp_path, monkeypatch
):
    from tests.fixtures.terminal import provision, sync, terminal

    provision(sqlite_backend, tmp_path / "t1")
    provision(sqlite_backend, tmp_path / "t2", store="S2")
    staff = {"c1": ("Lin", "cashier", PINS["c1"])}
    staff_from_office(sqlite_backend, tmp_path / "t2", staff, store="S2")
    code = next_code(enrol_wallet(sqlite_backend, "M9", tmp_path / "w.json"))
    monkeypatch.setenv("LOYALTY_PIN", PINS["c1"])
    for name, who in (("t1", []), ("t2", ["--staff", "c1"])):  # one code, two offline stores
        rc, out = terminal(
            ["award", "--data-dir", str(tmp_path / name), "--amount", "10", *who, code]
        )
        assert rc == 0, out
    assert sync(tmp_path / "t1")[1]["accepted"] == 1
    shell = make_shell(qtbot, tmp_path / "t2", sync_interval_ms=600_000)
    shell.start()
    try:
        qtbot.waitUntil(lambda: shell.counter.is_open and shell.first_screen_shown, timeout=WAIT)
        sign_in(qtbot, shell)
        shell.window.sync_button.click()
        sync_screen = shell.window.sync
        sync_screen.sync_button.click()
        qtbot.waitUntil(lambda: sync_screen.table.rowCount() == 1, timeout=WAIT)
        assert sync_screen.table.item(0, 1).text() == "M9"
        assert sync_screen.table.item(0, 2).text() == "points award"
        assert sync_screen.table.item(0, 3).text() == (
            "This code was already used at another terminal; the operation was not applied."
        )
        qtbot.waitUntil(lambda: sync_screen.values["rejected"].text() == "1", timeout=WAIT)
        shell.set_language("zh_CN")
        assert sync_screen.table.item(0, 3).text().startswith("此会员码已在其他终端使用过")
    finally:
        stop_shell(shell)


def test_a_revocation_brought_by_sync_refuses_the_member_at_once(
    qtbot, qt_problems, sqlite_backend, tmp_path
):
    from backend.cli import main as backend_main
    from tests.fixtures.terminal import provision

    data_dir = tmp_path / "t1"
    provision(sqlite_backend, data_dir)
    staff_from_office(sqlite_backend, data_dir, {"c1": ("Lin", "cashier", PINS["c1"])})
    wallet = enrol_wallet(sqlite_backend, "M5", tmp_path / "w.json")
    shell = make_shell(qtbot, data_dir, sync_interval_ms=600_000)
    shell.start()
    try:
        qtbot.waitUntil(lambda: shell.counter.is_open and shell.first_screen_shown, timeout=WAIT)
        sign_in(qtbot, shell)
        # The worker's first round (at start) is over before the issuer revokes the member.
        qtbot.waitUntil(lambda: shell.sync.last_sync is not None, timeout=WAIT)
        # The issuer lives in the backend's database: revoked there, as an operator does.
        revoke = ["admin", "revoke-member", "--db", sqlite_backend.db_url, "--member", "M5"]
        assert backend_main([*revoke, "--issuer", str(sqlite_backend.issuer_dir)]) == 0
        done: list[SyncChange] = []
        shell.sync.sync_now(done.append)
        qtbot.waitUntil(lambda: bool(done), timeout=WAIT)
        assert "bundle" in done[0].downloaded
        shell.bridge.scanned.emit("camera:0", next_code(wallet), 0.0)
        qtbot.waitUntil(lambda: banner(shell)[0] == "refused", timeout=WAIT)
        assert banner(shell)[1] == "This membership card has been blocked. Do not accept it."
    finally:
        stop_shell(shell)
