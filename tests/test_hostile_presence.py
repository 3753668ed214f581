"""A stolen or rooted terminal (../shared/THREATS.md) against manual identification and sale
references: it holds a real provisioned key, asks the real backend for presence proofs, and
crafts, signs and sends its own batches and authorisations. Every misuse of a proof, and a
second award for one sale, is rejected with its documented reason and flagged, and the ledger
stays as it was. The real server runs on 127.0.0.1, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from backend import presence
from crypto import keys
from crypto.presence import PresenceProof, from_text, issue, to_text, verify_presence
from crypto.timestep import manual_code
from crypto.trust import TrustStore
from protocol.events import NewEvent, new_event_id
from sync.client import SyncClient
from sync.http import SignedSession
from tests.fixtures import members
from tests.fixtures.backend import Backend
from tests.fixtures.rogue import Rogue
from tests.test_hostile_rogue_terminal import _ledger, _refused

pytest_plugins = ["tests.fixtures.plugin"]


@pytest.fixture
def rogue(backend: Backend, tmp_path: Path) -> Rogue:
    return Rogue(backend, tmp_path / "rogue")


def _client(terminal: Rogue) -> SyncClient:
    return SyncClient(SignedSession(terminal.backend.url, terminal.terminal, terminal.key))


def _proof(terminal: Rogue, member: str, checkout: str = "K1", step: int = 0) -> str:
    """A real presence proof for ``terminal``: the member's phone reads out its code."""
    vault = terminal.backend.issuers().vault
    with terminal.backend.engine.begin() as conn:
        secret = presence.ensure_secret(conn, member, int(time.time()), vault=vault)
    code = manual_code(secret, time.time() + 30 * step)
    return to_text(_client(terminal).presence(member, code, checkout).proof)


def _opened(backend: Backend, text: str) -> PresenceProof:
    """What the proof says, verified as a terminal verifies it (its issuer's bundle)."""
    issuer = members.issuer_of(backend)
    trust = TrustStore(issuer.bundle, issuer.signed_bundle())
    return verify_presence(from_text(text), trust, time.time())


def _award(
    backend: Backend,
    member: str,
    text: str,
    amount: str = "10.00",
    proof: PresenceProof | None = None,
    **fields: Any,
) -> NewEvent:
    """An award carrying the proof in place of a code, for the tier the proof names.

    ``proof`` is what the text says, for a proof the issuer did not sign (or no longer vouches
    for): the rogue terminal wrote it, so it knows.
    """
    proof = proof or _opened(backend, text)
    policy = members.policy(backend)
    values: dict[str, Any] = {
        "presence": text,
        "code_id": proof.code_id,
        "checkout": proof.checkout,
        "policy_version": policy.version,
        "details": {"amount": amount, "tier": proof.tier},
    }
    points = policy.points_for(Decimal(amount), proof.tier, time.time())
    return NewEvent(kind="award", member=member, points=points, **{**values, **fields})


def test_an_award_through_a_presence_proof_is_accepted_at_the_proofs_tier(rogue: Rogue) -> None:
    members.enrol(rogue.backend, "M1", tier="gold")
    result = rogue.push(_award(rogue.backend, "M1", _proof(rogue, "M1"), "10.00"))
    assert result["status"] == "accepted"
    assert _ledger(rogue.backend, "M1") == (15, [result["event"]])  # gold: x1.5


def test_points_for_a_higher_tier_than_the_proof_names_are_rejected(rogue: Rogue) -> None:
    members.enrol(rogue.backend, "M1")  # green
    honest = _award(rogue.backend, "M1", _proof(rogue, "M1"), "10.00")
    inflated = replace(honest, points=15, details={"amount": "10.00", "tier": "gold"})
    _refused(rogue.backend, rogue.push(inflated), "points_mismatch", "M1", (0, []))


def test_a_forged_proof_is_rejected(rogue: Rogue) -> None:
    members.enrol(rogue.backend, "M1")
    genuine = _opened(rogue.backend, _proof(rogue, "M1"))
    # The terminal signs its own proof, naming the issuer's key id: it holds no issuer key.
    kid = members.issuer_of(rogue.backend).signing_kid
    claims = replace(genuine, tier="gold", balance=10**6)
    forged = to_text(issue(claims, keys.generate(), kid))
    result = rogue.push(_award(rogue.backend, "M1", forged, proof=claims))
    _refused(rogue.backend, result, "presence_invalid:bad_signature", "M1", (0, []))


def test_another_terminals_proof_is_rejected(backend: Backend, rogue: Rogue, tmp_path) -> None:
    honest = Rogue(backend, tmp_path / "honest")
    members.enrol(backend, "M1")
    overheard = _proof(honest, "M1")  # obtained by the counter next door
    result = rogue.push(_award(backend, "M1", overheard))
    _refused(backend, result, "presence_other_terminal", "M1", (0, []))


def test_an_expired_proof_is_rejected(rogue: Rogue) -> None:
    members.enrol(rogue.backend, "M1")
    genuine = _opened(rogue.backend, _proof(rogue, "M1"))
    now = int(time.time())
    # The issuer's own signature on a proof whose ten minutes are over (kept from earlier).
    old = replace(genuine, issued_at=now - 1200, expires_at=now - 600)
    text = to_text(members.issuer_of(rogue.backend).sign_presence(old))
    result = rogue.push(_award(rogue.backend, "M1", text, proof=old))
    _refused(rogue.backend, result, "presence_invalid:expired", "M1", (0, []))


