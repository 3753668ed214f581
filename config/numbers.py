"""Numbers from a command line or a JSON option: finite, or refused with a sentence.

Python's ``float()`` and ``Decimal()`` and ``json.loads`` all accept ``nan`` and ``inf``;
a clock, a duration or an amount that is not a number then fails deep inside a command
as an internal error. Every command parses its numbers through here instead, so a wrong
number is a usage error (exit 2) that names the option.
"""

from __future__ import annotations

import argparse
import json
import math
from decimal import Decimal, InvalidOperation
from typing import Any

from config.errors import ConfigError


def finite_float(text: str) -> float:
    """An argparse ``type``: a finite number (``nan``, ``inf`` are usage errors)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a finite number: give one such as 12.5 (not nan or infinity)"
        )
    return value


def finite_decimal(text: str, option: str) -> Decimal:
    """``text`` as a finite decimal; ConfigError naming ``option`` when it is not one."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise ConfigError(f"{option} {text!r} is not a number") from None
    if not value.is_finite():
        raise ConfigError(
            f"{option} {text!r} is not a finite number: give one such as 12.50"
            " (not nan or infinity)"
        )
    return value


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _finite_json_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e999 reads as infinity
        raise ValueError(f"{text} is too large a number")
    return value


def json_object(text: str, option: str) -> dict[str, Any]:
    """A JSON object from an option; NaN and Infinity (which Python's json takes) refused."""
    try:
        value = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_json_float)
    except ValueError as exc:  # JSONDecodeError is a ValueError, as is a refused constant
        raise ConfigError(f"{option} is not JSON ({exc})") from exc
    if not isinstance(value, dict):
        raise ConfigError(f"{option} must hold a JSON object")
    return value
