"""Authenticating a terminal's request: known, not revoked, signed, fresh, never seen before."""

from __future__ import annotations

import functools
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Delete, Select, bindparam, delete, select
from sqlalchemy.engine import Connection

from backend import schema
from backend.errors import Forbidden, Unauthorized
from backend.sql import insert_ignore
from protocol import signing

WINDOW_SECONDS = 300
# How often one process deletes nonces too old to matter; each request used to, a statement of
# its own. Rows left between sweeps are harmless: the time window refuses their requests first.
NONCE_SWEEP_SECONDS = 60


@dataclass(frozen=True)
class Caller:
    """An authenticated terminal."""

    terminal: str
    store: str
    public_key: bytes


class NonceSweep:
    """Decides which request of one process deletes the old nonces: one a minute at most."""

    def __init__(self, every: float = NONCE_SWEEP_SECONDS) -> None:
        self.every = every
        self._lock = threading.Lock()
        self._last: float | None = None

    def due(self, now: float) -> bool:
        """True for the first request after ``every`` seconds (or the process's first)."""
        with self._lock:
            if self._last is not None and 0 <= now - self._last < self.every:
                return False
            self._last = now
            return True


def authenticate(
    conn: Connection,
    method: str,
    path: str,
    headers: Mapping[str, str],
    body: bytes,
    now: float,
    sweep_nonces: bool = True,
) -> Caller:
    """The calling terminal, or raise Unauthorized / Forbidden with a stable code.

    ``sweep_nonces`` deletes nonces past twice the window first (backend.routes.deps asks a
    NonceSweep, so a busy process does it once a minute, not per request).
    """
    terminal = headers.get(signing.HEADER_TERMINAL.lower(), "")
    nonce = headers.get(signing.HEADER_NONCE.lower(), "")
    signature = headers.get(signing.HEADER_SIGNATURE.lower(), "")
    try:
        timestamp = int(headers.get(signing.HEADER_TIME.lower(), ""))
    except ValueError:
        raise Unauthorized("unsigned_request", "signature headers missing") from None
    if not terminal or not signature or not 16 <= len(nonce) <= 64:
        raise Unauthorized("unsigned_request", "signature headers missing")
    row = conn.execute(_terminal_by_id(), {"auth_terminal": terminal}).first()
    if row is None:
        raise Unauthorized("unknown_terminal", "this terminal is not registered")
    public = bytes.fromhex(row.public_key)
    if not signing.verify_request(public, method, path, timestamp, nonce, body, signature):
        raise Unauthorized("bad_signature", "the request signature does not verify")
    if row.status != "active":
        raise Forbidden("terminal_revoked", "this terminal has been revoked")
    if abs(now - timestamp) > WINDOW_SECONDS:
        raise Unauthorized(
            "clock_skew", "request time outside the window", server_time_ms=int(now * 1000)
        )
    if sweep_nonces:
        conn.execute(_old_nonces(), {"auth_before": int(now) - 2 * WINDOW_SECONDS})
    fresh = insert_ignore(
        conn, schema.nonces, {"terminal": terminal, "nonce": nonce, "at": int(now)}
    )
    if not fresh:
        raise Unauthorized("replayed_request", "this request was already received")
    return Caller(terminal=terminal, store=row.store, public_key=public)


# Built once, run with parameters: every terminal request runs them (backend.sql says why).
@functools.cache
def _terminal_by_id() -> Select[Any]:
    return select(schema.terminals).where(schema.terminals.c.id == bindparam("auth_terminal"))


@functools.cache
def _old_nonces() -> Delete:
    return delete(schema.nonces).where(schema.nonces.c.at < bindparam("auth_before"))
