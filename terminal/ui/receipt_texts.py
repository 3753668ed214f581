"""The receipt's words in the UI's language (context ``receipts``).

``terminal.counter.receipts.render`` lays a receipt out with English templates; the app
passes ``receipt_words()`` so the printed receipt speaks the language on screen. Every
template the layout uses is listed here as a literal, so pyside6-lupdate finds it
(tests/test_ui_receipts.py checks that none is missing).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication


def table() -> dict[str, str]:
    """English template -> template in the current language."""
    return {
        "POINTS EARNED": QCoreApplication.translate("receipts", "POINTS EARNED"),
        "REWARD REDEEMED": QCoreApplication.translate("receipts", "REWARD REDEEMED"),
        "REFUND": QCoreApplication.translate("receipts", "REFUND"),
        "REDEMPTION REVERSED": QCoreApplication.translate("receipts", "REDEMPTION REVERSED"),
        "GIFT HANDED OVER": QCoreApplication.translate("receipts", "GIFT HANDED OVER"),
        "COUPON ACCEPTED": QCoreApplication.translate("receipts", "COUPON ACCEPTED"),
        "STORE CHECK-IN": QCoreApplication.translate("receipts", "STORE CHECK-IN"),
        "POINTS AS CASH": QCoreApplication.translate("receipts", "POINTS AS CASH"),
        "*** COPY ***": QCoreApplication.translate("receipts", "*** COPY ***"),
        "Store": QCoreApplication.translate("receipts", "Store"),
        "Terminal": QCoreApplication.translate("receipts", "Terminal"),
        "Staff": QCoreApplication.translate("receipts", "Staff"),
        "Time": QCoreApplication.translate("receipts", "Time"),
        "Member": QCoreApplication.translate("receipts", "Member"),
        "Points": QCoreApplication.translate("receipts", "Points"),
        "Est. balance": QCoreApplication.translate("receipts", "Est. balance"),
        "Ref %1": QCoreApplication.translate("receipts", "Ref %1"),
        "Amount": QCoreApplication.translate("receipts", "Amount"),
        "Tier": QCoreApplication.translate("receipts", "Tier"),
        "Green": QCoreApplication.translate("receipts", "Green"),
        "Bronze": QCoreApplication.translate("receipts", "Bronze"),
        "Silver": QCoreApplication.translate("receipts", "Silver"),
        "Gold": QCoreApplication.translate("receipts", "Gold"),
        "Platinum": QCoreApplication.translate("receipts", "Platinum"),
        "Multiplier": QCoreApplication.translate("receipts", "Multiplier"),
        "Reward": QCoreApplication.translate("receipts", "Reward"),
        "Cash": QCoreApplication.translate("receipts", "Cash"),
        "Refunded": QCoreApplication.translate("receipts", "Refunded"),
        "Purchase": QCoreApplication.translate("receipts", "Purchase"),
        "Reward back": QCoreApplication.translate("receipts", "Reward back"),
        "Order": QCoreApplication.translate("receipts", "Order"),
        "%1 x%2": QCoreApplication.translate("receipts", "%1 x%2"),
        "Whole order handed over.": QCoreApplication.translate(
            "receipts", "Whole order handed over."
        ),
        "Rest still to collect.": QCoreApplication.translate("receipts", "Rest still to collect."),
        "Coupon": QCoreApplication.translate("receipts", "Coupon"),
        "Benefit": QCoreApplication.translate("receipts", "Benefit"),
        "%1 off": QCoreApplication.translate("receipts", "%1 off"),
        "%1% off": QCoreApplication.translate("receipts", "%1% off"),
        "Gift": QCoreApplication.translate("receipts", "Gift"),
        "Day": QCoreApplication.translate("receipts", "Day"),
        "Sale": QCoreApplication.translate("receipts", "Sale"),
        "Points as cash": QCoreApplication.translate("receipts", "Points as cash"),
        "To pay": QCoreApplication.translate("receipts", "To pay"),
        "%1 points paid %2": QCoreApplication.translate("receipts", "%1 points paid %2"),
    }


def receipt_words() -> Callable[[str], str]:
    """``words`` for ``render``: a template not listed stays in English rather than failing."""
    words = table()
    return lambda template: words.get(template, template)
