"""Receipts: laid out from the operation's event, 32 columns, printed over ESC/POS.

A ``Receipt`` holds the facts of one committed operation; ``render`` lays it out in English
or, with the app's ``words`` (English template -> translated template), in the UI's language.
The first print and every reprint go through the same layout. Printing happens after the
commit: a printer that is missing or jammed never undoes an operation (``PrinterError``).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
import threading
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

WIDTH = 32  # a 58 mm printer's line in its standard font; a CJK character takes two columns

TITLES = {
    "award": "POINTS EARNED",
    "redeem": "REWARD REDEEMED",
    "refund": "REFUND",
    "void": "REDEMPTION REVERSED",
    "pickup": "GIFT HANDED OVER",
    "coupon": "COUPON ACCEPTED",
    "checkin": "STORE CHECK-IN",
    "discount": "POINTS AS CASH",
}
# The default programme's tiers (protocol.policy.DEFAULT_TIERS) and bronze, which some use.
TIERS = {
    "green": "Green",
    "bronze": "Bronze",
    "silver": "Silver",
    "gold": "Gold",
    "platinum": "Platinum",
}

Words = Callable[[str], str]


def english(template: str) -> str:
    """The layout's own words: the CLI's receipts and the tests' reference."""
    return template


@dataclass(frozen=True)
class Receipt:
    """The facts of one committed operation a receipt shows."""

    kind: str
    store: str
    terminal: str
    staff: str
    member: str
    event: str
    at: float  # the terminal's time of the operation, seconds
    points: int
    details: Mapping[str, Any] = field(default_factory=dict)
    currency: str = ""
    order_id: str | None = None
    coupon_id: str | None = None
    # The refunded award or reversed redemption's details (its name, its purchase).
    original: Mapping[str, Any] | None = None
    # The member's points after this operation as the counter saw them; a reprint has none,
    # because the balance has moved on since.
    balance_hint: int | None = None
    copy: bool = False
    # The reward's ``name_zh`` in the catalog (redeem, void): a Chinese receipt prints it.
    name_zh: str = ""

    def as_copy(self) -> Receipt:
        """The same receipt marked as a copy."""
        return replace(self, copy=True)


def render(receipt: Receipt, words: Words = english, *, chinese: bool = False) -> str:
    """The receipt's text, ``WIDTH`` columns, in the language of ``words`` (``chinese``: the
    reward's Chinese name too, where the catalog has one)."""
    w = words
    when = dt.datetime.fromtimestamp(receipt.at).strftime("%Y-%m-%d %H:%M:%S")
    title = w(TITLES.get(receipt.kind, receipt.kind.upper()))
    rows = [_center(title)]
    if receipt.copy:
        rows.append(_center(w("*** COPY ***")))
    rows += [
        "-" * WIDTH,
        row(w("Store"), receipt.store),
        row(w("Terminal"), receipt.terminal),
        row(w("Staff"), receipt.staff),
        row(w("Time"), when),
        row(w("Member"), mask(receipt.member)),
        "-" * WIDTH,
    ]
    if chinese and receipt.name_zh:
        zh = {"name": receipt.name_zh}
        original = None if receipt.original is None else {**receipt.original, **zh}
        receipt = replace(receipt, details={**receipt.details, **zh}, original=original)
    for label, value in lines(receipt, w):
        rows += [row(label, value)] if label else wrap(value)
    rows.append(row(w("Points"), f"{receipt.points:+d}"))
    if receipt.balance_hint is not None:
        rows.append(row(w("Est. balance"), str(receipt.balance_hint)))
    rows += ["-" * WIDTH, _center(fill(w("Ref %1"), receipt.event[:8])), ""]
    return "\n".join(rows)


