"""The receipt actions: reprint the last receipt, or the one of the operation picked."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout

from terminal.ui.views.widgets import Translatable, button


class ReceiptBar(Translatable):
    """Two buttons; emits ``reprint_last`` and ``reprint_picked``."""

    reprint_last = Signal()
    reprint_picked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.last_button = button()
        self.picked_button = button()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.last_button)
        row.addWidget(self.picked_button)
        row.addStretch(1)
        self.last_button.clicked.connect(self.reprint_last)
        self.picked_button.clicked.connect(self.reprint_picked)
        self.retranslate()

    def retranslate(self) -> None:
        self.last_button.setText(self.tr("Reprint last receipt"))
        self.picked_button.setText(self.tr("Reprint this receipt"))
