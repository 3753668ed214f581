"""``loyalty-terminal till-api`` serves the till API; ``till-pair`` pairs, lists, revokes tills.

``till-pair --name NAME`` is a technician's job (``--staff`` and the PIN from LOYALTY_PIN, as
in the staff command) and prints one JSON object with the till's token: it is shown once,
stored only as a hash, and never logged. Exit 0 done, 1 refused, 2 usage.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING

from config.errors import ConfigError
from terminal.cli import EXIT_OK, EXIT_REFUSED
from terminal.cli.counter_cmd import emit, open_service
from terminal.cli.pin_input import PIN, refuse_pin_options
from terminal.cli.staff_cmd import actor
from terminal.counter.errors import CounterRefused
from terminal.counter.results import Role
from terminal.till.serve import TillServer, open_desk, parse_listen, till_db
from terminal.till.tokens import TillTokens

if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]

DEFAULT_LISTEN = "127.0.0.1:8765"
# The name goes into every award of the till's sales (``till``) and the backend's sale claims.
TILL_NAME = re.compile(r"^[A-Za-z0-9._-]{1,32}$")


def register(subparsers: Subparsers) -> None:
    p = subparsers.add_parser("till-api", help="serve the till API (JSON over HTTP) headless")
    p.add_argument("--data-dir", help="the terminal's data directory")
    p.add_argument("--listen", default=DEFAULT_LISTEN, help=f"HOST:PORT (default {DEFAULT_LISTEN})")
    p.set_defaults(func=api_cmd)

    p = subparsers.add_parser("till-pair", help="pair a till (a technician), list or revoke")
    p.add_argument("--data-dir", help="the terminal's data directory")
    p.add_argument("--staff", help=f"your staff ID (your PIN from {PIN} or the prompt)")
    refuse_pin_options(p, "--pin")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--name", help="pair a new till under this name; prints its token once")
    what.add_argument("--list", action="store_true", help="list the paired tills")
    what.add_argument("--revoke", metavar="NAME", help="revoke a till's token")
    p.set_defaults(func=pair_cmd)


def api_cmd(args: argparse.Namespace) -> int:
    try:
        host, port = parse_listen(args.listen)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    with open_service(args) as service:
        tokens = TillTokens(till_db(service))
        desk = open_desk(service)
        try:
            server = TillServer(desk, tokens, host, port)
        except OSError as exc:
            raise ConfigError(f"cannot listen on {args.listen} ({exc.strerror})") from None
        print(f"till API on http://{host}:{server.port}", file=sys.stderr, flush=True)
        server.run()
    return EXIT_OK


def pair_cmd(args: argparse.Namespace) -> int:
    with open_service(args) as service:
        tokens = TillTokens(till_db(service))
        try:
            if args.list:
                emit({"ok": True, "tills": tokens.tills()})
                return EXIT_OK
            staff = actor(service, args)
            if staff is not None and staff.role is not Role.TECHNICIAN:
                raise CounterRefused("not_allowed", "Only a technician pairs or revokes tills.")
            if args.revoke is not None:
                if not tokens.revoke(args.revoke):
                    raise CounterRefused("unknown_till", "No till %1 is paired.", args.revoke)
                emit({"ok": True, "revoked": args.revoke})
                return EXIT_OK
            if not TILL_NAME.match(args.name):
                raise CounterRefused(
                    "bad_till_name", "A till's name is 1 to 32 letters, digits, '.', '_' or '-'."
                )
            try:
                token = tokens.pair(args.name)
            except ValueError as exc:
                raise CounterRefused("till_paired", str(exc)) from None
            emit({"ok": True, "till": args.name, "token": token})
            return EXIT_OK
        except CounterRefused as exc:
            emit({"ok": False, "reason": exc.reason, "message": exc.message})
            return EXIT_REFUSED
        finally:
            tokens.close()
