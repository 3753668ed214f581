"""``loyalty-terminal member CODE`` (or ``--manual MEMBER --totp CODE``): what the member
screen shows, as one JSON object.

The scan starts a checkout as the app's scan does (the code is claimed), then asks the backend
within the online timeout. The fields are the balance model of docs/counter.md plus
``member``, ``tier``, ``online`` and ``recent``. Exit 0 shown, 1 refused, 2 usage.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from config.errors import ConfigError
from terminal.cli import EXIT_OK, EXIT_REFUSED
from terminal.cli.counter_cmd import emit, manual_options, open_service, read_totp
from terminal.cli.verify_cmd import read_code
from terminal.counter.errors import CounterRefused

if TYPE_CHECKING:
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]


def register(subparsers: Subparsers) -> None:
    p = subparsers.add_parser("member", help="scan a member code and show its balance figures")
    p.add_argument("--data-dir", help="the terminal's data directory")
    p.add_argument("code", metavar="CODE", help="the member's code, or - to read it from stdin")
    manual_options(p)
    p.set_defaults(func=member_cmd)


def member_cmd(args: argparse.Namespace) -> int:
    if (args.code is None) == (args.manual is None):
        raise ConfigError("give the member's CODE, or --manual MEMBER (not both)")
    totp = read_totp(args.totp) if args.manual is not None else ""
    with open_service(args) as service:
        try:
            if args.manual is not None:
                report = service.member_report_manual(args.manual, totp)
            else:
                text = read_code(args.code, service.ctx.settings.verify.max_code_chars)
                report = service.member_report(text)
        except CounterRefused as exc:
            emit({"ok": False, "reason": exc.reason, "message": exc.message})
            return EXIT_REFUSED
    emit(report)
    return EXIT_OK
