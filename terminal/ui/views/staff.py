"""Staff accounts, for a supervisor: the list, add an account, reset a PIN, disable or enable.

The view lays out and emits; the core decides who may do what (a technician may add cashiers
and technicians only, a cashier never gets here) and the banner says why when it refuses.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from terminal.ui.views.style import TOUCH
from terminal.ui.views.widgets import Keypad, Translatable, button, label


def role_name(role: str) -> str:
    """A role as staff call it, in the chosen language."""
    names = {
        "cashier": QCoreApplication.translate("roles", "Cashier"),
        "technician": QCoreApplication.translate("roles", "Technician"),
        "supervisor": QCoreApplication.translate("roles", "Supervisor"),
    }
    return names.get(role, role)


class StaffScreen(Translatable):
    """Emits ``add(id, name, role, pin)``, ``reset_pin(id, pin)``, ``set_enabled(id, on)``,
    ``back``."""

    add = Signal(str, str, str, str)
    reset_pin = Signal(str, str)
    change_own_pin = Signal(str)  # the new PIN; the current one is asked in a dialog
    set_enabled = Signal(str, bool)
    end_of_day = Signal()
    back = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.title = label(role="title")
        self.table = QTableWidget(0, 4)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(TOUCH)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.id_label, self.name_label, self.role_label = label(), label(), label()
        self.pin_label = label()
        for name in (self.id_label, self.name_label, self.role_label, self.pin_label):
            name.setWordWrap(False)
        self.staff_id, self.name, self.pin = QLineEdit(), QLineEdit(), QLineEdit()
        self.staff_id.setMaxLength(64)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.role = QComboBox()
        self.hint = label(role="hint")
        self.keypad = Keypad(self.pin, decimal=False)
        # Keys of 64 to 96 px (still a full touch target) leave the list its room at 1024 px.
        for key in self.keypad.buttons.values():
            key.setStyleSheet("min-width: 64px; padding: 0;")
        self.keypad.setMaximumWidth(300)
        self.add_button = button(role="go")
        self.reset_button = button(role="primary")
        self.enable_button = button(role="danger")
        # The supervisor's menu: the day's report sits with the accounts, not under Sync.
        self.report_button = button(role="primary")
        self.back_button = button()
        form = QGridLayout()
        form.setVerticalSpacing(8)
        for row, (name, field) in enumerate(
            (
                (self.id_label, self.staff_id),
                (self.name_label, self.name),
                (self.role_label, self.role),
                (self.pin_label, self.pin),
            )
        ):
            form.addWidget(name, row, 0)
            form.addWidget(field, row, 1)
        form.setColumnStretch(1, 1)
        # Three columns (accounts, form, keypad) so that the screen fits 1024x768 with the
        # banner showing and every target stays 64 px high.
        middle = QVBoxLayout()
        middle.addLayout(form)
        middle.addSpacing(8)
        for b in (self.add_button, self.reset_button, self.enable_button):
            middle.addWidget(b)
        middle.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(self.hint)
        body = QHBoxLayout()
        body.setSpacing(16)
        body.addLayout(left, 3)
        body.addLayout(middle, 2)
        body.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.report_button)
        top.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        for field in (self.staff_id, self.pin):
            field.installEventFilter(self)
        self.table.itemSelectionChanged.connect(self._picked)
        self.add_button.clicked.connect(self._add)
        self.reset_button.clicked.connect(self._reset)
        self.enable_button.clicked.connect(self._toggle)
        self.report_button.clicked.connect(self.end_of_day)
        self.back_button.clicked.connect(self.back)
        self.accounts: list[Any] = []
        self.me = ""  # the signed-in person's staff id: their own PIN needs their current one
        self.retranslate()
        self._picked()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The keypad types into whichever of ID and PIN was touched last."""
        if event.type() == QEvent.Type.FocusIn and watched in (self.staff_id, self.pin):
            self.keypad.target = watched
        return False

    def retranslate(self) -> None:
        self.title.setText(self.tr("Staff accounts"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Staff ID"), self.tr("Name"), self.tr("Role"), self.tr("Status")]
        )
        self.id_label.setText(self.tr("Staff ID"))
        self.name_label.setText(self.tr("Name"))
        self.role_label.setText(self.tr("Role"))
        self.pin_label.setText(self.tr("New PIN"))
        self.pin.setPlaceholderText(self.tr("6 to 12 digits"))
        self.hint.setText(
            self.tr(
                "To add, fill in the ID, name, role and PIN. To reset a PIN or disable,"
                " pick an account in the list."
            )
        )
        index = self.role.currentIndex()
        self.role.clear()
        for value in ("cashier", "technician", "supervisor"):
            self.role.addItem(role_name(value), value)
        self.role.setCurrentIndex(max(0, index))
        self.add_button.setText(self.tr("Add"))
        self.report_button.setText(self.tr("End of day"))
        self.back_button.setText(self.tr("Back"))
        self.show_accounts(self.accounts)

    def show_accounts(self, accounts: list[Any]) -> None:
        """``accounts``: ``Account`` values (staff_id, name, role, enabled), by id."""
        chosen = self.selected()
        self.accounts = list(accounts)
        self.table.setRowCount(len(self.accounts))
        for r, account in enumerate(self.accounts):
            cells = [
                account.staff_id,
                account.name,
                role_name(account.role.value),
                self.tr("active") if account.enabled else self.tr("disabled"),
            ]
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        for column in range(3):
            self.table.resizeColumnToContents(column)
        ids = [a.staff_id for a in self.accounts]
        if chosen is not None and chosen.staff_id in ids:
            self.select(ids.index(chosen.staff_id))
        self._picked()

    def select(self, row: int) -> None:
        """Pick the account in ``row`` (as a tap on it does)."""
        self.table.selectRow(row)

    def selected(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self.accounts):
            return self.accounts[rows[0].row()]
        return None

    def clear(self) -> None:
        """Ready for the next change: the fields empty (never leave a PIN in a field)."""
        for field in (self.staff_id, self.name, self.pin):
            field.clear()

    def set_busy(self, busy: bool) -> None:
        for b in (self.add_button, self.reset_button, self.enable_button):
            b.setEnabled(not busy)
        if not busy:
            self._picked()

    def _picked(self) -> None:
        account = self.selected()
        self.reset_button.setEnabled(account is not None)
        own = account is not None and account.staff_id == self.me
        self.reset_button.setText(self.tr("Change my PIN") if own else self.tr("Reset PIN"))
        self.enable_button.setEnabled(account is not None and not own)
        if account is not None and not account.enabled:
            self.enable_button.setText(self.tr("Enable"))
        else:
            self.enable_button.setText(self.tr("Disable"))

    def _add(self) -> None:
        staff_id, pin = self.staff_id.text().strip(), self.pin.text().strip()
        if not staff_id:
            self.staff_id.setFocus()
        elif not pin:
            self.pin.setFocus()
        else:
            name = self.name.text().strip() or staff_id
            self.pin.clear()
            self.add.emit(staff_id, name, str(self.role.currentData()), pin)

    def _reset(self) -> None:
        account, pin = self.selected(), self.pin.text().strip()
        if account is None:
            return
        if not pin:
            self.pin.setFocus()
            return
        self.pin.clear()
        if account.staff_id == self.me:
            self.change_own_pin.emit(pin)
        else:
            self.reset_pin.emit(account.staff_id, pin)

    def _toggle(self) -> None:
        account = self.selected()
        if account is not None:
            self.set_enabled.emit(account.staff_id, not account.enabled)