def test_a_proof_for_another_member_is_rejected(rogue: Rogue) -> None:
    members.enrol(rogue.backend, "M1")
    members.enrol(rogue.backend, "M2")
    friend = _proof(rogue, "M2")
    result = rogue.push(_award(rogue.backend, "M1", friend))
    _refused(rogue.backend, result, "presence_member_mismatch", "M1", (0, []))
    assert _ledger(rogue.backend, "M2") == (0, [])


def test_a_proof_serves_only_its_checkout(rogue: Rogue) -> None:
    members.enrol(rogue.backend, "M1")
    text = _proof(rogue, "M1", checkout="K1")
    result = rogue.push(_award(rogue.backend, "M1", text, checkout="K2"))
    _refused(rogue.backend, result, "presence_checkout_mismatch", "M1", (0, []))


def test_a_proof_earns_once(rogue: Rogue) -> None:
    members.enrol(rogue.backend, "M1")
    text = _proof(rogue, "M1")
    first = rogue.push(_award(rogue.backend, "M1", text, "10.00"))
    assert first["status"] == "accepted"
    before = _ledger(rogue.backend, "M1")
    second = rogue.push(_award(rogue.backend, "M1", text, "10.00"))
    _refused(rogue.backend, second, "already_awarded", "M1", before)


def test_a_proof_cannot_hand_over_a_pickup_order(rogue: Rogue) -> None:
    members.enrol(rogue.backend, "M1")
    text = _proof(rogue, "M1")
    event = replace(
        _award(rogue.backend, "M1", text), kind="pickup", points=0, order_id="O-1", details={}
    )
    _refused(rogue.backend, rogue.push(event), "presence_kind", "M1", (0, []))


def test_a_second_award_for_one_sale_is_rejected(rogue: Rogue) -> None:
    phone = members.enrol(rogue.backend, "M1")
    first = rogue.push(members.award(phone, "20.00", sale_ref="S-1001", till="till-1"))
    assert first["status"] == "accepted"
    before = _ledger(rogue.backend, "M1")
    # A fresh, genuine code of the same member: only the sale reference gives it away.
    again = members.award(phone, "20.00", sale_ref="S-1001", till="till-1")
    _refused(rogue.backend, rogue.push(again), "sale_reused", "M1", before)
    other_till = rogue.push(members.award(phone, "20.00", sale_ref="S-1001", till="till-2"))
    assert other_till["status"] == "accepted"


def test_two_awards_for_one_sale_in_one_batch_earn_once(rogue: Rogue) -> None:
    phone = members.enrol(rogue.backend, "M1")
    friend = members.enrol(rogue.backend, "M2")
    events = [
        rogue.event(members.award(phone, "20.00", sale_ref="S-7", till="till-1")),
        rogue.event(members.award(friend, "20.00", sale_ref="S-7", till="till-1")),
    ]
    first, second = rogue.send(*events)
    assert first["status"] == "accepted"
    _refused(rogue.backend, second, "sale_reused", "M2", (0, []))


def _authorise(terminal: Rogue, text: str, reward: str = "coffee") -> dict[str, Any]:
    request = {"event": new_event_id(), "kind": "redeem", "presence": text, "checkout": "K1"}
    body = json.dumps({**request, "reward": reward}).encode()
    return dict(_client(terminal).session.post("/v1/authorisations", body))


def test_online_authorisation_accepts_a_presence_proof_of_this_terminal(rogue: Rogue) -> None:
    phone = members.enrol(rogue.backend, "M1")
    assert rogue.push(members.award(phone, "500.00"))["status"] == "accepted"
    answer = _authorise(rogue, _proof(rogue, "M1"))
    assert (answer["approved"], answer["member"], answer["points"]) == (True, "M1", -200)


def test_online_authorisation_refuses_and_flags_another_terminals_proof(
    backend: Backend, rogue: Rogue, tmp_path
) -> None:
    honest = Rogue(backend, tmp_path / "honest")
    phone = members.enrol(backend, "M1")
    assert rogue.push(members.award(phone, "500.00"))["status"] == "accepted"
    before = _ledger(backend, "M1")
    answer = _authorise(rogue, _proof(honest, "M1"))
    assert (answer["approved"], answer["reason"]) == (False, "presence_other_terminal")
    kinds = [f["kind"] for f in backend.ledger("M1")["flags"]]
    assert "presence_other_terminal" in kinds
    assert _ledger(backend, "M1") == before


def test_online_authorisation_refuses_a_forged_proof(rogue: Rogue) -> None:
    members.enrol(rogue.backend, "M1")
    genuine = _opened(rogue.backend, _proof(rogue, "M1"))
    kid = members.issuer_of(rogue.backend).signing_kid
    forged = to_text(issue(genuine, keys.generate(), kid))
    answer = _authorise(rogue, forged)
    assert (answer["approved"], answer["reason"]) == (False, "presence_invalid:bad_signature")
