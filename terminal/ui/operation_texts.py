"""Sentences about one operation in the chosen language: a coupon's benefit, what a supervisor
approves, what a refund leaves, what a code's purpose does not allow.

Built from the core's figures (terminal.counter.redeem.RedeemCheck, refunds.RefundPlan and
RefundState); counts use Qt's numerus forms, other figures ``%1``-style arguments.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from terminal.counter.purposes import PURPOSES
from terminal.ui.texts import clock_time, join, money, operation_name


def coupon_benefit(body: Mapping[str, Any]) -> str:
    """``¥10 off``, ``20% off``, ``free gift: Tote bag``: what the till must apply."""
    kind, value, title = body.get("kind", "gift"), body.get("value"), body.get("title")
    if kind == "amount" and value is not None:
        return QCoreApplication.translate("OperationTexts", "%1 off").replace("%1", money(value))
    if kind == "percent" and value is not None:
        return QCoreApplication.translate("OperationTexts", "%1% off").replace("%1", _number(value))
    if kind == "gift":
        return (
            QCoreApplication.translate("OperationTexts", "free gift: %1").replace("%1", str(title))
            if title
            else QCoreApplication.translate("OperationTexts", "free gift")
        )
    return QCoreApplication.translate("OperationTexts", "unknown benefit: ask the hotline")


def coupon_line(document: Mapping[str, Any]) -> str:
    """``Coupon C-77: ¥10 off (Spring sale)`` for the member screen."""
    body = document.get("body") or {}
    text = (
        QCoreApplication.translate("OperationTexts", "Coupon %1: %2")
        .replace("%1", str(document.get("id", "")))
        .replace("%2", coupon_benefit(body))
    )
    title = body.get("title")
    if title and body.get("kind") != "gift":
        text = (
            QCoreApplication.translate("OperationTexts", "%1 (%2)")
            .replace("%1", text)
            .replace("%2", str(title))
        )
    return text


def _number(value: object) -> str:
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return str(value)
    return f"{number.normalize():f}"


def purpose_hint(purpose: str, disabled: list[str]) -> str:
    """Why the member screen's ``disabled`` actions cannot be used with this code."""
    if not disabled:
        return ""
    if purpose == "coupon":
        return QCoreApplication.translate(
            "OperationTexts",
            "This is a coupon code: only the coupon can be used. Points, rewards and check-in"
            " need the member's checkout code.",
        )
    if purpose == "checkin":
        return QCoreApplication.translate(
            "OperationTexts",
            "This is a check-in code: points, rewards and points as cash need the member's"
            " checkout code.",
        )
    if purpose == "checkout" and disabled == ["coupon"]:
        return QCoreApplication.translate(
            "OperationTexts", "No coupon in this code: ask the member to open the coupon's code."
        )
    return QCoreApplication.translate(
        "OperationTexts", "This code cannot be used for: %1."
    ).replace("%1", ", ".join(action_name(a) for a in disabled))


def coupon_used_hint(state: str) -> str:
    """Why *Use coupon* is off for a coupon that was already used."""
    if state == "used_elsewhere":
        return QCoreApplication.translate(
            "OperationTexts",
            "This coupon was already used at another counter (the last sync says so).",
        )
    return QCoreApplication.translate(
        "OperationTexts", "This coupon has already been used at this terminal."
    )


def action_name(action: str) -> str:
    """A member screen action as its button calls it."""
    names = {
        "award": QCoreApplication.translate("OperationTexts", "award points"),
        "discount": QCoreApplication.translate("OperationTexts", "points as cash"),
        "redeem": QCoreApplication.translate("OperationTexts", "redeem"),
        "coupon": QCoreApplication.translate("OperationTexts", "use coupon"),
        "checkin": QCoreApplication.translate("OperationTexts", "check in"),
        "pickup": QCoreApplication.translate("OperationTexts", "pickup"),
    }
    return names.get(action, action) if action in PURPOSES else action


