"""The office's staff directory: accounts, their PINs (scrypt) and each store's staff document.

The office is the truth: a terminal never creates or raises an account. Every change takes
the next directory version; a terminal asks ``GET /v1/staff?since=V`` and receives, signed by
the issuer, the accounts of its store with PIN verifiers keyed for that terminal alone
(protocol.staff_directory).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection

from backend import passwords, schema
from backend.sql import insert_ignore
from protocol.staff_directory import ROLES, DirectoryAccount, verifier

STAFF_ID = re.compile(r"^[A-Za-z0-9._@-]{1,64}$")
MIN_PIN_DIGITS, MAX_PIN_DIGITS = 6, 12
MAX_NAME_CHARS = 128


class StaffError(ValueError):
    """A directory change cannot be made as asked; the message says why."""


@dataclass(frozen=True)
class Account:
    """One directory account as the office sees it (never its PIN hash)."""

    staff_id: str
    name: str
    role: str
    stores: tuple[str, ...] | None
    enabled: bool
    version: int

    def to_json(self) -> dict[str, Any]:
        """The account for ``admin staff list`` and the console."""
        return {
            "id": self.staff_id,
            "name": self.name,
            "role": self.role,
            "stores": list(self.stores) if self.stores is not None else "all",
            "enabled": self.enabled,
            "version": self.version,
        }


def check_pin(pin: str) -> None:
    """Refuse a PIN that is not 6 to 12 digits."""
    if not (pin.isascii() and pin.isdigit() and MIN_PIN_DIGITS <= len(pin) <= MAX_PIN_DIGITS):
        raise StaffError("a PIN must be 6 to 12 digits")


def add(
    conn: Connection,
    staff_id: str,
    name: str,
    role: str,
    stores: tuple[str, ...] | None,
    pin: str,
    now: int,
    *,
    pin_hash: str | None = None,
) -> Account:
    """Add an account; an existing id is refused, never replaced."""
    if not STAFF_ID.match(staff_id):
        raise StaffError("a staff id is 1 to 64 letters, digits, . _ @ -")
    if role not in ROLES:
        raise StaffError(f"the role must be one of {', '.join(ROLES)}")
    name = name.strip() or staff_id
    if len(name) > MAX_NAME_CHARS:
        raise StaffError("a name has at most 128 characters")
    if stores is not None and (not stores or not all(STAFF_ID.match(s) for s in stores)):
        raise StaffError("give --all-stores or one or more store ids")
    if pin_hash is None:
        check_pin(pin)
        pin_hash = passwords.hash_secret(pin, passwords.PIN_N)
    version = next_version(conn)
    row = {
        "id": staff_id,
        "name": name,
        "role": role,
        "stores": json.dumps(sorted(set(stores))) if stores is not None else None,
        "pin_hash": pin_hash,
        "enabled": 1,
        "version": version,
        "updated_at": now,
    }
    if not insert_ignore(conn, schema.staff_accounts, row):
        raise StaffError(f"the staff id {staff_id} is taken; an account is never replaced")
    return get(conn, staff_id)


def set_enabled(conn: Connection, staff_id: str, enabled: bool, now: int) -> Account:
    """Disable or enable an account again; its row and history stay."""
    _change(conn, staff_id, now, enabled=1 if enabled else 0)
    return get(conn, staff_id)


def set_pin(conn: Connection, staff_id: str, pin: str, now: int) -> Account:
    """Give an account a new PIN (the office resets it, or the holder changed it)."""
    check_pin(pin)
    _change(conn, staff_id, now, pin_hash=passwords.hash_secret(pin, passwords.PIN_N))
    return get(conn, staff_id)


def change_own_pin(
    conn: Connection, staff_id: str, store: str, current: str, new: str, now: int
) -> bool:
    """The holder's own change, from a terminal of a store they work in; False: wrong PIN."""
    check_pin(new)
    row = _row(conn, staff_id)
    if row is None or not row.enabled or not _serves(row.stores, store):
        passwords.check_secret(current, _DUMMY)  # the same time as a wrong PIN
        return False
    if not passwords.check_secret(current, row.pin_hash):
        return False
    set_pin(conn, staff_id, new, now)
    return True


def get(conn: Connection, staff_id: str) -> Account:
    """One account; raises StaffError for an unknown id."""
    row = _row(conn, staff_id)
    if row is None:
        raise StaffError(f"there is no staff account {staff_id}")
    return _account(row)


def accounts(conn: Connection) -> list[Account]:
    """Every account, by id."""
    table = schema.staff_accounts
    return [_account(r) for r in conn.execute(select(table).order_by(table.c.id))]


def version(conn: Connection) -> int:
    """The directory's version: the last change's number (0 before any account). A lockout
    cleared by the office is a change too (backend.staff_lockouts)."""
    return max(
        int(conn.execute(select(func.coalesce(func.max(table.c.version), 0))).scalar_one())
        for table in (schema.staff_accounts, schema.staff_lockout_clears)
    )


def save_terminal_key(conn: Connection, terminal: str, key: bytes) -> None:
    """Keep the verifier key a terminal derived at enrolment."""
    conn.execute(insert(schema.terminal_staff_keys).values(terminal=terminal, key=key.hex()))


def terminal_key(conn: Connection, terminal: str) -> bytes | None:
    """A terminal's verifier key; None for a terminal enrolled before staff came from here."""
    table = schema.terminal_staff_keys
    key = conn.execute(select(table.c.key).where(table.c.terminal == terminal)).scalar()
    return bytes.fromhex(key) if key else None


def document_body(conn: Connection, store: str, key: bytes) -> dict[str, Any]:
    """The accounts of ``store`` with PIN verifiers under ``key`` (one terminal's)."""
    table = schema.staff_accounts
    shipped = []
    for row in conn.execute(select(table).order_by(table.c.id)):
        if not _serves(row.stores, store):
            continue
        hashed = passwords.parse(row.pin_hash)
        shipped.append(
            DirectoryAccount(
                row.id,
                row.name,
                row.role,
                bool(row.enabled),
                hashed.salt,
                hashed.n,
                hashed.r,
                hashed.p,
                verifier(key, hashed.digest),
            ).to_json()
        )
    return {"accounts": shipped}


_DUMMY = passwords.hash_secret("000000", passwords.PIN_N)


def _serves(stores: str | None, store: str) -> bool:
    return stores is None or store in json.loads(stores)


def _row(conn: Connection, staff_id: str) -> Any:
    table = schema.staff_accounts
    return conn.execute(select(table).where(table.c.id == staff_id)).first()


def _account(row: Any) -> Account:
    stores = tuple(json.loads(row.stores)) if row.stores is not None else None
    return Account(row.id, row.name, row.role, stores, bool(row.enabled), int(row.version))


def _change(conn: Connection, staff_id: str, now: int, **values: Any) -> None:
    table = schema.staff_accounts
    changed = conn.execute(
        update(table)
        .where(table.c.id == staff_id)
        .values(**values, version=next_version(conn), updated_at=now)
    ).rowcount
    if not changed:
        raise StaffError(f"there is no staff account {staff_id}")


def next_version(conn: Connection) -> int:
    """The number the next directory change takes (in the caller's transaction)."""
    # The caller's transaction holds the write lock on SQLite; on PostgreSQL two changes
    # racing for one number collide on nothing, so the table is locked for the numbering.
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("LOCK TABLE staff_accounts IN SHARE ROW EXCLUSIVE MODE")
    return version(conn) + 1
