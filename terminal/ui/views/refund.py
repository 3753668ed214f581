"""The refund screen: today's operations to pick from, an optional partial amount, confirm.

Each operation comes with what was refunded of it (terminal.counter.refunds.RefundState); the
one picked is described in words, with what was refunded and what remains.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from terminal.ui.operation_texts import refund_summary, refunded_cell
from terminal.ui.texts import clock_time, money, operation_name
from terminal.ui.views.receipts import ReceiptBar
from terminal.ui.views.style import TOUCH
from terminal.ui.views.widgets import Keypad, Translatable, button, label


class RefundScreen(Translatable):
    """Emits ``refund(event_id, amount_text)`` (empty amount: all of it), ``reload``, ``back``,
    and its receipt bar's ``reprint_last`` / ``reprint_picked``."""

    refund = Signal(str, str)
    reload = Signal()
    back = Signal()
    reprint_last = Signal()
    reprint_picked = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.title = label(role="title")
        self.day = label(role="hint")
        self.table = QTableWidget(0, 6)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(TOUCH)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.event_label = label()
        self.summary = label()
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        # Typed: an operation of another day, by the ID on its receipt.
        self.event_id = QLineEdit()
        self.amount_label = label()
        self.amount = QLineEdit()
        self.hint = label(role="hint")
        self.keypad = Keypad(self.amount)
        self.refund_button = button(role="danger")
        self.reload_button = button()
        self.back_button = button()
        # Right: the picked operation in words, the amount, the keypad and the button, so
        # the keypad keeps its full size at 1024 x 768. Left: the list and what else helps.
        form = QGridLayout()
        form.addWidget(self.summary, 0, 0, 1, 2)
        form.addWidget(self.amount_label, 1, 0)
        form.addWidget(self.amount, 1, 1)
        form.addWidget(self.keypad, 2, 0, 1, 2)
        form.addWidget(self.refund_button, 3, 0, 1, 2)
        form.setRowStretch(0, 1)
        left = QVBoxLayout()
        left.addWidget(self.day)
        left.addWidget(self.table, 1)
        left.addWidget(self.hint)
        other = QHBoxLayout()
        other.addWidget(self.event_label)
        other.addWidget(self.event_id, 1)
        left.addLayout(other)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reload_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        left.addLayout(buttons)
        self.receipts = ReceiptBar()  # reprints (terminal/ui/controllers/receipts.py)
        self.receipts.reprint_last.connect(self.reprint_last)
        self.receipts.reprint_picked.connect(self.reprint_picked)
        left.addWidget(self.receipts)
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
        self.events: list[Any] = []  # RefundState, newest first
        self.picked: Any = None  # the RefundState picked in the list
        self.busy = False
        self.shown_day: dt.date | None = None
        self.event_id.textChanged.connect(self._typed)
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
                self.tr("Refunded"),
            ]
        )
        self.event_label.setText(self.tr("Other day"))  # an ID typed instead of a pick
        self.event_id.setPlaceholderText(self.tr("operation ID from the receipt"))
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
        self.show_operations(self.shown_day, list(reversed(self.events)))

    def show_operations(self, day: dt.date | None, operations: list[Any]) -> None:
        """The day's awards and redemptions (RefundState, oldest first), shown newest first."""
        picked = self.picked.event.id if self.picked is not None else None
        self.shown_day = day
        self.events = list(reversed(operations))
        self.day.setText(self.tr("Operations of %1").replace("%1", day.isoformat() if day else "—"))
        self.table.setRowCount(len(self.events))
        for r, state in enumerate(self.events):
            event = state.event
            amount = event.details.get("amount")
            cells = [
                clock_time(event.local_time_ms / 1000),
                event.member,
                operation_name(event.kind),
                f"{event.points:+,}",
                money(amount) if amount else "",
                refunded_cell(state),
            ]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        for column in range(5):
            self.table.resizeColumnToContents(column)
        # The operation picked before a reload stays picked, with its new figures, and the
        # list shows that one selected: after a reload its row may be another.
        row = next((r for r, s in enumerate(self.events) if s.event.id == picked), None)
        self.picked = None if row is None else self.events[row]
        if row is None:
            self.table.clearSelection()
        else:
            self.table.selectRow(row)
        self._describe()

    def set_busy(self, busy: bool) -> None:
        """No second tap while the core is still working on the first."""
        self.busy = busy
        self._enable()

    def clear(self) -> None:
        """Ready for the next refund."""
        self.event_id.clear()
        self.amount.clear()
        self.table.clearSelection()
        self.picked = None
        self._describe()

    def select(self, row: int) -> None:
        """Pick the operation in ``row`` (as a tap on it does)."""
        self.table.selectRow(row)

    def _picked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self.events):
            self.picked = self.events[rows[0].row()]
            self.event_id.clear()  # the list's choice, not an ID typed before
            self._describe()

    def _typed(self, text: str) -> None:
        """An ID typed for another day's operation replaces the list's choice."""
        if text.strip() and self.picked is not None:
            self.picked = None
            self.table.clearSelection()
        self._describe()

    def _describe(self) -> None:
        """The picked operation in words, with what was refunded and what remains."""
        if self.picked is not None:
            text = refund_summary(self.picked)
            if self.picked.closed:
                text += "\n" + self.tr("Nothing is left to refund.")
        elif self.event_id.text().strip():
            text = self.tr("Operation %1 of another day.").replace(
                "%1", self.event_id.text().strip()
            )
        else:
            text = self.tr("Pick an operation on the left.")
        self.summary.setText(text)
        self._enable()

    def _enable(self) -> None:
        target = self.picked is not None or bool(self.event_id.text().strip())
        closed = self.picked is not None and self.picked.closed
        self.refund_button.setEnabled(target and not closed and not self.busy)

    def chosen_id(self) -> str:
        """The operation to refund: the one picked in the list, else a typed ID."""
        if self.picked is not None:
            return str(self.picked.event.id)
        return self.event_id.text().strip()

    def _submit(self) -> None:
        event_id = self.chosen_id()
        if event_id:
            self.refund.emit(event_id, self.amount.text().strip())
