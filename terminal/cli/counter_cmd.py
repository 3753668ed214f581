"""Counter operations for a store's POS: award, redeem, pickup, coupon, checkin, refund, report.

Each prints one JSON object; exit 0 done, 1 refused, 2 usage or configuration error. PINs come
from the environment or a prompt (``terminal.cli.pin_input``), never from the command line.
``award --manual MEMBER`` identifies a member without a QR code (terminal.counter.manual).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from config.errors import ConfigError
from config.settings import PrinterSettings
from crypto.code import Purpose
from terminal.cli import EXIT_OK, EXIT_REFUSED
from terminal.cli.pin_input import OVERRIDE_PIN, PIN, read_pin, refuse_pin_options
from terminal.cli.verify_cmd import read_code
from terminal.counter import manual
from terminal.counter.errors import CounterRefused, NotProvisioned
from terminal.counter.member import decimal_amount
from terminal.counter.receipts import PrinterError, print_escpos
from terminal.counter.report import as_text
from terminal.counter.results import MemberView, OpResult, Role, Staff
from terminal.counter.service import CounterService
from terminal.counter.staff import require

# With no staff accounts on the terminal, the POS acts as a cashier named "pos".
POS = Staff("pos", "POS", Role.CASHIER)
# The member's 8-digit manual code for ``award --manual`` (the environment keeps it out of ps).
TOTP = "LOYALTY_TOTP"

if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(subparsers: Subparsers) -> None:
    p = _op(subparsers, "award", "award points for a purchase to a member code", award_cmd)
    p.add_argument("--amount", required=True, type=amount_arg, help="purchase amount, e.g. 12.50")
    manual_options(p)
    p = _op(subparsers, "redeem", "redeem a catalog reward for points (+ money)", redeem_cmd)
    p.add_argument("--reward", required=True, help="reward id from the catalog")
    p.add_argument("--cash", type=amount_arg, help="money collected on the POS, e.g. 5.00")
    p.add_argument(
        "--override",
        help=f"supervisor staff id, to raise the offline cap (PIN from {OVERRIDE_PIN} or a prompt)",
    )
    refuse_pin_options(p, "--override-pin")
    p = _op(subparsers, "pickup", "hand over a self-pickup order (whole or part)", pickup_cmd)
    p.add_argument(
        "--item",
        action="append",
        default=[],
        metavar="SKU=QTY",
        help="hand over only these (repeatable); default: all that is left",
    )
    _op(subparsers, "coupon", "accept a coupon once", coupon_cmd)
    _op(subparsers, "checkin", "record a store check-in (once a day)", checkin_cmd)

    p = subparsers.add_parser("refund", help="refund an award or reverse a redemption")
    _common(p)
    p.add_argument("--event", required=True, help="the original operation's event id")
    p.add_argument("--amount", type=amount_arg, help="refund only this much of the purchase")
    p.set_defaults(func=refund_cmd)

    p = subparsers.add_parser("report", help="end-of-day totals")
    _common(p)
    p.add_argument("--day", help="YYYY-MM-DD (default: today)")
    p.add_argument("--text", action="store_true", help="print text instead of JSON")
    p.set_defaults(func=report_cmd)


def amount_arg(text: str) -> Decimal:
    """An amount of money on the command line; a usage error (exit 2) when it is not one."""
    try:
        return decimal_amount(text)
    except CounterRefused as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", help="the terminal's data directory")
    p.add_argument(
        "--print",
        action="store_true",
        dest="print_receipt",
        help="print the receipt on the ESC/POS printer ([printer] port in settings)",
    )
    p.add_argument(
        "--printer",
        help="the printer: a serial port, a device file or tcp://HOST[:PORT] (overrides the settings)",
    )
    p.add_argument(
        "--staff",
        help=f"staff id (required once staff accounts exist); the PIN from {PIN} or a prompt",
    )
    refuse_pin_options(p, "--pin")


def _op(
    subparsers: Subparsers, name: str, help_text: str, func: Callable[..., int]
) -> argparse.ArgumentParser:
    p = subparsers.add_parser(name, help=help_text)
    _common(p)
    p.add_argument("code", metavar="CODE", help="the member's code, or - to read it from stdin")
    p.set_defaults(func=func)
    return p


def manual_options(p: argparse.ArgumentParser) -> None:
    """``--manual MEMBER`` identifies the member by number and manual code instead of CODE."""
    for action in p._actions:  # CODE becomes optional: one of the two identifies the member
        if action.dest == "code":
            action.nargs = "?"
    p.add_argument(
        "--manual",
        metavar="MEMBER",
        help="no QR code: identify the member by number and the 8-digit code from the app "
        "(online only)",
    )
    p.add_argument(
        "--totp",
        metavar="CODE",
        help=f"(--manual) the 8-digit code; '-' reads it from stdin. Default: {TOTP} or a "
        "prompt. A code given here is visible to other local users (ps) until it expires",
    )


def read_totp(arg: str | None) -> str:
    """The member's manual code: the argument, stdin (``-``), the environment, or a prompt."""
    if arg == "-":
        text = sys.stdin.readline(64).strip()
    elif arg:
        text = arg.strip()
    elif os.environ.get(TOTP, "").strip():
        text = os.environ[TOTP].strip()
    elif sys.stdin.isatty():
        text = input("The member's 8-digit code: ").strip()
    else:
        raise ConfigError(f"no manual code: give --totp CODE or --totp -, or set {TOTP}")
    if not text:
        raise ConfigError("the manual code is empty")
    return text


