"""The app refuses a data dir a newer build used: the person at the screen reads why, in
the terminal's language, and the file is left as it was."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from sync.errors import SchemaTooNew
from sync.state import STATE_SCHEMA
from terminal.ui.app import Options, qt_app, refuse_newer_data
from tests.counter_setup import provision_offline


def newer_state(tmp_path):
    data = provision_offline(tmp_path / "terminal")
    db = sqlite3.connect(data.data_dir / "state.sqlite")
    db.execute(f"PRAGMA user_version = {STATE_SCHEMA.version + 1}")
    db.commit()
    db.close()
    return data.data_dir


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "written by a newer version of the software"), ("zh_CN", "更新版本的软件")],
)
def test_the_app_says_on_screen_that_a_newer_build_wrote_the_data(qtbot, tmp_path, language, words):
    data_dir = newer_state(tmp_path)
    before = hashlib.sha256((data_dir / "state.sqlite").read_bytes()).hexdigest()
    shown: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, read_and_close)
            return
        shown.append(box.text())
        box.accept()

    QTimer.singleShot(20, read_and_close)
    with pytest.raises(SchemaTooNew):
        refuse_newer_data(qt_app(), Options(data_dir=data_dir, language=language), interactive=True)
    assert len(shown) == 1 and words in shown[0]
    # The refusal's translator is gone again: nothing after it speaks its language.
    assert QCoreApplication.translate("reason_codes", "storage_too_new") == "storage_too_new"
    assert hashlib.sha256((data_dir / "state.sqlite").read_bytes()).hexdigest() == before
