"""Weak Ed25519 keys and signatures: small-order and non-canonical points, S >= L.

The blocklisted encodings are computed in tests/ed25519_points.py from the curve equation, so
these tests check crypto.keys against arithmetic, not against a copy of its own list.
"""

from __future__ import annotations

import os
from dataclasses import replace

import cbor2
import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from crypto import certificate, cose, keys, trust
from crypto.cbor import dumps
from crypto.errors import BundleRejected, CodeRejected, Reason
from crypto.verify import verify_code
from tests import ed25519_points as ed
from tests.member_codes import (
    T0,
    Member,
    certificate_for_key,
    code_with_signature,
    make_issuer,
    signed_part,
    trust_of,
    with_signature,
)

BLOCKLIST = ed.small_order_encodings()
# Every y in [p, 2^255) with both sign bits: the non-canonical encodings (19 values of y).
NON_CANONICAL = [
    (y | sign << 255).to_bytes(32, "little") for y in range(ed.P, 2**255) for sign in (0, 1)
]


def test_the_blocklist_holds_the_8_small_order_points_and_their_6_other_encodings():
    assert len(BLOCKLIST) == 14
    for encoded in BLOCKLIST:
        point = ed.decode(encoded)
        assert point is not None
        assert ed.equal(ed.mul(8, point), ed.IDENTITY)  # order divides 8
    assert len({ed.affine(ed.decode(e)) for e in BLOCKLIST}) == 8  # type: ignore[arg-type]


@pytest.mark.parametrize("encoded", BLOCKLIST, ids=lambda e: e.hex()[:8] + ".." + e.hex()[-2:])
def test_every_small_order_encoding_is_refused_as_a_key_and_as_r(encoded):
    assert keys.point_weakness(encoded) is not None
    with pytest.raises(keys.WeakKey):
        keys.check_public_key(encoded)
    good = keys.generate()
    signature = good.sign(b"message")
    with pytest.raises(keys.WeakKey):
        keys.check_signature(encoded + signature[32:])


@pytest.mark.parametrize("encoded", NON_CANONICAL, ids=lambda e: e.hex()[:2] + ".." + e.hex()[-2:])
def test_every_non_canonical_encoding_is_refused(encoded):
    assert keys.point_weakness(encoded) is not None
    with pytest.raises(keys.WeakKey, match="not canonically encoded"):
        keys.check_public_key(encoded)


def test_random_keys_pass_every_check():
    for _ in range(200):
        key = keys.generate()
        public = keys.public_raw(key)
        keys.check_public_key(public)
        signature = key.sign(b"m")
        keys.check_signature(signature)
        assert keys.verify(keys.public_from_raw(public), signature, b"m")


def test_a_y_with_no_point_on_the_curve_is_refused_as_a_key():
    off_curve = next(
        y.to_bytes(32, "little")
        for y in range(2, 1000)
        if ed.decode(y.to_bytes(32, "little")) is None
    )
    assert keys.point_weakness(off_curve) is None  # the cheap check cannot see it
    with pytest.raises(keys.WeakKey, match="not a point"):
        keys.check_public_key(off_curve)


def test_identity_key_and_zero_scalar_verify_under_openssl_but_not_under_keys_verify():
    identity = ed.encode(ed.IDENTITY)
    message = os.urandom(40)
    public = Ed25519PublicKey.from_public_bytes(identity)
    public.verify(ed.identity_signature(), message)  # OpenSSL: no exception, "valid"
    assert not keys.verify(public, ed.identity_signature(), message)


@pytest.mark.parametrize("extra", [0, 1], ids=["S=L", "S+L"])
def test_s_at_or_above_the_group_order_is_refused(extra):
    key = keys.generate()
    signature = key.sign(b"message")
    s = int.from_bytes(signature[32:], "little")
    forged_s = ed.L if extra == 0 else s + ed.L
    forged = signature[:32] + forged_s.to_bytes(32, "little")
    with pytest.raises(keys.WeakKey, match="S >= L"):
        keys.check_signature(forged)
    assert not keys.verify(key.public_key(), forged, b"message")
    with pytest.raises(InvalidSignature):  # OpenSSL agrees here; we do not rely on it
        key.public_key().verify(forged, b"message")


