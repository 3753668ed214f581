"""Canonical JSON: the one byte string that is hashed and signed for a JSON value."""

from __future__ import annotations

import hashlib
import json
from typing import Any


# One encoder for every call: json.dumps builds a new JSONEncoder whenever it is given options,
# which cost as much as encoding a small event. The encoding is the stdlib's C encoder either
# way, byte for byte (tests/test_protocol_canonical.py).
_ENCODER = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
)


class NotCanonical(ValueError):
    """A value canonical JSON does not carry: a float (``1.0`` and ``1`` must not both exist)."""


def canonical_json(value: Any) -> bytes:
    """Sorted keys, no spaces, UTF-8; integers only (floats are not allowed in signed data).

    A float has more than one spelling (``1.0``, ``1``, ``1e0``) across JSON libraries, so the
    same value could hash differently on the phone, the terminal and the backend: refused.
    """
    _check(value)
    return _ENCODER.encode(value).encode("utf-8")


def _check(value: Any) -> None:
    """Walk ``value`` without recursion (a deep document must not blow the stack)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, float):
            raise NotCanonical(f"canonical JSON holds integers only, not {item!r}")
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)


def sha256_hex(data: bytes) -> str:
    """Lower-case hex SHA-256."""
    return hashlib.sha256(data).hexdigest()
