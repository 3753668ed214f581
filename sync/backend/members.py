"""Members and their devices: enrolment, certificates, balances and the ledger report.

Member enrolment stands in for the mini program's login: whoever asks gets a new member id
registered with their device key. A real deployment puts its own login in front of it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from crypto import keys
from crypto.issuer import Issuer
from sync import signing
from sync.backend import schema
from sync.backend.errors import BadRequest, Forbidden, NotFound, Unauthorized
from sync.backend.sql import insert_ignore

MEMBER_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
DEFAULT_TIER = "green"
REFRESH_WINDOW_SECONDS = 300


@dataclass(frozen=True)
class Certified:
    """A new member certificate and what it says."""

    member: str
    tier: str
    balance: int
    certificate: bytes


def ensure_member(conn: Connection, member: str, now: int, tier: str = DEFAULT_TIER) -> None:
    """Create the member with a zero balance when unknown."""
    insert_ignore(
        conn, schema.members, {"id": member, "tier": tier, "balance": 0, "created_at": now}
    )


def enrol(conn: Connection, issuer: Issuer, member: str, device_hex: str, now: int) -> Certified:
    """Register the device for the member (created if new) and certify it."""
    if not MEMBER_ID.match(member):
        raise BadRequest("bad_member", "member ids are 1 to 64 letters, digits, . _ -")
    device = _device_key(device_hex)
    ensure_member(conn, member, now)
    insert_ignore(
        conn,
        schema.member_devices,
        {"member": member, "device_public": device.hex(), "created_at": now},
    )
    return certify(conn, issuer, member, device, now)


def refresh(
    conn: Connection,
    issuer: Issuer,
    member: str,
    device_hex: str,
    timestamp: int,
    signature: bytes,
    now: int,
) -> Certified:
    """A fresh certificate for a registered device that signed the request."""
    device = _device_key(device_hex)
    message = signing.refresh_message(member, device.hex(), timestamp)
    if not keys.verify(keys.public_from_raw(device), signature, message):
        raise Unauthorized("bad_signature", "the refresh request signature does not verify")
    if abs(now - timestamp) > REFRESH_WINDOW_SECONDS:
        raise Unauthorized("clock_skew", "refresh time outside the window")
    devices = schema.member_devices
    known = conn.execute(
        select(devices.c.member).where(
            devices.c.member == member, devices.c.device_public == device.hex()
        )
    ).first()
    if known is None:
        raise Forbidden("unknown_device", "this device is not enrolled for this member")
    return certify(conn, issuer, member, device, now)


def certify(conn: Connection, issuer: Issuer, member: str, device: bytes, now: int) -> Certified:
    """A certificate carrying the member's current tier and ledger balance."""
    row = conn.execute(select(schema.members).where(schema.members.c.id == member)).one()
    tier, balance = str(row.tier), int(row.balance)
    cert = issuer.certify_member(
        member=member, device_public=device, tier=tier, balance=balance, now=now
    )
    return Certified(member=member, tier=tier, balance=balance, certificate=cert)


def set_tier(conn: Connection, member: str, tier: str, now: int) -> None:
    """Change a member's tier (created if new)."""
    ensure_member(conn, member, now, tier)
    conn.execute(schema.members.update().where(schema.members.c.id == member).values(tier=tier))


def ledger_report(conn: Connection, member: str) -> dict[str, Any]:
    """The member's balance (sum of the ledger), every entry, and every flag about them."""
    ledger = schema.ledger
    entries = conn.execute(
        select(ledger).where(ledger.c.member == member).order_by(ledger.c.entry)
    ).all()
    flags = conn.execute(
        select(schema.flags).where(schema.flags.c.member == member).order_by(schema.flags.c.id)
    ).all()
    balance = conn.execute(
        select(func.coalesce(func.sum(ledger.c.points), 0)).where(ledger.c.member == member)
    ).scalar_one()
    tier = conn.execute(
        select(schema.members.c.tier).where(schema.members.c.id == member)
    ).scalar_one_or_none()
    return {
        "member": member,
        "tier": tier,
        "balance": int(balance),
        "entries": [
            {
                "entry": e.entry,
                "event": e.event,
                "kind": e.kind,
                "points": e.points,
                "terminal": e.terminal,
                "store": e.store,
                "local_time_ms": e.local_time_ms,
                "corrected_time_ms": e.corrected_time_ms,
                "recorded_at_ms": e.recorded_at_ms,
            }
            for e in entries
        ],
        "flags": [
            {"kind": f.kind, "event": f.event, "terminal": f.terminal, "detail": f.detail}
            for f in flags
        ],
    }


def _device_key(device_hex: str) -> bytes:
    try:
        device = bytes.fromhex(device_hex)
    except ValueError:
        device = b""
    if len(device) != keys.PUBLIC_KEY_SIZE:
        raise BadRequest("bad_device_key", "device_public must be 32 bytes in hex")
    return device


YEAR_MS = 365 * 86400 * 1000


def summary(conn: Connection, member: str, now_ms: int) -> dict[str, Any]:
    """The member's tier, balance and spend over the last 365 days (awards less refunds)."""
    row = conn.execute(select(schema.members).where(schema.members.c.id == member)).first()
    if row is None:
        raise NotFound("unknown_member", "no such member")
    ledger, events = schema.ledger, schema.events
    rows = conn.execute(
        select(events.c.body)
        .join(ledger, ledger.c.event == events.c.id)
        .where(
            ledger.c.member == member,
            ledger.c.kind.in_(("award", "refund")),
            ledger.c.corrected_time_ms >= now_ms - YEAR_MS,
        )
    )
    spend = Decimal(0)
    for (body,) in rows:
        event = json.loads(body)
        amount = Decimal(str(event.get("details", {}).get("amount", "0")))
        spend += amount if event["kind"] == "award" else -amount
    return {
        "member": member,
        "tier": row.tier,
        "balance": int(row.balance),
        "year_spend": str(spend),
    }
