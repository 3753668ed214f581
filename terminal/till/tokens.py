"""Paired tills: a name and the hash of a random bearer token shown once at pairing."""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import time
from pathlib import Path
from typing import Any

from sync.sqlite_util import connect, storage_errors
from terminal.till.schema import TILL_SCHEMA


def token_hash(token: str) -> str:
    """What is stored: a token is 256 random bits, so a plain SHA-256 cannot be reversed."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class TillTokens:
    """The tills paired with this terminal, in the data dir's ``till.sqlite``."""

    def __init__(self, path: Path) -> None:
        self.db: sqlite3.Connection = connect(path, TILL_SCHEMA)

    @storage_errors
    def pair(self, name: str) -> str:
        """A new token for ``name`` (replacing a revoked one); ValueError if ``name`` is paired."""
        token = secrets.token_urlsafe(32)
        self.db.execute("BEGIN IMMEDIATE")
        try:
            row = self.db.execute("SELECT revoked_at FROM tills WHERE name = ?", (name,)).fetchone()
            if row is not None and row[0] is None:
                raise ValueError(f"a till named {name!r} is already paired; revoke it first")
            self.db.execute(
                "INSERT OR REPLACE INTO tills (name, token_hash, paired_at, revoked_at) "
                "VALUES (?, ?, ?, NULL)",
                (name, token_hash(token), time.time()),
            )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return token

    @storage_errors
    def revoke(self, name: str) -> bool:
        """Revoke ``name``'s token; False when no such till is paired."""
        cur = self.db.execute(
            "UPDATE tills SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
            (time.time(), name),
        )
        return cur.rowcount == 1

    @storage_errors
    def tills(self) -> list[dict[str, Any]]:
        """Every till ever paired, without its token hash."""
        rows = self.db.execute(
            "SELECT name, paired_at, revoked_at FROM tills ORDER BY name"
        ).fetchall()
        return [{"name": n, "paired_at": p, "revoked": r is not None} for n, p, r in rows]

    @storage_errors
    def till_of(self, token: str) -> str | None:
        """The name of the till holding ``token``, None when it is unknown or revoked."""
        row = self.db.execute(
            "SELECT name FROM tills WHERE token_hash = ? AND revoked_at IS NULL",
            (token_hash(token),),
        ).fetchone()
        return None if row is None else str(row[0])

    def close(self) -> None:
        self.db.close()
