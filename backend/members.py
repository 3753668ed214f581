"""Members and their devices: enrolment, certificates, balances and the ledger report.

Enrolling a device needs a login proof (backend.login), checked by the route in the same
transaction. A member has one current phone: enrolling another marks the previous ones replaced
(they can no longer refresh) and revokes their certificates, which the route then publishes in
the next trust bundle.
"""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from backend import revocations, schema
from backend.errors import BadRequest, Forbidden, NotFound, Unauthorized
from backend.keys.store import IssuerDbStore
from backend.sql import insert_ignore, lock_row
from crypto import certificate, keys
from crypto.issuer import Issuer
from protocol import signing

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


@dataclass(frozen=True)
class Enrolled:
    """A new device's certificate, and the previous phones' certificates it revoked."""

    certified: Certified
    revoked_certs: frozenset[bytes]


def ensure_member(conn: Connection, member: str, now: int, tier: str = DEFAULT_TIER) -> None:
    """Create the member with a zero balance when unknown."""
    insert_ignore(
        conn, schema.members, {"id": member, "tier": tier, "balance": 0, "created_at": now}
    )


def check_enrolment(member: str, device_hex: str) -> bytes:
    """The device key of a well-formed enrolment; BadRequest before any login proof is used."""
    if not MEMBER_ID.match(member):
        raise BadRequest("bad_member", "member ids are 1 to 64 letters, digits, . _ -")
    return _device_key(device_hex)


def enrol(conn: Connection, issuer: Issuer, member: str, device: bytes, now: int) -> Enrolled:
    """Register the device as the member's phone (member created if new) and certify it.

    The caller has checked the login proof in this transaction. Every other device of the
    member is marked replaced and its unexpired certificates revoked.
    """
    ensure_member(conn, member, now)
    # Two phones enrolling at once are serialised on the member: the later one replaces the other.
    lock_row(conn, schema.members, member)
    devices = schema.member_devices
    if not insert_ignore(
        conn, devices, {"member": member, "device_public": device.hex(), "created_at": now}
    ):  # a phone enrolled before and logged in again is the current phone once more
        conn.execute(
            update(devices)
            .where(devices.c.member == member, devices.c.device_public == device.hex())
            .values(replaced_at=None, revoked_at=None)
        )
    conn.execute(
        update(devices)
        .where(
            devices.c.member == member,
            devices.c.device_public != device.hex(),
            devices.c.replaced_at.is_(None),
        )
        .values(replaced_at=now)
    )
    certs = schema.member_certificates
    revoked = conn.execute(
        update(certs)
        .where(
            certs.c.member == member,
            certs.c.device_public != device.hex(),
            certs.c.revoked_at.is_(None),
            certs.c.expires_at > now,
        )
        .values(revoked_at=now)
        .returning(certs.c.cert_id)
    ).all()
    replaced = frozenset(bytes.fromhex(row.cert_id) for row in revoked)
    for cert_id in replaced:
        # Ingest still accepts what the old phone did before this moment, nothing after it.
        revocations.record(conn, now, cert_id=cert_id)
    certified = certify(conn, issuer, member, device, now)
    return Enrolled(certified, replaced)


def refresh(
    conn: Connection,
    issuer: Issuer,
    member: str,
    device_hex: str,
    timestamp: int,
    signature: bytes,
    now: int,
) -> Certified:
    """A fresh certificate for a registered, current device that signed the request."""
    device = _device_key(device_hex)
    message = signing.refresh_message(member, device.hex(), timestamp)
    if not keys.verify(keys.public_from_raw(device), signature, message):
        raise Unauthorized("bad_signature", "the refresh request signature does not verify")
    if abs(now - timestamp) > REFRESH_WINDOW_SECONDS:
        raise Unauthorized("clock_skew", "refresh time outside the window")
    devices = schema.member_devices
    known = conn.execute(
        select(devices.c.replaced_at, devices.c.revoked_at).where(
            devices.c.member == member, devices.c.device_public == device.hex()
        )
    ).first()
    if known is None:
        raise Forbidden("unknown_device", "this device is not enrolled for this member")
    if known.revoked_at is not None:  # the office stopped it (lost or stolen)
        raise Forbidden("device_revoked", "the office revoked this phone; log in again to use it")
    if known.replaced_at is not None:
        raise Forbidden(
            "device_replaced",
            "the member enrolled another phone; log in again to use this one",
        )
    return certify(conn, issuer, member, device, now)


