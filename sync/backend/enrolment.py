"""One-time enrolment codes and terminal registration; revoking a terminal.

Codes are 16 characters from a 30-letter alphabet (about 78 bits), shown in groups of four,
kept only as SHA-256, valid once and for a limited time. Failed attempts are rate-limited per
client address and overall, so guessing is hopeless.
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection

from sync.backend import schema
from sync.backend.errors import Conflict, TooManyRequests
from sync.backend.members import public_key_from_hex
from sync.events import GENESIS_HASH

ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
CODE_CHARS = 16
RATE_WINDOW_SECONDS = 60
MAX_FAILURES_PER_CLIENT = 5
MAX_FAILURES_OVERALL = 50


def new_code(conn: Connection, store: str, now: int, hours: float = 24.0) -> str:
    """Create a code for ``store``; only its hash is stored."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_CHARS))
    conn.execute(
        insert(schema.enrolment_codes).values(
            code_hash=_hash(raw), store=store, created_at=now, expires_at=now + int(hours * 3600)
        )
    )
    return "-".join(raw[i : i + 4] for i in range(0, CODE_CHARS, 4))


def check_rate(conn: Connection, client: str, now: int) -> None:
    """Refuse while this client (or everyone) has failed too often in the last minute."""
    since = now - RATE_WINDOW_SECONDS
    attempts = schema.enrolment_attempts
    mine = conn.execute(
        select(func.count()).where(attempts.c.client == client, attempts.c.at >= since)
    ).scalar_one()
    overall = conn.execute(select(func.count()).where(attempts.c.at >= since)).scalar_one()
    if mine >= MAX_FAILURES_PER_CLIENT or overall >= MAX_FAILURES_OVERALL:
        raise TooManyRequests("rate_limited", "too many failed enrolment attempts; wait a minute")


def record_failure(conn: Connection, client: str, now: int) -> None:
    """Count a failed attempt against the client; attempts older than the window go."""
    attempts = schema.enrolment_attempts
    conn.execute(delete(attempts).where(attempts.c.at < now - RATE_WINDOW_SECONDS))
    conn.execute(insert(attempts).values(client=client, at=now))


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
    """Add a terminal with this public key (weak keys refused); returns its new id."""
    public_key_from_hex(public_hex, "public_key", "bad_public_key")
    taken = conn.execute(
        select(schema.terminals.c.id).where(schema.terminals.c.public_key == public_hex.lower())
    ).first()
    if taken is not None:
        raise Conflict("key_in_use", "this public key is already registered")
    terminal = "T" + secrets.token_hex(6).upper()
    conn.execute(
        insert(schema.terminals).values(
            id=terminal,
            store=store,
            public_key=public_hex.lower(),
            status="active",
            created_at=now,
            last_seq=0,
            last_hash=GENESIS_HASH,
        )
    )
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
