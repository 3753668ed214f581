"""What terminals ask of the staff directory: their signed staff document, a holder's new PIN.

``GET /v1/staff?since=V``: the issuer signs ``{"name": "staff", "version", "store",
"terminal", "body"}`` (canonical JSON), so a document names the one terminal it was made for;
the body's verifiers are keyed with that terminal's secret (protocol.staff_directory), and its
``cleared`` lists the lockouts the office cleared at that terminal (backend.staff_lockouts).
``POST /v1/staff/pin``: a holder changes their own PIN with their current one, from a terminal
of their store; wrong PINs are counted per account and per terminal.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy.engine import Connection

from backend import rate_limits, staff, staff_lockouts
from backend.auth import Caller
from backend.errors import BadRequest, Conflict, Forbidden
from crypto.issuer import Issuer
from protocol.canonical import canonical_json

WRONG_PIN_PER_ACCOUNT = rate_limits.Limit(
    "staff-pin-fail-account", 5, 900, "too many wrong PINs for this staff account"
)
WRONG_PIN_PER_TERMINAL = rate_limits.Limit(
    "staff-pin-fail-terminal", 20, 900, "too many wrong PINs from this terminal"
)


class PinChange(BaseModel):
    """A holder's own PIN change, as the terminal signs it."""

    staff: str = Field(pattern=r"^[A-Za-z0-9._@-]{1,64}$")
    current_pin: str = Field(pattern=r"^[0-9]{6,12}$")
    new_pin: str = Field(pattern=r"^[0-9]{6,12}$")


def document_reply(
    conn: Connection, issuer: Issuer, caller: Caller, since: int, now: int
) -> dict[str, Any]:
    """The terminal's staff document when newer than ``since``; lockouts cleared as of ``now``."""
    key = staff.terminal_key(conn, caller.terminal)
    if key is None:
        raise Conflict(
            "staff_key_missing",
            "this terminal was enrolled before staff came from the office; provision it again",
        )
    version = staff.version(conn)
    if version <= since:
        return {"version": version, "changed": False, "signed": None}
    body = staff.document_body(conn, caller.store, key)
    cleared = staff_lockouts.cleared_for(conn, caller.terminal, now)
    body["cleared"] = [clear.to_json() for clear in cleared]
    payload = {
        "name": "staff",
        "version": version,
        "store": caller.store,
        "terminal": caller.terminal,
        "body": body,
    }
    signed = issuer.sign_payload(canonical_json(payload)).hex()
    return {"version": version, "changed": True, "signed": signed}


def change_pin(conn: Connection, caller: Caller, change: PinChange, now: int) -> int:
    """Apply a holder's PIN change; the directory's new version. Raises for a wrong PIN."""
    for limit, key in (
        (WRONG_PIN_PER_ACCOUNT, change.staff),
        (WRONG_PIN_PER_TERMINAL, caller.terminal),
    ):
        rate_limits.check(conn, limit, key, now)
    try:
        done = staff.change_own_pin(
            conn, change.staff, caller.store, change.current_pin, change.new_pin, now
        )
    except staff.StaffError as exc:
        raise BadRequest("bad_pin", str(exc)) from None
    if not done:
        rate_limits.count(conn, WRONG_PIN_PER_ACCOUNT, change.staff, now)
        rate_limits.count(conn, WRONG_PIN_PER_TERMINAL, caller.terminal, now)
        return -1
    return staff.version(conn)


def wrong_pin() -> Forbidden:
    """The refusal for a wrong current PIN (raised after the commit, so the count stays)."""
    return Forbidden("wrong_pin", "wrong staff id or PIN")
