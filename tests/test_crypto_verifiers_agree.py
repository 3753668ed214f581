"""libsodium (crypto.keys.verify) and OpenSSL give the same verdict on what we verify.

crypto.keys.verify moved from OpenSSL to libsodium for speed. A code, batch or bundle that one
verifier takes and the other refuses would split a terminal that runs one from a backend that
runs the other, so the two are compared on every Wycheproof vector and on signatures a test
damages the way an attacker would: a flipped bit, a message changed, S + L, and R moved by a
point of small order (a malleated signature that a cofactored check would take).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from hypothesis import given, settings
from hypothesis import strategies as st

from crypto import keys
from tests import ed25519_points as ed

VECTORS = Path(__file__).parent / "vectors" / "wycheproof" / "ed25519_test.json"


def _openssl(public: bytes, signature: bytes, message: bytes) -> bool:
    """OpenSSL's verdict behind the same weak-key checks as crypto.keys.verify."""
    if keys.point_weakness(public) is not None:
        return False
    try:
        keys.check_signature(signature)
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
    except (keys.WeakKey, InvalidSignature, ValueError):
        return False
    return True


def _libsodium(public: bytes, signature: bytes, message: bytes) -> bool:
    try:
        return keys.verify(keys.public_from_raw(public), signature, message)
    except ValueError:  # not 32 bytes
        return False


def _wycheproof() -> list[tuple[str, dict[str, str]]]:
    data = json.loads(VECTORS.read_text())
    return [(g["publicKey"]["pk"], case) for g in data["testGroups"] for case in g["tests"]]


def test_both_verifiers_agree_on_every_wycheproof_vector() -> None:
    cases = _wycheproof()
    assert len(cases) > 100
    for public, case in cases:
        args = bytes.fromhex(public), bytes.fromhex(case["sig"]), bytes.fromhex(case["msg"])
        expected = case["result"] == "valid"
        assert (_libsodium(*args), _openssl(*args)) == (expected, expected), case["tcId"]


def _with_torsion_on_r(signature: bytes, which: int) -> bytes:
    r = ed.decode(signature[:32])
    assert r is not None
    return ed.encode(ed.add(r, ed.small_order_points()[which])) + signature[32:]


@settings(max_examples=60, deadline=None)
@given(
    seed=st.binary(min_size=32, max_size=32),
    message=st.binary(max_size=300),
    damage=st.sampled_from(["none", "bit", "message", "s_plus_l", "torsion"]),
    where=st.integers(min_value=0, max_value=511),
)
def test_both_verifiers_agree_on_damaged_signatures(
    seed: bytes, message: bytes, damage: str, where: int
) -> None:
    key = Ed25519PrivateKey.from_private_bytes(seed)
    public = keys.public_raw(key)
    signature = key.sign(message)
    if damage == "bit":
        flipped = bytearray(signature)
        flipped[where // 8] ^= 1 << (where % 8)
        signature = bytes(flipped)
    elif damage == "message":
        message += b"\x00"
    elif damage == "s_plus_l":  # the same S modulo L: the malleated twin OpenSSL once took
        s = int.from_bytes(signature[32:], "little") + ed.L  # below 2^254: S < L < 2^253
        signature = signature[:32] + s.to_bytes(32, "little")
    elif damage == "torsion":
        signature = _with_torsion_on_r(signature, 1 + where % 7)
    verdict = _libsodium(public, signature, message)
    assert verdict == _openssl(public, signature, message)
    assert verdict == (damage == "none")


@pytest.mark.parametrize("which", range(1, 8))
def test_r_moved_by_each_small_order_point_is_refused_by_both(which: int) -> None:
    key = Ed25519PrivateKey.generate()
    public, message = keys.public_raw(key), b"a member code"
    malleated = _with_torsion_on_r(key.sign(message), which)
    assert not _libsodium(public, malleated, message)
    assert not _openssl(public, malleated, message)
