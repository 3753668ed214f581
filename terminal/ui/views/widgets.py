"""Small shared widgets: the numeric keypad, the feedback banner and status chips."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

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
    """The accepted/refused line under the top bar; fades out after a while."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("banner")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self._render: Callable[[], str] | None = None

    def show_message(self, state: str, text: str | Callable[[], str], seconds: float = 8.0) -> None:
        """``state`` is ok, refused or info. ``text`` may be a function that builds the
        sentence in the chosen language: it is called again on a language switch, so a
        message already on screen follows the switch."""
        self.setProperty("state", state)
        restyle(self)
        self._render = text if callable(text) else None
        self.setText(text() if callable(text) else text)
        self.show()
        self._timer.start(int(seconds * 1000))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._render is not None:
            self.setText(self._render())
        super().changeEvent(event)


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
