"""The app survives the installed PySide6 for as long as a shop day, whatever its version."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LONG_DAY = """
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel
from terminal.ui.app import qt_app
app = qt_app()
class Source(QObject):
    changed = Signal(str)
label, source = QLabel(), Source()
source.changed.connect(label.setText)
for i in range(300_000):  # far more calls than None and True have references on 3.11
    label.setText("x")
    source.changed.emit("y")
print("alive")
"""


def test_hundreds_of_thousands_of_qt_calls_do_not_abort_the_interpreter():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", LONG_DAY],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "alive"
