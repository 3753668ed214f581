"""POST /v1/heartbeat against the real backend: signed by a real provisioned terminal's key,
validated strictly, kept as the latest report and a bounded history; any signed request
(a batch too) counts as contact."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select, update

from backend import fleet, schema
from protocol import signing
from tests.fixtures.backend import Backend
from tests.fixtures.rogue import Rogue

pytest_plugins = ["tests.fixtures.plugin"]

REPORT: dict[str, Any] = {
    "app_version": "1.4.2",
    "bundle_version": 1,
    "policy_version": 1,
    "catalog_version": 1,
    "pending": 3,
    "oldest_pending_age_seconds": 420,
    "last_error": None,
    "clock_offset_ms": -850,
    "scanner": "ok",
    "camera": "none",
}


def beat(rogue: Rogue, body: bytes, key: Ed25519PrivateKey | None = None) -> requests.Response:
    headers = signing.sign_request(
        key or rogue.key, rogue.terminal, "POST", "/v1/heartbeat", body, int(time.time())
    )
    return requests.post(
        f"{rogue.backend.url}/v1/heartbeat", data=body, headers=headers, timeout=10
    )


def health(backend: Backend, terminal: str) -> Any:
    h = schema.terminal_health
    with backend.engine.begin() as conn:
        return conn.execute(select(h).where(h.c.terminal == terminal)).first()


def contact_a_minute_ago(backend: Backend, terminal: str) -> Any:
    """Move the terminal's last contact back a minute, so new contact shows without waiting."""
    h = schema.terminal_health
    with backend.engine.begin() as conn:
        conn.execute(
            update(h)
            .where(h.c.terminal == terminal)
            .values(last_contact_at=h.c.last_contact_at - 60)
        )
    return health(backend, terminal)


def history_rows(backend: Backend, terminal: str) -> int:
    hb = schema.terminal_heartbeats
    with backend.engine.begin() as conn:
        return int(
            conn.execute(
                select(func.count()).select_from(hb).where(hb.c.terminal == terminal)
            ).scalar_one()
        )


def test_a_signed_heartbeat_is_kept_as_the_latest_report(backend: Backend, tmp_path: Path):
    rogue = Rogue(backend, tmp_path / "t")
    before = int(time.time() * 1000)
    reply = beat(rogue, json.dumps(REPORT).encode())
    assert reply.status_code == 200, reply.text
    assert before - 1000 <= reply.json()["server_time_ms"] <= int(time.time() * 1000) + 1000
    row = health(backend, rogue.terminal)
    # A body without ``lockouts`` (local staff, or an older terminal) is kept as reporting none.
    assert json.loads(row.report) == {**REPORT, "lockouts": []}
    assert row.last_contact_at == row.heartbeat_at
    assert history_rows(backend, rogue.terminal) == 1
    # A second report within five minutes replaces the latest but adds no history row.
    reply = beat(rogue, json.dumps({**REPORT, "pending": 0, "last_error": "x" * 500}).encode())
    assert reply.status_code == 200, reply.text
    assert json.loads(health(backend, rogue.terminal).report)["pending"] == 0
    assert history_rows(backend, rogue.terminal) == 1


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"pending": "3"}, "a number sent as text"),
        ({"pending": -1}, "a negative queue"),
        ({"pending": True}, "a boolean for a number"),
        ({"app_version": "v" * 65}, "an over-long version"),
        ({"last_error": "e" * 501}, "an over-long error"),
        ({"scanner": None}, "a missing state"),
        ({"extra": "field"}, "a field the interface does not have"),
        ({"lockouts": [{"staff": "c1", "failures": 5, "since": 1}]}, "a lockout without until"),
        (
            {"lockouts": [{"staff": "c1", "failures": 5, "since": 1, "until": 2, "pin": "1"}]},
            "a lockout with more than its count and times",
        ),
        ({"lockouts": [{"staff": "c 1", "failures": 5, "since": 1, "until": 2}]}, "a bad id"),
        ({"lockouts": [{"staff": "c1", "failures": 5, "since": 1, "until": 2}] * 201}, "too many"),
    ],
)
def test_a_malformed_heartbeat_is_refused_and_nothing_kept(
    sqlite_backend: Backend, tmp_path: Path, change: dict[str, Any], why: str
):
    rogue = Rogue(sqlite_backend, tmp_path / "t")
    reply = beat(rogue, json.dumps({**REPORT, **change}).encode())
    assert reply.status_code == 400, why
    assert reply.json()["error"] == "malformed"
    # The request was authenticated (contact), but no report was kept.
    assert health(sqlite_backend, rogue.terminal).report is None
    assert history_rows(sqlite_backend, rogue.terminal) == 0


def test_a_heartbeat_signed_with_another_key_or_by_a_revoked_terminal_is_refused(
    sqlite_backend: Backend, tmp_path: Path
):
    rogue = Rogue(sqlite_backend, tmp_path / "t")
    provisioned = contact_a_minute_ago(sqlite_backend, rogue.terminal)  # provisioning synced
    body = json.dumps(REPORT).encode()
    forged = beat(rogue, body, key=Ed25519PrivateKey.generate())
    assert (forged.status_code, forged.json()["error"]) == (401, "bad_signature")
    unsigned = requests.post(f"{sqlite_backend.url}/v1/heartbeat", data=body, timeout=10)
    assert (unsigned.status_code, unsigned.json()["error"]) == (401, "unsigned_request")
    assert health(sqlite_backend, rogue.terminal) == provisioned  # nothing was heard
    sqlite_backend.revoke(rogue.terminal)
    revoked = beat(rogue, body)
    assert (revoked.status_code, revoked.json()["error"]) == (403, "terminal_revoked")
    assert health(sqlite_backend, rogue.terminal) == provisioned


def test_a_batch_counts_as_contact(sqlite_backend: Backend, tmp_path: Path):
    rogue = Rogue(sqlite_backend, tmp_path / "t")
    provisioned = contact_a_minute_ago(sqlite_backend, rogue.terminal).last_contact_at
    assert rogue.send() == []  # an empty batch, signed and accepted
    row = health(sqlite_backend, rogue.terminal)
    assert provisioned < row.last_contact_at <= int(time.time())
    assert row.heartbeat_at is None and row.report is None


def test_history_has_one_row_per_five_minutes_and_is_pruned_after_retention(
    sqlite_backend: Backend, tmp_path: Path
):
    rogue = Rogue(sqlite_backend, tmp_path / "t")
    settings = fleet.FleetSettings(retention_seconds=3600)
    report = fleet.Heartbeat.model_validate(REPORT)
    start = int(time.time())
    with sqlite_backend.engine.begin() as conn:
        for offset in (0, 60, 299, 300, 301, 599, 600):
            fleet.record_heartbeat(conn, rogue.terminal, report, start + offset, settings)
    assert history_rows(sqlite_backend, rogue.terminal) == 3  # at 0, 300 and 600
    with sqlite_backend.engine.begin() as conn:
        fleet.record_heartbeat(conn, rogue.terminal, report, start + 3900, settings)
        kept = [r["at"] for r in fleet.history(conn, rogue.terminal)]
    assert kept == [start + 3900, start + 600, start + 300]  # the one at 0 is past an hour
