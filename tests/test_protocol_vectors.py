"""tests/vectors/protocol.json: the published vectors verify as recorded, and stay current."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from pathlib import Path

import base45
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from crypto import cose
from crypto.code import Purpose
from crypto.errors import CodeRejected
from crypto.presence import verify_presence
from crypto.trust import TrustStore
from crypto.verify import VerifyOptions, verify_code
from scripts.make_protocol_vectors import render
from tests.ed25519_points import small_order_encodings

PATH = Path(__file__).parent / "vectors" / "protocol.json"
VECTORS = json.loads(PATH.read_text())

# What each case is meant to show, written independently of the generator.
INTENDED = {
    "valid checkout": None,
    "one step late is within skew": None,
    "three steps late is stale": "stale",
    "phone clock ahead is future": "future",
    "one character changed": "bad_signature",
    "member revoked in bundle v2": "revoked",
    "certificate from an unknown issuer": "unknown_key",
    "expired certificate": "expired",
    "pickup order at its store": None,
    "pickup order at another store": "wrong_store",
    "check-in code where checkout expected": "wrong_purpose",
    "newer protocol version": "unsupported",
    "not a member code": "malformed",
    "code signature with S + L (not canonical)": "bad_signature",
    "code signature with small-order R": "weak_key",
    "certificate with a small-order device key (identity, S = 0)": "weak_key",
}


def test_vectors_file_is_what_the_generator_produces():
    assert PATH.read_text() == render(), "run scripts/make_protocol_vectors.py and review the diff"


def test_every_intended_case_is_present():
    assert [c["name"] for c in VECTORS["cases"]] == list(INTENDED)


@pytest.mark.parametrize("case", VECTORS["cases"], ids=lambda c: c["name"])
def test_vector_verdict(case):
    root = bytes.fromhex(VECTORS["keys"]["root_public"])
    trust = TrustStore.from_bundle(bytes.fromhex(VECTORS["bundles"][case["bundle"]]), root)
    options = case["options"]
    purpose = Purpose(options["purpose"]) if "purpose" in options else None
    try:
        verified = verify_code(
            case["code"],
            trust,
            case["at"],
            VerifyOptions(purpose=purpose, store=options.get("store")),
        )
        reason = None
    except CodeRejected as exc:
        reason = exc.reason.value
    assert reason == INTENDED[case["name"]]
    assert case["expected"]["ok"] is (reason is None)
    if reason is None:
        assert verified.member == case["expected"]["member"]
        assert verified.code_id == case["expected"]["code_id"]
    else:
        assert case["expected"]["reason"] == reason


def test_published_small_order_encodings_are_the_ones_the_curve_has():
    published = [bytes.fromhex(e) for e in VECTORS["small_order_encodings"]]
    assert sorted(published) == sorted(small_order_encodings())


def test_the_identity_vector_verifies_under_bare_openssl():
    # What makes the case matter: without the weak-key check it would be accepted.
    case = next(c for c in VECTORS["cases"] if "small-order device key" in c["name"])
    message = cose.decode(base45.b45decode(case["code"][4:]), max_size=4096)
    identity = Ed25519PublicKey.from_public_bytes(bytes([1]) + bytes(31))
    identity.verify(message.signature, message.to_be_signed())


# What each presence-proof case is meant to show (docs/protocol.md, "Manual identification").
INTENDED_PRESENCE = {
    "valid presence proof": None,
    "presence proof past its exp": "expired",
    "presence proof, member revoked": "revoked",
    "presence proof by an unknown issuer": "unknown_key",
    "presence proof with a changed byte": "bad_signature",
}


@pytest.mark.parametrize("case", VECTORS["presence_proofs"], ids=lambda c: c["name"])
def test_presence_vector_verdict(case):
    root = bytes.fromhex(VECTORS["keys"]["root_public"])
    trust = TrustStore.from_bundle(bytes.fromhex(VECTORS["bundles"][case["bundle"]]), root)
    try:
        proof = verify_presence(bytes.fromhex(case["proof"]), trust, case["at"])
        reason = None
    except CodeRejected as exc:
        reason = exc.reason.value
    assert reason == INTENDED_PRESENCE[case["name"]]
    assert case["expected"].get("reason") == reason
    if reason is None:
        assert (proof.member, proof.terminal, proof.checkout) == ("M1001", "T-0001", "K-42")
        assert proof.code_id == case["expected"]["code_id"]


def test_manual_code_vectors_follow_rfc_6238_computed_by_hand():
    # RFC 6238 with SHA-1, 30-second steps, 8 digits; written out without pyotp.
    for case in VECTORS["manual_codes"]:
        key = base64.b32decode(case["secret"])
        digest = hmac.new(key, (case["at"] // 30).to_bytes(8, "big"), hashlib.sha1).digest()
        offset = digest[-1] & 0x0F
        number = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
        assert case["code"] == f"{number % 10**8:08d}"