def lines(r: Receipt, w: Words = english) -> list[tuple[str, str]]:
    """What this kind of operation adds; an empty label is a line of its own."""
    d, money = r.details, _money(r)
    if r.kind == "award":
        out = [(w("Amount"), money(d.get("amount")))]
        if d.get("tier"):
            out.append((w("Tier"), w(TIERS.get(str(d["tier"]), str(d["tier"])))))
        return [*out, (w("Multiplier"), f"x{d.get('multiplier', '')}")]
    if r.kind == "redeem":
        out = [(w("Reward"), str(d.get("name") or d.get("reward", "")))]
        cash = d.get("cash")
        return out + ([(w("Cash"), money(cash))] if cash not in (None, "0", "0.00") else [])
    if r.kind == "refund":
        return [(w("Refunded"), money(d.get("amount"))), (w("Purchase"), money(d.get("of")))]
    if r.kind == "void":
        original = r.original or {}
        return [(w("Reward back"), str(original.get("name") or d.get("reward", "")))]
    if r.kind == "pickup":
        out = [(w("Order"), str(r.order_id or ""))]
        out += [("", fill(w("%1 x%2"), str(n), str(q))) for n, q in d.get("lines", [])]
        done = w("Whole order handed over.") if d.get("complete") else w("Rest still to collect.")
        return [*out, ("", done)]
    if r.kind == "coupon":
        return [(w("Coupon"), str(r.coupon_id or "")), (w("Benefit"), benefit(r, w))]
    if r.kind == "checkin":
        return [(w("Day"), str(d.get("day", "")))]
    if r.kind == "discount":
        sale, amount = d.get("sale_amount"), d.get("amount")
        out = [(w("Sale"), money(sale)), (w("Points as cash"), money(f"-{amount}"))]
        if sale is not None and amount is not None:
            out.append((w("To pay"), money(Decimal(str(sale)) - Decimal(str(amount)))))
        # In words too: the points and the money they paid, as the banner said it.
        return [*out, ("", fill(w("%1 points paid %2"), str(-r.points), money(amount)))]
    return []


def benefit(r: Receipt, w: Words) -> str:
    """A coupon's value in words: what the cashier applied at the till."""
    kind, value = r.details.get("coupon_kind"), r.details.get("value")
    if kind == "amount":
        return fill(w("%1 off"), _money(r)(value))
    if kind == "percent":
        return fill(w("%1% off"), str(value))
    return str(r.details.get("title") or w("Gift"))


def _money(r: Receipt) -> Callable[[Any], str]:
    currency = r.currency or str(r.details.get("currency", ""))
    return lambda amount: f"{amount} {currency}".strip() if amount is not None else ""


def fill(template: str, *args: str) -> str:
    """Qt-style ``%1``..``%9`` arguments, replaced in one pass (an argument may hold ``%2``)."""

    def arg(m: re.Match[str]) -> str:
        i = int(m.group(1)) - 1
        return args[i] if 0 <= i < len(args) else m.group(0)

    return re.sub(r"%(\d)", arg, template)


def columns(text: str) -> int:
    """Printed width: East Asian wide and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cut(text: str, width: int, *, keep_end: bool = False) -> str:
    """At most ``width`` columns of ``text`` (its end when ``keep_end``)."""
    chars = list(reversed(text)) if keep_end else list(text)
    out: list[str] = []
    used = 0
    for c in chars:
        used += columns(c)
        if used > width:
            break
        out.append(c)
    return "".join(reversed(out)) if keep_end else "".join(out)


def row(label: str, value: str) -> str:
    """``label`` on the left, ``value`` on the right; a long value keeps its end."""
    label = _cut(label, WIDTH - 2)
    space = WIDTH - columns(label) - 1
    value = _cut(value, space, keep_end=True)
    return f"{label} {' ' * (space - columns(value))}{value}"


def wrap(text: str) -> list[str]:
    """A line of its own, broken at ``WIDTH`` columns."""
    out, current = [], ""
    for c in text:
        if columns(current + c) > WIDTH:
            out.append(current.rstrip())
            current = c.lstrip()
        else:
            current += c
    return [*out, current] if current else out


def _center(text: str) -> str:
    text = _cut(text, WIDTH)
    pad = (WIDTH - columns(text)) // 2
    return " " * pad + text


def mask(member: str) -> str:
    # A receipt may be left on the counter: show only the last four characters.
    return "*" * max(0, len(member) - 4) + member[-4:]


# -- ESC/POS ---------------------------------------------------------------------------------

INIT = b"\x1b@"  # ESC @: reset the printer's modes
CHINESE_ON, CHINESE_OFF = b"\x1c&", b"\x1c."  # FS & / FS .: two-byte (GB18030) characters
FEED_AND_CUT = b"\x1bd\x04\x1dV\x00"  # ESC d 4: feed past the cutter; GS V 0: full cut


def escpos(text: str) -> bytes:
    """The receipt as ESC/POS bytes: ASCII as it is; anything else in the printer's Chinese
    mode, encoded GB18030 (the character set of the 58/80 mm printers sold in China)."""
    out = bytearray(INIT)
    for line in text.split("\n"):
        if line.isascii():
            out += line.encode("ascii")
        else:
            out += CHINESE_ON + line.encode("gb18030", errors="replace") + CHINESE_OFF
        out += b"\n"
    return bytes(out + FEED_AND_CUT)


class PrinterError(Exception):
    """The receipt did not print; the operation itself is done and stays done.

    ``reason``: ``printer_unreachable`` (cannot open or connect) or ``printer_failed`` (it
    stopped taking data). ``port`` names the printer for the sentence.
    """

    def __init__(self, reason: str, port: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.port = port


TIMEOUT = 5.0  # seconds: a printer that takes no data for this long is failing
NETWORK = re.compile(r"^tcp://(?P<host>[^:/]+)(?::(?P<port>\d+))?$")


def send(data: bytes, port: str, baud: int = 19200, *, timeout: float = TIMEOUT) -> None:
    """Send ESC/POS bytes to ``port``: ``tcp://HOST[:PORT]`` (port 9100 by default), a serial
    port (``/dev/ttyUSB0``, ``COM3``, at ``baud``) or a printer device file (``/dev/usb/lp0``)."""
    network = NETWORK.match(port)
    try:
        if network:
            _send_tcp(data, network["host"], int(network["port"] or 9100), timeout)
        elif is_serial_port(port):
            _send_serial(data, port, baud, timeout)
        else:
            _send_file(data, port, timeout)
    except PrinterError:
        raise
    except OSError as exc:
        raise PrinterError(
            "printer_unreachable", port, f"cannot open the receipt printer on {port}: {exc}"
        ) from exc


# Serial ports by name: pyserial opens them the right way on each OS (no controlling
# terminal on POSIX, COMn on Windows); anything else is a device file written as it is.
SERIAL_NAME = re.compile(
    r"^(?:/dev/(?:tty|pts/|cu\.|rfcomm|serial/)\S*|(?:\\\\\.\\)?COM\d+)$", re.IGNORECASE
)


def is_serial_port(port: str) -> bool:
    """True for a serial port's name (``/dev/ttyUSB0``, ``/dev/serial/by-id/...``, ``COM3``)."""
    return bool(SERIAL_NAME.match(port))


