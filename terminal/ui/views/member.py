"""The member screen: a tier card and the actions, with a keypad for the purchase amount."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from terminal.counter.purposes import allowed_actions
from terminal.counter.results import MemberView
from terminal.ui.operation_texts import coupon_line, coupon_used_hint, purpose_hint
from terminal.ui.texts import arg, clock_time, money
from terminal.ui.views.style import TierStyle, tier_colours
from terminal.ui.views.widgets import Keypad, Translatable, button, label

# The default programme's privileges, so lupdate offers them for translation.
PRIVILEGES = (
    QT_TRANSLATE_NOOP("privileges", "member prices"),
    QT_TRANSLATE_NOOP("privileges", "birthday gift"),
    QT_TRANSLATE_NOOP("privileges", "free delivery"),
    QT_TRANSLATE_NOOP("privileges", "priority pickup"),
)


def tier_name(tier: str) -> str:
    """A tier's name in the chosen language (unknown tiers as the issuer named them)."""
    names = {
        "green": QCoreApplication.translate("tiers", "Green"),
        "silver": QCoreApplication.translate("tiers", "Silver"),
        "gold": QCoreApplication.translate("tiers", "Gold"),
        "platinum": QCoreApplication.translate("tiers", "Platinum"),
    }
    return names.get(tier.lower(), tier)


class TierCard(QFrame):
    """Member id, tier, balance and its as-of time, progress to the next tier, pending work."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("tiercard")
        self.setMinimumWidth(460)
        self._colours: TierStyle | None = None  # the colours the card wears
        self.tier = label()
        self.member = label()
        self.balance = label(role="big")
        self.balance_caption = label()
        self.as_of = label()
        self.privileges = label()
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress_text = label()
        self.pending = label()
        self.document = label()
        # A coupon's value is what the cashier must apply at the till: large enough to read.
        self.document.setStyleSheet("font-size: 22px; font-weight: bold;")
        layout = QVBoxLayout(self)
        # Tight enough that the card online (the backend's balance, the bar to the next tier,
        # a waiting operation) keeps every line whole at 1024x768 (tests/test_ui_layout.py).
        layout.setContentsMargins(28, 14, 28, 14)
        layout.setSpacing(8)
        top = QHBoxLayout()
        top.addWidget(self.tier)
        top.addStretch(1)
        top.addWidget(self.member)
        layout.addLayout(top)
        layout.addSpacing(4)
        layout.addWidget(self.balance_caption)
        layout.addWidget(self.balance)
        layout.addWidget(self.as_of)
        layout.addWidget(self.privileges)
        layout.addSpacing(4)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_text)
        layout.addSpacing(6)
        layout.addWidget(self.pending)
        layout.addWidget(self.document)
        layout.addStretch(1)

    def _style(self, colours: TierStyle) -> None:
        """The tier's colours. A new style sheet re-polishes the card and every label in it
        (30-40 ms of the GUI thread): done when the colours change, not at every scan."""
        self._colours = colours
        self.setStyleSheet(
            f"QFrame#tiercard {{ background: {colours.background};"
            f" border: 3px solid {colours.accent}; border-radius: 18px; }}"
            f" QFrame#tiercard QLabel {{ color: {colours.text}; }}"
        )
        self.tier.setStyleSheet(
            f"background: {colours.pill}; color: {colours.pill_text}; font-size: 24px;"
            " font-weight: bold; padding: 6px 16px; border-radius: 14px;"
        )
        # Opaque colours only: Qt reads an 8-digit hex as #AARRGGBB, not #RRGGBBAA.
        self.progress.setStyleSheet(
            f"QProgressBar {{ background: {colours.track}; border: none; border-radius: 11px; }}"
            f" QProgressBar::chunk {{ background: {colours.accent}; border-radius: 11px; }}"
        )

    def show_member(self, view: MemberView) -> None:
        colours = tier_colours(view.tier)
        if colours != self._colours:
            self._style(colours)
        self.tier.setText(tier_name(view.tier))
        self.member.setText(
            QCoreApplication.translate("TierCard", "Member %1").replace("%1", view.member)
        )
        self.balance_caption.setText(QCoreApplication.translate("TierCard", "Points available"))
        self.balance.setText(f"{view.available_points:,}")
        # Where the balance comes from (docs/counter.md): the backend's answer for this scan,
        # or the signed card, which is all the terminal can vouch for offline.
        source = (
            QCoreApplication.translate("TierCard", "Server balance %1 as of %2")
            if view.balance_source == "backend"
            else QCoreApplication.translate("TierCard", "Card balance %1 as of %2")
        )
        self.as_of.setText(arg(source, f"{view.balance:,}", clock_time(view.balance_as_of)))
        names = [QCoreApplication.translate("privileges", p) for p in view.privileges]
        self.privileges.setText(
            QCoreApplication.translate("TierCard", "Privileges: %1").replace(
                "%1", " · ".join(names)
            )
            if names
            else ""
        )
        if view.next_tier and view.spend_to_next_tier is not None:
            self.progress.show()
            self.progress.setRange(0, 100)
            self.progress.setValue(_progress(view.spend_to_next_tier, view.next_tier_min_spend))
            self.progress_text.setText(
                QCoreApplication.translate("TierCard", "Spend %1 more to reach %2")
                .replace("%1", money(view.spend_to_next_tier))
                .replace("%2", tier_name(view.next_tier))
            )
        elif view.next_tier:
            # Offline the yearly spend is unknown: name the goal, draw no bar.
            self.progress.hide()
            self.progress_text.setText(
                QCoreApplication.translate("TierCard", "Next tier: %1, from %2 spent in a year")
                .replace("%1", tier_name(view.next_tier))
                .replace("%2", money(view.next_tier_min_spend or 0))
            )
        else:
            self.progress.hide()
            self.progress_text.setText(QCoreApplication.translate("TierCard", "Top tier reached"))
        self.pending.setText(_pending_text(view))
        self.document.setText(_document_text(view))


def _pending_text(view: MemberView) -> str:
    """What waits to sync; else what was synced but is not in the balance shown (an old card).

    "Waiting" counts only what the backend has not answered, the events the status bar's "to
    send" counts too. One line: the card has no room for two at 1024x768.
    """
    # A plain name for the count: lupdate's Python parser skips a call whose count is an
    # expression.
    count = view.unsent_operations
    if count:
        waiting = QCoreApplication.translate(
            "TierCard", "%n operation(s) waiting to sync (%1 points)", None, count
        )
        return arg(waiting, f"{view.unsent_points:+,}")
    if view.pending_operations:
        synced = QCoreApplication.translate(
            "TierCard", "Synced, not in this balance yet: %1 points"
        )
        return arg(synced, f"{view.pending_points:+,}")
    return QCoreApplication.translate("TierCard", "Nothing waiting to sync")


def _progress(remaining: Decimal, threshold: Decimal | None) -> int:
    """Percent of the way to the next tier's yearly spend."""
    if not threshold:
        return 0
    return max(0, min(100, int(100 * (threshold - remaining) / threshold)))


