"""Canonical JSON: the one byte string that is hashed and signed for a JSON value."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import orjson

# The encoding as specified: the stdlib's, sorted keys, no spaces, UTF-8. orjson writes the
# same bytes for the values it takes (text keys, 64-bit integers, text, lists, objects, true,
# false, null), an order of magnitude faster; for anything else (an integer past 64 bits, a
# key that is not text, nesting past 254) it refuses, and the stdlib encodes as before.
# tests/test_protocol_canonical.py proves the two byte-identical.
_ENCODER = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
)
_ORJSON_OPTIONS = orjson.OPT_SORT_KEYS
# Exact types that cannot hold a float; anything else is looked at with isinstance.
_SCALARS = frozenset({str, int, bool, type(None)})


class NotCanonical(ValueError):
    """A value canonical JSON does not carry: a float (``1.0`` and ``1`` must not both exist)."""


def canonical_json(value: Any, *, float_free: bool = False) -> bytes:
    """Sorted keys, no spaces, UTF-8; integers only (floats are not allowed in signed data).

    A float has more than one spelling (``1.0``, ``1``, ``1e0``) across JSON libraries, so the
    same value could hash differently on the phone, the terminal and the backend: refused.
    ``float_free``: the value, or the one it is part of, is what ``parse_json_checked`` found
    float-free, so it is not walked again (a batch of 200 events is walked once, not twice).
    """
    if not float_free:
        _check(value)
    try:
        return orjson.dumps(value, option=_ORJSON_OPTIONS)
    except orjson.JSONEncodeError:
        return reference_json(value)


def parse_json(data: bytes) -> Any:
    """``json.loads(data)``, the same value, faster for the common case.

    orjson parses valid UTF-8 JSON to the same value, except that it reads an integer past
    64 bits as a float; so a result holding any float, and anything orjson refuses (a BOM,
    NaN, a lone surrogate), is parsed again by the stdlib, whose answer (or error) stands.
    """
    return parse_json_checked(data)[0]


def parse_json_checked(data: bytes) -> tuple[Any, bool]:
    """``parse_json``'s value, and whether it holds no float (then no part of it needs
    ``canonical_json``'s walk: ``canonical_json(part, float_free=True)``)."""
    try:
        value = orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data), False
    try:
        _check(value)
    except NotCanonical:
        return json.loads(data), False
    return value, True


def reference_json(value: Any) -> bytes:
    """The stdlib encoding canonical JSON is defined by (no float check): the fallback."""
    return _ENCODER.encode(value).encode("utf-8")


def _check(value: Any) -> None:
    """Walk ``value`` without recursion (a deep document must not blow the stack)."""
    stack = [value]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind in _SCALARS:
            continue
        if kind is dict:
            stack.extend(item.values())
        elif kind is list:
            stack.extend(item)
        elif isinstance(item, float):
            raise NotCanonical(f"canonical JSON holds integers only, not {item!r}")
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)


def sha256_hex(data: bytes) -> str:
    """Lower-case hex SHA-256."""
    return hashlib.sha256(data).hexdigest()
