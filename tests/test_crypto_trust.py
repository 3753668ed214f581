"""Trust bundle: signed by the pinned root, never older than the one held."""

from __future__ import annotations

from dataclasses import replace

import cbor2
import pytest

from crypto import cose, keys, trust
from crypto.errors import BundleRejected, Reason
from crypto.issuer import new_issuer
from tests.member_codes import T0, make_issuer, trust_of


def refused(action) -> Reason:
    with pytest.raises(BundleRejected) as info:
        action()
    return info.value.reason


def test_bundle_round_trip_keeps_keys_revocations_and_policy():
    issuer = make_issuer().revoke(now=T0, member="M9", cert_id=b"\x07" * 8)
    store = trust_of(issuer)
    assert store.version == 2
    assert store.keys_for(issuer.signing_kid)[0][0].public == keys.public_raw(issuer.signing_key)
    assert store.is_revoked(b"\x07" * 8, "anyone")
    assert store.is_revoked(b"\x00", "M9")
    assert not store.is_revoked(b"\x00", "M1")
    assert store.policy["skew_back_steps"] == 1


def test_bundle_from_another_root_is_refused_by_a_pinned_terminal():
    ours, theirs = make_issuer(), make_issuer()
    reason = refused(
        lambda: trust.TrustStore.from_bundle(theirs.signed_bundle(), ours.bundle.root_public)
    )
    assert reason is Reason.WRONG_ROOT
    assert (
        refused(lambda: trust_of(ours).accept_update(theirs.signed_bundle())) is Reason.WRONG_ROOT
    )


def test_bundle_naming_our_root_but_signed_by_another_key_is_refused():
    ours, forger = make_issuer(), new_issuer(T0)
    content = replace(forger.bundle, root_public=ours.bundle.root_public)
    payload = cbor2.loads(
        cose.decode(trust.sign_bundle(forger.bundle, forger.root_key), max_size=4096).payload
    )
    payload["root"] = ours.bundle.root_public
    forged = cose.sign(cbor2.dumps(payload), forger.root_key)
    assert content.root_public == ours.bundle.root_public
    assert refused(lambda: trust_of(ours).accept_update(forged)) is Reason.WRONG_ROOT
    assert refused(lambda: trust.TrustStore.from_bundle(forged)) is Reason.BAD_SIGNATURE


def test_newer_bundle_replaces_and_older_is_refused():
    v1 = make_issuer()
    v2 = v1.revoke(now=T0, member="M1")
    current = trust_of(v1).accept_update(v2.signed_bundle())
    assert current.version == 2 and current.is_revoked(b"", "M1")
    assert refused(lambda: current.accept_update(v1.signed_bundle())) is Reason.OLDER_BUNDLE
    assert current.accept_update(v2.signed_bundle()).version == 2


def test_different_bundle_with_the_same_version_is_refused():
    v1 = make_issuer()
    fork = replace(v1, bundle=replace(v1.bundle, revoked_members=frozenset({"X"})))
    assert refused(lambda: trust_of(v1).accept_update(fork.signed_bundle())) is Reason.OLDER_BUNDLE


@pytest.mark.parametrize("raw", [b"", b"\xa0", b"\x84" + b"\x40" * 4, b"garbage" * 10])
def test_damaged_bundle_is_malformed(raw):
    assert refused(lambda: trust.TrustStore.from_bundle(raw)) is Reason.MALFORMED


def test_signing_a_bundle_for_another_root_is_a_programming_error():
    issuer = make_issuer()
    with pytest.raises(ValueError):
        trust.sign_bundle(issuer.bundle, keys.generate())
