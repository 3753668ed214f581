"""PINs for the command line: from the environment or a prompt, never from argv.

Any local user can read a process's argv (``ps``), so ``--pin`` and its kin are refused with a
sentence. A POS passes the PIN in the environment of the one process that needs it
(``LOYALTY_PIN``, ``LOYALTY_OVERRIDE_PIN``, ``LOYALTY_NEW_PIN``: readable only by the same user);
a person at a terminal types it at a prompt that does not echo.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from typing import Any

from config.errors import ConfigError

PIN = "LOYALTY_PIN"
OVERRIDE_PIN = "LOYALTY_OVERRIDE_PIN"
NEW_PIN = "LOYALTY_NEW_PIN"

REFUSED_OPTIONS = {"--pin": PIN, "--override-pin": OVERRIDE_PIN, "--new-pin": NEW_PIN}


class _RefusePinOption(argparse.Action):
    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        variable = REFUSED_OPTIONS.get(option_string or "", PIN)
        parser.error(
            f"{option_string} is not accepted: a PIN on the command line can be read by any "
            f"local user (ps). Set {variable} in the environment, or type it at the prompt."
        )


def refuse_pin_options(parser: argparse.ArgumentParser, *options: str) -> None:
    """Add ``options`` (hidden) so that using one is a usage error naming the variable."""
    for option in options:
        parser.add_argument(option, nargs="?", action=_RefusePinOption, help=argparse.SUPPRESS)


def read_pin(variable: str, prompt: str, *, confirm: bool = False) -> str:
    """The PIN in ``variable``, else typed at a prompt when stdin is a terminal.

    With neither, a usage error (exit 2) naming the variable. ``confirm`` asks twice at the
    prompt (a new PIN).
    """
    value = os.environ.get(variable, "")
    if value:
        return value.strip()
    if not sys.stdin.isatty():
        raise ConfigError(
            f"no PIN: set {variable} in the environment (PINs are never taken on the "
            "command line), or run this at a terminal to type it"
        )
    pin = getpass.getpass(prompt).strip()
    if confirm and getpass.getpass("Repeat it: ").strip() != pin:
        raise ConfigError("the two PINs typed differ; nothing was changed")
    return pin