def test_the_issuer_will_not_certify_a_weak_device_key():
    issuer = make_issuer()
    with pytest.raises(keys.WeakKey):
        issuer.certify_member(
            member="M1", device_public=BLOCKLIST[0], tier="gold", balance=0, now=T0
        )


@pytest.mark.parametrize("encoded", BLOCKLIST, ids=lambda e: e.hex()[:8] + ".." + e.hex()[-2:])
def test_a_certificate_carrying_a_small_order_device_key_is_refused(encoded):
    issuer = make_issuer()
    cert = certificate_for_key(issuer, encoded)
    code = code_with_signature(cert, ed.identity_signature())
    with pytest.raises(CodeRejected) as info:
        verify_code(code, trust_of(issuer), T0)
    assert info.value.reason is Reason.WEAK_KEY


def test_a_code_signature_with_small_order_r_is_weak_key_and_with_s_plus_l_bad_signature():
    issuer = make_issuer()
    member = Member(issuer)
    code = member.code()
    signature = member.device_key.sign(signed_part(code))
    assert verify_code(with_signature(code, signature), trust_of(issuer), T0).member == "M1001"
    small_r = with_signature(code, ed.identity_signature())
    s = int.from_bytes(signature[32:], "little")
    malleated = with_signature(code, signature[:32] + (s + ed.L).to_bytes(32, "little"))
    for text, reason in ((small_r, Reason.WEAK_KEY), (malleated, Reason.BAD_SIGNATURE)):
        with pytest.raises(CodeRejected) as info:
            verify_code(text, trust_of(issuer), T0)
        assert info.value.reason is reason


def test_a_bundle_listing_a_small_order_issuer_key_is_refused():
    issuer = make_issuer()
    weak = trust.IssuerKey(keys.kid_for(BLOCKLIST[0]), BLOCKLIST[0], T0 - 86400, T0 + 86400)
    bundle = replace(issuer.bundle, keys=(*issuer.bundle.keys, weak))
    raw = trust.sign_bundle(bundle, issuer.root_key)
    with pytest.raises(BundleRejected) as info:
        trust.TrustStore.from_bundle(raw, issuer.bundle.root_public)
    assert info.value.reason is Reason.WEAK_KEY


def test_a_bundle_forged_for_the_identity_root_is_refused_before_it_is_believed():
    # Unpinned, a bundle naming the identity as its root "verifies" with R = identity, S = 0.
    identity = ed.encode(ed.IDENTITY)
    body = dumps(
        {
            "fmt": 1,
            "ver": 9,
            "iat": T0,
            "root": identity,
            "keys": [],
            "rev_certs": [],
            "rev_members": [],
            "policy": {},
        }
    )
    header = dumps({cose.HEADER_ALG: cose.ALG_EDDSA, cose.HEADER_KID: keys.kid_for(identity)})
    forged = cbor2.dumps(cbor2.CBORTag(cose.TAG_SIGN1, [header, {}, body, ed.identity_signature()]))
    openssl = Ed25519PublicKey.from_public_bytes(identity)
    openssl.verify(ed.identity_signature(), cose.sig_structure(header, body))  # it would take it
    for pinned in (None, identity):
        with pytest.raises(BundleRejected) as info:
            trust.TrustStore.from_bundle(forged, pinned)
        assert info.value.reason is Reason.WEAK_KEY


def test_certificate_encoding_is_unchanged_by_the_key_check():
    issuer = make_issuer()
    device = keys.generate()
    claims = certificate.MemberClaims(
        member="M1",
        device_public=keys.public_raw(device),
        tier="gold",
        balance=5,
        balance_as_of=T0,
        cert_id=b"\x09" * 8,
        issued_at=T0,
        expires_at=T0 + 86400,
    )
    issued = certificate.issue(claims, issuer.signing_key, issuer.signing_kid)
    assert cose.decode(issued, max_size=512).payload == certificate.encode_claims(claims)
