"""Proof that the member has just logged in: required before a phone is enrolled for them.

Without it anyone could enrol a device under someone else's member id and spend their points.

In production the proof is the mini program's WeChat login: ``wx.login()`` gives the mini
program a one-time ``code``, sent as the enrolment's ``login`` field; a provider exchanges it
with WeChat's code2session (``GET https://api.weixin.qq.com/sns/jscode2session`` with the
app id, app secret, ``js_code`` and ``grant_type=authorization_code``) for the user's
``openid``, and accepts the login only when that openid is bound to the member id asked for.
WeChat makes the code single-use and short-lived. That provider implements LoginProvider and is
passed to ``create_app``; the reference backend has no WeChat app, so it ships the development
provider below: ``loyalty-backend admin login-code --member ID`` prints a one-time code.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Protocol

from sqlalchemy import and_, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from backend import schema
from backend.errors import BackendError

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
CODE_CHARS = 12  # about 59 bits; with MAX_TRIES guesses per code, guessing is hopeless
CODE_LIFETIME_SECONDS = 600
MAX_TRIES = 5
MAX_PROOF_CHARS = 128


class LoginRefused(BackendError):
    """The enrolment carries no acceptable login proof; nothing was enrolled.

    ``guess`` is True when the refusal counts as a wrong try against the member's codes.
    """

    def __init__(self, code: str, message: str, *, status: int = 401, guess: bool = False) -> None:
        super().__init__(code, message)
        self.status = status
        self.guess = guess


class LoginProvider(Protocol):
    """Checks the ``login`` proof of a member enrolment (WeChat code2session in production)."""

    def confirm(self, conn: Connection, member: str, proof: str | None, now: int) -> None:
        """Return when ``proof`` shows a fresh login as ``member``, using it up (in ``conn``'s
        transaction, so it is used exactly when the enrolment commits); else raise LoginRefused.
        """

    def record_failure(self, conn: Connection, member: str, now: int) -> None:
        """Count a wrong proof against ``member`` (called in a transaction of its own)."""


class DevelopmentLoginCodes:
    """One-time login codes printed by ``loyalty-backend admin login-code``.

    Only SHA-256 of a code is stored; a code is valid 10 minutes, once, for one member. Each
    wrong proof for a member counts against all of that member's live codes; a code with
    MAX_TRIES wrong tries is dead, and the member needs a new one.
    """

    def issue(self, conn: Connection, member: str, now: int) -> str:
        """A new code for ``member``; printed once, never stored."""
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_CHARS))
        conn.execute(
            insert(schema.member_login_codes).values(
                code_hash=_hash(raw),
                member=member,
                created_at=now,
                expires_at=now + CODE_LIFETIME_SECONDS,
                tries=0,
            )
        )
        return "-".join(raw[i : i + 4] for i in range(0, CODE_CHARS, 4))

    def confirm(self, conn: Connection, member: str, proof: str | None, now: int) -> None:
        if proof is None or not proof.strip():
            raise LoginRefused(
                "login_required",
                "enrolling a phone needs a login proof (the login field): log in to the app first",
            )
        codes = schema.member_login_codes
        used = conn.execute(
            update(codes)
            .where(
                codes.c.code_hash == _hash(_normalise(proof)),
                codes.c.member == member,
                codes.c.used_at.is_(None),
                codes.c.expires_at > now,
                codes.c.tries < MAX_TRIES,
            )
            .values(used_at=now)
            .returning(codes.c.code_hash)
        ).first()
        if used is not None:
            return
        if self._locked(conn, member, now):
            raise LoginRefused(
                "login_locked",
                "too many wrong login codes for this member: ask for a new login code",
                status=429,
            )
        raise LoginRefused(
            "login_invalid",
            "the login code is wrong, used, expired or for another member",
            guess=True,
        )

    def record_failure(self, conn: Connection, member: str, now: int) -> None:
        codes = schema.member_login_codes
        conn.execute(update(codes).where(_live(member, now)).values(tries=codes.c.tries + 1))

    @staticmethod
    def _locked(conn: Connection, member: str, now: int) -> bool:
        """The member has live codes, and every one has used up its tries."""
        codes = schema.member_login_codes
        row = conn.execute(
            select(func.count(), func.min(codes.c.tries)).where(_live(member, now))
        ).one()
        count, fewest = row
        return bool(count) and int(fewest) >= MAX_TRIES


def _live(member: str, now: int) -> ColumnElement[bool]:
    """The member's unused, unexpired codes."""
    codes = schema.member_login_codes
    return and_(codes.c.member == member, codes.c.used_at.is_(None), codes.c.expires_at > now)


def _normalise(proof: str) -> str:
    return proof.replace("-", "").replace(" ", "").strip().upper()


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()
