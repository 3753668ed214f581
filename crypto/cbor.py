"""Strict CBOR decoding for untrusted input: bounded size and depth, no trailing bytes."""

from __future__ import annotations

import io
from typing import Any

import cbor2

MAX_DEPTH = 8
READ_SIZE = 4096


class CborError(ValueError):
    """The bytes are not one well-formed, strictly encoded CBOR item."""


def loads_strict(data: bytes, *, max_size: int) -> Any:
    """Decode exactly one CBOR item of at most ``max_size`` bytes."""
    if len(data) > max_size:
        raise CborError(f"{len(data)} bytes exceeds the bound of {max_size}")
    stream = io.BytesIO(data)
    # The decoder reads ahead in blocks and, the stream being seekable, rewinds to the item's
    # end, so the position still tells whether bytes were left after it (read_size=1, one
    # Python read call per byte, cost three times the decoding).
    decoder = cbor2.CBORDecoder(
        stream,
        read_size=READ_SIZE,
        max_depth=MAX_DEPTH,
        allow_indefinite=False,
        allow_duplicate_keys=False,
    )
    try:
        item = decoder.decode()
    except Exception as exc:  # cbor2 raises several types on hostile input; all mean "malformed"
        raise CborError(f"not valid CBOR ({exc})") from exc
    if stream.tell() != len(data):
        raise CborError("trailing bytes after the CBOR item")
    return item


def dumps(item: Any) -> bytes:
    """Deterministic encoding (RFC 8949 section 4.2) for everything we sign."""
    return bytes(cbor2.dumps(item, canonical=True))