class OperationTexts(QObject):
    """The sentences with counts: ``self.tr`` so that lupdate sees their numerus forms."""

    def redeem_approval(self, check: Any, member: str) -> str:
        """What a supervisor approves: the reward, its points and cash, the member, the cap."""
        what = (
            self.tr("Redeem “%1” for member %2: %n point(s).", None, check.points)
            .replace("%1", check.name)
            .replace("%2", member)
        )
        if check.cash:
            what = join(
                what,
                self.tr("The member also pays %1.").replace("%1", money(check.cash)),
            )
        cap = self.tr(
            "Offline, a cashier may redeem up to %n point(s) per member a day; %1 already used today.",
            None,
            check.cap,
        ).replace("%1", f"{check.spent_today:,}")
        return f"{what}\n{cap}"

    def refund_approval(self, plan: Any) -> str:
        """What a supervisor approves: the operation, its member and time, amount and points."""
        original = plan.original.event
        at = clock_time(original.local_time_ms / 1000)
        if plan.kind == "void":
            return (
                self.tr(
                    "Reverse the redemption of “%1” for member %2 (%3): %n point(s) given back.",
                    None,
                    plan.points,
                )
                .replace("%1", str(original.details.get("name") or original.details.get("reward")))
                .replace("%2", original.member)
                .replace("%3", at)
            )
        text = (
            self.tr(
                "Refund %1 of the %2 purchase of member %3 (%4): %n point(s) taken back.",
                None,
                plan.points,
            )
            .replace("%1", money(plan.amount))
            .replace("%2", money(plan.original.paid))
            .replace("%3", original.member)
            .replace("%4", at)
        )
        if plan.original.refunded:
            text = join(
                text,
                self.tr("%1 of it was refunded before.").replace(
                    "%1", money(plan.original.refunded)
                ),
            )
        return text

    def refund_summary(self, state: Any) -> str:
        """An operation in words with what was refunded and what remains, for the refund screen."""
        event = state.event
        head = (
            self.tr("%1 for member %2 at %3.")
            .replace("%1", _capital(operation_name(event.kind)))
            .replace("%2", event.member)
            .replace("%3", clock_time(event.local_time_ms / 1000))
        )
        if state.paid is None:
            figures = self.tr("%n point(s) redeemed for “%1”.", None, abs(event.points)).replace(
                "%1", str(event.details.get("name") or event.details.get("reward"))
            )
            after = (
                self.tr("Reversed: %n point(s) given back.", None, state.points_back)
                if state.closed
                else self.tr("Not reversed.")
            )
            return f"{head}\n{figures}\n{after}"
        figures = self.tr("Purchase %1: %n point(s) awarded.", None, event.points).replace(
            "%1", money(state.paid)
        )
        if not state.refunded:
            after = self.tr("Nothing refunded yet.")
        else:
            after = join(
                self.tr("Refunded %1: %n point(s) taken back.", None, state.points_back).replace(
                    "%1", money(state.refunded)
                ),
                self.tr("Remaining %1 and %n point(s).", None, state.remaining_points).replace(
                    "%1", money(state.remaining_amount)
                ),
            )
        return f"{head}\n{figures}\n{after}"


_texts: OperationTexts | None = None


def texts() -> OperationTexts:
    """The one instance (made on first use, after the QApplication)."""
    global _texts
    if _texts is None:
        _texts = OperationTexts()
    return _texts


def redeem_approval(check: Any, member: str) -> str:
    """What a supervisor approves: the reward, its points and cash, the member, the cap."""
    return texts().redeem_approval(check, member)


def refund_approval(plan: Any) -> str:
    """What a supervisor approves: the operation, its member and time, amount and points."""
    return texts().refund_approval(plan)


def refund_summary(state: Any) -> str:
    """An operation in words with what was refunded and what remains, for the refund screen."""
    return texts().refund_summary(state)


def refunded_cell(state: Any) -> str:
    """The refund list's column: ``¥40 · −59`` refunded so far, ``reversed``, or empty."""
    if state.paid is None:
        return QCoreApplication.translate("OperationTexts", "reversed") if state.closed else ""
    if not state.refunded:
        return ""
    return f"{money(state.refunded)} · {-state.points_back:+,}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
