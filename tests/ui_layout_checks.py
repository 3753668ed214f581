"""What a person would see as broken in a laid-out window: cut text, text wrapped into a
column, widgets outside the window, buttons too small for a finger. Used by test_ui_layout."""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QLabel, QPushButton, QWidget

from terminal.ui.views.style import TOUCH


def _scroll_area(widget: QWidget, top: QWidget) -> QAbstractScrollArea | None:
    """The scroll area the widget is scrolled inside (a table's cell widget), if any."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def shown(top: QWidget) -> list[tuple[QWidget, bool]]:
    """Every widget a person can see in ``top``, and whether it sits in a scroll area
    (where it may lie partly outside on purpose: the rest is scrolled away)."""
    found = []
    for w in top.findChildren(QWidget):
        if not (w.isVisibleTo(top) and w.isVisible() and w.width() > 0):
            continue
        area = _scroll_area(w, top)
        if area is not None:
            viewport = area.viewport()
            offset = w.mapTo(top, QPoint(0, 0)) - viewport.mapTo(top, QPoint(0, 0))
            where = QRect(offset, w.size())
            if not viewport.rect().intersects(where):
                continue  # scrolled out of sight
        found.append((w, area is not None))
    return found


def _text_height(metrics: QFontMetrics, lines: int) -> int:
    """Pixels ``lines`` lines of text take, down to the last line's descenders (a "y" or
    the "p" of "delivery" is cut when the label stops at the baseline)."""
    return metrics.lineSpacing() * (lines - 1) + metrics.ascent() + metrics.descent()


def text_problem(widget: QWidget) -> str | None:
    """Why the widget's text does not show whole, or None."""
    if not isinstance(widget, QLabel | QPushButton):
        return None
    text = widget.text()
    if not text or "<" in text:
        return None
    metrics = widget.fontMetrics()
    rect = widget.contentsRect()
    name = f"{type(widget).__name__} {text!r} ({widget.width()}x{widget.height()})"
    if isinstance(widget, QPushButton):
        # The style's padding comes on top of the text: the hint is what it needs.
        needed = max(metrics.horizontalAdvance(line) for line in text.splitlines())
        if widget.width() < widget.sizeHint().width() or widget.width() < needed:
            return f"{name} needs {widget.sizeHint().width()} px"
        return None
    if not widget.wordWrap():
        needed = max(metrics.horizontalAdvance(line) for line in text.splitlines())
        if needed > rect.width():
            return f"{name} needs {needed} px wide"
        if (needed_h := _text_height(metrics, len(text.splitlines()))) > rect.height():
            return f"{name} needs {needed_h} px high (its last line's descenders)"
        return None
    wrapped = QFontMetrics(widget.font()).boundingRect(
        0, 0, rect.width(), 100_000, Qt.TextFlag.TextWordWrap, text
    )
    lines = max(1, round(wrapped.height() / metrics.lineSpacing()))
    if (needed_h := max(wrapped.height(), _text_height(metrics, lines))) > rect.height():
        return f"{name} needs {needed_h} px high when wrapped (its last line's descenders)"
    fill = sum(
        max(1, math.ceil(metrics.horizontalAdvance(line) / max(1, rect.width())))
        for line in text.splitlines() or [text]
    )
    # Words break lines early, but a label squeezed into a column wraps far more often.
    if wrapped.height() / metrics.lineSpacing() > 1.5 * fill + 1:
        return f"{name} wraps into {lines} lines where {fill} would do"
    return None


def problems(top: QWidget, size: tuple[int, int] | None = None) -> list[str]:
    """Everything wrong with ``top`` as laid out; ``size`` is the screen it must fit."""
    found = []
    if size is not None and (top.width(), top.height()) != size:
        found.append(f"the window is {top.width()}x{top.height()}, not {size[0]}x{size[1]}")
    bounds = QRect(0, 0, *(size or (top.width(), top.height())))
    for widget, scrolled in shown(top):
        where = QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())
        if not scrolled and not bounds.contains(where):
            found.append(f"{type(widget).__name__} {where} lies outside {bounds}")
        parent = widget.parentWidget()
        # Squeezed below what it needs, a widget is cut off by its parent (a keypad's last row).
        if not scrolled and parent is not None and not parent.rect().contains(widget.geometry()):
            text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
            found.append(
                f"{type(widget).__name__} {text!r} {widget.geometry()} is cut off by its "
                f"{type(parent).__name__} {parent.rect()}"
            )
        problem = text_problem(widget)
        if problem:
            found.append(problem)
        if isinstance(widget, QAbstractButton) and widget.height() < TOUCH:
            found.append(f"button {widget.text()!r} is {widget.height()} px high, below {TOUCH}")
    return found
