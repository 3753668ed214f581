"""Input from people and devices: the keyboard-wedge scanner, typing, language switching, sound."""

from __future__ import annotations

import wave

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

from terminal.reasons import SENTENCES
from terminal.ui.sound import Sound, write_tone
from terminal.ui.texts import reason_sentence
from terminal.ui.wedge import WedgeFilter
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import WAIT, banner, sign_in


def test_wedge_scan_from_a_focused_text_field_is_a_scan_not_typing(qtbot, shell, terminal):
    sign_in(qtbot, shell)
    # Every key at the same instant of the filter's clock: a paused test thread on a busy
    # machine cannot split the code (tests/test_ui_wedge.py times keys one by one).
    shell.wedge.clock = lambda: 0.0
    field = shell.window.scan.manual
    field.setFocus()
    code = terminal.member().code()
    qtbot.keyClicks(field, code)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shell.counter.member is not None, timeout=WAIT)
    assert field.text() == ""
    assert shell.window.stack.currentWidget() is shell.window.member
    assert any(line.source == "wedge" for line in shell.scanners.log)


NO = Qt.KeyboardModifier.NoModifier


def test_a_person_typing_reaches_the_field_unchanged(qtbot, qt_problems):
    now = [0.0]
    wedge = WedgeFilter(clock=lambda: now[0])
    app = QCoreApplication.instance()
    app.installEventFilter(wedge)
    try:
        field = QLineEdit()
        qtbot.addWidget(field)
        scans = []
        wedge.scanned.connect(scans.append)
        for ch in "ORDER-12":
            now[0] += 120  # slower than any scanner
            qtbot.keyClicks(field, ch)
        now[0] += 120
        qtbot.keyClick(field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: field.text() == "ORDER-12", timeout=2000)
        assert scans == []
        now[0] += 1000
        qtbot.keyClicks(field, "ab")  # a fast but short burst is still typing
        qtbot.keyClick(field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: field.text() == "ORDER-12ab", timeout=2000)
        assert scans == []
        # Fast keys for longer than a scan takes (1.5 s): not a scan, and not its tail either.
        field.clear()
        for _ in range(60):
            now[0] += 30
            qtbot.keyClicks(field, "x")
        now[0] += 30
        qtbot.keyClick(field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: field.text() == "x" * 60, timeout=2000)
        assert scans == []
        # A key held down repeats every 30 ms: typing, whatever Enter follows.
        field.clear()
        for n in range(12):
            now[0] += 30
            press = QEvent.Type.KeyPress
            QCoreApplication.sendEvent(field, QKeyEvent(press, Qt.Key.Key_Z, NO, "z", n > 0))
        now[0] += 30
        qtbot.keyClick(field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: field.text() == "z" * 12, timeout=2000)
        assert scans == []
    finally:
        app.removeEventFilter(wedge)


def test_language_switch_at_run_time_translates_screens_and_reasons(qtbot, shell):
    window = shell.window
    assert window.title.text() == "Loyalty counter"
    window.lang_button.click()
    assert shell.translations.language == "zh_CN"
    assert window.title.text() == "会员收银台"
    assert window.signin.title.text() == "员工登录"
    assert window.lang_button.text() == "English"
    assert (
        reason_sentence("replayed", SENTENCES["replayed"])
        == "此会员码已被使用。请会员刷新后出示新码。"
    )
    # A counter sentence with numbers in it falls back to its reason's general sentence.
    assert (
        reason_sentence("offline_cap", "Offline, at most 500 ...")
        == "离线状态下已超过每日兑换上限，需要主管授权。"
    )
    window.signin.staff_id.setText("c1")
    window.signin.pin.setText("000000")
    window.signin.submit.click()
    qtbot.waitUntil(lambda: banner(shell)[0] == "refused", timeout=WAIT)
    assert banner(shell)[1] == "工号或密码错误。"
    sign_in(qtbot, shell)
    assert window.scan.title.text() == "请扫描会员码"
    window.lang_button.click()
    assert window.scan.title.text() == "Scan the member's code"
    assert reason_sentence("offline_cap", "Offline, at most 500 ...") == "Offline, at most 500 ..."
    settings = (shell.paths.settings).read_text()
    qtbot.waitUntil(lambda: 'language = "en"' in shell.paths.settings.read_text(), timeout=3000)
    assert "language" in settings


def test_every_screen_has_no_untranslated_text_in_chinese(qtbot, shell, terminal):
    from PySide6.QtWidgets import QAbstractButton, QLabel

    shell.set_language("zh_CN")
    sign_in(qtbot, shell)
    shell.bridge.driver_sink(
        __import__("drivers.events").events.ScanEvent("camera:0", terminal.member().code(), 0)
    )
    qtbot.waitUntil(lambda: shell.counter.member is not None, timeout=WAIT)
    allowed = {"", "⌫", ".", "0.00", "LP1:…", "English", "Lin"}
    for screen in (
        shell.window.signin,
        shell.window.scan,
        shell.window.member,
        shell.window.sync,
        shell.window.technician,
        shell.window.pickup,
        shell.window.refund,
        shell.window.report,
        shell.window.wizard,
    ):
        for widget in screen.findChildren(QLabel) + screen.findChildren(QAbstractButton):
            text = widget.text()
            if text in allowed or text.isdigit() or not any(c.isalpha() for c in text):
                continue
            ascii_words = [w for w in text.split() if w.isascii() and w.isalpha() and len(w) > 3]
            assert not ascii_words or "M1001" in text, f"{type(screen).__name__}: {text!r}"


def test_sound_without_a_player_falls_back_quietly(tmp_path, qapp, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no pw-play, paplay or aplay here
    sound = Sound(tmp_path / "cache")
    assert sound.backend == "beep"
    sound.accepted()
    sound.refused()


def test_tones_are_short_valid_wav_files(tmp_path):
    path = tmp_path / "ok.wav"
    write_tone(path, [(880, 0.08), (1320, 0.12)])
    with wave.open(str(path)) as wav:
        assert wav.getnchannels() == 1
        assert 0.15 < wav.getnframes() / wav.getframerate() < 0.25