def certify(conn: Connection, issuer: Issuer, member: str, device: bytes, now: int) -> Certified:
    """A certificate carrying the member's current tier and ledger balance, recorded by id."""
    row = conn.execute(select(schema.members).where(schema.members.c.id == member)).one()
    tier, balance = str(row.tier), int(row.balance)
    # Balance and position come from one row, updated together by ingest: the certificate
    # holds exactly the entries 1..position (docs/counter.md).
    cert = issuer.certify_member(
        member=member,
        device_public=device,
        tier=tier,
        balance=balance,
        now=now,
        position=int(row.position),
    )
    claims = certificate.claims_of(cert)
    conn.execute(
        schema.member_certificates.insert().values(
            cert_id=claims.cert_id.hex(),
            member=member,
            device_public=device.hex(),
            issued_at=claims.issued_at,
            expires_at=claims.expires_at,
        )
    )
    return Certified(member=member, tier=tier, balance=balance, certificate=cert)


def revoked_unexpired(conn: Connection, now: int) -> frozenset[bytes]:
    """Every revoked certificate still inside its lifetime: what the bundle must list."""
    certs = schema.member_certificates
    rows = conn.execute(
        select(certs.c.cert_id).where(certs.c.revoked_at.is_not(None), certs.c.expires_at > now)
    ).all()
    return frozenset(bytes.fromhex(row.cert_id) for row in rows)


def expired_certs(conn: Connection, cert_ids: frozenset[bytes], now: int) -> frozenset[bytes]:
    """Those of ``cert_ids`` past their expiry: no terminal accepts them, listed or not."""
    if not cert_ids:
        return frozenset()
    certs = schema.member_certificates
    rows = conn.execute(
        select(certs.c.cert_id).where(
            certs.c.cert_id.in_(sorted(c.hex() for c in cert_ids)), certs.c.expires_at <= now
        )
    ).all()
    return frozenset(bytes.fromhex(row.cert_id) for row in rows)


def publish_revocations(
    store: IssuerDbStore,
    cert_ids: frozenset[bytes],
    now: int,
    expired: frozenset[bytes] = frozenset(),
) -> Issuer:
    """A newer bundle revoking ``cert_ids`` and no longer listing ``expired``, through the
    issuer lock; no-op if nothing changes.

    Given every revoked, unexpired id (not only the latest), so a publication that failed
    after its enrolment committed is made good by the next one. Only certificates known to be
    past their expiry leave the list (an expiry never ends), so a publication racing another
    never drops a revocation the other just added.
    """

    def change(current: Issuer) -> Issuer:
        listed = current.bundle.revoked_certs
        missing, gone = cert_ids - listed, expired & listed
        if not missing and not gone:
            return current
        bundle = replace(current.bundle, revoked_certs=(listed | missing) - gone)
        return replace(current, bundle=bundle).revoke(now=now)  # revoke() bumps the version

    return store.update(change)


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
    return public_key_from_hex(device_hex, "device_public", "bad_device_key")


def public_key_from_hex(text: str, field: str, code: str) -> bytes:
    """A 32-byte Ed25519 key from hex, refusing weak keys (small-order, non-canonical)."""
    try:
        public = bytes.fromhex(text)
    except ValueError:
        public = b""
    if len(public) != keys.PUBLIC_KEY_SIZE:
        raise BadRequest(code, f"{field} must be 32 bytes in hex")
    try:
        keys.check_public_key(public)
    except keys.WeakKey as exc:
        # Anyone could sign for such a key: accepting it would let strangers act as its owner.
        raise BadRequest("weak_key", f"{field} is refused: {exc}") from None
    return public


YEAR_MS = 365 * 86400 * 1000


def summary(conn: Connection, member: str, now_ms: int) -> dict[str, Any]:
    """The member's tier, balance (with the ledger position it includes) and yearly spend.

    The spend is awards less refunds over the last 365 days.
    """
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
        "position": int(row.position),
        "year_spend": str(spend),
    }


def certificate_reply(
    certified: Certified, root: bytes, documents: list[dict[str, str]], secret: str
) -> dict[str, Any]:
    """What a phone gets at enrolment and refresh: its certificate and what it needs beside."""
    return {
        "totp_secret": secret,
        "documents": documents,
        "member": certified.member,
        "tier": certified.tier,
        "balance": certified.balance,
        "certificate": base64.b64encode(certified.certificate).decode(),
        "root_public": root.hex(),
    }
