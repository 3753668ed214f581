"""crypto.presence: a presence proof verifies only as the issuer signed it, while it is valid,
and every field is typed before it is believed (docs/protocol.md, "Manual identification")."""

from __future__ import annotations

from dataclasses import replace

import pytest

from crypto import cose, keys, presence
from crypto.cbor import dumps
from crypto.documents import Document
from crypto.errors import CodeRejected, Reason
from crypto.presence import PresenceProof, verify_presence
from tests.member_codes import T0, make_issuer, trust_of

PROOF = PresenceProof(
    proof_id=bytes(range(16)),
    member="M1001",
    tier="gold",
    balance=1280,
    balance_as_of=T0,
    terminal="T-1",
    store="S1",
    checkout="K1",
    issued_at=T0,
    expires_at=T0 + 600,
)


@pytest.fixture
def issuer():
    return make_issuer()


def reason_of(raw: bytes, trust, at: float = T0 + 60) -> Reason:
    with pytest.raises(CodeRejected) as refused:
        verify_presence(raw, trust, at)
    return refused.value.reason


def signed_payload(issuer, payload: dict) -> bytes:
    """Any payload signed by the real issuer key: what a careless issuer could publish."""
    return cose.sign(
        dumps(payload), issuer.signing_key, protected={cose.HEADER_KID: issuer.signing_kid}
    )


def wire(proof: PresenceProof) -> dict:
    return {
        "typ": "presence",
        "id": proof.proof_id,
        "sub": proof.member,
        "tier": proof.tier,
        "pts": proof.balance,
        "pts_at": proof.balance_as_of,
        "term": proof.terminal,
        "store": proof.store,
        "chk": proof.checkout,
        "iat": proof.issued_at,
        "exp": proof.expires_at,
    }


def test_a_proof_verifies_to_what_the_issuer_signed(issuer):
    proof = verify_presence(issuer.sign_presence(PROOF), trust_of(issuer), T0 + 60)
    assert proof == PROOF
    assert proof.code_id == "presence/" + bytes(range(16)).hex()


def test_validity_is_iat_less_leeway_to_exp(issuer):
    raw, trust = issuer.sign_presence(PROOF), trust_of(issuer)
    assert verify_presence(raw, trust, T0 - 299).member == "M1001"
    assert reason_of(raw, trust, T0 - 301) == Reason.NOT_YET_VALID
    assert verify_presence(raw, trust, T0 + 599).member == "M1001"
    assert reason_of(raw, trust, T0 + 600) == Reason.EXPIRED


def test_a_proof_signed_by_another_key_with_the_issuers_kid_is_bad(issuer):
    forged = presence.issue(PROOF, keys.generate(), issuer.signing_kid)
    assert reason_of(forged, trust_of(issuer)) == Reason.BAD_SIGNATURE


def test_a_proof_from_another_issuer_names_an_unknown_key(issuer):
    assert reason_of(make_issuer().sign_presence(PROOF), trust_of(issuer)) == Reason.UNKNOWN_KEY


def test_a_revoked_member_has_no_presence(issuer):
    revoked = issuer.revoke(now=T0, member="M1001")
    assert reason_of(revoked.sign_presence(PROOF), trust_of(revoked)) == Reason.REVOKED


def test_an_issuer_document_is_not_a_presence_proof(issuer):
    coupon = issuer.sign_document(
        Document(typ="coupon", doc_id="C1", member="M1001", not_before=T0, expires_at=T0 + 600)
    )
    assert reason_of(coupon, trust_of(issuer)) == Reason.MALFORMED


@pytest.mark.parametrize(
    "change",
    [
        {"typ": "coupon"},
        {"id": b"short"},
        {"sub": ""},
        {"tier": 3},
        {"pts": "1280"},
        {"pts": True},
        {"exp": T0 + 3601},  # longer than a proof may live
        {"exp": T0},  # never valid
        {"extra": 1},
    ],
    ids=repr,
)
def test_a_badly_typed_proof_is_malformed_even_when_signed(issuer, change):
    raw = signed_payload(issuer, {**wire(PROOF), **change})
    assert reason_of(raw, trust_of(issuer)) == Reason.MALFORMED


def test_the_issuer_never_signs_a_proof_a_verifier_would_refuse(issuer):
    with pytest.raises(ValueError):
        issuer.sign_presence(replace(PROOF, expires_at=T0 + 7200))


def test_the_text_form_is_base64_or_hex(issuer):
    raw = issuer.sign_presence(PROOF)
    assert presence.from_text(presence.to_text(raw)) == raw
    assert presence.from_text(raw.hex()) == raw
    for bad in ("", "not base64!", "A" * 5000):
        with pytest.raises(CodeRejected) as refused:
            presence.from_text(bad)
        assert refused.value.reason == Reason.MALFORMED
