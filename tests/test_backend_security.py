"""Refusals: forged signatures, unknown and revoked terminals, replays, enrolment abuse,
and a trust bundle signed by a key other than the pinned root."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest
import requests
from sqlalchemy import insert, select

from backend import auth, rate_limits, schema
from config.paths import DataPaths
from crypto import keys
from crypto.issuer import new_issuer
from protocol import batch, signing
from sync.client import SyncClient
from sync.errors import Refused
from sync.http import SignedSession
from sync.outbox import Outbox
from sync.state import TerminalState
from terminal.terminal_identity import load_identity
from tests.fixtures import members
from tests.fixtures.backend import Backend
from tests.fixtures.rogue import Rogue
from tests.fixtures.terminal import provision, sync, terminal

pytest_plugins = ["tests.fixtures.plugin"]


def _queued_event(backend: Backend, data_dir: Path) -> tuple[SignedSession, list]:
    identity = load_identity(DataPaths.resolve(data_dir))
    phone = members.enrol(backend, "M1")
    with Outbox(DataPaths.resolve(data_dir).outbox, identity.terminal) as outbox:
        outbox.append(members.award(phone, "5.00"))
        events = outbox.claim_batch(10, 100_000)
    return SignedSession(identity.backend, identity.terminal, identity.key), events


def _post_batch(backend: Backend, session: SignedSession, body: bytes) -> requests.Response:
    headers = signing.sign_request(
        session.key, session.terminal, "POST", "/v1/batches", body, int(session.server_now())
    )
    return requests.post(f"{backend.url}/v1/batches", data=body, headers=headers, timeout=10)


def test_a_batch_with_a_forged_signature_is_refused_before_anything_is_applied(
    backend: Backend, tmp_path: Path
) -> None:
    provision(backend, tmp_path / "t1")
    session, events = _queued_event(backend, tmp_path / "t1")
    _, body = batch.seal(session.terminal, events, keys.generate())  # someone else's key
    reply = _post_batch(backend, session, body)
    assert (reply.status_code, reply.json()["error"]) == (400, "batch_bad_signature")
    assert backend.ledger("M1")["entries"] == []


def test_a_request_signed_by_another_key_is_refused(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    provision(sqlite_backend, tmp_path / "t1")
    identity = load_identity(DataPaths.resolve(tmp_path / "t1"))
    forged = SignedSession(sqlite_backend.url, identity.terminal, keys.generate())
    with pytest.raises(Refused) as refused:
        forged.get("/v1/policy")
    assert refused.value.reason == "bad_signature"


def test_an_unknown_terminal_is_refused(sqlite_backend: Backend) -> None:
    stranger = SignedSession(sqlite_backend.url, "T000000000000", keys.generate())
    with pytest.raises(Refused) as refused:
        stranger.get("/v1/policy")
    assert refused.value.reason == "unknown_terminal"


def test_a_revoked_terminal_is_refused_and_keeps_its_events(
    backend: Backend, tmp_path: Path
) -> None:
    out = provision(backend, tmp_path / "t1")
    _queued_event(backend, tmp_path / "t1")
    backend.revoke(out["terminal"])
    rc, report = sync(tmp_path / "t1")
    assert (rc, report["error"], report["pending"]) == (1, "terminal_revoked", 1)


def test_a_replayed_request_is_refused(backend: Backend, tmp_path: Path) -> None:
    provision(backend, tmp_path / "t1")
    session, events = _queued_event(backend, tmp_path / "t1")
    _, body = batch.seal(session.terminal, events, session.key)
    headers = signing.sign_request(
        session.key, session.terminal, "POST", "/v1/batches", body, int(session.server_now())
    )
    first = requests.post(f"{backend.url}/v1/batches", data=body, headers=headers, timeout=10)
    again = requests.post(f"{backend.url}/v1/batches", data=body, headers=headers, timeout=10)
    assert first.json()["accepted"] == 1
    assert (again.status_code, again.json()["error"]) == (401, "replayed_request")
    assert len(backend.ledger("M1")["entries"]) == 1


def test_a_batch_id_sent_twice_is_refused(sqlite_backend: Backend, tmp_path: Path) -> None:
    provision(sqlite_backend, tmp_path / "t1")
    session, events = _queued_event(sqlite_backend, tmp_path / "t1")
    _, body = batch.seal(session.terminal, events, session.key)
    assert _post_batch(sqlite_backend, session, body).status_code == 200
    again = _post_batch(sqlite_backend, session, body)  # freshly signed request, same batch
    assert (again.status_code, again.json()["error"]) == (409, "batch_replayed")


def test_a_stale_request_time_is_refused(sqlite_backend: Backend, tmp_path: Path) -> None:
    provision(sqlite_backend, tmp_path / "t1")
    identity = load_identity(DataPaths.resolve(tmp_path / "t1"))
    headers = signing.sign_request(identity.key, identity.terminal, "GET", "/v1/policy", b"", 1000)
    reply = requests.get(f"{sqlite_backend.url}/v1/policy", headers=headers, timeout=10)
    assert (reply.status_code, reply.json()["error"]) == (401, "clock_skew")


def test_an_enrolment_code_works_once(backend: Backend, tmp_path: Path) -> None:
    code = backend.enrolment_code()
    argv = ["provision", "--backend", backend.url, "--code", code, "--data-dir"]
    assert terminal([*argv, str(tmp_path / "t1")])[0] == 0
    rc, out = terminal([*argv, str(tmp_path / "t2")])
    assert (rc, out["reason"]) == (1, "code_invalid")


def test_guessing_enrolment_codes_is_rate_limited(sqlite_backend: Backend) -> None:
    public = keys.public_raw(keys.generate()).hex()
    # The limit counts per minute of the backend's clock: held at the start of one, the eight
    # requests cannot straddle two minutes however slowly they run.
    clock, window = sqlite_backend.moved_clock(), rate_limits.TERMINAL_CODE_FAILURES.window

    def enrol(code: str) -> requests.Response:
        body = {"code": code, "public_key": public}
        return requests.post(f"{sqlite_backend.url}/v1/terminals/enrol", json=body, timeout=10)

    clock.stop(at=clock() // window * window)
    statuses = [enrol(f"AAAA-BBBB-CCCC-{i:04d}").status_code for i in range(7)]
    assert statuses == [400] * 5 + [429] * 2
    good = sqlite_backend.enrolment_code()
    blocked = enrol(good)
    assert blocked.status_code == 429  # even a right code waits out the limit
    assert blocked.headers["retry-after"] == str(window)  # the whole minute is still ahead
    clock.advance(window - 1)
    assert enrol(good).status_code == 429  # the last second of the same minute
    clock.advance(1)
    assert enrol(good).status_code == 200  # a new minute, a new count: the code was kept


def test_a_bundle_signed_by_another_root_is_not_installed(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    out = provision(sqlite_backend, tmp_path / "t1")
    paths = DataPaths.resolve(tmp_path / "t1")
    before = paths.trust_bundle.read_bytes()
    # The backend's issuer is replaced by other keys (a compromised or wrong server); its next
    # bundle has a higher version but is signed by a root the terminal never pinned.
    store = sqlite_backend.issuers().store
    now = int(time.time())
    current = store.load().bundle.version
    other = new_issuer(now)
    other = replace(other, bundle=replace(other.bundle, version=current + 1))
    with sqlite_backend.engine.begin() as conn:
        store.save_into(conn, other, now)
    identity = load_identity(paths)
    client = SyncClient(SignedSession(identity.backend, identity.terminal, identity.key))
    with TerminalState(paths.state) as state:
        report = client.pull(state, paths.trust_bundle, bytes.fromhex(out["root_public"]))
    assert report.errors["bundle"] == "wrong_root"
    assert paths.trust_bundle.read_bytes() == before


def _nonces(backend: Backend) -> set[str]:
    with backend.engine.begin() as conn:
        return {row.nonce for row in conn.execute(select(schema.nonces))}


def test_old_nonces_are_swept_at_most_once_a_minute_and_a_replay_stays_refused(
    backend: Backend, tmp_path: Path
) -> None:
    """Each request used to delete the old nonces, one statement of its own; now one request a
    minute does. What is left between sweeps still refuses its replay."""
    rogue = Rogue(backend, tmp_path / "t1")
    clock = backend.moved_clock()
    clock.stop()

    def get_policy(at: float) -> tuple[requests.Response, dict[str, str]]:
        headers = signing.sign_request(rogue.key, rogue.terminal, "GET", "/v1/policy", b"", int(at))
        reply = requests.get(f"{backend.url}/v1/policy", headers=headers, timeout=10)
        return reply, headers

    first, first_headers = get_policy(clock())
    assert first.status_code == 200, first.text
    first_nonce = first_headers[signing.HEADER_NONCE]
    clock.advance(2 * auth.WINDOW_SECONDS + auth.NONCE_SWEEP_SECONDS)
    swept, _ = get_policy(clock())  # a minute since the last sweep: this one sweeps
    assert swept.status_code == 200, swept.text
    assert first_nonce not in _nonces(backend)
    with backend.engine.begin() as conn:  # a nonce long out of the window
        conn.execute(insert(schema.nonces).values(terminal=rogue.terminal, nonce="x" * 32, at=0))
    clock.advance(auth.NONCE_SWEEP_SECONDS / 2)
    again, again_headers = get_policy(clock())
    assert again.status_code == 200, again.text
    assert "x" * 32 in _nonces(backend)  # not swept yet: the last sweep was half a minute ago
    replay = requests.get(f"{backend.url}/v1/policy", headers=again_headers, timeout=10)
    assert (replay.status_code, replay.json()["error"]) == (401, "replayed_request")
    clock.advance(auth.NONCE_SWEEP_SECONDS / 2)
    later, _ = get_policy(clock())
    assert later.status_code == 200, later.text
    assert "x" * 32 not in _nonces(backend)
    assert again_headers[signing.HEADER_NONCE] in _nonces(backend)  # still in the window
