import os
import sys

import pytest

# Qt must never try to open a real display in tests.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


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
