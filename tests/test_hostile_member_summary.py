"""A stolen terminal key asks for members' balances and year spend.

The summary answers only a terminal that shows the member's code as scanned, or the presence
proof it was given, for the checkout it serves; every other request, for a known or an
unknown member id, gets the very same refusal, so it lists nobody. The rogue signs its own
requests with its real key.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
import requests

from backend import presence
from crypto.presence import to_text
from crypto.timestep import manual_code
from protocol import signing
from protocol.events import new_event_id
from sync.client import SyncClient
from sync.http import SignedSession
from tests.fixtures import members
from tests.fixtures.backend import Backend
from tests.fixtures.rogue import Rogue

pytest_plugins = ["tests.fixtures.plugin"]

REFUSED = {
    "error": "evidence_refused",
    "message": "the member's code or presence proof, shown in this checkout, is needed",
}


@pytest.fixture
def rogue(sqlite_backend: Backend, tmp_path: Path) -> Rogue:
    return Rogue(sqlite_backend, tmp_path / "rogue")


def _ask(terminal: Rogue, member: str, body: Any, method: str = "POST") -> requests.Response:
    path = f"/v1/members/{member}/summary"
    raw = b"" if body is None else json.dumps(body).encode()
    headers = signing.sign_request(
        terminal.key, terminal.terminal, method, path, raw, int(time.time())
    )
    return requests.request(
        method, f"{terminal.backend.url}{path}", data=raw, headers=headers, timeout=10
    )


def _client(terminal: Rogue) -> SyncClient:
    return SyncClient(SignedSession(terminal.backend.url, terminal.terminal, terminal.key))


def test_the_members_code_of_this_checkout_gets_the_summary(rogue: Rogue) -> None:
    phone = members.enrol(rogue.backend, "M1")
    answer = _ask(rogue, "M1", {"code": phone.code(), "checkout": "K1"})
    assert answer.status_code == 200, answer.text
    assert answer.json()["member"] == "M1" and answer.json()["balance"] == 0


def test_without_the_members_evidence_known_and_unknown_members_get_the_same_refusal(
    rogue: Rogue,
) -> None:
    phone = members.enrol(rogue.backend, "M1")
    members.enrol(rogue.backend, "M2")
    other = phone.code()  # M1's code, shown for M2 or for nobody
    for member in ("M2", "NOBODY"):
        asked = _ask(rogue, member, {"code": other, "checkout": "K1"})
        assert (asked.status_code, asked.json()) == (403, REFUSED), member
    forged = phone.code()[:-4] + "AAAA"
    for member in ("M1", "M2", "NOBODY"):
        asked = _ask(rogue, member, {"code": forged, "checkout": "K1"})
        assert (asked.status_code, asked.json()) == (403, REFUSED), member
    # No evidence at all is malformed, and the old GET is gone, for every member id alike.
    for member in ("M1", "NOBODY"):
        bare = _ask(rogue, member, {"checkout": "K1"})
        assert bare.status_code == 400 and bare.json()["error"] == "malformed"
        old = _ask(rogue, member, None, method="GET")
        assert old.status_code == 405 and "balance" not in old.text


def test_a_code_held_by_another_checkout_does_not_serve(rogue: Rogue) -> None:
    phone = members.enrol(rogue.backend, "M1")
    code = phone.code()
    held = _client(rogue).authorise(
        {"event": new_event_id(), "kind": "checkin", "code": code, "checkout": "K1"}
    )
    assert held.approved, held.reason
    assert _ask(rogue, "M1", {"code": code, "checkout": "K1"}).status_code == 200
    elsewhere = _ask(rogue, "M1", {"code": code, "checkout": "K2"})
    assert (elsewhere.status_code, elsewhere.json()) == (403, REFUSED)


def test_a_presence_proof_serves_only_its_own_checkout(rogue: Rogue) -> None:
    members.enrol(rogue.backend, "M1")
    with rogue.backend.engine.begin() as conn:
        secret = presence.ensure_secret(
            conn, "M1", int(time.time()), vault=rogue.backend.issuers().vault
        )
    proof = _client(rogue).presence("M1", manual_code(secret, time.time()), "K1").proof
    text = to_text(proof)
    assert _ask(rogue, "M1", {"presence": text, "checkout": "K1"}).status_code == 200
    other = _ask(rogue, "M1", {"presence": text, "checkout": "K9"})
    assert (other.status_code, other.json()) == (403, REFUSED)
