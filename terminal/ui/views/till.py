"""The till's sale on the terminal's screen: which sale waits for the member's code, and
which member a scan identified for it (the till then finishes the sale, docs/till.md)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from terminal.ui.texts import arg, money
from terminal.ui.views.widgets import Translatable

# Always this tall, text or none, so a sale that opens or closes never moves the buttons.
NOTICE_HEIGHT = 92


class TillSaleNotice(Translatable):
    """One line on the scan screen; empty when no till sale involves this terminal."""

    def __init__(self) -> None:
        super().__init__()
        self.text = QLabel()
        self.text.setObjectName("tillsale")
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setFixedHeight(NOTICE_HEIGHT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        self._waiting: list[dict[str, Any]] = []
        self._identified: dict[str, Any] | None = None
        self.retranslate()

    def show_waiting(self, waiting: list[dict[str, Any]]) -> None:
        """The till's sales without a member, oldest first (the next scan serves the first)."""
        self._waiting = list(waiting)
        if waiting:
            self._identified = None
        self.retranslate()

    def show_identified(self, sale: dict[str, Any]) -> None:
        """The sale a scan identified: its member, until another sale waits."""
        self._identified = sale
        self.retranslate()

    def sale_changed(self, sale: dict[str, Any], _view: object = None) -> None:
        """A till's sale changed: once the sale named here closes, the line says no more."""
        shown = self._identified
        if (
            shown is not None
            and shown.get("sale_ref") == sale.get("sale_ref")
            and shown.get("deadline") == sale.get("deadline")
            and sale.get("state") not in ("awaiting_member", "identified")
        ):
            self._identified = None
            self.retranslate()

    def clear(self) -> None:
        self._waiting, self._identified = [], None
        self.retranslate()

    def retranslate(self) -> None:
        text, state = "", ""
        if self._waiting:
            first = self._waiting[0]
            text = arg(
                self.tr("Till sale %1: %2. Scan the member's code now."),
                first["sale_ref"],
                money(first["amount"]),
            )
            if len(self._waiting) > 1:
                more = self.tr("%n more sale(s) waiting.", None, len(self._waiting) - 1)
                text = f"{text} {more}"
            state = "waiting"
        elif self._identified is not None:
            member = self._identified.get("member") or {}
            text = arg(
                self.tr("Till sale %1: member %2 identified. The till finishes the sale."),
                self._identified.get("sale_ref", ""),
                member.get("member", ""),
            )
            state = "identified"
        self.text.setText(text)
        self.text.setProperty("state", state)
        self.text.setStyleSheet(_STYLES[state])


# Dark text on light tints: 8.5:1 and 7.5:1 (WCAG AA asks 4.5:1).
_STYLES = {
    "": "background: transparent;",
    "waiting": "background: #fbeccc; color: #5c3d00; border-radius: 8px; padding: 6px 12px;"
    " font-size: 17px; font-weight: bold;",
    "identified": "background: #d7efdd; color: #14532d; border-radius: 8px; padding: 6px 12px;"
    " font-size: 17px;",
}
