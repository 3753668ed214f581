"""The pickup screen: the order's state, its member and history, and the handover.

Three states, from the core's OrderState (terminal.counter.orders):
- open: items remain; the quantities to hand over now are set with +/- and handed over;
- handed over: nothing remains (here, or the backend says so): when and where, buttons off;
- just handed over: what went now and what remains; scanning the code again hands over more.
"""

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

from terminal.counter.orders import OrderState
from terminal.counter.results import MemberView
from terminal.ui.texts import clock_time, join
from terminal.ui.views.style import TOUCH, restyle
from terminal.ui.views.widgets import Translatable, button, label

HISTORY_LINES = 3
ROW_HEIGHT = TOUCH + 12  # a 64 px +/- button and a little air above and below it


class QuantityPicker(QWidget):
    """A count between 0 and ``maximum`` with 64 x 64 px minus and plus buttons."""

    def __init__(self, maximum: int) -> None:
        super().__init__()
        self.maximum = maximum
        self._value = maximum
        self.minus = button("−")
        self.plus = button("+")
        self.count = QLabel()
        self.count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.count.setMinimumWidth(44)
        self.count.setStyleSheet("font-size: 24px; font-weight: bold;")
        for b in (self.minus, self.plus):
            b.setFixedSize(TOUCH, TOUCH)
            # The fixed size rules: the sheet's min-height would add the border to it.
            b.setStyleSheet("min-height: 0; font-size: 28px; padding: 0;")
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 0, 4, 0)
        row.setSpacing(8)
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
        self.status = label()
        self.status.setObjectName("pickupstatus")
        self.status.setWordWrap(True)
        self.member = label()
        self.hint = label(role="hint")
        self.table = QTableWidget(0, 5)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(4, 2 * TOUCH + 44 + 24)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history_title = label()
        self.history_title.setStyleSheet("font-weight: bold;")
        self.history = label(role="hint")
        self.all_button = button(role="go")
        self.part_button = button(role="primary")
        self.cancel_button = button()
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_button, 2)
        buttons.addWidget(self.part_button, 2)
        buttons.addWidget(self.cancel_button, 1)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.member)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(30, 16, 30, 16)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.history_title)
        layout.addWidget(self.history)
        layout.addLayout(buttons)
        self.all_button.clicked.connect(lambda: self.handover.emit(None))
        self.part_button.clicked.connect(self._partial)
        self.cancel_button.clicked.connect(self.cancel)
        self.view: MemberView | None = None
        self.state: OrderState | None = None
        self.handed_now: dict[str, int] | None = None
        self.items: list[tuple[str, str, int]] = []  # (sku, name, still to hand over)
        self.spins: list[QuantityPicker] = []
        self.busy = False
        self.retranslate()

    # -- what the screen is showing --------------------------------------------------------

    @property
    def can_hand_over(self) -> bool:
        """Something is left and it was not just handed over (a new scan hands over more)."""
        return self.state is not None and not self.state.complete and self.handed_now is None

    def show_order(
        self,
        view: MemberView,
        state: OrderState,
        handed_now: dict[str, int] | None = None,
    ) -> None:
        """The order on a scan (``handed_now`` None) or right after a handover."""
        self.view, self.state, self.handed_now = view, state, handed_now
        self.items = [(line.sku, line.name, line.remaining) for line in state.lines]
        self.spins = []
        self.table.setRowCount(len(state.lines))
        for row, line in enumerate(state.lines):
            self.table.setItem(row, 0, QTableWidgetItem(line.name))
            for column, figure in ((1, line.ordered), (2, line.handed_over), (3, line.remaining)):
                cell = QTableWidgetItem(str(figure))
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, cell)
            spin = QuantityPicker(line.remaining if self.can_hand_over else 0)
            spin.setEnabled(self.can_hand_over)
            self.table.setCellWidget(row, 4, spin)
            self.spins.append(spin)
        self.table.setColumnHidden(4, not self.can_hand_over)
        self.retranslate()
        self._enable()

    def banner(self) -> tuple[str, str]:
        """(state, sentence) for the banner on a scan: green only when something is left."""
        if self.state is None:
            return "", ""
        order = self.state.order_id
        if self.state.complete:
            return "refused", self.tr(
                "Order %1 was already handed over: nothing to hand over."
            ).replace("%1", order)
        return "ok", self.tr("Pickup code accepted: order %1.").replace("%1", order)

    # -- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        state = self.state
        order = state.order_id if state else ""
        self.title.setText(self.tr("Pickup order %1").replace("%1", order))
        self.member.setText(self.tr("Member %1").replace("%1", state.member) if state else "")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Item"),
                self.tr("Ordered"),
                self.tr("Handed over"),
                self.tr("Still to hand over"),
                self.tr("Hand over now"),
            ]
        )
        self.all_button.setText(self.tr("Hand over whole order"))
        self.part_button.setText(self.tr("Hand over selected"))
        done = state is not None and not self.can_hand_over
        self.cancel_button.setText(self.tr("Next customer") if done else self.tr("Cancel"))
        self.history_title.setText(self.tr("Handed over so far") if state else "")
        self.history.setText(self._history_text())
        kind, text, hint = self._status_texts()
        self.status.setText(text)
        self.status.setProperty("state", kind)
        self.status.setStyleSheet(_STATUS_STYLE.get(kind, ""))
        restyle(self.status)
        self.hint.setText(hint)

    def _status_texts(self) -> tuple[str, str, str]:
        """(colour, status sentence, hint) for the order's state."""
        state = self.state
        if state is None:
            return "", "", ""
        left = sum(line.remaining for line in state.lines)
        if self.handed_now is not None:
            went = _items_text(state, self.handed_now)
            text = self.tr("Handed over now: %1.").replace("%1", went)
            if left:
                text = join(
                    text,
                    self.tr("Still to hand over: %1.").replace(
                        "%1", _items_text(state, state.remaining)
                    ),
                )
                hint = self.tr("To hand over the rest, scan the order's code again.")
            else:
                text = join(text, self.tr("The order is complete."))
                hint = self.tr("Nothing is left to hand over.")
            return "ok", text, hint
        if state.handed_over_here:
            last = state.history[-1] if state.history else None
            text = self.tr("Already handed over in full.")
            if last is not None:
                text = join(
                    text,
                    self.tr("Last handover %1 at terminal %2 by %3.")
                    .replace("%1", clock_time(last.at))
                    .replace("%2", last.terminal)
                    .replace("%3", last.staff_name),
                )
            return "done", text, self.tr("Nothing is left to hand over. Buttons are off.")
        if state.handed_over_elsewhere:
            text = self.tr(
                "Already handed over at another counter, says the loyalty server"
                " (order statuses of %1)."
            ).replace("%1", clock_time(state.backend_synced_at))
            return "done", text, self.tr("Nothing is left to hand over. Buttons are off.")
        if state.history:
            text = self.tr("Partly handed over: %n item(s) still to hand over.", None, left)
        else:
            text = self.tr("Ready for pickup: %n item(s) to hand over.", None, left)
        hint = self.tr(
            "Check the items with the member, then hand over the whole order or the quantities"
            " set below."
        )
        return "open", text, hint

    def _history_text(self) -> str:
        state = self.state
        if state is None:
            return ""
        if not state.history:
            return self.tr("Nothing yet.")
        shown = state.history[-HISTORY_LINES:]  # the latest; the screen has room for a few
        lines = [
            self.tr("%1 · terminal %2 · %3: %4")
            .replace("%1", clock_time(h.at))
            .replace("%2", h.terminal)
            .replace("%3", h.staff_name)
            .replace("%4", ", ".join(f"{qty} × {name}" for name, qty in h.items))
            for h in shown
        ]
        earlier = len(state.history) - len(shown)
        if earlier:
            lines.insert(0, self.tr("… and %n earlier handover(s)", None, earlier))
        return "\n".join(lines)

    # -- actions -----------------------------------------------------------------------------

    def selected(self) -> dict[str, Any]:
        """Quantities set to hand over now, items at zero left out."""
        return {
            item_id: spin.value()
            for (item_id, _name, _qty), spin in zip(self.items, self.spins, strict=True)
            if spin.value() > 0
        }

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._enable()

    def _enable(self) -> None:
        for b in (self.all_button, self.part_button):
            b.setEnabled(self.can_hand_over and not self.busy)

    def _partial(self) -> None:
        items = self.selected()
        if items:
            self.handover.emit(items)


_STATUS_STYLE = {
    "open": "font-size: 22px; font-weight: bold; color: #1b7f3b;",
    "ok": "font-size: 22px; font-weight: bold; color: #1b7f3b;",
    "done": "font-size: 22px; font-weight: bold; color: #b3261e;",
}


def _items_text(state: OrderState, quantities: dict[str, int]) -> str:
    """``1 × Mug, 1 × CAP`` by the order's item names, items at zero left out."""
    names = {line.sku: line.name for line in state.lines}
    return ", ".join(f"{qty} × {names.get(sku, sku)}" for sku, qty in quantities.items() if qty > 0)
