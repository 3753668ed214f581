"""``loyalty-terminal``: one sub-command per module, registered in ``COMMANDS``.

Exit codes, the same for every command: 0 done or accepted, 1 refused or rejected,
2 usage or configuration error, 3 an internal error (a bug; the message says where to look),
4 a storage fault (disk full, read-only, I/O error, damaged or busy database): nothing was
saved, and the JSON line says what to do.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from collections.abc import Sequence

from config.errors import ConfigError
from sync.errors import StorageError

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_STORAGE = 4

# Each module defines ``register(subparsers)``; the parser it adds sets ``func(args) -> int``.
COMMANDS: tuple[str, ...] = (
    "terminal.cli.verify_cmd",
    "terminal.cli.decode_cmd",
    "terminal.cli.listen_cmd",
    "terminal.cli.run_cmd",
    "terminal.cli.app_demo_cmd",
    "terminal.cli.provision_cmd",
    "terminal.cli.sync_cmd",
    "terminal.cli.counter_cmd",
    "terminal.cli.staff_cmd",
    "terminal.cli.member_cmd",
    "terminal.cli.till_cmd",
)

log = logging.getLogger("loyalty_terminal")


def build_parser() -> argparse.ArgumentParser:
    """The full command line, assembled from every registered command module."""
    parser = argparse.ArgumentParser(
        prog="loyalty-terminal", description="Loyalty counter terminal."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module_name in COMMANDS:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        return int(args.func(args))
    except ConfigError as exc:
        print(f"loyalty-terminal: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except StorageError as exc:
        # A POS reads the last JSON line; a person reads stderr. Neither sees a traceback.
        print(
            json.dumps(
                {"ok": False, "reason": exc.kind, "message": exc.advice, "detail": str(exc)},
                ensure_ascii=False,
            ),
            flush=True,
        )
        print(f"loyalty-terminal: {exc.advice} ({exc})", file=sys.stderr)
        return EXIT_STORAGE
    except KeyboardInterrupt:
        return EXIT_OK
    except Exception as exc:  # the last line of defence: a person never sees a traceback
        log.debug("internal error", exc_info=True)
        print(
            f"loyalty-terminal: internal error ({type(exc).__name__}: {exc}); "
            "run again with --verbose and report it",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
