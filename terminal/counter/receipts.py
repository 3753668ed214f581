"""Plain-text receipts, 32 columns wide so an ESC/POS printer prints them as they are."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

WIDTH = 32

TITLES = {
    "award": "POINTS EARNED",
    "redeem": "REWARD REDEEMED",
    "refund": "REFUND",
    "void": "REDEMPTION REVERSED",
    "pickup": "GIFT HANDED OVER",
    "coupon": "COUPON ACCEPTED",
    "checkin": "STORE CHECK-IN",
}


def receipt(
    *,
    kind: str,
    store: str,
    terminal: str,
    staff: str,
    member: str,
    event: str,
    at: float,
    lines: Iterable[tuple[str, str]],
    points: int,
    balance_hint: int | None = None,
    extra: Iterable[str] = (),
) -> str:
    """One operation's receipt."""
    when = dt.datetime.fromtimestamp(at).strftime("%Y-%m-%d %H:%M:%S")
    rows = [
        TITLES.get(kind, kind.upper()).center(WIDTH),
        "-" * WIDTH,
        _row("Store", store),
        _row("Terminal", terminal),
        _row("Staff", staff),
        _row("Time", when),
        _row("Member", _mask(member)),
        "-" * WIDTH,
        *(_row(label, value) for label, value in lines),
        *(line[:WIDTH] for line in extra),
        _row("Points", f"{points:+d}"),
    ]
    if balance_hint is not None:
        rows.append(_row("Est. balance", str(balance_hint)))
    rows += ["-" * WIDTH, f"Ref {event[:8]}".center(WIDTH), ""]
    return "\n".join(rows)


def _row(label: str, value: str) -> str:
    space = WIDTH - len(label) - 1
    return f"{label} {value[-space:]:>{space}}" if space > 0 else label[:WIDTH]


def _mask(member: str) -> str:
    # A receipt may be left on the counter: show only the last four characters.
    return "*" * max(0, len(member) - 4) + member[-4:]


class PrinterError(Exception):
    """The receipt did not print; the operation itself is done and stays done."""


def print_escpos(text: str, port: str, baud: int = 19200) -> None:
    """Print a receipt on an ESC/POS printer on a serial port (python-escpos, optional)."""
    try:
        from escpos.printer import Serial
    except ImportError as exc:
        raise PrinterError(
            "receipt printing needs python-escpos: pip install python-escpos"
        ) from exc
    # python-escpos opens the port lazily and wraps serial failures in its own exception types.
    try:
        # Many receipt printers on USB-serial adapters do not drive DSR: no hardware handshake.
        printer = Serial(devfile=port, baudrate=baud, dsrdtr=False)
        try:
            printer.text(text + "\n")
            printer.cut()
        finally:
            printer.close()
    except Exception as exc:
        raise PrinterError(f"cannot open the receipt printer on {port}: {exc}") from exc
