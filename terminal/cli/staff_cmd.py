"""``loyalty-terminal staff add|disable|enable|pin|list|export``: staff accounts from the command line.

Each prints one JSON object (exit 0 done, 1 refused, 2 usage). The person acting signs in with
``--staff ID`` and ``LOYALTY_PIN`` (or a prompt); a new PIN comes from ``LOYALTY_NEW_PIN`` (or a
prompt). Who may do what is the core's rule (``terminal.counter.staff_rules``).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from terminal.cli import EXIT_OK, EXIT_REFUSED
from terminal.cli.counter_cmd import emit, open_service, with_service
from terminal.cli.pin_input import NEW_PIN, PIN, read_pin, refuse_pin_options
from terminal.counter.errors import CounterRefused
from terminal.counter.results import OpResult, Role, Staff
from terminal.counter.service import CounterService
from terminal.counter.staff import require

if TYPE_CHECKING:
    from terminal.cli.counter_cmd import Subparsers


def register(subparsers: Subparsers) -> None:
    p = subparsers.add_parser(
        "staff", help="staff accounts: add, disable, enable, pin, list (PINs from the environment)"
    )
    actions = p.add_subparsers(dest="staff_action", required=True, metavar="ACTION")
    add = _action(actions, "add", "add an account (an existing ID is never replaced)")
    add.add_argument("--id", required=True, dest="target")
    add.add_argument("--name", required=True)
    add.add_argument("--role", choices=[r.value for r in Role], required=True)
    disable = _action(actions, "disable", "disable an account (a supervisor; history is kept)")
    disable.add_argument("--id", required=True, dest="target")
    enable = _action(actions, "enable", "enable a disabled account again (a supervisor)")
    enable.add_argument("--id", required=True, dest="target")
    pin = _action(
        actions,
        "pin",
        "change a PIN: your own (LOYALTY_PIN is the current one) or, as a "
        "supervisor, someone else's; the new PIN from LOYALTY_NEW_PIN",
    )
    pin.add_argument("--id", required=True, dest="target")
    _action(actions, "list", "list the accounts (a supervisor or technician)")
    _action(
        actions,
        "export",
        "print this terminal's own accounts (PIN hashes, never PINs) for "
        "'loyalty-backend admin staff import' (a supervisor or technician)",
    )


def _action(actions: Subparsers, name: str, help_text: str) -> argparse.ArgumentParser:
    p = actions.add_parser(name, help=help_text)
    p.add_argument("--data-dir", help="the terminal's data directory")
    p.add_argument("--staff", help=f"your staff ID (your PIN from {PIN} or the prompt)")
    refuse_pin_options(p, "--pin", "--new-pin")
    p.set_defaults(func=staff_cmd)
    return p


def actor(service: CounterService, args: argparse.Namespace) -> Staff | None:
    """The person signed in with --staff; None only on a terminal with no account yet."""
    if args.staff is None:
        if service.staff_count() == 0:
            return None
        raise CounterRefused(
            "sign_in_required",
            f"Give --staff with your ID (and your PIN in {PIN}): this terminal has staff accounts.",
        )
    return service.sign_in(args.staff, read_pin(PIN, f"PIN for {args.staff}: "))


def staff_cmd(args: argparse.Namespace) -> int:
    if args.staff_action == "list":
        return list_cmd(args)
    if args.staff_action == "export":
        return export_cmd(args)

    def body(service: CounterService) -> OpResult:
        action, target = args.staff_action, args.target
        if action == "pin" and args.staff in (None, target):
            # The holder: their current PIN is the proof.
            current = read_pin(PIN, f"Current PIN for {target}: ")
            new_pin = read_pin(NEW_PIN, f"New PIN for {target}: ", confirm=True)
            changed = service.change_own_pin(target, current, new_pin)
            return _done(action, changed.staff_id, changed.role)
        who = actor(service, args)
        if action == "add":
            new_pin = read_pin(NEW_PIN, f"New PIN for {target}: ", confirm=True)
            added = service.add_staff(who, target, args.name, Role(args.role), new_pin)
            return _done(action, added.staff_id, added.role)
        if who is None:
            raise CounterRefused("sign_in_required", "There are no staff accounts yet.")
        if action == "pin":
            new_pin = read_pin(NEW_PIN, f"New PIN for {target}: ", confirm=True)
            account = service.reset_staff_pin(who, target, new_pin)
        else:
            account = service.set_staff_enabled(who, target, action == "enable")
        return _done(action, account.staff_id, account.role, enabled=account.enabled)

    return with_service(args, body)


def _done(action: str, staff_id: str, role: Role, **extra: object) -> OpResult:
    details = {"action": action, "staff": staff_id, "role": role.value, **extra}
    return OpResult(ok=True, kind="staff", details=details)


def list_cmd(args: argparse.Namespace) -> int:
    with open_service(args) as service:
        try:
            who = actor(service, args)
            accounts = service.staff_accounts(who) if who is not None else []
        except CounterRefused as exc:
            emit({"ok": False, "kind": "staff", "reason": exc.reason, "message": exc.message})
            return EXIT_REFUSED
    emit({"ok": True, "kind": "staff", "accounts": [a.to_json() for a in accounts]})
    return EXIT_OK


def export_cmd(args: argparse.Namespace) -> int:
    """The local accounts as one JSON object, offered once to the office's directory."""
    with open_service(args) as service:
        try:
            who = actor(service, args)
            if who is None:
                raise CounterRefused("sign_in_required", "There are no staff accounts yet.")
            require(who, "staff")
            exported = service.ctx.staff.export(service.ctx.identity.store)
        except CounterRefused as exc:
            emit({"ok": False, "kind": "staff", "reason": exc.reason, "message": exc.message})
            return EXIT_REFUSED
    emit(exported)
    return EXIT_OK
