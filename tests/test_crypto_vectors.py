"""Official vectors: RFC 8032 7.1, Wycheproof Ed25519, COSE WG EdDSA-01, RFC 6238, RFC 9285."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import base45
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from crypto import cose, keys
from crypto.timestep import manual_code, time_step

VECTORS = Path(__file__).parent / "vectors"

# RFC 8032 section 7.1: TEST 1, TEST 2, TEST 3 and TEST SHA(abc).
RFC8032 = [
    (
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
        "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    ),
    (
        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
        "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
    ),
    (
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
        "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
    ),
    (
        "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
        "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
        "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
        "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589"
        "09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704",
    ),
]


@pytest.mark.parametrize(("secret", "public", "message", "signature"), RFC8032)
def test_rfc8032_signatures_reproduce_and_verify(secret, public, message, signature):
    key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(secret))
    assert keys.public_raw(key).hex() == public
    assert key.sign(bytes.fromhex(message)).hex() == signature
    pub = keys.public_from_raw(bytes.fromhex(public))
    assert keys.verify(pub, bytes.fromhex(signature), bytes.fromhex(message))
    assert not keys.verify(pub, bytes.fromhex(signature), bytes.fromhex(message) + b"\x00")


def _wycheproof_cases():
    data = json.loads((VECTORS / "wycheproof" / "ed25519_test.json").read_text())
    for group in data["testGroups"]:
        for case in group["tests"]:
            yield pytest.param(group["publicKey"]["pk"], case, id=f"tc{case['tcId']}")


@pytest.mark.parametrize(("public", "case"), list(_wycheproof_cases()))
def test_wycheproof_ed25519(public, case):
    try:
        pub = keys.public_from_raw(bytes.fromhex(public))
        accepted = keys.verify(pub, bytes.fromhex(case["sig"]), bytes.fromhex(case["msg"]))
    except ValueError:
        accepted = False
    assert accepted == (case["result"] == "valid"), case["comment"]


def test_wycheproof_file_is_complete():
    data = json.loads((VECTORS / "wycheproof" / "ed25519_test.json").read_text())
    assert sum(len(g["tests"]) for g in data["testGroups"]) == data["numberOfTests"] == 151


def test_cose_wg_eddsa_sig_01_reproduced_byte_for_byte():
    example = json.loads((VECTORS / "cose" / "eddsa-sig-01.json").read_text())
    key_info = example["input"]["sign0"]["key"]
    key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(key_info["d_hex"]))
    produced = cose.sign(
        example["input"]["plaintext"].encode(),
        key,
        protected={3: 0},
        unprotected={cose.HEADER_KID: key_info["kid"].encode()},
    )
    assert produced.hex().upper() == example["output"]["cbor"]
    decoded = cose.decode(bytes.fromhex(example["output"]["cbor"]), max_size=1024)
    assert decoded.to_be_signed().hex().upper() == example["intermediates"]["ToBeSign_hex"]
    assert decoded.verify(keys.public_from_raw(bytes.fromhex(key_info["x_hex"])))
    assert decoded.payload == b"This is the content."


# RFC 6238 appendix B, SHA-1 rows: time, T (hex), TOTP.
RFC6238 = [
    (59, 0x1, "94287082"),
    (1111111109, 0x23523EC, "07081804"),
    (1111111111, 0x23523ED, "14050471"),
    (1234567890, 0x273EF07, "89005924"),
    (2000000000, 0x3F940AA, "69279037"),
    (20000000000, 0x27BC86AA, "65353130"),
]


@pytest.mark.parametrize(("at", "step", "totp"), RFC6238)
def test_rfc6238_time_steps_and_manual_codes(at, step, totp):
    assert time_step(at) == step
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert manual_code(secret, at) == totp


# RFC 9285 section 4 examples.
RFC9285 = [(b"AB", "BB8"), (b"Hello!!", "%69 VD92EX0"), (b"base-45", "UJCLQE7W581")]


@pytest.mark.parametrize(("raw", "text"), RFC9285)
def test_rfc9285_base45_examples(raw, text):
    assert base45.b45encode(raw).decode() == text
    assert base45.b45decode(text) == raw


def test_rfc9285_decoding_example():
    assert base45.b45decode("QED8WEX0") == b"ietf!"
