"""Console accounts: scrypt password hashes, sign-in with lockout, database-backed sessions.

Passwords are hashed with hashlib.scrypt (N=2**15, r=8, p=1, 16-byte salt) by
backend.passwords, which staff PINs share: a memory-hard KDF in the standard library. Sessions live in the database, so any
worker serves any request; the cookie carries a random token, the table only its SHA-256.
Each session has its own CSRF token, which every form carries back.

Lockout: failed sign-ins are counted per account and per client address in the shared
rate_limits table; past the limit every attempt is refused (even with the right password)
until the window ends, so guessing is slow from one address and one account.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from backend import passwords, rate_limits, schema
from backend.errors import TooManyRequests

ROLES = ("viewer", "operator", "admin")
NAME = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")
MIN_PASSWORD = 10
MAX_PASSWORD = 256
SESSION_SECONDS = 8 * 3600

FAILURES_PER_ACCOUNT = rate_limits.Limit(
    "console-login-fail-user", 5, 900, "too many failed sign-ins for this account"
)
FAILURES_PER_CLIENT = rate_limits.Limit(
    "console-login-fail-client", 20, 900, "too many failed sign-ins from this address"
)


class AccountError(ValueError):
    """A console account cannot be created as asked; the message says why."""


class LockedOut(Exception):
    """Too many failed sign-ins for this account or from this address."""


@dataclass(frozen=True)
class Session:
    """A signed-in console user."""

    user: str
    role: str
    csrf: str

    def may(self, role: str) -> bool:
        """Whether this user's role includes ``role`` (viewer < operator < admin)."""
        return ROLES.index(self.role) >= ROLES.index(role)


def hash_password(password: str) -> str:
    """A console password's stored hash (backend.passwords, shared with staff PINs)."""
    return passwords.hash_secret(password, passwords.CONSOLE_N)


def check_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches a stored console hash."""
    return passwords.check_secret(password, stored)


# Compared against when the account does not exist, so both cases take the same time.
_DUMMY_HASH = hash_password(secrets.token_hex(16))


def set_user(conn: Connection, name: str, role: str, password: str, now: int) -> bool:
    """Create the account or change its role and password; True when it was created."""
    if not NAME.match(name):
        raise AccountError("a name is 1 to 64 letters, digits, . _ @ -")
    if role not in ROLES:
        raise AccountError(f"the role must be one of {', '.join(ROLES)}")
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise AccountError(f"a password has {MIN_PASSWORD} to {MAX_PASSWORD} characters")
    users = schema.console_users
    hashed = hash_password(password)
    changed = conn.execute(
        update(users).where(users.c.name == name).values(role=role, password_hash=hashed)
    ).rowcount
    if changed:  # a new password ends the account's sessions
        conn.execute(delete(schema.console_sessions).where(schema.console_sessions.c.user == name))
        return False
    conn.execute(insert(users).values(name=name, role=role, password_hash=hashed, created_at=now))
    return True


def sign_in(conn: Connection, name: str, password: str, client: str, now: int) -> str | None:
    """A new session token for the right password; None when wrong (the failure is counted).

    Raises LockedOut when the account or the address is over its failure limit; the caller
    commits either way, so a failure's count stays.
    """
    for limit, key in ((FAILURES_PER_ACCOUNT, name), (FAILURES_PER_CLIENT, client)):
        try:
            rate_limits.check(conn, limit, key, now)
        except TooManyRequests:
            raise LockedOut(limit.message) from None
    row = conn.execute(
        select(schema.console_users).where(schema.console_users.c.name == name)
    ).first()
    ok = check_password(password, row.password_hash if row else _DUMMY_HASH)
    if row is None or not ok:
        rate_limits.count(conn, FAILURES_PER_ACCOUNT, name, now)
        rate_limits.count(conn, FAILURES_PER_CLIENT, client, now)
        return None
    token = secrets.token_urlsafe(32)
    sessions = schema.console_sessions
    conn.execute(delete(sessions).where(sessions.c.expires_at < now))
    conn.execute(
        insert(sessions).values(
            token_hash=_hash(token),
            user=name,
            csrf=secrets.token_urlsafe(32),
            created_at=now,
            expires_at=now + SESSION_SECONDS,
        )
    )
    return token


def session(conn: Connection, token: str, now: int) -> Session | None:
    """The live session for a cookie's token, or None."""
    if not token or len(token) > 128:
        return None
    s, u = schema.console_sessions, schema.console_users
    row = conn.execute(
        select(s.c.user, s.c.csrf, s.c.expires_at, u.c.role)
        .select_from(s.join(u, u.c.name == s.c.user))
        .where(s.c.token_hash == _hash(token))
    ).first()
    if row is None or row.expires_at <= now:
        return None
    return Session(user=row.user, role=row.role, csrf=row.csrf)


def sign_out(conn: Connection, token: str) -> None:
    conn.execute(
        delete(schema.console_sessions).where(schema.console_sessions.c.token_hash == _hash(token))
    )


def csrf_ok(session: Session, sent: str) -> bool:
    return bool(sent) and hmac.compare_digest(session.csrf.encode(), sent.encode())


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
