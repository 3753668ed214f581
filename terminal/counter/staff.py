"""Staff accounts, PIN sign-in (scrypt) and what each role may do."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path

from sync.sqlite_util import connect, storage_errors
from terminal.counter.errors import CounterRefused
from terminal.counter.results import Role, Staff

# scrypt parameters: about 50 ms per check here, which slows PIN guessing on a stolen terminal.
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
MIN_PIN_DIGITS = 4

PERMISSIONS: dict[str, frozenset[Role]] = {
    "award": frozenset({Role.CASHIER, Role.SUPERVISOR}),
    "redeem": frozenset({Role.CASHIER, Role.SUPERVISOR}),
    "pickup": frozenset({Role.CASHIER, Role.SUPERVISOR}),
    "coupon": frozenset({Role.CASHIER, Role.SUPERVISOR}),
    "checkin": frozenset({Role.CASHIER, Role.SUPERVISOR}),
    "refund": frozenset({Role.SUPERVISOR}),
    "override": frozenset({Role.SUPERVISOR}),
    "report": frozenset({Role.SUPERVISOR, Role.TECHNICIAN}),
    "staff": frozenset({Role.SUPERVISOR, Role.TECHNICIAN}),
    "provision": frozenset({Role.TECHNICIAN}),
    "diagnostics": frozenset({Role.TECHNICIAN}),
}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS staff (
    staff_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    salt BLOB NOT NULL,
    pin_hash BLOB NOT NULL
)
"""


def require(staff: Staff, action: str) -> None:
    """Refuse ``action`` for a role that may not do it."""
    if staff.role not in PERMISSIONS[action]:
        raise CounterRefused(
            "not_allowed", f"A {staff.role.value} may not do this ({action}). Ask a supervisor."
        )


def hash_pin(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, **_SCRYPT)  # type: ignore[arg-type]


class StaffStore:
    """Staff accounts in the terminal's state database."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = connect(path)
        storage_errors(self._db.execute)(_SCHEMA)

    @storage_errors
    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM staff").fetchone()[0])

    @storage_errors
    def add(self, staff_id: str, name: str, role: Role, pin: str) -> Staff:
        """Create or replace an account; the PIN is stored only as a salted scrypt hash."""
        if not pin.isdigit() or len(pin) < MIN_PIN_DIGITS:
            raise CounterRefused("bad_pin", f"A PIN must be at least {MIN_PIN_DIGITS} digits.")
        if not staff_id or len(staff_id) > 64:
            raise CounterRefused("bad_staff_id", "A staff id must be 1 to 64 characters.")
        salt = secrets.token_bytes(16)
        self._db.execute(
            "INSERT OR REPLACE INTO staff (staff_id, name, role, salt, pin_hash) VALUES (?, ?, ?, ?, ?)",
            (staff_id, name, role.value, salt, hash_pin(pin, salt)),
        )
        return Staff(staff_id, name, role)

    @storage_errors
    def sign_in(self, staff_id: str, pin: str) -> Staff:
        """The staff member, if the PIN is right; one sentence for every failure."""
        row = self._db.execute(
            "SELECT name, role, salt, pin_hash FROM staff WHERE staff_id = ?", (staff_id,)
        ).fetchone()
        # Hash even for an unknown id so timing does not tell which ids exist.
        salt = row[2] if row else b"\x00" * 16
        matches = hmac.compare_digest(hash_pin(pin, salt), row[3] if row else b"")
        if row is None or not matches:
            raise CounterRefused("bad_sign_in", "Wrong staff id or PIN.")
        return Staff(staff_id, row[0], Role(row[1]))

    def close(self) -> None:
        self._db.close()
