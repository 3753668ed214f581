"""Manual identification: member number + 8-digit code in, an issuer-signed presence proof out.

The member's secret (RFC 6238, SHA-1, 8 digits, 30-second steps) is made here at enrolment or
at the next certificate refresh and goes only to the member's phone; terminals never see it.
A terminal sends what the member reads out (``POST /v1/presence``); the backend checks it at its
own clock, one step either side, counts every try against the member (5 per 15 minutes, right
or wrong: a sixth is refused whatever the code), accepts each step once and never a step older
than one already used, and answers with a presence proof (crypto.presence) bound to the
terminal, store and checkout that asked. Events of that checkout carry the proof in place of a
scanned code; ingest and online authorisation check it with ``mismatch``.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

import pyotp
from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from backend import rate_limits, schema
from backend.auth import Caller
from backend.errors import BackendError, Forbidden, TooManyRequests
from backend.keys.master import Vault, totp_aad
from backend.sql import insert_ignore, lock_row
from crypto.code import Purpose
from crypto.documents import Document
from crypto.issuer import Issuer
from crypto.presence import PresenceProof
from crypto.timestep import STEP_SECONDS, manual_code, time_step

PROOF_SECONDS = 600
SECRET_BYTES = 20  # RFC 4226's recommended 160 bits for HMAC-SHA-1
STEP_TOLERANCE = 1
TOTP_TRIES = rate_limits.Limit(
    "presence-totp-member", 5, 900, "too many manual codes tried for this member"
)
# Per terminal, whichever members: a counter serves at most a customer or two a minute, and
# manual codes are the fallback when a QR code cannot be scanned; a stolen terminal key must
# not probe member after member (5 tries per member alone allowed that).
TERMINAL_TRIES = rate_limits.Limit(
    "presence-totp-terminal", 30, 900, "too many manual codes tried at this terminal"
)
WRONG_CODE = "the member number or the 8-digit code is wrong: ask the member to read it again"


class TotpRefused(BackendError):
    """The manual code does not identify the member (401)."""

    status = 401


def ensure_secret(conn: Connection, member: str, now: int, *, vault: Vault) -> str:
    """The member's manual-code secret (base32), made now if the member has none yet.

    Stored wrapped under the node's master key (backend.keys.master), never in clear.
    """
    aad = totp_aad(member)
    wrapped = vault.wrap_text(pyotp.random_base32(32), aad)
    insert_ignore(
        conn,
        schema.member_totp,
        {"member": member, "secret": wrapped, "created_at": now, "last_step": -1},
    )
    table = schema.member_totp
    stored = conn.execute(select(table.c.secret).where(table.c.member == member)).scalar_one()
    return vault.unwrap_text(str(stored), aad)


def count_try(conn: Connection, member: str, now: int) -> TooManyRequests | None:
    """Count one try for the member; the refusal to raise after the commit when over the limit.

    Every try counts, a right one too: the limit bounds guessing, and a member is not served
    five times in a quarter of an hour. The first refused try is flagged for the office.
    """
    return _count(conn, TOTP_TRIES, "totp_locked", now, member=member, who="for this member")


def count_terminal_try(conn: Connection, terminal: str, now: int) -> TooManyRequests | None:
    """Count one try for the terminal; the refusal to raise after the commit when over.

    Counted before the member's bucket, and a refused try is not counted against the member,
    so a terminal over its limit cannot lock members out either. Flagged once per window.
    """
    return _count(
        conn, TERMINAL_TRIES, "totp_terminal_locked", now, terminal=terminal, who="at this terminal"
    )


def _count(
    conn: Connection,
    limit: rate_limits.Limit,
    reason: str,
    now: int,
    *,
    who: str,
    member: str | None = None,
    terminal: str | None = None,
) -> TooManyRequests | None:
    """One try in ``limit``'s bucket of the member or terminal; flagged at the first refusal."""
    key = member if member is not None else terminal
    assert key is not None
    hits = rate_limits.count(conn, limit, key, now)
    if hits <= limit.hits:
        return None
    if hits == limit.hits + 1:
        conn.execute(
            insert(schema.flags).values(
                kind=reason,
                event=None,
                terminal=terminal,
                member=member,
                detail=f"{limit.hits} manual codes tried within {limit.window} s",
                at=now,
            )
        )
    retry = rate_limits.refusal(limit, now).extra["retry_after"]
    return TooManyRequests(
        reason,
        f"too many manual codes were tried {who}; try again in {retry} s "
        "or scan the member's QR code",
        retry_after=retry,
    )


def identify(
    conn: Connection,
    issuer: Issuer,
    caller: Caller,
    member: str,
    totp: str,
    checkout: str,
    now: int,
    *,
    vault: Vault,
) -> tuple[bytes, PresenceProof]:
    """Check the code and use up its step; the signed proof for this terminal and checkout."""
    row = lock_row(conn, schema.member_totp, member)  # one decision per member at a time
    account = conn.execute(select(schema.members).where(schema.members.c.id == member)).first()
    if row is None or account is None:
        raise TotpRefused("totp_invalid", WRONG_CODE)
    step = matching_step(vault.unwrap_text(str(row.secret), totp_aad(member)), totp, now)
    if step is None:
        raise TotpRefused("totp_invalid", WRONG_CODE)
    if step <= int(row.last_step):
        raise TotpRefused(
            "totp_used", "this code was used already: ask the member for the next one (30 s)"
        )
    if member in issuer.bundle.revoked_members:
        raise Forbidden("member_revoked", "this member is blocked; do not serve them as a member")
    table = schema.member_totp
    conn.execute(update(table).where(table.c.member == member).values(last_step=step))
    proof = PresenceProof(
        proof_id=secrets.token_bytes(16),
        member=member,
        tier=str(account.tier),
        balance=int(account.balance),
        balance_as_of=now,
        terminal=caller.terminal,
        store=caller.store,
        checkout=checkout,
        issued_at=now,
        expires_at=now + PROOF_SECONDS,
    )
    return issuer.sign_presence(proof), proof


def matching_step(secret: str, code: str, now: int) -> int | None:
    """The step within one of ``now``'s whose code is ``code``; compared in constant time."""
    current = time_step(now)
    found = None
    for step in range(current - STEP_TOLERANCE, current + STEP_TOLERANCE + 1):
        expected = manual_code(secret, step * STEP_SECONDS)
        if hmac.compare_digest(expected.encode(), code.encode()):
            found = step
    return found


def mismatch(
    proof: PresenceProof, *, terminal: str, store: str, checkout: str | None
) -> tuple[str, str] | None:
    """Why the proof does not serve this terminal, store and checkout (reason, sentence)."""
    if proof.terminal != terminal:
        return "presence_other_terminal", "the presence proof was issued to another terminal"
    if proof.store != store:
        return "presence_other_store", "the presence proof was issued for another store"
    if proof.checkout != checkout:
        return "presence_checkout_mismatch", "the presence proof is for another checkout"
    return None


@dataclass(frozen=True)
class Shown:
    """A presence proof as online authorisation sees a member's evidence: a checkout code."""

    member: str
    code_id: str
    purpose: Purpose = Purpose.CHECKOUT
    document: Document | None = None