def _send_tcp(data: bytes, host: str, number: int, timeout: float) -> None:
    with socket.create_connection((host, number), timeout=timeout) as conn:
        try:
            conn.sendall(data)
        except OSError as exc:
            raise PrinterError("printer_failed", f"tcp://{host}:{number}", str(exc)) from exc


def _send_serial(data: bytes, port: str, baud: int, timeout: float) -> None:
    import serial

    # Many receipt printers on USB-serial adapters do not drive DSR: no hardware handshake.
    try:
        link = serial.Serial(port, baud, write_timeout=timeout, dsrdtr=False, rtscts=False)
    except serial.SerialException as exc:
        raise PrinterError(
            "printer_unreachable", port, f"cannot open the receipt printer on {port}: {exc}"
        ) from exc
    try:
        link.write(data)
        link.flush()
    except serial.SerialException as exc:
        raise PrinterError("printer_failed", port, f"the receipt printer stopped: {exc}") from exc
    finally:
        link.close()


def _send_file(data: bytes, port: str, timeout: float) -> None:
    """Append to a printer device file; a device that takes no data for ``timeout`` fails.

    Plain blocking writes work on every OS (Windows has no non-blocking device files nor
    ``select`` on them), so they run on a helper thread that the caller waits for: a jammed
    printer leaves that thread blocked, never the app.
    """
    failure: list[OSError] = []
    opened, done = threading.Event(), threading.Event()

    def write() -> None:
        try:
            # No O_CREAT: a mistyped path must fail, not fill a new file nobody reads.
            fd = os.open(port, os.O_WRONLY | os.O_APPEND | getattr(os, "O_BINARY", 0))
            opened.set()
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
            finally:
                os.close(fd)
        except OSError as exc:
            failure.append(exc)
        finally:
            done.set()

    threading.Thread(target=write, name="printer-write", daemon=True).start()
    if not done.wait(timeout):
        raise PrinterError(
            "printer_failed", port, f"the receipt printer took no data for {timeout} s"
        )
    if failure:
        exc = failure[0]
        if not opened.is_set():
            raise exc  # send() names it: the printer is unreachable
        raise PrinterError("printer_failed", port, f"the receipt printer stopped: {exc}") from exc


def print_escpos(text: str, port: str, baud: int = 19200) -> None:
    """Print a receipt's text on the ESC/POS printer at ``port`` (see ``send``)."""
    send(escpos(text), port, baud)
