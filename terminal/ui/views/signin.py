"""Staff sign-in: scan a staff card, or type the staff id and PIN on the keypad."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QVBoxLayout

from terminal.ui.views.widgets import Keypad, Translatable, button, label


class SignInView(Translatable):
    """Emits ``sign_in(staff_id, pin)``."""

    sign_in = Signal(str, str)

    def __init__(self) -> None:
        super().__init__()
        self.title = label(role="title")
        self.hint = label(role="hint")
        self.staff_label = label()
        self.pin_label = label()
        self.staff_id = QLineEdit()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(12)
        self.submit = button(role="go")
        self.keypad = Keypad(self.staff_id, decimal=False)
        form = QGridLayout()
        form.addWidget(self.staff_label, 0, 0)
        form.addWidget(self.staff_id, 0, 1)
        form.addWidget(self.pin_label, 1, 0)
        form.addWidget(self.pin, 1, 1)
        left = QVBoxLayout()
        left.addWidget(self.title)
        left.addWidget(self.hint)
        left.addSpacing(12)
        left.addLayout(form)
        left.addWidget(self.submit)
        left.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(40, 30, 40, 30)
        row.setSpacing(40)
        row.addLayout(left, 3)
        row.addWidget(self.keypad, 2, Qt.AlignmentFlag.AlignTop)
        self.submit.clicked.connect(self._submit)
        self.pin.returnPressed.connect(self._submit)
        self.staff_id.returnPressed.connect(self.pin.setFocus)
        for field in (self.staff_id, self.pin):
            field.installEventFilter(self)
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The keypad types into whichever field was touched last."""
        if event.type() == event.Type.FocusIn and watched in (self.staff_id, self.pin):
            self.keypad.target = watched
        return False

    def retranslate(self) -> None:
        self.title.setText(self.tr("Staff sign-in"))
        self.hint.setText(self.tr("Scan your staff card, or enter your staff ID and PIN."))
        self.staff_label.setText(self.tr("Staff ID"))
        self.pin_label.setText(self.tr("PIN"))
        self.submit.setText(self.tr("Sign in"))

    def reset(self) -> None:
        """Clear both fields, cursor in the staff id."""
        self.staff_id.clear()
        self.pin.clear()
        self.staff_id.setFocus()
        self.keypad.target = self.staff_id

    def _submit(self) -> None:
        staff_id, pin = self.staff_id.text().strip(), self.pin.text().strip()
        if staff_id and pin:
            self.pin.clear()
            self.sign_in.emit(staff_id, pin)
        elif not staff_id:
            self.staff_id.setFocus()
        else:
            self.pin.setFocus()
