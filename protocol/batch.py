"""Batches: a terminal's events, signed whole with the terminal key.

Body (JSON): ``{"batch": {"terminal", "batch_id", "events": [event...]}, "sig": base64}``
where ``sig`` is Ed25519 over the canonical JSON of ``batch``. The backend checks it before
it applies anything.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from crypto import keys
from protocol.canonical import canonical_json, parse_json_checked
from protocol.events import Event

MAX_BATCH_EVENTS = 1000
MAX_BATCH_BYTES = 2 * 1024 * 1024


class BatchInvalid(ValueError):
    """The body is not a well-formed batch signed by the expected terminal."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason


@dataclass(frozen=True)
class OpenedBatch:
    """A batch whose signature verified; events are still raw (checked one by one)."""

    terminal: str
    batch_id: str
    events: list[Any]


def seal(terminal: str, events: Sequence[Event], key: Ed25519PrivateKey) -> tuple[str, bytes]:
    """A new batch id and the signed body to POST."""
    batch_id = str(uuid.uuid4())
    batch = {"terminal": terminal, "batch_id": batch_id, "events": [e.to_wire() for e in events]}
    signature = key.sign(canonical_json(batch))
    body = {"batch": batch, "sig": base64.b64encode(signature).decode()}
    return batch_id, canonical_json(body)


def open_batch(body: bytes, terminal: str, public: bytes) -> OpenedBatch:
    """Parse and verify a batch from ``terminal``; raises BatchInvalid."""
    if len(body) > MAX_BATCH_BYTES:
        raise BatchInvalid("too_large", f"{len(body)} bytes")
    try:
        outer, float_free = parse_json_checked(body)
        batch, sig = outer["batch"], base64.b64decode(outer["sig"], validate=True)
        events = batch["events"]
        batch_id, claimed = batch["batch_id"], batch["terminal"]
    except (ValueError, KeyError, TypeError, binascii.Error, RecursionError) as exc:
        raise BatchInvalid("malformed", str(exc)) from exc
    if not isinstance(events, list) or not isinstance(batch_id, str) or not batch_id:
        raise BatchInvalid("malformed", "events must be a list and batch_id text")
    try:
        signed = canonical_json(batch, float_free=float_free)
    except (TypeError, ValueError, RecursionError) as exc:
        raise BatchInvalid("malformed", str(exc)) from exc
    if not keys.verify(keys.public_from_raw(public), sig, signed):
        raise BatchInvalid("bad_signature", "the batch signature does not verify")
    if claimed != terminal:
        raise BatchInvalid("wrong_terminal", "the batch names another terminal")
    if len(events) > MAX_BATCH_EVENTS:
        raise BatchInvalid("too_large", f"{len(events)} events")
    return OpenedBatch(terminal=claimed, batch_id=batch_id, events=events)
