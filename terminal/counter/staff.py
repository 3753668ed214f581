"""Staff accounts, PIN sign-in (scrypt, with a growing lockout) and what each role may do.

Accounts are never overwritten or deleted: ``add`` refuses an existing id and a disabled
account keeps its row (its operations stay attributed to it). Who may add, disable or reset
whom is decided in ``staff_rules``; every change is written to ``staff_changes``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from protocol.staff_directory import ClearedLockout, DirectoryAccount
from sync.schema import Schema
from sync.sqlite_util import connect, storage_errors
from terminal.counter import lockout
from terminal.counter import staff_directory as office
from terminal.counter.errors import CounterRefused
from terminal.counter.lockout import LockedOut, Lockout
from terminal.counter.results import Role, Staff
from terminal.counter.staff_rules import check_add, check_manage
from terminal.sentences import Text

# scrypt parameters: about 50 ms per check here, which slows PIN guessing on a stolen terminal.
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
MIN_PIN_DIGITS = 6
MAX_PIN_DIGITS = 12
PIN_RULE = Text("A PIN must be 6 to 12 digits.")
# Hashed in place of an unknown id's salt, so a wrong id costs as long as a wrong PIN.
_NO_SALT = b"\x00" * 16

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

_SCHEMA = (
    """
    CREATE TABLE IF NOT EXISTS staff (
        staff_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        salt BLOB NOT NULL,
        pin_hash BLOB NOT NULL,
        disabled INTEGER NOT NULL DEFAULT 0
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS staff_changes (
        at REAL NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        staff_id TEXT NOT NULL
    )
    """,
)


def _v1_release_0_1(db: sqlite3.Connection) -> None:
    """The tables as release 0.1.0 made them (unversioned files already hold them)."""
    for statement in (*_SCHEMA, lockout.SCHEMA):
        db.execute(statement)
    columns = {row[1] for row in db.execute("PRAGMA table_info(staff)")}
    if "disabled" not in columns:  # a staff database from before accounts could be disabled
        db.execute("ALTER TABLE staff ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0")


# The staff file's migrations (sync/schema.py): append a step to change the schema.
STAFF_SCHEMA = Schema("staff", (_v1_release_0_1, office.v2_directory))


@dataclass(frozen=True)
class Account:
    """One staff account as a supervisor sees it (never its PIN or hash)."""

    staff_id: str
    name: str
    role: Role
    enabled: bool

    def to_json(self) -> dict[str, object]:
        return {
            "staff": self.staff_id,
            "name": self.name,
            "role": self.role.value,
            "enabled": self.enabled,
        }


def require(staff: Staff, action: str) -> None:
    """Refuse ``action`` for a role that may not do it."""
    if staff.role not in PERMISSIONS[action]:
        raise CounterRefused(
            "not_allowed",
            "A %1 may not do this (%2). Ask a supervisor.",
            Text(staff.role.value),
            Text(action),
        )


def hash_pin(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, **_SCRYPT)


def check_pin(pin: str) -> None:
    """Refuse a PIN that is not 6 to 12 digits."""
    if not (pin.isascii() and pin.isdigit() and MIN_PIN_DIGITS <= len(pin) <= MAX_PIN_DIGITS):
        raise CounterRefused("bad_pin", PIN_RULE)


class StaffStore:
    """Staff accounts in the terminal's staff database; ``clock`` times the lockout."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = path
        self._clock = clock
        self._db = connect(path, STAFF_SCHEMA)
        self._lockout = Lockout(self._db, self._clock)
        try:
            # With a key, the office's directory is the truth (staff_directory.py).
            self._key = office.read_key(path)
        except (OSError, ValueError):
            self._db.close()
            raise CounterRefused(
                "staff_key_damaged", "This terminal's staff key is damaged. Provision it again."
            ) from None

    @property
    def from_office(self) -> bool:
        """True when accounts come from the office's directory, never made here."""
        return self._key is not None

    @storage_errors
    def directory_version(self) -> int:
        """The office directory's version applied here (0: none yet)."""
        return office.version(self._db)

    @storage_errors
    def apply_directory(
        self,
        version: int,
        accounts: list[DirectoryAccount],
        cleared: list[ClearedLockout] | None = None,
    ) -> None:
        """Replace the cached directory with a verified newer staff document, and clear the
        lockouts it clears."""
        office.apply(self._db, version, accounts, cleared or [], self._clock())

    @storage_errors
    def locked_out(self) -> list[LockedOut]:
        """The office directory's accounts locked out here now (none for local staff)."""
        if not self.from_office:
            return []
        return self._lockout.locked(office.known_ids(self._db))

    @storage_errors
    def export(self, store: str) -> dict[str, object]:
        """The local accounts for ``loyalty-backend admin staff import`` (hashes, never PINs)."""
        rows = self._db.execute(
            "SELECT staff_id, name, role, salt, pin_hash, disabled FROM staff ORDER BY staff_id"
        ).fetchall()
        n, r, p = _SCRYPT["n"], _SCRYPT["r"], _SCRYPT["p"]
        return {
            "store": store,
            "accounts": [
                {
                    "id": row[0],
                    "name": row[1],
                    "role": row[2],
                    "enabled": not row[5],
                    "pin_hash": f"scrypt${n}${r}${p}${row[3].hex()}${row[4].hex()}",
                }
                for row in rows
            ],
        }

    def _refuse_local_change(self) -> None:
        if self.from_office:
            office.require_directory(self._db)
            raise office.refuse_local_change()

    @storage_errors
    def count(self) -> int:
        """Accounts on this terminal, enabled or not."""
        if self.from_office:
            return int(self._db.execute("SELECT count(*) FROM staff_directory").fetchone()[0])
        return int(self._db.execute("SELECT count(*) FROM staff").fetchone()[0])

    @storage_errors
    def has_supervisor(self) -> bool:
        """True when an enabled supervisor account exists (the terminal can be run)."""
        query = (
            "SELECT 1 FROM staff_directory WHERE role = ? AND enabled = 1 LIMIT 1"
            if self.from_office
            else "SELECT 1 FROM staff WHERE role = ? AND disabled = 0 LIMIT 1"
        )
        row = self._db.execute(query, (Role.SUPERVISOR.value,)).fetchone()
        return row is not None

    @storage_errors
    def accounts(self) -> list[Account]:
        """Every account, by id."""
        query = (
            "SELECT staff_id, name, role, 1 - enabled FROM staff_directory ORDER BY staff_id"
            if self.from_office
            else "SELECT staff_id, name, role, disabled FROM staff ORDER BY staff_id"
        )
        rows = self._db.execute(query).fetchall()
        return [Account(r[0], r[1], Role(r[2]), not r[3]) for r in rows]

    @storage_errors
    def add(self, actor: Staff | None, staff_id: str, name: str, role: Role, pin: str) -> Staff:
        """Create a new account as ``actor``; an existing id is refused, never replaced."""
        self._refuse_local_change()
        check_pin(pin)
        if not staff_id or len(staff_id) > 64 or staff_id != staff_id.strip():
            raise CounterRefused("bad_staff_id", "A staff ID must be 1 to 64 characters.")
        salt = secrets.token_bytes(16)
        pin_hash = hash_pin(pin, salt)  # before the write lock: it takes a while
        self._db.execute("BEGIN IMMEDIATE")
        try:
            actor = self._current(actor) if actor is not None else None
            check_add(actor, role, accounts=self.count(), supervisors=self._supervisors())
            try:
                self._db.execute(
                    "INSERT INTO staff (staff_id, name, role, salt, pin_hash) VALUES (?, ?, ?, ?, ?)",
                    (staff_id, name or staff_id, role.value, salt, pin_hash),
                )
            except sqlite3.IntegrityError:
                raise CounterRefused(
                    "staff_exists",
                    "This staff ID is taken. Choose another ID; an account is never replaced.",
                ) from None
            self._log(actor, "add " + role.value, staff_id)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        return Staff(staff_id, name or staff_id, role)

    @storage_errors
    def set_enabled(self, actor: Staff, staff_id: str, enabled: bool) -> Account:
        """Disable (or enable again) an account as a supervisor; its row and history stay."""
        self._refuse_local_change()
        self._db.execute("BEGIN IMMEDIATE")
        try:
            actor = self._current(actor)
            check_manage(actor, staff_id)
            account = self._account(staff_id)
            self._db.execute(
                "UPDATE staff SET disabled = ? WHERE staff_id = ?", (0 if enabled else 1, staff_id)
            )
            self._log(actor, "enable" if enabled else "disable", staff_id)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        return Account(account.staff_id, account.name, account.role, enabled)

    @storage_errors
    def reset_pin(self, actor: Staff, staff_id: str, new_pin: str) -> Account:
        """A supervisor sets someone else's PIN (the holder forgot it)."""
        self._refuse_local_change()
        check_pin(new_pin)
        salt = secrets.token_bytes(16)
        pin_hash = hash_pin(new_pin, salt)
        self._db.execute("BEGIN IMMEDIATE")
        try:
            current = self._current(actor)
            check_manage(current, staff_id)
            account = self._account(staff_id)
            self._store_pin(staff_id, salt, pin_hash)
            self._log(current, "reset pin", staff_id)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        return account

    @storage_errors
    def change_own_pin(self, staff_id: str, current_pin: str, new_pin: str) -> Staff:
        """The holder changes their PIN with their current one (which the lockout guards).

        On a terminal whose staff come from the office this is refused: the change must reach
        the office (``CounterService.change_own_pin`` sends it while online).
        """
        if self.from_office:
            office.require_directory(self._db)
            raise office.refuse_offline_pin()
        check_pin(new_pin)
        holder = self.sign_in(staff_id, current_pin)
        salt = secrets.token_bytes(16)
        self._store_pin(staff_id, salt, hash_pin(new_pin, salt))
        self._log(holder, "change own pin", staff_id)
        return holder

    @storage_errors
    def sign_in(self, staff_id: str, pin: str) -> Staff:
        """The staff member, if the PIN is right; one sentence for every failure."""
        if self._key is not None:
            return self._sign_in_office(self._key, staff_id, pin)
        self._lockout.begin(staff_id)
        row = self._db.execute(
            "SELECT name, role, salt, pin_hash, disabled FROM staff WHERE staff_id = ?",
            (staff_id,),
        ).fetchone()
        # Hash even for an unknown id so timing does not tell which ids exist.
        pin_hash = hash_pin(pin, row[2] if row else _NO_SALT)
        if row is None or not hmac.compare_digest(pin_hash, row[3]):
            self._lockout.failed(staff_id)
            raise CounterRefused("bad_sign_in", "Wrong staff id or PIN.")
        self._lockout.succeeded(staff_id)
        if row[4]:
            raise CounterRefused(
                "account_disabled", "This staff account is disabled. Ask a supervisor."
            )
        return Staff(staff_id, row[0], Role(row[1]))

    def _sign_in_office(self, key: bytes, staff_id: str, pin: str) -> Staff:
        office.require_directory(self._db)
        self._lockout.begin(staff_id)
        found = office.check(self._db, key, staff_id, pin)
        if found is None:
            self._lockout.failed(staff_id)
            raise CounterRefused("bad_sign_in", "Wrong staff id or PIN.")
        self._lockout.succeeded(staff_id)
        if not found[2]:
            raise CounterRefused(
                "account_disabled", "This staff account is disabled. Ask a supervisor."
            )
        return Staff(staff_id, found[0], Role(found[1]))

    def failures(self, staff_id: str) -> int:
        """Wrong PINs in a row for ``staff_id`` (known or not)."""
        return storage_errors(self._lockout.failures)(staff_id)

    def close(self) -> None:
        self._db.close()

    # -- inside a transaction ------------------------------------------------------------

    def _current(self, actor: Staff) -> Staff:
        """The actor as the database knows them now: a since-disabled account acts no more,
        and the stored role counts. An actor with no row signed in with a staff code."""
        query = (
            "SELECT role, 1 - enabled FROM staff_directory WHERE staff_id = ?"
            if self.from_office
            else "SELECT role, disabled FROM staff WHERE staff_id = ?"
        )
        row = self._db.execute(query, (actor.staff_id,)).fetchone()
        if row is None:
            return actor
        if row[1]:
            raise CounterRefused(
                "account_disabled", "This staff account is disabled. Ask a supervisor."
            )
        return Staff(actor.staff_id, actor.name, Role(row[0]))

    def _account(self, staff_id: str) -> Account:
        row = self._db.execute(
            "SELECT staff_id, name, role, disabled FROM staff WHERE staff_id = ?", (staff_id,)
        ).fetchone()
        if row is None:
            raise CounterRefused("unknown_staff", "There is no staff account with this ID.")
        return Account(row[0], row[1], Role(row[2]), not row[3])

    def _supervisors(self) -> int:
        row = self._db.execute(
            "SELECT count(*) FROM staff WHERE role = ? AND disabled = 0", (Role.SUPERVISOR.value,)
        ).fetchone()
        return int(row[0])

    def _store_pin(self, staff_id: str, salt: bytes, pin_hash: bytes) -> None:
        self._db.execute(
            "UPDATE staff SET salt = ?, pin_hash = ? WHERE staff_id = ?", (salt, pin_hash, staff_id)
        )
        # A new PIN starts with a clean count: the old failures were against the old PIN.
        self._lockout.succeeded(staff_id)

    def _log(self, actor: Staff | None, action: str, staff_id: str) -> None:
        self._db.execute(
            "INSERT INTO staff_changes (at, actor, action, staff_id) VALUES (?, ?, ?, ?)",
            (self._clock(), actor.staff_id if actor else "", action, staff_id),
        )