def _document_text(view: MemberView) -> str:
    doc = view.document or {}
    if doc.get("type") == "coupon":
        return coupon_line(doc)  # its value in words: what the till must apply
    if doc.get("type") == "pickup":
        return QCoreApplication.translate("TierCard", "Pickup order %1").replace(
            "%1", str(doc.get("id", ""))
        )
    return ""


class MemberScreen(Translatable):
    """Emits the cashier's intents; the controller does them."""

    award = Signal(Decimal)
    discount = Signal(Decimal)  # points as cash on a sale of this amount
    needs_amount = Signal()  # points as cash tapped with no amount typed: ask for it
    redeem = Signal()
    coupon = Signal()
    checkin = Signal()
    done = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.card = TierCard()
        self.amount_label = label()
        self.amount = QLineEdit()
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.amount.setStyleSheet("font-size: 34px; min-height: 64px;")
        self.keypad = Keypad(self.amount)
        self.award_button = button(role="go")
        self.discount_button = button()
        self.redeem_button = button(role="primary")
        self.coupon_button = button()
        self.checkin_button = button()
        self.done_button = button()
        # Why some actions are off for this code (its purpose), said before anyone taps.
        self.action_hint = label(role="hint")
        actions = QGridLayout()
        actions.setSpacing(10)
        actions.addWidget(self.award_button, 0, 0, 1, 2)
        actions.addWidget(self.discount_button, 0, 2)
        actions.addWidget(self.redeem_button, 1, 0)
        actions.addWidget(self.coupon_button, 1, 1)
        actions.addWidget(self.checkin_button, 1, 2)
        left = QVBoxLayout()
        left.addWidget(self.card, 1)
        left.addWidget(self.action_hint)  # here: the keypad's column has no height to spare
        left.addWidget(self.done_button)
        right = QVBoxLayout()
        right.addWidget(self.amount_label)
        right.addWidget(self.amount)
        right.addWidget(self.keypad)
        right.addSpacing(8)
        right.addLayout(actions)
        right.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 12, 24, 12)
        row.setSpacing(24)
        row.addLayout(left, 1)
        row.addLayout(right, 1)
        self.award_button.clicked.connect(self._award)
        self.amount.returnPressed.connect(self._award)
        self.discount_button.clicked.connect(self._discount)
        self.redeem_button.clicked.connect(self.redeem)
        self.coupon_button.clicked.connect(self.coupon)
        self.checkin_button.clicked.connect(self.checkin)
        self.done_button.clicked.connect(self.done)
        self.view: MemberView | None = None
        self.busy = False
        self.coupon_used = ""  # "", used_here or used_elsewhere (the core's coupon_state)
        self.retranslate()

    def retranslate(self) -> None:
        self.amount_label.setText(self.tr("Purchase amount (¥)"))
        self.amount.setPlaceholderText("0.00")
        self.award_button.setText(self.tr("Award points"))
        self.discount_button.setText(self.tr("Points as cash"))
        self.redeem_button.setText(self.tr("Redeem"))
        self.coupon_button.setText(self.tr("Use coupon"))
        self.checkin_button.setText(self.tr("Check in"))
        self.done_button.setText(self.tr("Next customer"))
        if self.view is not None:
            self.card.show_member(self.view)
        self._show_actions()

    def show_member(self, view: MemberView) -> None:
        if self.view is None or self.view.code_id != view.code_id:
            self.coupon_used = ""  # another code: its coupon state follows (set_coupon_state)
        self.view = view
        self.card.show_member(view)
        self.set_busy(self.busy)

    def update_member(self, view: MemberView) -> None:
        """New figures for the member on screen; what the cashier typed stays."""
        if self.view is not None and self.view.code_id == view.code_id:
            self.view = view
            self.card.show_member(view)

    def clear_amount(self) -> None:
        self.amount.clear()

    def action_buttons(self) -> dict[str, QPushButton]:
        """The member actions by the core's action names (terminal.counter.purposes)."""
        return {
            "award": self.award_button,
            "discount": self.discount_button,
            "redeem": self.redeem_button,
            "coupon": self.coupon_button,
            "checkin": self.checkin_button,
        }

    def set_busy(self, busy: bool) -> None:
        """Actions the code allows are on unless the core is busy; the others stay off."""
        self.busy = busy
        self._show_actions()

    def set_coupon_state(self, state: str) -> None:
        """The coupon on screen was used (here or elsewhere): its button goes off, said why."""
        self.coupon_used = state
        self._show_actions()

    def _show_actions(self) -> None:
        allowed = set(allowed_actions(self.view)) if self.view is not None else set()
        if self.coupon_used:
            allowed.discard("coupon")
        disabled = [a for a in self.action_buttons() if a not in allowed]
        for action, b in self.action_buttons().items():
            b.setEnabled(action in allowed and not self.busy)
        hint = purpose_hint(self.view.purpose, disabled) if self.view else ""
        if self.coupon_used:
            hint = coupon_used_hint(self.coupon_used)
        self.action_hint.setText(hint)

    def _award(self) -> None:
        amount = self._amount()
        if amount is not None:
            self.award.emit(amount)

    def _discount(self) -> None:
        amount = self._amount()
        if amount is not None:
            self.discount.emit(amount)
        else:
            self.needs_amount.emit()  # what the points pay part of must be known first

    def _amount(self) -> Decimal | None:
        """The typed amount when it is one above zero; else the focus goes back to it."""
        try:
            amount = Decimal(self.amount.text().strip())
        except InvalidOperation:
            amount = Decimal(0)
        if not amount.is_finite() or amount <= 0:
            self.amount.setFocus()
            return None
        return amount
