"""Write tests/vectors/protocol.json: keys, bundles, code texts, times and expected verdicts.

Everything is derived from fixed seeds, so running this again gives the same bytes; the test
suite checks that. The mini program's implementation can be tested against the same file.
Run: .venv/bin/python scripts/make_protocol_vectors.py
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import base45
import cbor2
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from crypto import certificate, cose, keys, presence, trust
from crypto.code import PREFIX, Purpose, make_code
from crypto.documents import Document
from crypto.errors import CodeRejected
from crypto.issuer import DEFAULT_POLICY, Issuer
from crypto.timestep import manual_code, time_step
from crypto.verify import VerifyOptions, verify_code

T = 1_800_000_000
OUT = Path(__file__).resolve().parent.parent / "tests" / "vectors" / "protocol.json"


def seeded(name: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(name.encode()).digest())


def private_hex(key: Ed25519PrivateKey) -> str:
    return key.private_bytes_raw().hex()


def build_issuer(root: Ed25519PrivateKey, signing: Ed25519PrivateKey) -> Issuer:
    public = keys.public_raw(signing)
    content = trust.BundleContent(
        version=1,
        issued_at=T - 86400,
        root_public=keys.public_raw(root),
        keys=(trust.IssuerKey(keys.kid_for(public), public, T - 86400, T + 365 * 86400),),
        policy=dict(DEFAULT_POLICY),
    )
    return Issuer(root_key=root, signing_key=signing, bundle=content)


# The identity point: a small-order "key" for which R = identity, S = 0 verifies under OpenSSL.
IDENTITY_POINT = bytes([1]) + bytes(31)
GROUP_L = keys.GROUP_L


def member_cert(issuer: Issuer, device: Ed25519PrivateKey | bytes, member: str) -> bytes:
    public = device if isinstance(device, bytes) else keys.public_raw(device)
    claims = certificate.MemberClaims(
        member=member,
        device_public=public,
        tier="gold",
        balance=1280,
        balance_as_of=T - 3600,
        cert_id=hashlib.sha256(member.encode()).digest()[:8],
        issued_at=T - 3600,
        expires_at=T - 3600 + 7 * 86400,
    )
    # Signed directly, not with certificate.issue (which refuses weak keys): the vectors must
    # hold a certificate that a careless issuer could have made.
    protected = {cose.HEADER_KID: issuer.signing_kid}
    return cose.sign(
        certificate.encode_claims(claims), issuer.signing_key, protected=protected, tagged=False
    )


def small_order_encodings() -> list[bytes]:
    """The 14 encodings every key and R is checked against (docs/protocol.md, weak_key)."""
    found: list[bytes] = []
    for y in sorted(keys.SMALL_ORDER_Y):
        found += [(y | sign << 255).to_bytes(32, "little") for sign in (0, 1)]
    for y in (0, 1):  # y + p still fits in 255 bits: a second, non-canonical encoding
        found += [(y + keys.FIELD_P | sign << 255).to_bytes(32, "little") for sign in (0, 1)]
    return found


def resigned(code_text: str, signature: bytes) -> str:
    """The same code with its device signature replaced by ``signature``."""
    item = cbor2.loads(base45.b45decode(code_text[len(PREFIX) :]))
    item[3] = signature
    return PREFIX + base45.b45encode(cbor2.dumps(item)).decode()


def weak_signatures(code_text: str) -> tuple[str, str, str]:
    """(S + L, small-order R, identity-key) variants of a valid code, in that order."""
    item = cbor2.loads(base45.b45decode(code_text[len(PREFIX) :]))
    signature = item[3]
    s = int.from_bytes(signature[32:], "little")
    plus_l = signature[:32] + (s + GROUP_L).to_bytes(32, "little")
    small_r = IDENTITY_POINT + signature[32:]
    return resigned(code_text, plus_l), resigned(code_text, small_r), IDENTITY_POINT + bytes(32)


def build() -> dict[str, Any]:
    root, signing, device = seeded("vector root"), seeded("vector signing"), seeded("vector device")
    issuer = build_issuer(root, signing)
    revoked = replace(
        issuer, bundle=replace(issuer.bundle, version=2, revoked_members=frozenset({"M1001"}))
    )
    stranger = build_issuer(seeded("stranger root"), seeded("stranger signing"))
    cert = member_cert(issuer, device, "M1001")
    order = issuer.sign_document(
        Document(
            typ="pickup",
            doc_id="O-2001",
            member="M1001",
            not_before=T - 86400,
            expires_at=T + 86400,
            stores=("S1",),
            body={"items": [{"sku": "MUG-01", "qty": 2}]},
        )
    )

    def code(
        at: int,
        counter: int,
        purpose: Purpose = Purpose.CHECKOUT,
        *,
        cert_bytes: bytes = cert,
        document: bytes | None = None,
    ) -> str:
        return make_code(
            cert_bytes,
            device,
            step=time_step(at),
            counter=counter,
            purpose=purpose,
            document=document,
        )

    checkout = code(T, 1)
    s_plus_l, small_r, identity_signature = weak_signatures(checkout)
    tampered = checkout[:-3] + ("0" if checkout[-3] != "0" else "1") + checkout[-2:]
    cases: list[dict[str, Any]] = [
        {"name": "valid checkout", "code": checkout, "at": T},
        {"name": "one step late is within skew", "code": checkout, "at": T + 30},
        {"name": "three steps late is stale", "code": checkout, "at": T + 90},
        {"name": "phone clock ahead is future", "code": code(T + 90, 2), "at": T},
        {"name": "one character changed", "code": tampered, "at": T},
        {"name": "member revoked in bundle v2", "code": checkout, "at": T, "bundle": "revoked"},
        {
            "name": "certificate from an unknown issuer",
            "at": T,
            "code": code(T, 3, cert_bytes=member_cert(stranger, device, "M1001")),
        },
        {"name": "expired certificate", "code": code(T + 8 * 86400, 4), "at": T + 8 * 86400},
        {
            "name": "pickup order at its store",
            "at": T,
            "options": {"purpose": "pickup", "store": "S1"},
            "code": code(T, 5, Purpose.PICKUP, document=order),
        },
        {
            "name": "pickup order at another store",
            "at": T,
            "options": {"store": "S2"},
            "code": code(T, 6, Purpose.PICKUP, document=order),
        },
        {
            "name": "check-in code where checkout expected",
            "at": T,
            "options": {"purpose": "checkout"},
            "code": code(T, 7, Purpose.CHECKIN),
        },
        {"name": "newer protocol version", "code": "LP2:" + checkout[4:], "at": T},
        {"name": "not a member code", "code": "https://example.com/", "at": T},
        {"name": "code signature with S + L (not canonical)", "code": s_plus_l, "at": T},
        {"name": "code signature with small-order R", "code": small_r, "at": T},
        {
            "name": "certificate with a small-order device key (identity, S = 0)",
            "at": T,
            "code": resigned(
                code(T, 8, cert_bytes=member_cert(issuer, IDENTITY_POINT, "M1001")),
                identity_signature,
            ),
        },
    ]
    bundles = {"current": issuer.signed_bundle(), "revoked": revoked.signed_bundle()}
    for case in cases:
        case.setdefault("bundle", "current")
        case.setdefault("options", {})
        case["expected"] = expected(case, bundles, keys.public_raw(root))
    proofs = presence_cases(issuer, stranger)
    for case in proofs:
        case.setdefault("bundle", "current")
        case["expected"] = expected_presence(case, bundles, keys.public_raw(root))
    return {
        "description": "loyalty-terminal protocol LP1 test vectors; see docs/protocol.md",
        "time_step_seconds": 30,
        "keys": {
            "root_private": private_hex(root),
            "root_public": keys.public_raw(root).hex(),
            "signing_private": private_hex(signing),
            "signing_kid": issuer.signing_kid.hex(),
            "device_private": private_hex(device),
            "device_public": keys.public_raw(device).hex(),
        },
        "bundles": {name: raw.hex() for name, raw in bundles.items()},
        "small_order_encodings": [e.hex() for e in small_order_encodings()],
        "certificate": cert.hex(),
        "pickup_order": order.hex(),
        "cases": cases,
        "presence_proofs": proofs,
        "manual_codes": [
            {"secret": MANUAL_SECRET, "at": at, "code": manual_code(MANUAL_SECRET, at)}
            for at in (T, T + 29, T + 30)
        ],
    }


# 20 seeded bytes in RFC 4648 base32, as the backend makes a member's manual-code secret.
MANUAL_SECRET = base64.b32encode(hashlib.sha256(b"vector manual code").digest()[:20]).decode()


def presence_cases(issuer: Issuer, stranger: Issuer) -> list[dict[str, Any]]:
    """Presence proofs (docs/protocol.md, "Manual identification") and their verdicts."""
    proof = presence.PresenceProof(
        proof_id=hashlib.sha256(b"vector presence").digest()[:16],
        member="M1001",
        tier="gold",
        balance=1280,
        balance_as_of=T,
        terminal="T-0001",
        store="S1",
        checkout="K-42",
        issued_at=T,
        expires_at=T + 600,
    )
    good = issuer.sign_presence(proof)
    parts = list(cbor2.loads(good).value)
    payload = bytearray(parts[2])
    payload[-1] ^= 1  # the last byte of exp
    parts[2] = bytes(payload)
    changed = cbor2.dumps(cbor2.CBORTag(cose.TAG_SIGN1, parts))
    return [
        {"name": "valid presence proof", "proof": good.hex(), "at": T + 60},
        {"name": "presence proof past its exp", "proof": good.hex(), "at": T + 600},
        {
            "name": "presence proof, member revoked",
            "proof": good.hex(),
            "at": T,
            "bundle": "revoked",
        },
        {
            "name": "presence proof by an unknown issuer",
            "proof": stranger.sign_presence(proof).hex(),
            "at": T,
        },
        {"name": "presence proof with a changed byte", "proof": changed.hex(), "at": T},
    ]


def expected_presence(
    case: dict[str, Any], bundles: dict[str, bytes], root: bytes
) -> dict[str, Any]:
    store = trust.TrustStore.from_bundle(bundles[case["bundle"]], root)
    try:
        proof = presence.verify_presence(bytes.fromhex(case["proof"]), store, case["at"])
    except CodeRejected as exc:
        return {"ok": False, "reason": exc.reason.value}
    return {
        "ok": True,
        "member": proof.member,
        "tier": proof.tier,
        "balance": proof.balance,
        "terminal": proof.terminal,
        "store": proof.store,
        "checkout": proof.checkout,
        "expires_at": proof.expires_at,
        "code_id": proof.code_id,
    }


def expected(case: dict[str, Any], bundles: dict[str, bytes], root: bytes) -> dict[str, Any]:
    store = trust.TrustStore.from_bundle(bundles[case["bundle"]], root)
    options = case["options"]
    purpose = Purpose(options["purpose"]) if "purpose" in options else None
    try:
        v = verify_code(
            case["code"],
            store,
            case["at"],
            VerifyOptions(purpose=purpose, store=options.get("store")),
        )
    except CodeRejected as exc:
        return {"ok": False, "reason": exc.reason.value}
    return {
        "ok": True,
        "member": v.member,
        "tier": v.tier,
        "balance": v.balance,
        "purpose": v.purpose.value,
        "step": v.step,
        "counter": v.counter,
        "code_id": v.code_id,
        "document": v.document.doc_id if v.document else None,
    }


def render() -> str:
    return json.dumps(build(), indent=2) + "\n"


if __name__ == "__main__":
    OUT.write_text(render())
    print(f"wrote {OUT}", file=sys.stderr)
