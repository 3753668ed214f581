"""``loyalty-terminal demo``: the counter app reading a member's live code, end to end.

It starts the reference backend on SQLite (127.0.0.1, a free port), provisions a terminal
with a one-time enrolment code, logs the member in and enrols their wallet, and opens two windows: the
member's phone with its live code, and the counter app, whose camera is made from the
phone's frames and goes through the real decode pipeline. ``--console`` runs the text demo.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from config.numbers import finite_float
from terminal.cli.counter_cmd import amount_arg

NAME = "demo"
# The demo member's earlier purchase at the store: 102 points at gold, so with the README's
# purchase (128.50, 192 points) they can afford the cheapest reward (200) and try a redemption.
EARLIER_PURCHASE = "68.00"


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser(NAME, help="the counter app reading a live member code (demo)")
    p.add_argument("--lang", choices=["en", "zh_CN"], default="en", help="interface language")
    p.add_argument("--member", default="M1001", help="the demo member's id")
    p.add_argument(
        "--check", action="store_true", help="exit 0 once a code was read, 1 if not in 60 s"
    )
    p.add_argument(
        "--screenshot", type=Path, metavar="FILE", help="save the app after the first scan and exit"
    )
    p.add_argument(
        "--camera",
        metavar="SRC",
        help="read a real camera (0, /dev/video0) instead of the phone window's frames",
    )
    p.add_argument(
        "--award",
        type=amount_arg,
        metavar="AMOUNT",
        help="(with --check or --screenshot) award AMOUNT after the first scan, wait for the"
        " receipt; the screenshot is then of the whole screen",
    )
    p.add_argument("--console", action="store_true", help="the text demo instead of the app")
    p.add_argument("--cycles", type=int, default=0, help="(--console) stop after N codes")
    p.add_argument(
        "--interval", type=finite_float, default=30.0, help="(--console) seconds between codes"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.console:
        from terminal.cli import demo_cmd

        return demo_cmd.run(args)
    with tempfile.TemporaryDirectory(prefix="loyalty-demo-") as tmp:
        return _run_app(args, Path(tmp))


def _run_app(args: argparse.Namespace, folder: Path) -> int:
    from terminal.demo import phone as demo
    from terminal.demo.backend_process import DemoBackend
    from terminal.ui.app import choose_platform

    problem = choose_platform(headless=args.check or args.screenshot is not None)
    if problem is not None:
        print(f"loyalty-terminal: {problem}", file=sys.stderr)
        return 2

    # Demo accounts in throw-away data: printing their PINs is what makes the demo usable.
    print(demo.sign_ins_text(), flush=True)
    backend = DemoBackend(folder)
    try:
        backend.start()
        data_dir, wallet = _set_up(backend, folder, args.member)
        printer = demo_printer(data_dir)
        if args.camera:
            from terminal.ui.settings_file import update_settings

            update_settings(data_dir / "settings.toml", {"camera": {"source": args.camera}})
        return demo.show(
            data_dir,
            wallet,
            language=args.lang,
            check=args.check,
            screenshot=args.screenshot,
            phone_camera=not args.camera,
            printer=printer,
            award=None if args.award is None else str(args.award),
        )
    finally:
        backend.stop()


def _set_up(backend: Any, folder: Path, member: str) -> tuple[Path, Path]:
    """Provision a terminal, add staff, enrol the member's phone, fetch the catalog."""
    from config.paths import DataPaths
    from crypto import keys
    from sync.enrol import enrol_member, refresh_member
    from terminal.counter.service import CounterService
    from terminal.provisioning import provision
    from wallet.store import Wallet, load_wallet, save_wallet

    paths = DataPaths(folder / "terminal")
    _add_staff(backend)
    provision(paths, backend.url, backend.enrolment_code("S1"))  # the first sync brings them
    backend.set_tier(member, "gold")
    device = keys.generate()
    # The member logs in on the phone first, as the mini program does with WeChat.
    login = backend.login_code(member)
    issued = enrol_member(backend.url, member, keys.public_raw(device), login)
    wallet = folder / "wallet.json"
    save_wallet(
        wallet,
        Wallet(
            member=issued.member,
            device_key=device,
            certificate=issued.certificate,
            backend=backend.url,
        ),
    )
    service = CounterService.open(paths.root)
    try:
        service.sync_now()  # the catalog and policy, as a first sync brings them
        _earlier_purchase(service, wallet)
        service.sync_now()
    finally:
        service.close()
    # The phone's certificate then carries the balance, as after a refresh in the app.
    refreshed = refresh_member(backend.url, member, device)
    save_wallet(wallet, replace(load_wallet(wallet), certificate=refreshed.certificate))
    return paths.root, wallet


def _earlier_purchase(service: Any, wallet_path: Path) -> None:
    """The member shopped here before: with the README's purchase they can afford a reward."""
    from crypto.code import Purpose
    from terminal.demo.phone import CASHIER
    from wallet.store import load_wallet, save_wallet

    wallet, code = load_wallet(wallet_path).next_code(time.time(), Purpose.CHECKOUT)
    save_wallet(wallet_path, wallet)
    view = service.scan(code, service.new_checkout())
    service.award(view, EARLIER_PURCHASE, service.sign_in(CASHIER[0], CASHIER[3]))


def demo_printer(data_dir: Path) -> Path:
    """The demo's receipt printer: a file the app writes ESC/POS to, as to /dev/usb/lp0."""
    from config.files import write_atomic
    from terminal.ui.settings_file import update_settings

    printer = data_dir / "receipt-printer.escpos"
    write_atomic(printer, b"")  # the app never creates a printer's path: it must exist
    update_settings(data_dir / "settings.toml", {"printer": {"port": str(printer)}})
    return printer


def _add_staff(backend: Any) -> None:
    """The demo's accounts (terminal.demo.phone.DEMO_STAFF) in the office's directory, which
    terminals take their staff from (``loyalty-backend admin staff add``)."""
    from terminal.demo.phone import DEMO_STAFF

    for staff_id, name, role, pin in DEMO_STAFF:
        backend.add_staff(staff_id, name, role, "S1", pin)
