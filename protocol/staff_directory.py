"""The office's staff directory as a terminal receives it: bound to that terminal.

A terminal and the office derive one secret at enrolment from the one-time enrolment code
(which both held, and which is never used again) and the terminal's public key; the code
itself is never stored. Each account's PIN verifier in the terminal's staff document is
HMAC-SHA256 under that secret over the account's scrypt hash, so a copied document or staff
file proves nothing on another terminal, and the scrypt hash (salted per account) never leaves
the office. Odoo's POS sends every till unsalted SHA-1 of 4-digit PINs: the counter-example.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

ROLES = ("cashier", "technician", "supervisor")
MAX_ACCOUNTS = 2000
MAX_CLEARED = 2000
# Bounds on a lockout clear's times (UNIX seconds): a garbled one is refused, not trusted.
MAX_TIME = 2**40
MAX_ID_CHARS = 64
MAX_NAME_CHARS = 128
# Bounds on the scrypt cost a document may ask a terminal to pay (a forged or broken office
# must not make a sign-in take minutes or gigabytes).
MIN_N, MAX_N = 2**12, 2**16
KEY_BYTES = 32
_KEY_LABEL = b"loyalty staff verifier key v1\x00"


@dataclass(frozen=True)
class DirectoryAccount:
    """One account of a terminal's staff document."""

    staff_id: str
    name: str
    role: str
    enabled: bool
    salt: bytes
    n: int
    r: int
    p: int
    verifier: bytes

    def to_json(self) -> dict[str, Any]:
        """The account as the signed document carries it."""
        return {
            "id": self.staff_id,
            "name": self.name,
            "role": self.role,
            "enabled": self.enabled,
            "salt": self.salt.hex(),
            "n": self.n,
            "r": self.r,
            "p": self.p,
            "verifier": self.verifier.hex(),
        }


@dataclass(frozen=True)
class ClearedLockout:
    """The office cleared this terminal's lockout of ``staff_id`` that began at ``since``.

    ``since`` is the lockout's start as the terminal itself reported it (its own clock), so
    the terminal clears only a lockout that began then or before, whatever its clock's
    offset: a lockout that began after the clear, or a replayed old document, clears nothing
    new. ``at`` is when the office cleared it (the office's clock), for the record.
    """

    staff_id: str
    since: int
    at: int

    def to_json(self) -> dict[str, Any]:
        """The clear as the signed document carries it."""
        return {"id": self.staff_id, "since": self.since, "at": self.at}


def terminal_key(enrolment_code: str, terminal_public: bytes) -> bytes:
    """The secret a terminal and the office share from enrolment on."""
    return hmac.new(enrolment_code.encode(), _KEY_LABEL + terminal_public, hashlib.sha256).digest()


def pin_hash(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    """The scrypt hash of a PIN (the office stores it; a terminal recomputes it to sign in)."""
    return hashlib.scrypt(
        pin.encode(), salt=salt, n=n, r=r, p=p, maxmem=256 * 1024 * 1024, dklen=32
    )


def verifier(key: bytes, hashed: bytes) -> bytes:
    """A PIN verifier bound to the terminal holding ``key``."""
    return hmac.new(key, b"pin\x00" + hashed, hashlib.sha256).digest()


def parse_accounts(body: object) -> list[DirectoryAccount]:
    """Type-check a staff document's body; raises ValueError naming the bad field."""
    if not isinstance(body, Mapping) or not isinstance(body.get("accounts"), list):
        raise ValueError("the staff document has no accounts list")
    rows = body["accounts"]
    if len(rows) > MAX_ACCOUNTS:
        raise ValueError("the staff document has too many accounts")
    accounts = [_account(row) for row in rows]
    if len({a.staff_id for a in accounts}) != len(accounts):
        raise ValueError("the staff document names an account twice")
    return accounts


def parse_cleared(body: object) -> list[ClearedLockout]:
    """A staff document's cleared lockouts (none when absent); ValueError names the bad field."""
    rows = body.get("cleared", []) if isinstance(body, Mapping) else None
    if not isinstance(rows, list):
        raise ValueError("the staff document's cleared lockouts must be a list")
    if len(rows) > MAX_CLEARED:
        raise ValueError("the staff document clears too many lockouts")
    return [_cleared(row) for row in rows]


def _cleared(row: object) -> ClearedLockout:
    if not isinstance(row, Mapping):
        raise ValueError("a cleared lockout must be a map")
    staff_id, since, at = row.get("id"), row.get("since"), row.get("at")
    if not isinstance(staff_id, str) or not 0 < len(staff_id) <= MAX_ID_CHARS:
        raise ValueError("a cleared lockout's staff id must be text of 1 to 64 characters")
    return ClearedLockout(staff_id, _seconds(since), _seconds(at))


def _seconds(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < MAX_TIME:
        raise ValueError("a cleared lockout's times must be whole seconds")
    return value


def _account(row: object) -> DirectoryAccount:
    if not isinstance(row, Mapping):
        raise ValueError("a staff account must be a map")
    staff_id, name, role = row.get("id"), row.get("name"), row.get("role")
    if not isinstance(staff_id, str) or not 0 < len(staff_id) <= MAX_ID_CHARS:
        raise ValueError("a staff id must be text of 1 to 64 characters")
    if not isinstance(name, str) or len(name) > MAX_NAME_CHARS:
        raise ValueError("a staff name must be text of at most 128 characters")
    if role not in ROLES:
        raise ValueError(f"unknown staff role {role!r}")
    n, r, p = row.get("n"), row.get("r"), row.get("p")
    if not (isinstance(n, int) and MIN_N <= n <= MAX_N and n & (n - 1) == 0):
        raise ValueError("a staff account's scrypt n is out of bounds")
    if not (r == 8 and p == 1):
        raise ValueError("a staff account's scrypt r and p must be 8 and 1")
    enabled = row.get("enabled")
    if not isinstance(enabled, bool):
        raise ValueError("a staff account's enabled must be true or false")
    try:
        salt = bytes.fromhex(str(row.get("salt")))
        check = bytes.fromhex(str(row.get("verifier")))
    except ValueError:
        raise ValueError("a staff account's salt and verifier must be hex") from None
    if not 16 <= len(salt) <= 64 or len(check) != 32:
        raise ValueError("a staff account's salt or verifier has the wrong size")
    return DirectoryAccount(staff_id, name, str(role), enabled, salt, n, 8, 1, check)
