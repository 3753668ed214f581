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
from pathlib import Path
from typing import Any

from config.numbers import finite_float

NAME = "demo"


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
    p.add_argument("--console", action="store_true", help="the text demo instead of the app")
    p.add_argument("--cycles", type=int, default=0, help="(--console) stop after N codes")
    p.add_argument("--interval", type=finite_float, default=30.0, help="(--console) seconds between codes")
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
        )
    finally:
        backend.stop()


def _set_up(backend: Any, folder: Path, member: str) -> tuple[Path, Path]:
    """Provision a terminal, add staff, enrol the member's phone, fetch the catalog."""
    from config.paths import DataPaths
    from crypto import keys
    from sync.enrol import enrol_member
    from terminal.counter.service import CounterService
    from terminal.counter.staff import StaffStore
    from terminal.provisioning import provision
    from wallet.store import Wallet, save_wallet

    paths = DataPaths(folder / "terminal")
    provision(paths, backend.url, backend.enrolment_code("S1"))
    staff = StaffStore(paths.staff)
    try:
        _add_staff(staff)
    finally:
        staff.close()
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
    finally:
        service.close()
    return paths.root, wallet


def _add_staff(staff: Any) -> None:
    """The demo's accounts (terminal.demo.phone.DEMO_STAFF), the supervisor first: it adds the
    others."""
    from terminal.counter.results import Role
    from terminal.demo.phone import DEMO_STAFF

    supervisor = None
    for staff_id, name, role, pin in DEMO_STAFF:
        added = staff.add(supervisor, staff_id, name, Role(role), pin)
        supervisor = supervisor or added
