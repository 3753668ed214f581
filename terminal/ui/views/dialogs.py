"""Dialogs: choose a reward, confirm points as cash, and the supervisor override (id and PIN
on a keypad)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from terminal.ui.reward_texts import stock_needs_connection
from terminal.ui.texts import arg, money
from terminal.ui.views.widgets import Keypad, button, label


def field(item: Any, name: str) -> Any:
    """A catalog entry's field, whether the core gives dicts or objects."""
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


class RewardDialog(QDialog):
    """The catalog as large buttons, each with its price; a reward the member cannot pay for
    now says by how many points and is off, and so is a stocked one while the link is down
    (only the backend knows how many are left). Emits ``chosen(reward_id, cash)``."""

    chosen = Signal(str, object)

    def __init__(
        self,
        parent: QWidget | None,
        rewards: list[Any],
        available: int,
        chinese: Callable[[], bool] = lambda: False,
        offline: bool = False,
    ) -> None:
        """``chinese``: whether the screen shows Chinese now (a reward's ``name_zh`` then);
        ``offline``: the backend does not answer now (``set_offline`` follows the link)."""
        super().__init__(parent)
        self.chinese = chinese
        self.offline = offline
        self.setModal(True)
        self.setMinimumWidth(640)
        self.title = label(role="title")
        self.available = label(role="hint")
        self.spendable = available
        self.buttons: list[QPushButton] = []
        # (name, Chinese name, points, cash) per button, for the texts in the chosen language.
        self.rewards: list[tuple[str, str, int, Any]] = []
        self.stocked: list[bool] = []  # per button: its stock is counted by the backend
        inner = QWidget()
        grid = QVBoxLayout(inner)
        for reward in rewards:
            reward_id = str(field(reward, "id") or field(reward, "reward_id"))
            points = int(field(reward, "points") or 0)
            cash = field(reward, "cash")
            b = button("")
            b.setMinimumHeight(72)
            b.clicked.connect(
                lambda _=False, r=reward_id, c=cash: self._choose(r, Decimal(str(c)) if c else None)
            )
            grid.addWidget(b)
            self.buttons.append(b)
            name = str(field(reward, "name") or reward_id)
            self.rewards.append((name, str(field(reward, "name_zh") or name), points, cash))
            self.stocked.append(field(reward, "stock") is not None)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        self.cancel_button = button()
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.available)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.cancel_button)
        self.set_offline(offline)

    def set_offline(self, offline: bool) -> None:
        """The link went down or came back: stocked rewards are off, or on again."""
        self.offline = offline
        for b, (_en, _zh, points, _cash), stocked in zip(
            self.buttons, self.rewards, self.stocked, strict=True
        ):
            choosable = points <= self.spendable and not (stocked and offline)
            b.setEnabled(choosable)
            b.setProperty("role", "primary" if choosable else "")
            b.style().unpolish(b)
            b.style().polish(b)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Redeem a reward"))
        self.title.setText(self.tr("Choose the reward (points needed)"))
        self.available.setText(arg(self.tr("The member can spend %1 points now."), self.spendable))
        self.cancel_button.setText(self.tr("Cancel"))
        chinese = self.chinese()
        for b, (english, zh, points, cash), stocked in zip(
            self.buttons, self.rewards, self.stocked, strict=True
        ):
            name = zh if chinese else english
            price = (
                arg(self.tr("%1 points + %2"), f"{points:,}", money(cash))
                if cash and Decimal(str(cash))
                else arg(self.tr("%1 points"), f"{points:,}")
            )
            text = f"{name}  ·  {price}"
            short = points - self.spendable
            if short > 0:
                text += "\n" + self.tr("%n point(s) short", None, short)
            if stocked and self.offline:
                text += "\n" + stock_needs_connection()
            b.setText(text)

    def _choose(self, reward_id: str, cash: Decimal | None) -> None:
        self.accept()
        self.chosen.emit(reward_id, cash)


