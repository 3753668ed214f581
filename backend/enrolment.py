"""One-time enrolment codes and terminal registration; revoking a terminal.

Codes are 16 characters from a 30-letter alphabet (about 78 bits), shown in groups of four,
kept only as SHA-256, valid once and for a limited time. Failed codes are rate-limited per
client address (backend.rate_limits), so guessing is hopeless and one client's failures
never lock out another. A request is validated whole before its code is redeemed, and the
code is redeemed and the terminal registered in one transaction: a malformed request, or one
refused for any other reason, leaves the code usable.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from backend import rate_limits, schema
from backend.errors import BadRequest, Conflict
from crypto import keys
from protocol.events import GENESIS_HASH

ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
CODE_CHARS = 16


CODE_INVALID = "unknown, used or expired enrolment code"


def new_code(conn: Connection, store: str, now: int, hours: float = 24.0) -> str:
    """Create a code for ``store``; only its hash is stored."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_CHARS))
    conn.execute(
        insert(schema.enrolment_codes).values(
            code_hash=_hash(raw), store=store, created_at=now, expires_at=now + int(hours * 3600)
        )
    )
    return "-".join(raw[i : i + 4] for i in range(0, CODE_CHARS, 4))


def enrol_terminal(
    conn: Connection, code: str, public_hex: str, client: str, now: int
) -> tuple[str, str] | None:
    """Register a terminal with the code in the caller's transaction: (terminal, store).

    None when the code is unknown, used or expired: the failure is counted against the
    client, and the caller commits before refusing so the count stays. Any other refusal is
    raised and rolls the whole transaction back, the code's redemption included.
    """
    rate_limits.check(conn, rate_limits.TERMINAL_CODE_FAILURES, client, now)
    public = parse_public_key(public_hex)  # the whole request is valid before the code is used
    used = redeem_code(conn, code, now)
    if used is None:
        rate_limits.count(conn, rate_limits.TERMINAL_CODE_FAILURES, client, now)
        return None
    code_hash, store = used
    return register_terminal(conn, code_hash, store, public, now), store


def parse_public_key(public_hex: str) -> str:
    """The terminal key as lower-case hex, or BadRequest: 32 bytes of hex."""
    try:
        raw = bytes.fromhex(public_hex)
    except ValueError:
        raise BadRequest("bad_public_key", "public_key must be 32 bytes in hex") from None
    if len(raw) != 32:
        raise BadRequest("bad_public_key", "public_key must be 32 bytes in hex")
    # The single place a terminal key is accepted: a small-order or non-canonical point would
    # let anyone sign this terminal's batches.
    try:
        keys.check_public_key(raw)
    except keys.WeakKey as exc:
        raise BadRequest("weak_key", f"public_key is refused: {exc}") from None
    return raw.hex()


def redeem_code(conn: Connection, code: str, now: int) -> tuple[str, str] | None:
    """Use the code once: (its hash, its store), or None when unknown, used or expired."""
    normalised = code.replace("-", "").replace(" ", "").upper()
    codes = schema.enrolment_codes
    row = conn.execute(select(codes).where(codes.c.code_hash == _hash(normalised))).first()
    if row is None or row.used_at is not None or row.expires_at <= now:
        return None
    used = conn.execute(
        update(codes)
        .where(codes.c.code_hash == row.code_hash, codes.c.used_at.is_(None))
        .values(used_at=now)
        .returning(codes.c.code_hash)
    ).first()
    return (str(row.code_hash), str(row.store)) if used is not None else None


def register_terminal(
    conn: Connection, code_hash: str, store: str, public_hex: str, now: int
) -> str:
    """Add a terminal with this (validated by parse_public_key) key; returns its new id."""
    taken = conn.execute(
        select(schema.terminals.c.id).where(schema.terminals.c.public_key == public_hex)
    ).first()
    if taken is not None:
        raise Conflict("key_in_use", "this public key is already registered")
    terminal = "T" + secrets.token_hex(6).upper()
    try:
        conn.execute(
            insert(schema.terminals).values(
                id=terminal,
                store=store,
                public_key=public_hex,
                status="active",
                created_at=now,
                last_seq=0,
                last_hash=GENESIS_HASH,
            )
        )
    except IntegrityError:
        # Another enrolment registered the same key between our check and this insert
        # (PostgreSQL); the caller's transaction rolls back, so this code stays usable.
        raise Conflict("key_in_use", "this public key is already registered") from None
    codes = schema.enrolment_codes
    conn.execute(update(codes).where(codes.c.code_hash == code_hash).values(terminal=terminal))
    return terminal


def revoke_terminal(conn: Connection, terminal: str, now: int) -> bool:
    """Refuse every later request from ``terminal``; False if there is no such terminal."""
    result = conn.execute(
        update(schema.terminals)
        .where(schema.terminals.c.id == terminal)
        .values(status="revoked", revoked_at=now)
        .returning(schema.terminals.c.id)
    ).first()
    return result is not None


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()
