"""The event: one confirmed counter operation, as queued, signed, sent and ledgered.

Wire form (JSON object, canonical encoding in protocol.canonical): ``id`` (UUID), ``terminal``,
``seq`` (1, 2, ... per terminal, never reused), ``kind``, ``member``, ``points`` (signed change
to the member's balance), ``local_time_ms``, ``clock_offset_ms`` (server minus terminal clock,
last known), ``prev_hash`` (hash of the event with ``seq - 1``; 64 zeros for the first), and
the optional ``code_id``, ``order_id``, ``coupon_id``, ``ref_event``, ``staff``, ``details``,
and the evidence the backend re-checks: ``code`` (the member's code text exactly as scanned, in
every member event: award, redeem, pickup, coupon, checkin), ``checkout`` (the checkout the
code was scanned in: one code serves every event of one checkout at one terminal),
``policy_version`` and ``catalog_version`` (the signed documents the points were computed
from). ``presence`` (an issuer-signed presence proof, base64) stands in for ``code`` when the
member was identified by member number and manual code (crypto.presence); ``sale_ref`` and
``till`` name the till's sale an award is for (the backend accepts one award per sale).
An event's hash is SHA-256 over its canonical JSON; the chain of hashes lets the backend see
a queue that was edited after the fact.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any

from protocol.canonical import canonical_json, sha256_hex

KINDS = ("award", "redeem", "discount", "refund", "void", "pickup", "coupon", "checkin")
GENESIS_HASH = "0" * 64
MAX_ID_CHARS = 128
MAX_DETAILS_BYTES = 4096
MAX_POINTS = 2**40
# Every balance stays within what a certificate (CBOR, |n| < 2**53), JSON (2**53 - 1) and SQL
# BIGINT can all hold; an event that would leave this range is rejected `balance_limit`.
MAX_BALANCE = 2**53 - 1
MAX_CODE_CHARS = 2048
# Member events: each carries the member's code as scanned, so the backend sees the member
# was present (docs/sync.md).
MEMBER_KINDS = ("award", "redeem", "discount", "pickup", "coupon", "checkin")
_OPTIONAL = (
    "code_id",
    "order_id",
    "coupon_id",
    "ref_event",
    "staff",
    "checkout",
    "sale_ref",
    "till",
)
_OPTIONAL_INT = ("policy_version", "catalog_version")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class NewEvent:
    """What a counter operation asks the outbox to queue; the outbox adds the rest."""

    kind: str
    member: str
    points: int
    code_id: str | None = None
    order_id: str | None = None
    coupon_id: str | None = None
    ref_event: str | None = None
    staff: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    code: str | None = None
    checkout: str | None = None
    policy_version: int | None = None
    catalog_version: int | None = None
    presence: str | None = None
    sale_ref: str | None = None
    till: str | None = None
    # Given when the id must be known before queueing (online redemption authorisation).
    event_id: str | None = None


@dataclass(frozen=True)
class Event:
    """A queued event with its place in the terminal's chain."""

    id: str
    terminal: str
    seq: int
    kind: str
    member: str
    points: int
    local_time_ms: int
    clock_offset_ms: int
    prev_hash: str
    code_id: str | None = None
    order_id: str | None = None
    coupon_id: str | None = None
    ref_event: str | None = None
    staff: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    code: str | None = None
    checkout: str | None = None
    policy_version: int | None = None
    catalog_version: int | None = None
    presence: str | None = None
    sale_ref: str | None = None
    till: str | None = None

    def to_wire(self) -> dict[str, Any]:
        """The JSON object sent to the backend (absent optionals are left out)."""
        wire: dict[str, Any] = {
            "id": self.id,
            "terminal": self.terminal,
            "seq": self.seq,
            "kind": self.kind,
            "member": self.member,
            "points": self.points,
            "local_time_ms": self.local_time_ms,
            "clock_offset_ms": self.clock_offset_ms,
            "prev_hash": self.prev_hash,
            "details": dict(self.details),
        }
        for name in (*_OPTIONAL, *_OPTIONAL_INT, "code", "presence"):
            value = getattr(self, name)
            if value is not None:
                wire[name] = value
        return wire

    def canonical(self) -> bytes:
        """The canonical JSON of the wire form, encoded once (the event is frozen)."""
        return self._canonical

    @cached_property
    def _canonical(self) -> bytes:
        # cached_property writes the instance's __dict__ directly, which a frozen dataclass
        # allows; the backend asked for it four times per event (chain, repeat, row, hash).
        return canonical_json(self.to_wire())

    @cached_property
    def hash(self) -> str:
        """SHA-256 of the canonical encoding, hex."""
        return sha256_hex(self._canonical)


