"""verify_code: each check in protocol order, and every documented reason reached."""

from __future__ import annotations

from dataclasses import replace

import base45
import cbor2
import pytest

from crypto import certificate, cose, keys
from crypto.cbor import dumps
from crypto.code import PREFIX, Purpose
from crypto.errors import CodeRejected, Reason
from crypto.issuer import new_issuer
from crypto.timestep import time_step
from crypto.trust import IssuerKey
from crypto.verify import VerifyOptions, verify_code
from tests.member_codes import T0, Member, make_issuer, trust_of


@pytest.fixture
def issuer():
    return make_issuer()


@pytest.fixture
def member(issuer):
    return Member(issuer)


def rejected(text, trust, at=T0, **options) -> Reason:
    with pytest.raises(CodeRejected) as info:
        verify_code(text, trust, at, VerifyOptions(**options))
    return info.value.reason


def encode(message: bytes) -> str:
    return PREFIX + base45.b45encode(message).decode()


def device_signed(member: Member, payload: object, **kwargs) -> str:
    return encode(cose.sign(dumps(payload), member.device_key, tagged=False, **kwargs))


def test_valid_checkout_code_gives_member_tier_and_balance(issuer, member):
    verified = verify_code(member.code(), trust_of(issuer), T0)
    assert (verified.member, verified.tier, verified.balance) == ("M1001", "gold", 1280)
    assert verified.purpose is Purpose.CHECKOUT
    assert verified.step == time_step(T0)
    assert verified.counter == 1
    assert verified.balance_as_of == T0 - 3600
    assert (
        verified.code_id == f"M1001/{keys.kid_for(verified.device_public).hex()}/{time_step(T0)}/1"
    )


def test_oversized_text_is_refused_before_decoding(issuer):
    assert rejected("LP1:" + "0" * 3000, trust_of(issuer)) is Reason.TOO_LARGE


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello",
        "LP1:",
        "LP1:!!!",
        "LP1:GG",
        "lp1:AB",
        PREFIX + "BB8",
        "https://example.com/LP1:x",
    ],
)
def test_not_a_code_is_malformed(issuer, text):
    assert rejected(text, trust_of(issuer)) is Reason.MALFORMED


def test_newer_code_version_is_unsupported(issuer, member):
    assert rejected("LP2:" + member.code()[4:], trust_of(issuer)) is Reason.UNSUPPORTED


def test_trailing_bytes_after_the_cose_item_are_malformed(issuer, member):
    raw = base45.b45decode(member.code()[4:]) + b"\x00"
    assert rejected(encode(raw), trust_of(issuer)) is Reason.MALFORMED


def test_algorithm_only_in_unprotected_header_is_unsupported(issuer, member):
    outer = cbor2.loads(base45.b45decode(member.code()[4:]))
    message = [b"", {1: -8}, outer[2], outer[3]]
    assert rejected(encode(cbor2.dumps(message)), trust_of(issuer)) is Reason.UNSUPPORTED


def test_other_algorithm_in_protected_header_is_unsupported(issuer, member):
    outer = cbor2.loads(base45.b45decode(member.code()[4:]))
    message = [cbor2.dumps({1: -7}), {}, outer[2], outer[3]]
    assert rejected(encode(cbor2.dumps(message)), trust_of(issuer)) is Reason.UNSUPPORTED


def test_critical_header_is_unsupported(issuer, member):
    text = device_signed(
        member, {1: member.certificate, 2: time_step(T0), 3: 9, 4: 1}, protected={2: [99], 99: 1}
    )
    assert rejected(text, trust_of(issuer)) is Reason.UNSUPPORTED


def test_unknown_purpose_is_unsupported(issuer, member):
    text = device_signed(member, {1: member.certificate, 2: time_step(T0), 3: 9, 4: 42})
    assert rejected(text, trust_of(issuer)) is Reason.UNSUPPORTED


def test_unknown_payload_field_is_malformed(issuer, member):
    text = device_signed(member, {1: member.certificate, 2: time_step(T0), 3: 9, 4: 1, 9: 0})
    assert rejected(text, trust_of(issuer)) is Reason.MALFORMED


