"""Small shared widgets: the numeric keypad, the status strip and its banner, status chips."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from terminal.ui.timers import QtTimers, Timers
from terminal.ui.views.style import restyle


def button(text: str = "", role: str | None = None) -> QPushButton:
    """A touch-sized button; ``role`` picks its colour in the style sheet."""
    widget = QPushButton(text)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if role:
        widget.setProperty("role", role)
    return widget


def label(text: str = "", role: str | None = None) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(role in ("hint", None))
    if role:
        widget.setProperty("role", role)
    return widget


class Keypad(QWidget):
    """Digits, a decimal point, back and clear for a touch screen; types into ``target``."""

    KEYS = ("7", "8", "9", "4", "5", "6", "1", "2", "3", ".", "0", "⌫")

    def __init__(self, target: QLineEdit | None = None, decimal: bool = True) -> None:
        super().__init__()
        self.target = target
        grid = QGridLayout(self)
        grid.setSpacing(6)
        grid.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for i, key in enumerate(self.KEYS):
            b = button(key, "key")
            b.setEnabled(decimal or key != ".")
            b.clicked.connect(lambda _=False, k=key: self.press(k))
            grid.addWidget(b, i // 3, i % 3)
            self.buttons[key] = b

    def press(self, key: str) -> None:
        """Apply one key to the target field."""
        if self.target is None:
            return
        if key == "⌫":
            self.target.backspace()
        else:
            self.target.insert(key)


class Banner(QLabel):
    """The accepted/refused message in the status strip.

    A refusal stays until it is tapped away or the next result replaces it; an accepted or
    informative message fades after a while. Routine sync results never come here (the sync
    state is in the status bar and on the sync screen), so nothing overwrites a refusal
    unasked. The banner lives in a ``StatusStrip`` of fixed height: showing, replacing or
    hiding it never moves the screen below.
    """

    # Font sizes tried in turn until the message fits the strip's two lines.
    SIZES = (22, 19, 16)

    def __init__(self, timers: Timers | None = None) -> None:
        super().__init__()
        self.setObjectName("banner")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.hide()
        # A message's fading time (a test passes timers it moves by hand).
        self._timer = (timers or QtTimers(self)).timer(self.hide)
        self._render: Callable[[], str] | None = None

    def show_message(self, state: str, text: str | Callable[[], str], seconds: float = 8.0) -> None:
        """``state`` is ok, refused or info; a refusal ignores ``seconds`` and stays.

        ``text`` may be a function that builds the sentence in the chosen language: it is
        called again on a language switch, so a message already on screen follows the switch.
        """
        self.setProperty("state", state)
        self._render = text if callable(text) else None
        self.setText(text() if callable(text) else text)
        self._fit()
        restyle(self)  # the state's colour (and the fitted size) from the style sheet
        self.show()
        if state == "refused":
            self._timer.stop()
        else:
            self._timer.start(seconds)

    def dismiss(self) -> None:
        """The message was read: the strip is empty again."""
        self._timer.stop()
        self.hide()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # A tap on the strip is the cashier's "read it".
        self.dismiss()
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """The largest of SIZES at which the text fits the strip, so it is never cut."""
        width = self.contentsRect().width() or self.width()
        height = self.contentsRect().height() or self.height()
        chosen = len(self.SIZES) - 1
        for i, size in enumerate(self.SIZES):
            font = QFont(self.font())
            font.setPixelSize(size)
            font.setBold(True)
            rect = QFontMetrics(font).boundingRect(
                0, 0, max(1, width), 100_000, Qt.TextFlag.TextWordWrap, self.text()
            )
            if rect.height() <= height and rect.width() <= width:
                chosen = i
                break
        if self.property("fit") != chosen:
            self.setProperty("fit", chosen)
            if self.isVisible():
                restyle(self)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._render is not None:
            self.setText(self._render())
            self._fit()
        super().changeEvent(event)


class StatusStrip(QFrame):
    """A fixed-height band that holds the banner: its space is kept whether or not a
    message shows, so a button never moves under a finger."""

    # Two lines of the banner's text; the top bar and this leave 632 px of a 768 px screen.
    HEIGHT = 64

    def __init__(self, banner: Banner) -> None:
        super().__init__()
        self.setObjectName("strip")
        self.setFixedHeight(self.HEIGHT)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(banner)


class Chip(QLabel):
    """A rounded status label: good, bad, warn or neutral."""

    def __init__(self) -> None:
        super().__init__()
        self.setProperty("role", "chip")

    def set_state(self, text: str, state: str = "") -> None:
        self.setText(text)
        if self.property("state") != state:
            self.setProperty("state", state)
            restyle(self)


def source_state(state: str) -> tuple[str, str]:
    """A scanner source's state in words, and the chip colour for it."""
    words = {
        "open": (QCoreApplication.translate("SourceState", "ready"), "good"),
        "starting": (QCoreApplication.translate("SourceState", "starting…"), "warn"),
        "lost": (QCoreApplication.translate("SourceState", "disconnected, retrying"), "bad"),
        "error": (QCoreApplication.translate("SourceState", "not working"), "bad"),
        "off": (QCoreApplication.translate("SourceState", "not configured"), ""),
        "ended": (QCoreApplication.translate("SourceState", "ended"), "warn"),
        "stopped": (QCoreApplication.translate("SourceState", "stopped"), "warn"),
        "listening": (QCoreApplication.translate("SourceState", "listening"), "good"),
    }
    return words.get(state, (state, ""))


class Translatable(QWidget):
    """A view whose texts are set in ``retranslate()``, called again on a language switch."""

    language_changed = Signal()  # after retranslate(), on every language switch

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.language_changed.emit()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every user-visible text; subclasses override."""
