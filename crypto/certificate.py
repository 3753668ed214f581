"""The member certificate: an issuer-signed CWT (RFC 8392) in COSE_Sign1.

Claims (CBOR map): 2 sub = member id, 4 exp, 6 iat, 7 cti = certificate id,
8 cnf = {1: COSE_Key} (RFC 8747) holding the device's Ed25519 key, and the private claims
"tier", "pts" (points balance), "pts_at" (the balance's as-of time; absent when it
equals iat) and "pos" (the member's ledger position the balance includes, docs/counter.md;
absent in certificates of balance model 1, which terminals then judge by the as-of time).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from crypto import cose, keys
from crypto.cbor import dumps, loads_strict

MAX_LIFETIME_SECONDS = 30 * 24 * 3600
MAX_MEMBER_ID_CHARS = 64
MAX_TIER_CHARS = 32

CLAIM_SUB, CLAIM_EXP, CLAIM_IAT, CLAIM_CTI, CLAIM_CNF = 2, 4, 6, 7, 8
CNF_COSE_KEY = 1
# COSE_Key for an Ed25519 public key: kty OKP (1), crv Ed25519 (6), x.
KTY, KTY_OKP, CRV, CRV_ED25519, X = 1, 1, -1, 6, -2


@dataclass(frozen=True)
class MemberClaims:
    """What the issuer vouches for about a member and their phone."""

    member: str
    device_public: bytes
    tier: str
    balance: int
    balance_as_of: int
    cert_id: bytes
    issued_at: int
    expires_at: int
    # The last ledger position the balance holds; None in a model-1 certificate.
    balance_position: int | None = None


def issue(claims: MemberClaims, signing_key: Ed25519PrivateKey, kid: bytes) -> bytes:
    """Sign the claims as a CWT with ``kid`` in the protected header.

    Raises keys.WeakKey for a device key anyone could sign for: the issuer never vouches for it.
    """
    if claims.expires_at - claims.issued_at > MAX_LIFETIME_SECONDS:
        raise ValueError("a member certificate may be valid for 30 days at most")
    keys.check_public_key(claims.device_public)
    # Untagged: it travels inside a code whose QR version must stay at 12.
    return cose.sign(
        encode_claims(claims), signing_key, protected={cose.HEADER_KID: kid}, tagged=False
    )


def encode_claims(claims: MemberClaims) -> bytes:
    """The CWT claims set as canonical CBOR, unchecked (tests build hostile certificates)."""
    payload: dict[int | str, object] = {
        CLAIM_SUB: claims.member,
        CLAIM_EXP: claims.expires_at,
        CLAIM_IAT: claims.issued_at,
        CLAIM_CTI: claims.cert_id,
        CLAIM_CNF: {CNF_COSE_KEY: {KTY: KTY_OKP, CRV: CRV_ED25519, X: claims.device_public}},
        "tier": claims.tier,
        "pts": claims.balance,
    }
    # The as-of time is nearly always the issue time; leaving it out then keeps codes small.
    if claims.balance_as_of != claims.issued_at:
        payload["pts_at"] = claims.balance_as_of
    if claims.balance_position is not None:
        payload["pos"] = claims.balance_position
    return dumps(payload)


def claims_of(cert: bytes) -> MemberClaims:
    """The claims of a certificate, signature NOT checked: for the issuer's own records."""
    message = cose.decode(cert, max_size=1024)
    return parse_claims(loads_strict(message.payload, max_size=1024))


def parse_claims(claims: object) -> MemberClaims:
    """Type-check decoded claims; raises ValueError naming the first bad claim."""
    if not isinstance(claims, Mapping):
        raise ValueError("certificate claims must be a map")
    member = _text(claims, CLAIM_SUB, MAX_MEMBER_ID_CHARS)
    tier = _text(claims, "tier", MAX_TIER_CHARS)
    cert_id = claims.get(CLAIM_CTI)
    if not isinstance(cert_id, bytes) or not 1 <= len(cert_id) <= 32:
        raise ValueError("certificate id (cti) must be 1 to 32 bytes")
    issued_at, expires_at = _int(claims, CLAIM_IAT), _int(claims, CLAIM_EXP)
    if not 0 < expires_at - issued_at <= MAX_LIFETIME_SECONDS:
        raise ValueError("certificate lifetime must be between 0 and 30 days")
    return MemberClaims(
        member=member,
        device_public=_device_key(claims.get(CLAIM_CNF)),
        tier=tier,
        balance=_int(claims, "pts", signed=True),
        balance_as_of=_int(claims, "pts_at") if "pts_at" in claims else issued_at,
        cert_id=cert_id,
        issued_at=issued_at,
        expires_at=expires_at,
        balance_position=_int(claims, "pos") if "pos" in claims else None,
    )


def _device_key(cnf: object) -> bytes:
    if not isinstance(cnf, Mapping) or not isinstance(cnf.get(CNF_COSE_KEY), Mapping):
        raise ValueError("cnf must hold a COSE_Key")
    cose_key: Mapping[Any, Any] = cnf[CNF_COSE_KEY]
    if cose_key.get(KTY) != KTY_OKP or cose_key.get(CRV) != CRV_ED25519:
        raise ValueError("the device key must be an Ed25519 OKP key")
    x = cose_key.get(X)
    if not isinstance(x, bytes) or len(x) != keys.PUBLIC_KEY_SIZE:
        raise ValueError("the device key must be 32 bytes")
    return x


def _text(claims: Mapping[Any, Any], name: object, limit: int) -> str:
    value = claims.get(name)
    if not isinstance(value, str) or not 0 < len(value) <= limit:
        raise ValueError(f"claim {name!r} must be text of 1 to {limit} characters")
    return value


def _int(claims: Mapping[Any, Any], name: object, *, signed: bool = False) -> int:
    value = claims.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or (value < 0 and not signed):
        raise ValueError(f"claim {name!r} must be an integer")
    if abs(value) >= 2**53:
        raise ValueError(f"claim {name!r} is out of range")
    return value
