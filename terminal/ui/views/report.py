"""End of day: totals per operation and per staff member, and what has not synced yet."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from terminal.ui.texts import arg, money, operation_name
from terminal.ui.views.style import TOUCH
from terminal.ui.views.widgets import Chip, Translatable, button, label


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class ReportScreen(Translatable):
    """Shows the report it is given; emits ``day_chosen(date)`` and ``back``."""

    day_chosen = Signal(object)
    back = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.title = label(role="title")
        self.day_label = label()
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setMinimumHeight(TOUCH)
        self.day.setMinimumWidth(220)
        self.previous_button = button("◀")
        self.next_button = button("▶")
        picker = QHBoxLayout()
        picker.addWidget(self.day_label)
        picker.addWidget(self.previous_button)
        picker.addWidget(self.day)
        picker.addWidget(self.next_button)
        picker.addStretch(1)
        keys = ("net", "pending", "failed")
        self.names = {k: label() for k in keys}
        self.values = {k: Chip() for k in keys}
        grid = QGridLayout()
        grid.setVerticalSpacing(8)
        for row, key in enumerate(keys):
            grid.addWidget(self.names[key], row, 0)
            grid.addWidget(self.values[key], row, 1)
        grid.setColumnStretch(2, 1)
        self.operations_title = label()
        self.operations = _table(4)
        self.staff_title = label()
        self.staff = _table(3)
        tables = QHBoxLayout()
        for title, table, stretch in (
            (self.operations_title, self.operations, 3),
            (self.staff_title, self.staff, 2),
        ):
            column = QVBoxLayout()
            column.addWidget(title)
            column.addWidget(table, 1)
            tables.addLayout(column, stretch)
        self.back_button = button()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(30, 20, 30, 20)
        layout.addWidget(self.title)
        layout.addLayout(picker)
        layout.addLayout(grid)
        layout.addSpacing(10)
        layout.addLayout(tables, 1)
        layout.addLayout(buttons)
        self.day.dateChanged.connect(self._day_changed)
        self.previous_button.clicked.connect(lambda: self.day.setDate(self.day.date().addDays(-1)))
        self.next_button.clicked.connect(lambda: self.day.setDate(self.day.date().addDays(1)))
        self.back_button.clicked.connect(self.back)
        self.report: dict[str, Any] = {}
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("End of day"))
        self.day_label.setText(self.tr("Day"))
        self.names["net"].setText(self.tr("Net points"))
        self.names["pending"].setText(self.tr("Not yet synced"))
        self.names["failed"].setText(self.tr("Rejected by the server"))
        self.operations_title.setText(self.tr("Per operation"))
        self.staff_title.setText(self.tr("Per staff member"))
        self.operations.setHorizontalHeaderLabels(
            [self.tr("Operation"), self.tr("Count"), self.tr("Points"), self.tr("Amount")]
        )
        self.staff.setHorizontalHeaderLabels(
            [self.tr("Staff"), self.tr("Count"), self.tr("Points")]
        )
        self.back_button.setText(self.tr("Back"))
        self.show_report(self.report)

    def show_report(self, report: dict[str, Any]) -> None:
        """Fill the screen from ``CounterService.report``."""
        self.report = dict(report)
        if not report:
            for chip in self.values.values():
                chip.set_state("—")
            return
        day = dt.date.fromisoformat(report["day"])
        self.day.blockSignals(True)
        self.day.setDate(QDate(day.year, day.month, day.day))
        self.day.blockSignals(False)
        self.values["net"].set_state(
            arg(
                self.tr("%1 in %n operation(s)", None, int(report["events"])),
                f"{report['points_net']:+,}",
            )
        )
        pending, failed = int(report["pending"]), int(report["failed"])
        self.values["pending"].set_state(
            self.tr("%1 of this day, %2 in all")
            .replace("%1", str(pending))
            .replace("%2", str(report["pending_all_days"])),
            "warn" if report["pending_all_days"] else "good",
        )
        self.values["failed"].set_state(
            self.tr("%1 of this day, %2 unresolved")
            .replace("%1", str(failed))
            .replace("%2", str(report["failed_unresolved"])),
            "bad" if report["failed_unresolved"] else "good",
        )
        operations = report["operations"]
        self.operations.setRowCount(len(operations))
        for r, (kind, totals) in enumerate(operations.items()):
            amount = totals["amount"]
            cells = [
                operation_name(kind),
                str(totals["count"]),
                f"{totals['points']:+,}",
                money(amount) if amount not in ("0", "") else "",
            ]
            for c, text in enumerate(cells):
                self.operations.setItem(r, c, QTableWidgetItem(text))
        staff, names = report["staff"], report.get("staff_names", {})
        self.staff.setRowCount(len(staff))
        for r, (staff_id, totals) in enumerate(staff.items()):
            # People know each other by name; the id is what the core keeps.
            cells = [
                names.get(staff_id) or staff_id,
                str(totals["count"]),
                f"{totals['points']:+,}",
            ]
            for c, text in enumerate(cells):
                self.staff.setItem(r, c, QTableWidgetItem(text))
        for table in (self.operations, self.staff):
            table.resizeColumnToContents(0)

    def _day_changed(self, day: QDate) -> None:
        self.day_chosen.emit(dt.date(day.year(), day.month(), day.day()))
