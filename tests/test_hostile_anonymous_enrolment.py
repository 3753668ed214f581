"""An anonymous client against a real backend: member take-over, login codes, weak keys.

The attacker holds nothing: no login, no enrolment code. They craft their own requests with
their own keys, as anyone on the network could. Every refusal must leave the member's devices,
certificates and balance exactly as they were.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import func, select

from backend import login, schema
from crypto import keys
from crypto.errors import CodeRejected, Reason
from crypto.verify import verify_code
from sync.enrol import refresh_member
from sync.errors import Refused
from tests import ed25519_points as ed
from tests.fixtures.backend import Backend
from tests.fixtures.members import issuer_of
from tests.fixtures.terminal import award, enrol_wallet, provision, run_cli, sync, terminal
from tests.member_codes import certificate_for_key, code_with_signature, signed_part
from wallet.cli import main as wallet_main

pytest_plugins = ["tests.fixtures.plugin"]


def _enrol(
    backend: Backend, member: str, public: bytes, login_proof: Any = None
) -> requests.Response:
    body: dict[str, Any] = {"member": member, "device_public": public.hex()}
    if login_proof is not None:
        body["login"] = login_proof
    return requests.post(f"{backend.url}/v1/members/enrol", json=body, timeout=10)


def _state(backend: Backend, member: str) -> dict[str, Any]:
    """What a take-over would change: devices, certificates, balance and ledger."""
    devices, certs = schema.member_devices, schema.member_certificates
    with backend.engine.begin() as conn:
        device_rows = conn.execute(
            select(devices.c.device_public, devices.c.replaced_at).where(devices.c.member == member)
        ).all()
        cert_rows = conn.execute(
            select(certs.c.cert_id, certs.c.revoked_at).where(certs.c.member == member)
        ).all()
        members = conn.execute(select(func.count()).select_from(schema.members)).scalar_one()
    ledger = backend.ledger(member)
    return {
        "devices": sorted(map(tuple, device_rows)),
        "certificates": sorted(map(tuple, cert_rows)),
        "members": members,
        "balance": ledger["balance"],
        "entries": len(ledger["entries"]),
    }


def _assert_refused(reply: requests.Response, status: int, error: str) -> None:
    body = reply.json()
    assert (reply.status_code, body["error"]) == (status, error), body
    assert body["message"]  # a sentence, not only a code


def _stranger() -> bytes:
    return keys.public_raw(keys.generate())


def test_taking_over_a_member_without_a_login_is_refused_and_changes_nothing(
    backend: Backend, tmp_path: Path
) -> None:
    provision(backend, tmp_path / "t1")
    wallet = enrol_wallet(backend, "M1", tmp_path / "m1.json")
    award(tmp_path / "t1", wallet, "25.00")
    assert sync(tmp_path / "t1")[0] == 0
    before = _state(backend, "M1")
    assert before["balance"] == 25 and len(before["devices"]) == 1

    attacker = keys.generate()
    for proof in (None, "", "   "):
        reply = _enrol(backend, "M1", keys.public_raw(attacker), proof)
        expected = "login_required" if not (proof or "").strip() else "login_invalid"
        _assert_refused(reply, 401, expected)
    assert _state(backend, "M1") == before
    # Nor can the attacker's key fetch a certificate another way.
    with pytest.raises(Refused) as refused:
        refresh_member(backend.url, "M1", attacker)
    assert refused.value.reason == "unknown_device"
    assert _state(backend, "M1") == before


def test_a_new_member_id_without_a_login_is_not_created(sqlite_backend: Backend) -> None:
    before = _state(sqlite_backend, "NEW1")
    _assert_refused(_enrol(sqlite_backend, "NEW1", _stranger()), 401, "login_required")
    assert _state(sqlite_backend, "NEW1") == before


def test_wrong_expired_reused_and_other_members_login_codes_are_refused(
    backend: Backend,
) -> None:
    good = backend.login_code("M1")
    with backend.engine.begin() as conn:
        stale = login.DevelopmentLoginCodes().issue(
            conn, "M1", int(time.time()) - login.CODE_LIFETIME_SECONDS - 1
        )
    others = backend.login_code("M2")
    before = _state(backend, "M1")
    for proof in ("ABCD-EFGH-JKMN", stale, others):
        _assert_refused(_enrol(backend, "M1", _stranger(), proof), 401, "login_invalid")
    assert _state(backend, "M1") == before

    assert _enrol(backend, "M1", _stranger(), good).status_code == 200
    after_first = _state(backend, "M1")
    _assert_refused(_enrol(backend, "M1", _stranger(), good), 401, "login_invalid")  # reused
    assert _state(backend, "M1") == after_first
    assert len(after_first["devices"]) == 1


def test_guessing_a_members_login_code_is_bounded_per_member(sqlite_backend: Backend) -> None:
    good = sqlite_backend.login_code("M1")
    other_member = sqlite_backend.login_code("M2")
    for i in range(login.MAX_TRIES):
        reply = _enrol(sqlite_backend, "M1", _stranger(), f"WRONG-CODE-{i:04d}")
        _assert_refused(reply, 401, "login_invalid")
    before = _state(sqlite_backend, "M1")
    # The right code now comes too late: it is dead, and the member asks for a new one.
    _assert_refused(_enrol(sqlite_backend, "M1", _stranger(), good), 429, "login_locked")
    assert _state(sqlite_backend, "M1") == before
    # Another member is not affected by guesses at M1 (no global bucket) ...
    assert _enrol(sqlite_backend, "M2", _stranger(), other_member).status_code == 200
    # ... and a fresh code for M1 works.
    fresh = sqlite_backend.login_code("M1")
    assert _enrol(sqlite_backend, "M1", _stranger(), fresh).status_code == 200


def test_a_malformed_enrolment_does_not_use_up_the_login_code(sqlite_backend: Backend) -> None:
    good = sqlite_backend.login_code("M1")
    for member, device in (("M1", "zz" * 32), ("M1", "00" * 31), ("bad id!", _stranger().hex())):
        reply = requests.post(
            f"{sqlite_backend.url}/v1/members/enrol",
            json={"member": member, "device_public": device, "login": good},
            timeout=10,
        )
        assert reply.status_code == 400, reply.json()
    assert _enrol(sqlite_backend, "M1", _stranger(), good).status_code == 200


@pytest.mark.parametrize(
    "weak",
    [*ed.small_order_encodings(), (ed.P + 5).to_bytes(32, "little")],
    ids=lambda e: e.hex()[:6] + ".." + e.hex()[-2:],
)
def test_enrolling_a_small_order_or_non_canonical_key_is_refused(
    sqlite_backend: Backend, weak: bytes
) -> None:
    good = sqlite_backend.login_code("M1")
    before = _state(sqlite_backend, "M1")
    _assert_refused(_enrol(sqlite_backend, "M1", weak, good), 400, "weak_key")
    assert _state(sqlite_backend, "M1") == before
    # The login code survives a refused key: the member can enrol a real one with it.
    assert _enrol(sqlite_backend, "M1", _stranger(), good).status_code == 200


def test_a_terminal_cannot_enrol_with_a_small_order_key(sqlite_backend: Backend) -> None:
    identity = ed.encode(ed.IDENTITY)
    reply = requests.post(
        f"{sqlite_backend.url}/v1/terminals/enrol",
        json={"code": sqlite_backend.enrolment_code(), "public_key": identity.hex()},
        timeout=10,
    )
    _assert_refused(reply, 400, "weak_key")
    with sqlite_backend.engine.begin() as conn:
        assert conn.execute(select(func.count()).select_from(schema.terminals)).scalar_one() == 0


def test_an_identity_key_code_verifies_under_openssl_but_is_refused_by_us(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    """The issue's attack: a certificate for 01 00 .. 00 and codes "signed" with R = 1, S = 0."""
    provision(sqlite_backend, tmp_path / "t1")
    issuer = issuer_of(sqlite_backend)
    identity = ed.encode(ed.IDENTITY)
    # As if a backend without the check had certified it (ours refuses: see above).
    cert = certificate_for_key(issuer, identity, member="M1", issued_at=int(time.time()) - 60)
    code = code_with_signature(cert, ed.identity_signature(), at=time.time())
    # Bare OpenSSL accepts the forged code's signature for this key.
    Ed25519PublicKey.from_public_bytes(identity).verify(ed.identity_signature(), signed_part(code))
    with pytest.raises(CodeRejected) as info:
        verify_code(code, _bundle_trust(sqlite_backend), time.time())
    assert info.value.reason is Reason.WEAK_KEY
    # A real terminal refuses to award points to it, and nothing reaches the ledger.
    rc, out = terminal(["award", "--data-dir", str(tmp_path / "t1"), "--amount", "50.00", code])
    assert (rc, out["ok"], out["reason"]) == (1, False, "weak_key")
    assert sync(tmp_path / "t1")[0] == 0
    assert sqlite_backend.ledger("M1")["entries"] == []


def _bundle_trust(backend: Backend) -> Any:
    from crypto.trust import TrustStore

    issuer = issuer_of(backend)
    return TrustStore.from_bundle(issuer.signed_bundle(), issuer.bundle.root_public)


def test_the_wallet_will_not_enrol_through_a_backend_without_a_login(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    argv = ["enroll", "--backend", sqlite_backend.url, "--member", "M1"]
    rc, _ = run_cli(wallet_main, [*argv, "--out", str(tmp_path / "w.json")])
    assert rc == 2 and not (tmp_path / "w.json").exists()
    rc, _ = run_cli(
        wallet_main, [*argv, "--login", "WRONG-WRONG-WRON", "--out", str(tmp_path / "w")]
    )
    assert rc == 2 and not (tmp_path / "w").exists()
    assert _state(sqlite_backend, "M1")["members"] == 0
