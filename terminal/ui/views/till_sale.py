"""The till's sale on the glass: the member card, what the sale holds and what remains to pay,
then what the confirmed sale earned and spent (the till drives it, docs/till.md)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QVBoxLayout

from terminal.counter.results import MemberView
from terminal.ui.texts import arg, money
from terminal.ui.views.member import TierCard
from terminal.ui.views.widgets import Translatable, button, label

CLOSED = ("confirmed", "cancelled", "refunded")


def to_pay(sale: dict[str, Any]) -> Decimal:
    """What the till still charges: the sale less the points as cash."""
    return Decimal(str(sale.get("to_pay") or sale.get("amount") or "0"))


class TillSaleScreen(Translatable):
    """Shows one till sale; ``done`` when the cashier is finished with its result."""

    done = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.card = TierCard()
        self.title = label(role="title")
        self.state = label()
        self.state.setObjectName("tillstate")
        self.names = {key: label() for key in ("amount", "discount", "reward", "to_pay")}
        self.values = {key: label() for key in self.names}
        for value in self.values.values():
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setStyleSheet("font-size: 20px;")
        self.values["to_pay"].setStyleSheet("font-size: 34px; font-weight: bold;")
        self.result = label()
        self.result.setObjectName("tillresult")
        self.result.setWordWrap(True)
        self.done_button = button(role="primary")
        lines = QFrame()
        lines.setObjectName("tilllines")
        grid = QGridLayout(lines)
        grid.setVerticalSpacing(12)
        for line, key in enumerate(self.names):
            grid.addWidget(self.names[key], line, 0)
            grid.addWidget(self.values[key], line, 1)
        grid.setColumnStretch(1, 1)
        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(self.state)
        right.addSpacing(8)
        right.addWidget(lines)
        right.addSpacing(8)
        right.addWidget(self.result)
        right.addStretch(1)
        right.addWidget(self.done_button)
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 12, 24, 12)
        row.setSpacing(24)
        row.addWidget(self.card, 1)
        row.addLayout(right, 1)
        self.done_button.clicked.connect(self.done)
        self.sale: dict[str, Any] | None = None
        self.view: MemberView | None = None
        self._held: dict[str, Any] = {}
        self.retranslate()

    @property
    def key(self) -> tuple[str, str] | None:
        """(till's sale_ref, opened deadline) of the sale shown; None when none is."""
        if self.sale is None:
            return None
        return str(self.sale.get("sale_ref")), str(self.sale.get("deadline"))

    def shows(self, sale: dict[str, Any]) -> bool:
        """Whether ``sale`` (by its sale_ref and deadline) is the one on this screen."""
        return self.sale is not None and (
            self.sale.get("sale_ref"),
            self.sale.get("deadline"),
        ) == (sale.get("sale_ref"), sale.get("deadline"))

    def show_sale(self, sale: dict[str, Any], view: MemberView | None) -> None:
        """The sale after a change, and its member's figures now."""
        if self.key != (str(sale.get("sale_ref")), str(sale.get("deadline"))):
            self._held = {}
        if sale.get("state") == "identified":
            # What the open sale holds: once confirmed, the result names only the totals.
            self._held = {k: sale[k] for k in ("discount", "reward") if k in sale}
        self.sale = sale
        if view is not None:
            self.view = view
        self.retranslate()

    def clear(self) -> None:
        self.sale, self.view, self._held = None, None, {}
        self.retranslate()

    def retranslate(self) -> None:
        self.names["amount"].setText(self.tr("Sale"))
        self.names["discount"].setText(self.tr("Points as cash"))
        self.names["reward"].setText(self.tr("Reward"))
        self.names["to_pay"].setText(self.tr("To pay"))
        self.done_button.setText(self.tr("Next customer"))
        sale = self.sale or {}
        if self.view is not None:
            self.card.show_member(self.view)
        self.title.setText(arg(self.tr("Till sale %1"), sale.get("sale_ref", "")))
        state = str(sale.get("state", ""))
        closed = state in CLOSED
        self.done_button.setVisible(closed)
        held = sum(int((sale.get(k) or {}).get("points", 0)) for k in ("discount", "reward"))
        self.state.setText(self._state_text(state, held))
        self.values["amount"].setText(money(sale.get("amount", "0")))
        discount = sale.get("discount")
        reward = sale.get("reward")
        result = sale.get("result") or {}
        if state == "cancelled":  # released: nothing was spent
            discount = reward = None
        elif closed:  # spent at confirm: what the open sale held
            discount, reward = self._held.get("discount"), self._held.get("reward")
        self.values["discount"].setText(self._discount_text(discount))
        self.values["reward"].setText(
            arg(
                self.tr("%1 (%2 points)"),
                reward.get("name") or reward.get("reward", ""),
                f"{int(reward.get('points', 0)):,}",
            )
            if reward
            else "—"
        )
        if closed and "paid_amount" in result:
            self.names["to_pay"].setText(self.tr("Paid"))
            self.values["to_pay"].setText(money(result["paid_amount"]))
        else:
            self.values["to_pay"].setText(money(to_pay(sale)))
        self.result.setText(self._result_text(state, result))

    def _state_text(self, state: str, held: int) -> str:
        if state == "identified" and held:
            return arg(self.tr("%1 points held for this sale. The till finishes it."), f"{held:,}")
        texts = {
            "identified": self.tr("Member identified. The till finishes the sale."),
            "confirmed": self.tr("Sale confirmed by the till."),
            "refunded": self.tr("Sale refunded by the till."),
            "cancelled": self.tr("Sale cancelled by the till."),
        }
        return texts.get(state, "")

    def _discount_text(self, discount: dict[str, Any] | None) -> str:
        if not discount:
            return "—"
        return arg(
            self.tr("−%1 (%2 points)"),
            money(discount["amount"]),
            f"{int(discount['points']):,}",
        )

    def _result_text(self, state: str, result: dict[str, Any]) -> str:
        if state not in ("confirmed", "refunded") or not result:
            return ""
        return arg(
            self.tr("Earned %1 points, spent %2 points. Balance now %3 points."),
            f"{int(result.get('earned', 0)):,}",
            f"{int(result.get('spent', 0)):,}",
            f"{int(result.get('balance', 0)):,}",
        )
