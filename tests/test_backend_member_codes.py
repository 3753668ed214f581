"""The backend's member-code verifier: the certificate signature is verified once per
certificate and bundle, a changed certificate is never taken from the cache, and revocation
is left to ingest's time rule when asked."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from backend import db
from backend.issuer_cache import IssuerCache, open_issuers
from backend.member_codes import MemberCodes
from crypto import certificate, keys
from crypto.code import make_code
from crypto.errors import CodeRejected, Reason
from crypto.timestep import time_step


def _codes_of_one_member(issuers: IssuerCache, count: int, now: int) -> list[str]:
    device = keys.generate()
    cert = issuers.get().certify_member(
        member="M1", device_public=keys.public_raw(device), tier="gold", balance=5, now=now
    )
    return [make_code(cert, device, step=time_step(now), counter=i + 1) for i in range(count)]


def _issuers(tmp_path: Path) -> IssuerCache:
    engine = db.make_engine(str(tmp_path / "backend.sqlite"))
    db.upgrade(engine)
    return open_issuers(engine, tmp_path / "issuer")


def test_a_certificate_is_verified_once_for_many_codes(tmp_path: Path) -> None:
    issuers = _issuers(tmp_path)
    now = int(time.time())
    codes = MemberCodes(issuers)
    for text in _codes_of_one_member(issuers, 20, now):
        assert codes.verify(text, now).member == "M1"
    assert (codes.cache.misses, codes.cache.hits) == (1, 19)


def test_a_forged_certificate_is_not_taken_from_the_cache(tmp_path: Path) -> None:
    issuers = _issuers(tmp_path)
    now = int(time.time())
    codes = MemberCodes(issuers)
    codes.verify(_codes_of_one_member(issuers, 1, now)[0], now)  # a good certificate cached
    # The same claims under the issuer's key id, signed by another key: a forged certificate.
    forged_device = keys.generate()
    claims = certificate.MemberClaims(
        member="M1",
        device_public=keys.public_raw(forged_device),
        tier="platinum",
        balance=10**9,
        balance_as_of=now,
        cert_id=b"\x07" * 8,
        issued_at=now,
        expires_at=now + 3600,
    )
    forged = certificate.issue(claims, keys.generate(), issuers.get().signing_kid)
    text = make_code(forged, forged_device, step=time_step(now), counter=1)
    for _ in range(2):  # refused each time: the cache remembers the failure, not a success
        with pytest.raises(CodeRejected) as refused:
            codes.verify(text, now)
        assert refused.value.reason == Reason.BAD_SIGNATURE
    assert (codes.cache.misses, codes.cache.hits) == (2, 1)


def test_a_revoked_member_is_refused_now_and_reported_to_ingest(tmp_path: Path) -> None:
    issuers = _issuers(tmp_path)
    now = int(time.time())
    first, second = _codes_of_one_member(issuers, 2, now)
    codes = MemberCodes(issuers)
    assert codes.verify_ignoring_revocation(first, now)[1] is False
    issuers.store.update(lambda issuer: issuer.revoke(now=now, member="M1"))
    with pytest.raises(CodeRejected) as refused:
        codes.verify(second, now)
    assert refused.value.reason == Reason.REVOKED
    verified, revoked = codes.verify_ignoring_revocation(second, now)
    assert (verified.member, revoked) == ("M1", True)
