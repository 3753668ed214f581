"""``loyalty-backend admin staff add|disable|enable|pin|list|import|lockouts|clear-lockout``: the
office's directory, and the lockouts terminals report (backend.staff_lockouts).

A new PIN is typed twice at a prompt that does not echo, or read from ``LOYALTY_NEW_PIN`` (a
script's environment is readable only by its user); never from the command line. Each command
prints one JSON object; each change is audited (who at which host, the account before and
after, never a PIN or its hash) in the change's own transaction.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import time
from typing import Any

from backend import staff, staff_lockouts
from backend.console import audit
from config.errors import ConfigError
from protocol.staff_directory import ROLES

NEW_PIN = "LOYALTY_NEW_PIN"
MAX_IMPORT_BYTES = 4 * 1024 * 1024


def register(admin: Any, db_arg: Any, engine: Any, emit: Any) -> None:
    """Add ``staff`` and its actions to the ``admin`` subparsers."""
    actions = admin.add_parser(
        "staff", help="the office's staff directory (terminals receive it at each sync)"
    ).add_subparsers(dest="staff_action", required=True, metavar="ACTION")

    def action(name: str, help_text: str, with_id: bool = True) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = actions.add_parser(name, help=help_text)
        db_arg(p)
        if with_id:
            p.add_argument("--id", required=True, dest="staff_id")
        for option in ("--pin", "--new-pin"):  # hidden: using one is a usage error
            p.add_argument(option, nargs="?", action=_RefusePin, help=argparse.SUPPRESS)
        p.set_defaults(func=lambda args: _run(args, engine, emit))
        return p

    add = action("add", f"add an account (its PIN asked twice, or from {NEW_PIN})")
    add.add_argument("--name", required=True)
    add.add_argument("--role", choices=ROLES, required=True)
    where = add.add_mutually_exclusive_group(required=True)
    where.add_argument("--store", action="append", dest="stores", metavar="STORE")
    where.add_argument("--all-stores", action="store_true")
    action("disable", "disable an account (its row and history stay)")
    action("enable", "enable a disabled account again")
    action("pin", f"give an account a new PIN (asked twice, or from {NEW_PIN})")
    action("list", "every account (never a PIN or its hash)", with_id=False)
    imp = action(
        "import", "add the accounts 'loyalty-terminal staff export' printed (JSON on stdin)", False
    )
    imp.add_argument("--file", help="the export's file instead of stdin")
    action("lockouts", "accounts locked out at terminals, as their heartbeats report", False)
    clear = action(
        "clear-lockout", "clear a reported lockout; the terminal takes it at its next sync"
    )
    clear.add_argument("--terminal", required=True)
    clear.add_argument("--since", type=int, required=True, help="the lockout's start as listed")


class _RefusePin(argparse.Action):
    def __call__(self, parser: Any, namespace: Any, values: Any, option: Any = None) -> None:
        parser.error(
            f"{option} is not accepted: a PIN on the command line can be read by any local "
            f"user (ps). Set {NEW_PIN} in the environment, or type it at the prompt."
        )


def read_new_pin(staff_id: str) -> str:
    """The new PIN from the environment, or typed twice at a prompt."""
    value = os.environ.get(NEW_PIN, "").strip()
    if value:
        return value
    if not sys.stdin.isatty():
        raise ConfigError(f"no PIN: set {NEW_PIN} in the environment, or run this at a terminal")
    pin = getpass.getpass(f"new PIN for {staff_id}: ")
    if getpass.getpass("again: ") != pin:
        raise ConfigError("the two PINs differ")
    return pin


def _run(args: argparse.Namespace, engine: Any, emit: Any) -> int:
    now = int(time.time())
    action = args.staff_action
    pin = read_new_pin(args.staff_id) if action in ("add", "pin") else ""
    try:
        with engine(args).begin() as conn:
            if action == "list":
                emit({"accounts": [a.to_json() for a in staff.accounts(conn)]})
                return 0
            if action == "lockouts":
                locked = staff_lockouts.current(conn, now)
                emit({"lockouts": [_lockout_json(lockout) for lockout in locked]})
                return 0
            if action == "clear-lockout":
                emit(_clear(conn, args, now))
                return 0
            if action == "import":
                imported = _import(conn, _read_export(args.file), now)
                after = {"store": imported["store"], "added": imported["added"]}
                audit.record(
                    conn, audit.cli_actor(), "staff_import", imported["store"], None, after
                )
                emit(imported)
                return 0
            before = None
            if action == "add":
                stores = None if args.all_stores else tuple(args.stores)
                account = staff.add(conn, args.staff_id, args.name, args.role, stores, pin, now)
            else:
                before = staff.get(conn, args.staff_id).to_json()
                if action == "pin":
                    account = staff.set_pin(conn, args.staff_id, pin, now)
                else:
                    account = staff.set_enabled(conn, args.staff_id, action == "enable", now)
            after = account.to_json() | ({"pin": "set"} if action == "pin" else {})
            audit.record(conn, audit.cli_actor(), f"staff_{action}", args.staff_id, before, after)
    except (staff.StaffError, staff_lockouts.LockoutError) as exc:
        raise ConfigError(str(exc)) from None
    emit({"action": action, **account.to_json()})
    return 0


def _read_export(path: str | None) -> Any:
    if path:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_IMPORT_BYTES + 1)
    else:
        raw = sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1)
    if len(raw) > MAX_IMPORT_BYTES:
        raise ConfigError("the export is larger than 4 MiB")
    try:
        return json.loads(raw)
    except ValueError:
        raise ConfigError("the export is not JSON") from None


def _import(conn: Any, export: Any, now: int) -> dict[str, Any]:
    """Add a terminal's exported accounts to its store; an id already here is skipped."""
    if not isinstance(export, dict) or not isinstance(export.get("accounts"), list):
        raise ConfigError("the export has no accounts list")
    store = export.get("store")
    if not isinstance(store, str) or not store:
        raise ConfigError("the export names no store")
    added, skipped = [], []
    for row in export["accounts"]:
        if not isinstance(row, dict) or not isinstance(row.get("pin_hash"), str):
            raise ConfigError("an exported account has no pin_hash")
        staff_id = str(row.get("id", ""))
        try:
            staff.get(conn, staff_id)
            skipped.append(staff_id)  # the office's account wins: the export is offered once
            continue
        except staff.StaffError:
            pass
        try:
            pin_hash = row["pin_hash"]
            staff.passwords.parse(pin_hash)  # a malformed hash is refused, not stored
        except ValueError:
            raise ConfigError(f"the exported hash of {staff_id} is malformed") from None
        account = staff.add(
            conn,
            staff_id,
            str(row.get("name", "")),
            str(row.get("role")),
            (store,),
            "",
            now,
            pin_hash=pin_hash,
        )
        if not row.get("enabled", True):
            staff.set_enabled(conn, account.staff_id, False, now)
        added.append(staff_id)
    return {"action": "import", "store": store, "added": added, "skipped": skipped}


def _lockout_json(lockout: staff_lockouts.TerminalLockout) -> dict[str, Any]:
    return {
        **lockout.to_json(),
        "store": lockout.store,
        "name": lockout.name,
        "cleared_at": lockout.cleared_at,
    }


def _clear(conn: Any, args: argparse.Namespace, now: int) -> dict[str, Any]:
    """Clear one reported lockout, audited as the console's clear is."""
    actor = audit.cli_actor()
    cleared = staff_lockouts.clear(conn, args.terminal, args.staff_id, args.since, now, actor.name)
    target = f"{args.staff_id} @ {args.terminal}"
    after = {"cleared_at": now}
    audit.record(conn, actor, "staff_lockout_clear", target, cleared.to_json(), after)
    return {"action": "clear-lockout", **cleared.to_json(), **after}
