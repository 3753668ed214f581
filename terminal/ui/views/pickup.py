"""The pickup screen: the order's items and the handover, whole or partial."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from terminal.counter.results import MemberView
from terminal.ui.views.style import TOUCH
from terminal.ui.views.widgets import Translatable, button, label


def order_items(view: MemberView, remaining: dict[str, int] | None) -> list[tuple[str, str, int]]:
    """(sku, name, quantity still to hand over) of a pickup order."""
    body = (view.document or {}).get("body") or {}
    items: list[tuple[str, str, int]] = []
    for item in body.get("items") or []:
        if isinstance(item, dict) and "sku" in item:
            sku = str(item["sku"])
            qty = int(item.get("qty", 1))
            left = qty if remaining is None else int(remaining.get(sku, qty))
            items.append((sku, str(item.get("name", sku)), left))
    return items


class QuantityPicker(QWidget):
    """A count between 0 and ``maximum`` with large minus and plus buttons for a finger."""

    def __init__(self, maximum: int) -> None:
        super().__init__()
        self.maximum = maximum
        self._value = maximum
        self.minus = button("−")
        self.plus = button("+")
        self.count = QLabel()
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count.setStyleSheet("font-size: 24px; font-weight: bold;")
        for b in (self.minus, self.plus):
            b.setFixedSize(TOUCH, TOUCH)
            b.setStyleSheet(f"min-height: {TOUCH}px; font-size: 26px; padding: 0;")
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        row.addWidget(self.minus)
        row.addWidget(self.count, 1)
        row.addWidget(self.plus)
        self.minus.clicked.connect(lambda: self.setValue(self._value - 1))
        self.plus.clicked.connect(lambda: self.setValue(self._value + 1))
        self.setValue(maximum)

    def value(self) -> int:
        return self._value

    def setValue(self, value: int) -> None:
        self._value = max(0, min(self.maximum, value))
        self.count.setText(str(self._value))
        self.minus.setEnabled(self._value > 0)
        self.plus.setEnabled(self._value < self.maximum)


class PickupScreen(Translatable):
    """Emits ``handover(items)`` (None: the whole order) or ``cancel``."""

    handover = Signal(object)
    cancel = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.title = label(role="title")
        self.hint = label(role="hint")
        self.table = QTableWidget(0, 3)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(TOUCH + 8)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.all_button = button(role="go")
        self.part_button = button(role="primary")
        self.cancel_button = button()
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_button, 2)
        buttons.addWidget(self.part_button, 2)
        buttons.addWidget(self.cancel_button, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(30, 20, 30, 20)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.all_button.clicked.connect(lambda: self.handover.emit(None))
        self.part_button.clicked.connect(self._partial)
        self.cancel_button.clicked.connect(self.cancel)
        self.view: MemberView | None = None
        self.items: list[tuple[str, str, int]] = []
        self.spins: list[QuantityPicker] = []
        self.retranslate()

    def retranslate(self) -> None:
        order = str((self.view.document or {}).get("id", "")) if self.view else ""
        self.title.setText(self.tr("Pickup order %1").replace("%1", order))
        self.hint.setText(
            self.tr(
                "Check the items with the member, then hand over the whole order or the quantities set below."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [self.tr("Item"), self.tr("Still to hand over"), self.tr("Hand over now")]
        )
        self.all_button.setText(self.tr("Hand over whole order"))
        self.part_button.setText(self.tr("Hand over selected"))
        self.cancel_button.setText(self.tr("Cancel"))

    def show_order(self, view: MemberView, remaining: dict[str, int] | None = None) -> None:
        """The order's items; ``remaining`` (by SKU) when some were handed over before."""
        self.view = view
        self.items = order_items(view, remaining)
        self.spins = []
        self.table.setRowCount(len(self.items))
        for row, (_item_id, name, qty) in enumerate(self.items):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            ordered = QTableWidgetItem(str(qty))
            ordered.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, 1, ordered)
            spin = QuantityPicker(qty)
            self.table.setCellWidget(row, 2, spin)
            self.spins.append(spin)
        self.table.setColumnWidth(1, 220)
        self.table.setColumnWidth(2, 240)
        self.retranslate()

    def selected(self) -> dict[str, Any]:
        """Quantities set to hand over now, items at zero left out."""
        return {
            item_id: spin.value()
            for (item_id, _name, _qty), spin in zip(self.items, self.spins, strict=True)
            if spin.value() > 0
        }

    def set_busy(self, busy: bool) -> None:
        for b in (self.all_button, self.part_button):
            b.setEnabled(not busy)

    def _partial(self) -> None:
        items = self.selected()
        if items:
            self.handover.emit(items)
