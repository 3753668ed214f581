"""The demo's own hands and eyes: the cashier's award typed in, and the whole screen saved."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QWidget


def type_award(screen: Any, amount: str) -> None:
    """The cashier's award on the member screen: the amount on the keypad, then Award."""
    for key in amount:
        screen.keypad.buttons[key].click()
    screen.award_button.click()


def screen_picture(area: QRect, windows: tuple[QWidget, ...]) -> QPixmap:
    """The screen's available area with each window drawn where it is (frames left out)."""
    picture = QPixmap(area.size())
    picture.fill(QColor("#2b2f33"))
    painter = QPainter(picture)
    for window in windows:
        inside = window.mapToGlobal(QPoint(0, 0)) - area.topLeft()
        painter.drawPixmap(inside, window.grab())
    painter.end()
    return picture
