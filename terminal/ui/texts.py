"""Sentences built from core results, in the chosen language.

A refusal comes from the core as a ``Text``: an English template with ``%1``.. and its
arguments (``terminal/sentences.py``). The template is looked up in the ``reasons``
translation context (every template is listed in ``reason_texts.py`` for lupdate) and the
arguments are filled in after, so a Chinese sentence keeps its amount. A template with no
translation falls back to a general sentence for its reason code (``reason_codes``), then to
the English. Counts use Qt's numerus forms (``translate(..., n)``): the English forms come from
``i18n/terminal_en.ts``, the Chinese from ``terminal_zh_CN.ts``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from terminal.counter.results import OpResult
from terminal.reasons import SENTENCES
from terminal.sentences import Text, fill
from terminal.ui.code_sentences import CODE_SENTENCES

LOCKED_OUT = "locked_out"


def arg(translated_text: str, *args: object) -> str:
    """A translated sentence with ``%1``.. filled from ``args`` in one pass, like QString.arg.

    Call it as ``arg(self.tr("Order %1 of %2", None, n), a, b)``: the translate call stays
    where lupdate sees it; ``%n`` (with ``n``) is Qt's numerus form, filled by Qt itself.
    """
    return fill(translated_text, [str(a) for a in args])


# A sentence for a screen: ready, or a function that builds it in the chosen language (called
# again on a language switch, so what is on screen follows it).
Said = str | Callable[[], str]


def said(text: Said) -> str:
    """The sentence now, in the chosen language."""
    return text() if callable(text) else text


def translated(text: Text, context: str = "reasons") -> str:
    """``text`` in the chosen language: its template and nested phrases looked up, then filled."""
    return text.render(lambda template: QCoreApplication.translate(context, template))


def has_translation(template: str, context: str = "reasons") -> bool:
    """Whether the installed translation has ``template`` (always False in English)."""
    return QCoreApplication.translate(context, template) != template


def reason_sentence(reason: str, message: str | Text = "") -> str:
    """The cashier's sentence for a refusal in the chosen language.

    ``message`` is the core's ``Text`` (or an English sentence without arguments). Its
    template is translated and its figures filled in; a template the translation lacks
    gives way to the general sentence for ``reason`` (context ``reason_codes``), and in
    English the core's own sentence shows.
    """
    if reason == LOCKED_OUT and isinstance(message, str) and message:
        return message  # built in the chosen language with its wait (controllers.counter)
    text = message if isinstance(message, Text) else Text(message)
    template = text.template
    if not template or template == reason or template.startswith(reason + ":"):
        # A bare code (a backend rejection, say): use the sentence written for it.
        text = Text(str(CODE_SENTENCES.get(reason) or SENTENCES.get(reason, "")))
    if text.template and has_translation(text.template):
        return translated(text)
    general = QCoreApplication.translate("reason_codes", reason)
    if general != reason:
        return general
    return text.english() or QCoreApplication.translate("texts", "The operation was refused.")


def result_sentence(result: OpResult) -> str:
    """What changed, for the green banner."""
    points = abs(result.points)
    kind = result.kind
    if kind == "award":
        what = QCoreApplication.translate("texts", "Awarded %n point(s).", None, points)
    elif kind == "redeem":
        what = QCoreApplication.translate(
            "texts", "Reward redeemed: %n point(s) deducted.", None, points
        )
    elif kind == "pickup":
        what = _pickup_sentence(result)
    elif kind == "discount":
        what = discount_sentence(result)
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
        what = QCoreApplication.translate("texts", "Checked in: %n point(s) added.", None, points)
    elif kind == "refund":
        what = QCoreApplication.translate(
            "texts", "Refund recorded: %n point(s) taken back.", None, points
        )
    elif kind == "void":
        what = QCoreApplication.translate(
            "texts", "Redemption reversed: %n point(s) given back.", None, points
        )
    else:
        what = QCoreApplication.translate("texts", "Saved.")
    if result.online:
        where = QCoreApplication.translate("texts", "Sent to the loyalty server.")
    else:
        where = QCoreApplication.translate(
            "texts", "Saved on this terminal; it will sync automatically."
        )
    return join(what, where)


def _pickup_sentence(result: OpResult) -> str:
    """A whole order, or the part that went and what remains, by the items' names."""
    left = _lines_text(result.details.get("remaining_lines") or [])
    if not left:
        return QCoreApplication.translate("texts", "Order handed over.")
    went = _lines_text(result.details.get("lines") or [])
    return arg(
        QCoreApplication.translate("texts", "Partly handed over: %1. Still to hand over: %2."),
        went,
        left,
    )


def _lines_text(lines: list[list[object]]) -> str:
    return ", ".join(f"{qty} × {name}" for name, qty in lines)


def discount_sentence(result: OpResult) -> str:
    """``750 points paid ¥7.50; ¥92.50 to pay.``: what the cashier takes off the sale."""
    points = abs(result.points)
    paid = QCoreApplication.translate("texts", "%n point(s) paid %1.", None, points)
    said = arg(paid, money(result.details.get("amount", "0")))
    to_pay = result.details.get("to_pay")
    if to_pay is None:
        return said
    return join(said, arg(QCoreApplication.translate("texts", "%1 to pay."), money(to_pay)))


def join(first: str, second: str) -> str:
    """Two sentences: a space between them in English, none in Chinese (says the .ts)."""
    return arg(QCoreApplication.translate("texts", "%1 %2"), first, second)


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
        "discount": QCoreApplication.translate("operations", "points as cash"),
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
        return arg(QCoreApplication.translate("texts", "%1 s"), rest)
    if not rest:
        return arg(QCoreApplication.translate("texts", "%1 min"), minutes)
    return arg(QCoreApplication.translate("texts", "%1 min %2 s"), minutes, rest)


def locked_sentence(seconds: int) -> str:
    """A staff ID locked after too many wrong PINs, with how long to wait."""
    return arg(
        QCoreApplication.translate(
            "texts", "Too many wrong PINs for this staff ID. Try again in %1."
        ),
        duration(seconds),
    )
