"""Sentences built from core results, in the chosen language.

Refusal sentences come from the core in English; they are looked up in the ``reasons``
translation context by that exact sentence (``terminal/reasons.py`` for code reasons, the
counter's own for operations), so a sentence with no translation still shows, in English.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from terminal.counter.results import OpResult
from terminal.reasons import SENTENCES
from terminal.ui.reason_texts import CODE_SENTENCES

LOCKED_OUT = "locked_out"


def reason_sentence(reason: str, message: str = "") -> str:
    """The cashier's sentence for a refusal in the chosen language.

    A fixed sentence is translated by its English text (context ``reasons``). A sentence
    with numbers in it cannot be, so a general sentence for its reason code (context
    ``reason_codes``) stands in; in English the core's exact sentence shows.
    """
    if reason == LOCKED_OUT:
        return message  # built in the chosen language with its wait (controllers.counter)
    if not message or message == reason or message.startswith(reason + ":"):
        # A bare code (a backend rejection, say): use the sentence written for it.
        message = str(CODE_SENTENCES.get(reason, message))
    english = message or SENTENCES.get(reason, "")
    if english:
        translated = QCoreApplication.translate("reasons", english)
        if translated != english:
            return translated
    general = QCoreApplication.translate("reason_codes", reason)
    if general != reason:
        return general
    return english or QCoreApplication.translate("texts", "The operation was refused.")


def result_sentence(result: OpResult) -> str:
    """What changed, for the green banner."""
    points = abs(result.points)
    kind = result.kind
    if kind == "award":
        what = QCoreApplication.translate("texts", "Awarded %n point(s).").replace(
            "%n", str(points)
        )
    elif kind == "redeem":
        what = QCoreApplication.translate(
            "texts", "Reward redeemed: %n point(s) deducted."
        ).replace("%n", str(points))
    elif kind == "pickup":
        what = QCoreApplication.translate("texts", "Order handed over.")
    elif kind == "coupon":
        # Imported here: operation_texts builds on this module's helpers.
        from terminal.ui.operation_texts import coupon_benefit

        benefit = coupon_benefit(
            {
                "kind": result.details.get("coupon_kind", "gift"),
                "value": result.details.get("value"),
                "title": result.details.get("title"),
            }
        )
        what = QCoreApplication.translate(
            "texts", "Coupon used: %1. Apply it at the till."
        ).replace("%1", benefit)
    elif kind == "checkin":
        what = QCoreApplication.translate("texts", "Checked in: %n point(s) added.").replace(
            "%n", str(points)
        )
    elif kind == "refund":
        what = QCoreApplication.translate(
            "texts", "Refund recorded: %n point(s) taken back."
        ).replace("%n", str(points))
    elif kind == "void":
        what = QCoreApplication.translate(
            "texts", "Redemption reversed: %n point(s) given back."
        ).replace("%n", str(points))
    else:
        what = QCoreApplication.translate("texts", "Saved.")
    if result.online:
        where = QCoreApplication.translate("texts", "Sent to the loyalty server.")
    else:
        where = QCoreApplication.translate(
            "texts", "Saved on this terminal; it will sync automatically."
        )
    return join(what, where)


def join(first: str, second: str) -> str:
    """Two sentences: a space between them in English, none in Chinese (says the .ts)."""
    return QCoreApplication.translate("texts", "%1 %2").replace("%1", first).replace("%2", second)


def operation_name(kind: str) -> str:
    """An event kind as staff call it."""
    names = {
        "award": QCoreApplication.translate("operations", "points award"),
        "redeem": QCoreApplication.translate("operations", "redemption"),
        "pickup": QCoreApplication.translate("operations", "pickup"),
        "coupon": QCoreApplication.translate("operations", "coupon"),
        "checkin": QCoreApplication.translate("operations", "check-in"),
        "refund": QCoreApplication.translate("operations", "refund"),
        "void": QCoreApplication.translate("operations", "reversed redemption"),
    }
    return names.get(kind, kind)


def clock_time(unix: float | None) -> str:
    """``14:05`` today, ``11-20 14:05`` another day, a dash for never."""
    if not unix:
        return "—"
    when = dt.datetime.fromtimestamp(unix)
    if when.date() == dt.date.today():
        return when.strftime("%H:%M")
    return when.strftime("%Y-%m-%d %H:%M")


def money(amount: object) -> str:
    """``¥20,000`` or ``¥12.50``."""
    try:
        value = float(str(amount))
    except ValueError:
        return f"¥{amount}"
    return f"¥{value:,.0f}" if value == int(value) else f"¥{value:,.2f}"


def duration(seconds: int) -> str:
    """``45 s``, ``2 min``, ``1 min 30 s`` in the chosen language."""
    minutes, rest = divmod(max(0, int(seconds)), 60)
    if not minutes:
        return QCoreApplication.translate("texts", "%1 s").replace("%1", str(rest))
    if not rest:
        return QCoreApplication.translate("texts", "%1 min").replace("%1", str(minutes))
    return (
        QCoreApplication.translate("texts", "%1 min %2 s")
        .replace("%1", str(minutes))
        .replace("%2", str(rest))
    )


def locked_sentence(seconds: int) -> str:
    """A staff ID locked after too many wrong PINs, with how long to wait."""
    return QCoreApplication.translate(
        "texts", "Too many wrong PINs for this staff ID. Try again in %1."
    ).replace("%1", duration(seconds))
