"""The app's window on the screen it opens on."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QWidget


def fit_to_screen(window: QWidget) -> None:
    """The window no larger than its screen's available area, and inside it: its designed
    1280x800 would put Back/Next below the edge of a 1024x768 screen."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    extra_w, extra_h = frame.width() - window.width(), frame.height() - window.height()
    width = min(window.width(), area.width() - extra_w)
    height = min(window.height(), area.height() - extra_h)
    window.resize(width, height)
    left = min(max(frame.x(), area.x()), area.x() + area.width() - width - extra_w)
    top = min(max(frame.y(), area.y()), area.y() + area.height() - height - extra_h)
    window.move(left, top)