def test_certificate_from_an_unknown_issuer_key(issuer):
    stranger = Member(new_issuer(T0 - 86400))
    assert rejected(stranger.code(), trust_of(issuer)) is Reason.UNKNOWN_KEY


def test_certificate_forged_with_a_known_kid_has_a_bad_signature(issuer):
    forger = new_issuer(T0 - 86400)
    forged = Member(forger)
    # Re-sign the forged certificate claiming the real issuer's kid.
    claims = certificate.parse_claims(cbor2.loads(cbor2.loads(forged.certificate)[2]))
    forged.certificate = certificate.issue(claims, forger.signing_key, issuer.signing_kid)
    assert rejected(forged.code(), trust_of(issuer)) is Reason.BAD_SIGNATURE


def test_code_signed_by_another_device_has_a_bad_signature(issuer, member):
    thief = Member(issuer, device_key=keys.generate())
    payload = {1: member.certificate, 2: time_step(T0), 3: 1, 4: 1}
    text = device_signed(thief, payload)
    assert rejected(text, trust_of(issuer)) is Reason.BAD_SIGNATURE


def test_changed_balance_breaks_the_certificate_signature(issuer, member):
    cert = cbor2.loads(member.certificate)
    claims = cbor2.loads(cert[2])
    claims["pts"] = 999_999
    cert[2] = dumps(claims)
    member.certificate = cbor2.dumps(cert)
    assert rejected(member.code(), trust_of(issuer)) is Reason.BAD_SIGNATURE


def test_kid_collision_tries_every_key_with_that_kid(issuer, member):
    impostor = keys.public_raw(keys.generate())
    colliding = IssuerKey(issuer.signing_kid, impostor, T0 - 86400, T0 + 86400)
    bundle = replace(issuer.bundle, keys=(colliding, *issuer.bundle.keys))
    crowded = replace(issuer, bundle=bundle)
    assert verify_code(member.code(), trust_of(crowded), T0).member == "M1001"


def test_expired_certificate(issuer, member):
    assert (
        rejected(member.code(at=T0 + 8 * 86400), trust_of(issuer), at=T0 + 8 * 86400)
        is Reason.EXPIRED
    )


def test_certificate_issued_in_the_future_is_not_yet_valid(issuer):
    early = Member(issuer, issued_at=T0 + 3600)
    slightly_early = Member(issuer, issued_at=T0 + 120)
    assert verify_code(slightly_early.code(), trust_of(issuer), T0).member == "M1001"
    assert rejected(early.code(), trust_of(issuer)) is Reason.NOT_YET_VALID


def test_certificate_longer_than_30_days_is_malformed(issuer):
    member = Member(issuer, lifetime=29 * 86400)
    cert = cbor2.loads(member.certificate)
    claims = cbor2.loads(cert[2])
    claims[4] = claims[6] + 31 * 86400
    cert[2] = dumps(claims)
    cert[3] = issuer.signing_key.sign(cose.sig_structure(cert[0], cert[2]))
    member.certificate = cbor2.dumps(cert)
    assert rejected(member.code(), trust_of(issuer)) is Reason.MALFORMED


def test_expired_issuer_key(issuer, member):
    key = replace(issuer.bundle.keys[0], expires_at=T0 - 1)
    old = replace(issuer, bundle=replace(issuer.bundle, keys=(key,)))
    assert rejected(member.code(), trust_of(old)) is Reason.EXPIRED


def test_revoked_member_and_revoked_certificate(issuer, member):
    code = member.code()
    assert rejected(code, trust_of(issuer.revoke(now=T0, member="M1001"))) is Reason.REVOKED
    assert rejected(code, trust_of(issuer.revoke(now=T0, cert_id=member.cert_id))) is Reason.REVOKED
    other = issuer.revoke(now=T0, member="M2002")
    assert verify_code(code, trust_of(other), T0).member == "M1001"


