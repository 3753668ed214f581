"""``loyalty-terminal run`` without --fullscreen opens inside the screen's available area.

The window is designed at 1280x800; on a 1024x768 screen it used to open at that size with
Back/Next below the screen's edge. Each screen size is its own process (the offscreen
platform reads its screens from a config file when the QApplication starts), running the
real ``terminal.ui.app.run`` on an empty data directory (the set-up wizard).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, sys
sys.path.insert(0, {root!r})
from pathlib import Path
from PySide6.QtCore import QTimer
from terminal.ui.app import Options, qt_app, run
from terminal.ui.views.main_window import MainWindow

app = qt_app()
found = {{}}

def report():
    window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible())
    r, area = window.frameGeometry(), window.screen().availableGeometry()
    found.update(window=[r.x(), r.y(), r.width(), r.height()],
                 area=[area.x(), area.y(), area.width(), area.height()],
                 content=[window.width(), window.height()])
    app.quit()

QTimer.singleShot(1500, report)
run(Options(data_dir=Path({data!r}), language="en", sound=False, start_devices=False))
print(json.dumps(found))
"""


def opened_on(tmp_path: Path, width: int, height: int) -> dict:
    config = tmp_path / f"screen-{width}x{height}.json"
    screen = {"name": "s", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    child = CHILD.format(root=str(ROOT), data=str(tmp_path / "data"))
    out = subprocess.run(
        [sys.executable, "-c", child], env=env, capture_output=True, text=True, timeout=90
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_run_opens_no_larger_than_the_screen(tmp_path, size):
    found = opened_on(tmp_path, *size)
    x, y, w, h = found["window"]
    ax, ay, aw, ah = found["area"]
    assert ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah, found
    if size == (1920, 1080):  # on a big screen it keeps its designed size
        assert found["content"] == [1280, 800]
    else:  # on a small one it takes what there is
        assert (w, h) == (aw, ah)