class DiscountDialog(QDialog):
    """Points as cash, before anything is spent: the points, the money they pay and what is
    left to pay on the POS. Emits ``confirmed`` on the cashier's yes."""

    confirmed = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        figures: tuple[int, Decimal, Decimal, Decimal],
        limit: tuple[str, str] = ("", ""),
    ) -> None:
        """``figures``: points, the money they pay, the sale, what is left to pay; ``limit``:
        the rule that stops more points paying and its figure (terminal.counter.sales)."""
        super().__init__(parent)
        self.setModal(True)
        self.setMinimumWidth(560)
        self.figures = figures
        self.limit = limit
        self.why = label(role="hint")
        self.title = label(role="title")
        self.sale = label()
        self.paid = label()
        self.paid.setStyleSheet("font-size: 30px; font-weight: bold;")
        self.to_pay = label()
        self.to_pay.setStyleSheet("font-size: 26px; font-weight: bold;")
        self.hint = label(role="hint")
        self.ok_button = button(role="go")
        self.cancel_button = button()
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.setSpacing(10)
        for widget in (self.title, self.sale, self.paid, self.why, self.to_pay, self.hint):
            layout.addWidget(widget)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        self.ok_button.clicked.connect(self._confirm)
        self.cancel_button.clicked.connect(self.reject)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        points, amount, sale, to_pay = self.figures
        self.setWindowTitle(self.tr("Points as cash"))
        self.title.setText(self.tr("Spend points as cash?"))
        self.sale.setText(arg(self.tr("Sale: %1"), money(sale)))
        self.paid.setText(arg(self.tr("%n point(s) pay %1", None, points), money(amount)))
        self.to_pay.setText(arg(self.tr("Still to pay: %1"), money(to_pay)))
        self.hint.setText(
            arg(self.tr("Take %1 off the sale on the POS after confirming."), money(amount))
        )
        self.why.setText(self._why())
        self.ok_button.setText(self.tr("Spend %n point(s)", None, points))
        self.cancel_button.setText(self.tr("Cancel"))

    def _why(self) -> str:
        """Why these points and not more: the rule that set them."""
        rule, figure = self.limit
        sentences = {
            "share": self.tr("Points can pay at most %1 of a sale."),
            "per_sale": self.tr("At most %1 points can pay for one sale."),
            "balance": self.tr("All the points the member has available."),
            "card": self.tr("Offline: all the member can spend here."),
            "offline_cap": self.tr("Offline: at most %1 points per member per day."),
        }
        return arg(sentences[rule], figure) if rule in sentences else ""

    def _confirm(self) -> None:
        self.accept()
        self.confirmed.emit()


class OverrideDialog(QDialog):
    """A supervisor approves an operation over a limit (or a technician signs in for
    diagnostics): emits ``submitted(staff_id, pin)``."""

    submitted = Signal(str, str)

    def __init__(self, parent: QWidget | None, why: str, role: str = "supervisor") -> None:
        super().__init__(parent)
        self.setModal(True)
        self.role = role
        self.title = label(role="title")
        self.why = label(why, "hint")
        self.error = label()
        self.error.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.staff_label = label()
        self.pin_label = label()
        self.staff_id = QLineEdit()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.keypad = Keypad(self.staff_id, decimal=False)
        self.ok_button = button(role="go")
        self.cancel_button = button()
        # The fields and buttons beside the keypad, not above it: the dialog stays about
        # 500 px high however many lines the reason takes, so a 768 px screen shows it whole.
        form = QGridLayout()
        form.setVerticalSpacing(10)
        form.addWidget(self.staff_label, 0, 0)
        form.addWidget(self.staff_id, 0, 1)
        form.addWidget(self.pin_label, 1, 0)
        form.addWidget(self.pin, 1, 1)
        form.addWidget(self.ok_button, 2, 0, 1, 2)
        form.addWidget(self.cancel_button, 3, 0, 1, 2)
        form.setRowStretch(4, 1)
        row = QHBoxLayout()
        row.setSpacing(24)
        row.addLayout(form, 1)
        row.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.title)
        layout.addWidget(self.why)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self.setMinimumWidth(720)
        for line in (self.staff_id, self.pin):
            line.installEventFilter(self)
        self.ok_button.clicked.connect(self._submit)
        self.pin.returnPressed.connect(self._submit)
        self.cancel_button.clicked.connect(self.reject)
        self.retranslate()

    def fix_staff(self, staff_id: str) -> None:
        """Ask only the PIN of ``staff_id`` (one's own PIN change): the id cannot be edited."""
        self.staff_id.setText(staff_id)
        self.staff_id.setReadOnly(True)
        self.keypad.target = self.pin

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and watched in (self.staff_id, self.pin):
            self.keypad.target = watched
        return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        if self.role == "self":
            self.setWindowTitle(self.tr("Change my PIN"))
            self.title.setText(self.tr("Confirm with your current PIN"))
            self.staff_label.setText(self.tr("Staff ID"))
            self.ok_button.setText(self.tr("Change PIN"))
        elif self.role == "technician":
            self.setWindowTitle(self.tr("Technician sign-in"))
            self.title.setText(self.tr("Technician sign-in"))
            self.staff_label.setText(self.tr("Technician ID"))
            self.ok_button.setText(self.tr("Sign in"))
        else:
            self.setWindowTitle(self.tr("Supervisor approval"))
            self.title.setText(self.tr("Supervisor approval needed"))
            self.staff_label.setText(self.tr("Supervisor ID"))
            self.ok_button.setText(self.tr("Approve"))
        self.pin_label.setText(self.tr("PIN"))
        self.cancel_button.setText(self.tr("Cancel"))

    def refused(self, text: str) -> None:
        """The PIN was wrong or the person is not a supervisor: say so and try again."""
        self.error.setText(text)
        self.pin.clear()
        self.pin.setFocus()

    def _submit(self) -> None:
        staff_id, pin = self.staff_id.text().strip(), self.pin.text().strip()
        if staff_id and pin:
            self.submitted.emit(staff_id, pin)