def run_op(
    args: argparse.Namespace,
    purpose: Purpose,
    op: Callable[[CounterService, MemberView, Staff], OpResult],
) -> int:
    """Open the terminal, sign in, scan (or identify manually), run the operation, print JSON."""
    member = getattr(args, "manual", None)
    if (args.code is None) == (member is None):
        raise ConfigError("give the member's CODE, or --manual MEMBER (not both)")
    totp = read_totp(args.totp) if member is not None else ""

    def body(service: CounterService) -> OpResult:
        staff = signed_in(service, args)
        checkout = CounterService.new_checkout()
        if member is not None:
            view = manual.identify(service.ctx, member, totp, checkout)
        else:
            text = read_code(args.code, service.ctx.settings.verify.max_code_chars)
            view = service.scan(text, checkout, purpose)
        return op(service, view, staff)

    return with_service(args, body)


@contextmanager
def open_service(args: argparse.Namespace) -> Iterator[CounterService]:
    """The terminal's counter service; an unprovisioned terminal is a usage error (exit 2)."""
    try:
        service = CounterService.open(args.data_dir)
    except NotProvisioned as exc:
        raise ConfigError(str(exc)) from exc
    try:
        yield service
    finally:
        service.close()


def with_service(args: argparse.Namespace, body: Callable[[CounterService], OpResult]) -> int:
    with open_service(args) as service:
        try:
            result = body(service)
        except CounterRefused as exc:
            emit(
                {
                    "ok": False,
                    "event": None,
                    "points": 0,
                    "reason": exc.reason,
                    "message": exc.message,
                }
            )
            return EXIT_REFUSED
        printer = service.ctx.settings.printer
    output = {**result.to_json(), "receipt": result.receipt}
    if getattr(args, "print_receipt", False) and result.receipt:
        output |= print_receipt(result.receipt, args, printer)
    emit(output)
    return EXIT_OK


def print_receipt(
    receipt: str, args: argparse.Namespace, printer: PrinterSettings
) -> dict[str, Any]:
    """Print after the commit: a jammed printer never undoes a confirmed operation."""
    port = args.printer or printer.port
    if not port:
        return {"printed": False, "print_error": "no printer: set [printer] port in settings.toml"}
    try:
        print_escpos(receipt, port, printer.baud)
    except PrinterError as exc:
        return {"printed": False, "print_error": str(exc)}
    return {"printed": True}


def signed_in(service: CounterService, args: argparse.Namespace) -> Staff:
    """The staff member named on the command line; the POS when the terminal has no accounts."""
    if args.staff is None:
        if service.ctx.staff.count() == 0:
            return POS
        raise CounterRefused(
            "sign_in_required",
            f"Give --staff with your ID (and your PIN in {PIN}): this terminal has staff accounts.",
        )
    return service.sign_in(args.staff, read_pin(PIN, f"PIN for {args.staff}: "))


def emit(obj: dict[str, Any]) -> None:
    print(json.dumps(obj, ensure_ascii=False, default=str), flush=True)


def award_cmd(args: argparse.Namespace) -> int:
    def op(service: CounterService, view: MemberView, staff: Staff) -> OpResult:
        result = service.award(view, args.amount, staff)
        extra = {"tier": view.tier, "pending": service.ctx.outbox.pending_count()}
        return replace(result, details={**result.details, **extra})

    return run_op(args, Purpose.CHECKOUT, op)


def redeem_cmd(args: argparse.Namespace) -> int:
    # Asked before the code is scanned: a missing PIN must not use up the member's code.
    override_pin = (
        read_pin(OVERRIDE_PIN, f"PIN for supervisor {args.override}: ") if args.override else ""
    )

    def op(service: CounterService, view: MemberView, staff: Staff) -> OpResult:
        override = service.sign_in(args.override, override_pin) if args.override else None
        return service.redeem(view, args.reward, staff, cash=args.cash, override=override)

    return run_op(args, Purpose.CHECKOUT, op)


def pickup_cmd(args: argparse.Namespace) -> int:
    items: dict[str, int] | None = None
    if args.item:
        items = {}
        for spec in args.item:
            sku, _, qty = spec.partition("=")
            if not sku or not qty.isdigit():
                raise ConfigError(f"--item takes SKU=QTY, not {spec!r}")
            items[sku] = items.get(sku, 0) + int(qty)
    return run_op(args, Purpose.PICKUP, lambda s, v, staff: s.pickup(v, staff, items))


def coupon_cmd(args: argparse.Namespace) -> int:
    return run_op(args, Purpose.COUPON, lambda s, v, staff: s.coupon(v, staff))


def checkin_cmd(args: argparse.Namespace) -> int:
    return run_op(args, Purpose.CHECKIN, lambda s, v, staff: s.checkin(v, staff))


def refund_cmd(args: argparse.Namespace) -> int:
    return with_service(args, lambda s: s.refund(args.event, signed_in(s, args), args.amount))


def report_cmd(args: argparse.Namespace) -> int:
    try:
        day = dt.date.fromisoformat(args.day) if args.day else dt.date.fromtimestamp(time.time())
    except ValueError:
        raise ConfigError("--day takes YYYY-MM-DD") from None
    with open_service(args) as service:
        try:
            if service.ctx.staff.count():
                require(signed_in(service, args), "report")
            data = service.report(day)
        except CounterRefused as exc:
            emit({"ok": False, "reason": exc.reason, "message": exc.message})
            return EXIT_REFUSED
    print(as_text(data) if args.text else json.dumps(data, ensure_ascii=False))
    return EXIT_OK
