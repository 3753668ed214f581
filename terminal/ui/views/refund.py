"""The refund screen: today's operations to pick from, an optional partial amount, confirm."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from terminal.ui.texts import clock_time, money, operation_name
from terminal.ui.views.style import TOUCH
from terminal.ui.views.widgets import Keypad, Translatable, button, label

# Only these can be refunded (an award) or reversed (a redemption).
REFUNDABLE = ("award", "redeem")


class RefundScreen(Translatable):
    """Emits ``refund(event_id, amount_text)`` (empty amount: all of it), ``reload``, ``back``."""

    refund = Signal(str, str)
    reload = Signal()
    back = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.title = label(role="title")
        self.day = label(role="hint")
        self.table = QTableWidget(0, 5)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(TOUCH)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.event_label = label()
        self.event_id = QLineEdit()
        self.amount_label = label()
        self.amount = QLineEdit()
        self.hint = label(role="hint")
        self.keypad = Keypad(self.amount)
        self.refund_button = button(role="danger")
        self.reload_button = button()
        self.back_button = button()
        form = QGridLayout()
        form.addWidget(self.event_label, 0, 0)
        form.addWidget(self.event_id, 0, 1)
        form.addWidget(self.amount_label, 1, 0)
        form.addWidget(self.amount, 1, 1)
        form.addWidget(self.hint, 2, 0, 1, 2)
        form.addWidget(self.keypad, 3, 0, 1, 2)
        form.addWidget(self.refund_button, 4, 0, 1, 2)
        left = QVBoxLayout()
        left.addWidget(self.day)
        left.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reload_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        left.addLayout(buttons)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addSpacing(20)
        body.addLayout(form, 2)
        layout = QVBoxLayout(self)
        # Thin top and bottom margins: at 1024x768 the keypad needs every pixel below the hint.
        layout.setContentsMargins(30, 10, 30, 10)
        layout.addWidget(self.title)
        layout.addLayout(body, 1)
        self.table.itemSelectionChanged.connect(self._picked)
        self.refund_button.clicked.connect(self._submit)
        self.reload_button.clicked.connect(self.reload)
        self.back_button.clicked.connect(self.back)
        self.events: list[Any] = []
        self.shown_day: dt.date | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Refund or reverse an operation"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Time"),
                self.tr("Member"),
                self.tr("Operation"),
                self.tr("Points"),
                self.tr("Purchase"),
            ]
        )
        self.event_label.setText(self.tr("Operation"))
        self.event_id.setPlaceholderText(self.tr("pick one on the left or type its ID"))
        self.amount_label.setText(self.tr("Amount"))
        self.amount.setPlaceholderText(self.tr("all of it"))
        self.hint.setText(
            self.tr(
                "Leave the amount empty to refund the whole purchase. A redemption is always"
                " reversed whole."
            )
        )
        self.refund_button.setText(self.tr("Refund"))
        self.reload_button.setText(self.tr("Refresh"))
        self.back_button.setText(self.tr("Back"))
        self.show_operations(self.shown_day, self.events)

    def show_operations(self, day: dt.date | None, events: list[Any]) -> None:
        """The day's awards and redemptions, newest first."""
        self.shown_day = day
        self.events = [e for e in reversed(events) if e.kind in REFUNDABLE]
        self.day.setText(self.tr("Operations of %1").replace("%1", day.isoformat() if day else "—"))
        self.table.setRowCount(len(self.events))
        for r, event in enumerate(self.events):
            amount = event.details.get("amount")
            cells = [
                clock_time(event.local_time_ms / 1000),
                event.member,
                operation_name(event.kind),
                f"{event.points:+,}",
                money(amount) if amount else "",
            ]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        for column in range(4):
            self.table.resizeColumnToContents(column)

    def set_busy(self, busy: bool) -> None:
        """No second tap while the core is still working on the first."""
        self.refund_button.setEnabled(not busy)

    def clear(self) -> None:
        """Ready for the next refund."""
        self.event_id.clear()
        self.amount.clear()
        self.table.clearSelection()

    def select(self, row: int) -> None:
        """Pick the operation in ``row`` (as a tap on it does)."""
        self.table.selectRow(row)

    def _picked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self.events):
            self.event_id.setText(self.events[rows[0].row()].id)
            self.event_id.setCursorPosition(0)

    def _submit(self) -> None:
        event_id = self.event_id.text().strip()
        if event_id:
            self.refund.emit(event_id, self.amount.text().strip())
