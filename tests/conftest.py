import os
import sys

import pytest

# Qt must never try to open a real display in tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: half again as many workers as the cores this process may use.

    Most tests spend much of their time waiting on a backend, a subprocess or Chromium, so a
    worker per core leaves cores idle (CI's 2 cores: 8 min 11 s with 2 workers, 7 min 07 s
    with 3, 6 min 51 s with 4, all green; 3 keeps the timing-sensitive Qt tests' margins).
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return cores + cores // 2


@pytest.fixture(autouse=True)
def no_translation_left_installed():
    """A test that switches the app to Chinese must take the translator off again: the
    QApplication outlives each test, and a translator left on it answers for every later test
    on that worker (their English assertions then read Chinese)."""
    yield
    qt = sys.modules.get("PySide6.QtCore")  # only where the test already used Qt
    if qt is None or qt.QCoreApplication.instance() is None:
        return
    shown = qt.QCoreApplication.translate("MainWindow", "Sign out")
    assert shown == "Sign out", f"a translation was left installed on the application ({shown})"