def test_time_step_window_default_one_back_one_forward(issuer, member):
    trust = trust_of(issuer)
    assert verify_code(member.code(at=T0 - 30), trust, T0).member == "M1001"
    assert verify_code(member.code(at=T0 + 30), trust, T0).member == "M1001"
    assert rejected(member.code(at=T0 - 61), trust) is Reason.STALE
    assert rejected(member.code(at=T0 + 61), trust) is Reason.FUTURE


def test_skew_is_configurable(issuer, member):
    trust = trust_of(issuer)
    code = member.code(at=T0 - 90)
    assert rejected(code, trust) is Reason.STALE
    assert verify_code(code, trust, T0, VerifyOptions(skew_back_steps=3)).member == "M1001"
    assert rejected(member.code(at=T0 - 30), trust, skew_back_steps=0) is Reason.STALE


def test_wrong_purpose(issuer, member):
    assert (
        rejected(member.code(), trust_of(issuer), purpose=Purpose.CHECKIN) is Reason.WRONG_PURPOSE
    )


def test_pickup_code_carries_a_verified_order(issuer, member):
    order = member.document("pickup", "O-77", stores=("S1",), body={"items": [["SKU1", 2]]})
    verified = verify_code(
        member.code(purpose=Purpose.PICKUP, document=order),
        trust_of(issuer),
        T0,
        VerifyOptions(purpose=Purpose.PICKUP, store="S1"),
    )
    assert verified.document is not None
    assert (verified.document.typ, verified.document.doc_id) == ("pickup", "O-77")
    assert verified.document.body == {"items": [["SKU1", 2]]}


def test_pickup_order_for_another_store(issuer, member):
    order = member.document("pickup", stores=("S1",))
    code = member.code(purpose=Purpose.PICKUP, document=order)
    assert rejected(code, trust_of(issuer), store="S2") is Reason.WRONG_STORE


def test_document_of_another_member(issuer, member):
    other = Member(issuer, member="M2002")
    code = member.code(purpose=Purpose.COUPON, document=other.document("coupon"))
    assert rejected(code, trust_of(issuer)) is Reason.WRONG_MEMBER


def test_document_of_the_wrong_type(issuer, member):
    code = member.code(purpose=Purpose.PICKUP, document=member.document("coupon"))
    assert rejected(code, trust_of(issuer)) is Reason.WRONG_PURPOSE


def test_missing_document(issuer, member):
    assert rejected(member.code(purpose=Purpose.PICKUP), trust_of(issuer)) is Reason.MALFORMED


def test_expired_and_future_documents(issuer, member):
    late = member.document("coupon", expires_at=T0 - 1)
    early = member.document("coupon", not_before=T0 + 600)
    trust = trust_of(issuer)
    assert rejected(member.code(purpose=Purpose.COUPON, document=late), trust) is Reason.EXPIRED
    assert (
        rejected(member.code(purpose=Purpose.COUPON, document=early), trust) is Reason.NOT_YET_VALID
    )


def test_forged_document(issuer, member):
    forger = new_issuer(T0 - 86400)
    fake = Member(forger, member="M1001").document("coupon")
    code = member.code(purpose=Purpose.COUPON, document=fake)
    assert rejected(code, trust_of(issuer)) is Reason.UNKNOWN_KEY


def test_rotated_key_keeps_old_certificates_valid(issuer, member):
    rotated = issuer.rotate_signing_key(now=T0)
    trust = trust_of(rotated)
    assert verify_code(member.code(), trust, T0).member == "M1001"
    fresh = Member(rotated, member="M3003")
    assert verify_code(fresh.code(), trust, T0).issuer_kid == rotated.signing_kid
    assert rejected(member.code(at=T0 + 8 * 86400), trust, at=T0 + 8 * 86400) is Reason.EXPIRED


def test_tagged_reencoding_verifies_as_the_same_code(issuer, member):
    code = member.code()
    outer = cbor2.loads(base45.b45decode(code[4:]))
    retagged = encode(cbor2.dumps(cbor2.CBORTag(18, outer)))
    trust = trust_of(issuer)
    assert retagged != code
    assert verify_code(retagged, trust, T0).code_id == verify_code(code, trust, T0).code_id