def placed(
    new: NewEvent,
    *,
    terminal: str,
    seq: int,
    prev_hash: str,
    local_time_ms: int,
    clock_offset_ms: int,
) -> Event:
    """The event ``new`` becomes at its place in a terminal's chain, every field it carries kept.

    The one mapping from NewEvent to Event: a field added to both is carried without anyone
    having to remember it here (the outbox once dropped new evidence fields that way).
    """
    carried = {f.name: getattr(new, f.name) for f in fields(NewEvent) if f.name != "event_id"}
    carried["details"] = dict(new.details)
    return Event(
        id=new.event_id or new_event_id(),
        terminal=terminal,
        seq=seq,
        local_time_ms=local_time_ms,
        clock_offset_ms=clock_offset_ms,
        prev_hash=prev_hash,
        **carried,
    )


def new_event_id() -> str:
    """A random UUID for an event."""
    return str(uuid.uuid4())


def event_from_wire(data: object) -> Event:
    """Type-check a received event; raises ValueError naming the first bad field."""
    if not isinstance(data, Mapping):
        raise ValueError("an event must be an object")
    known = {"id", "terminal", "seq", "kind", "member", "points", "local_time_ms"}
    known |= {"clock_offset_ms", "prev_hash", "details", "code", "presence"}
    known |= {*_OPTIONAL, *_OPTIONAL_INT}
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"unknown event fields {sorted(unknown)}")
    event_id = _text(data, "id")
    try:
        if str(uuid.UUID(event_id)) != event_id:
            raise ValueError
    except ValueError:
        raise ValueError("id must be a lower-case UUID") from None
    kind = _text(data, "kind")
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    prev_hash = _text(data, "prev_hash")
    if not _HEX64.match(prev_hash):
        raise ValueError("prev_hash must be 64 hex digits")
    details = data.get("details", {})
    if not isinstance(details, Mapping) or len(canonical_json(details)) > MAX_DETAILS_BYTES:
        raise ValueError(f"details must be an object of at most {MAX_DETAILS_BYTES} bytes")
    seq = _int(data, "seq")
    if seq < 1:
        raise ValueError("seq must be 1 or more")
    points = _int(data, "points")
    if abs(points) > MAX_POINTS:
        raise ValueError("points out of range")
    return Event(
        id=event_id,
        terminal=_text(data, "terminal"),
        seq=seq,
        kind=kind,
        member=_text(data, "member"),
        points=points,
        local_time_ms=_int(data, "local_time_ms"),
        clock_offset_ms=_int(data, "clock_offset_ms"),
        prev_hash=prev_hash,
        details=dict(details),
        code=_optional_code(data, "code"),
        presence=_optional_code(data, "presence"),
        policy_version=_optional_version(data, "policy_version"),
        catalog_version=_optional_version(data, "catalog_version"),
        **{name: _optional_text(data, name) for name in _OPTIONAL},
    )


def _text(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not 0 < len(value) <= MAX_ID_CHARS:
        raise ValueError(f"{name} must be text of 1 to {MAX_ID_CHARS} characters")
    return value


def _optional_text(data: Mapping[str, Any], name: str) -> str | None:
    return None if data.get(name) is None else _text(data, name)


def _optional_code(data: Mapping[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or not 0 < len(value) <= MAX_CODE_CHARS:
        raise ValueError(f"{name} must be text of 1 to {MAX_CODE_CHARS} characters")
    return value


def _optional_version(data: Mapping[str, Any], name: str) -> int | None:
    if data.get(name) is None:
        return None
    value = _int(data, name)
    if value < 0:
        raise ValueError(f"{name} must be 0 or more")
    return value


def _int(data: Mapping[str, Any], name: str) -> int:
    value = data.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or abs(value) >= 2**62:
        raise ValueError(f"{name} must be an integer")
    return value
