"""The catalog's reward rules in the cashier's words (stores, dates, stock), marked for lupdate
with context ``reasons``. ``reason_texts`` merges them into its lists, which would otherwise
grow past a readable size."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

# The counter's refusals (terminal/counter/redeem.py) and the backend's online ones
# (terminal/counter/online.py), with ``%1``.. where their figures go.
TEMPLATES = (
    QT_TRANSLATE_NOOP("reasons", "This reward is not offered at this store."),
    QT_TRANSLATE_NOOP("reasons", "This reward is offered from %1 to %2."),
    QT_TRANSLATE_NOOP("reasons", "This reward needs the connection to check its stock."),
    QT_TRANSLATE_NOOP("reasons", "This reward is out of stock."),
    QT_TRANSLATE_NOOP("reasons", "This reward is not offered today."),
)

# The same reasons as bare codes: ingest's rejections (the sync screen), and the counter's.
CODE_SENTENCES = {
    "reward_not_here": QT_TRANSLATE_NOOP(
        "reasons", "This reward is not offered at this store; the redemption was not applied."
    ),
    "reward_not_now": QT_TRANSLATE_NOOP(
        "reasons", "This reward was not offered on that day; the redemption was not applied."
    ),
    "out_of_stock": QT_TRANSLATE_NOOP(
        "reasons", "This reward was out of stock; the redemption was not applied."
    ),
    "stock_needs_connection": QT_TRANSLATE_NOOP(
        "reasons", "This reward needs the connection to check its stock."
    ),
}


def none_offered() -> str:
    """The reward choice when the catalog has rewards but none for this store today."""
    return QCoreApplication.translate("reasons", "No reward is offered at this store today.")


def stock_needs_connection() -> str:
    """Beside a stocked reward while the link is down: why it cannot be chosen now."""
    return QCoreApplication.translate(
        "reasons", "This reward needs the connection to check its stock."
    )
