"""A stolen terminal key tries member after member's manual code.

Five tries per member per quarter hour bounded one member; nothing bounded a terminal, so one
terminal could try 40 members in a row. Now a terminal has 30 tries per 15 minutes, whichever
members (docs/sync.md): the next is ``429 totp_terminal_locked`` with Retry-After even with
the right code, is flagged once, and is not counted against the member; another terminal is
not affected.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import requests
from sqlalchemy import select

from backend import presence, schema
from crypto.timestep import manual_code
from protocol import signing
from tests.fixtures import members
from tests.fixtures.backend import Backend
from tests.fixtures.clock import wait_for_room_in_window
from tests.fixtures.rogue import Rogue

pytest_plugins = ["tests.fixtures.plugin"]


def _try(terminal: Rogue, member: str, totp: str) -> requests.Response:
    body = json.dumps({"member": member, "totp": totp, "checkout": "K1"}).encode()
    headers = signing.sign_request(
        terminal.key, terminal.terminal, "POST", "/v1/presence", body, int(time.time())
    )
    return requests.post(
        f"{terminal.backend.url}/v1/presence", data=body, headers=headers, timeout=10
    )


def _member_tries(backend: Backend, member: str) -> int:
    table = schema.rate_limits
    with backend.engine.begin() as conn:
        hits = conn.execute(
            select(table.c.hits).where(
                table.c.scope == presence.TOTP_TRIES.scope, table.c.key == member
            )
        ).scalar_one_or_none()
    return int(hits or 0)


def test_one_terminal_trying_many_members_is_stopped_and_flagged(
    backend: Backend, tmp_path: Path
) -> None:
    wait_for_room_in_window(presence.TERMINAL_TRIES.window, 30)
    rogue = Rogue(backend, tmp_path / "rogue")
    members.enrol(backend, "M1")
    with backend.engine.begin() as conn:
        secret = presence.ensure_secret(conn, "M1", int(time.time()), vault=backend.issuers().vault)
    limit = presence.TERMINAL_TRIES.hits
    statuses = [_try(rogue, f"P{n:03d}", "00000000").status_code for n in range(limit)]
    assert statuses == [401] * limit
    before = _member_tries(backend, "M1")
    # Even the right code of a real member is refused once the terminal is over its limit.
    locked = _try(rogue, "M1", manual_code(secret, time.time()))
    assert locked.status_code == 429, locked.text
    assert locked.json()["error"] == "totp_terminal_locked"
    assert 0 < int(locked.headers["Retry-After"]) <= presence.TERMINAL_TRIES.window
    assert _try(rogue, "P999", "00000000").status_code == 429
    assert _member_tries(backend, "M1") == before  # the member is not locked out by it
    with backend.engine.begin() as conn:
        flags = conn.execute(
            select(schema.flags.c.terminal).where(schema.flags.c.kind == "totp_terminal_locked")
        ).all()
    assert [f.terminal for f in flags] == [rogue.terminal]
    # Another counter of the store still identifies the member.
    honest = Rogue(backend, tmp_path / "honest")
    answer = _try(honest, "M1", manual_code(secret, time.time() + 30))
    assert answer.status_code == 200, answer.text
