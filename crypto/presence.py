"""Presence proofs: the issuer's word that a member identified themselves at one checkout.

When a member cannot show a code, the terminal sends the member number and the 8-digit manual
code (crypto.timestep.manual_code) to the backend, which alone holds the member's secret. The
backend answers with a presence proof: a COSE_Sign1 by an issuer signing key (``kid``
protected) over a CBOR map naming the member, their tier and balance, the terminal, store and
checkout it was asked for, and a short validity. The member events of that checkout carry it in
place of a scanned code (docs/protocol.md, "Manual identification").

Pure: no clock, file or network. ``verify_presence`` checks the issuer signature and the
validity at ``at``; whether the proof fits *this* terminal, store, checkout and member is the
caller's question, since each caller names its own refusal.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from crypto import cose
from crypto.cbor import dumps
from crypto.errors import CodeRejected, Reason
from crypto.trust import TrustStore
from crypto.verify import ISSUE_LEEWAY_SECONDS, decode_sign1, verify_issuer_signature

PROOF_TYPE = "presence"
PROOF_ID_SIZE = 16
MAX_PROOF_SIZE = 1024
# A proof serves one checkout: long enough to ring it up, short enough not to be kept.
MAX_LIFETIME_SECONDS = 3600
MAX_TEXT_CHARS = 128
_TEXT_FIELDS = ("sub", "tier", "term", "store", "chk")
_INT_FIELDS = ("pts", "pts_at", "iat", "exp")
_FIELDS = {"typ", "id", *_TEXT_FIELDS, *_INT_FIELDS}


@dataclass(frozen=True)
class PresenceProof:
    """What the issuer vouches for: this member was identified at this checkout."""

    proof_id: bytes
    member: str
    tier: str
    balance: int
    balance_as_of: int
    terminal: str
    store: str
    checkout: str
    issued_at: int
    expires_at: int

    @property
    def code_id(self) -> str:
        """The id events carry as ``code_id``; claimed like a code's: one checkout, one terminal."""
        return f"presence/{self.proof_id.hex()}"


def issue(proof: PresenceProof, signing_key: Ed25519PrivateKey, kid: bytes) -> bytes:
    """Sign a presence proof with an issuer signing key."""
    payload = {
        "typ": PROOF_TYPE,
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
    parse(payload)  # never sign what a verifier would refuse
    return cose.sign(dumps(payload), signing_key, protected={cose.HEADER_KID: kid})


def parse(payload: object) -> PresenceProof:
    """Type-check a decoded proof payload; raises ValueError naming the bad field."""
    if not isinstance(payload, Mapping):
        raise ValueError("a presence proof must be a map")
    unknown = set(payload) - _FIELDS
    if unknown:
        raise ValueError(f"unknown presence proof fields {sorted(map(str, unknown))}")
    if payload.get("typ") != PROOF_TYPE:
        raise ValueError(f"typ must be {PROOF_TYPE!r}")
    proof_id = payload.get("id")
    if not isinstance(proof_id, bytes) or len(proof_id) != PROOF_ID_SIZE:
        raise ValueError(f"id must be {PROOF_ID_SIZE} bytes")
    for name in _TEXT_FIELDS:
        value = payload.get(name)
        if not isinstance(value, str) or not 0 < len(value) <= MAX_TEXT_CHARS:
            raise ValueError(f"{name} must be text of 1 to {MAX_TEXT_CHARS} characters")
    for name in _INT_FIELDS:
        value = payload.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or abs(value) >= 2**53:
            raise ValueError(f"{name} must be an integer")
    if not 0 < payload["exp"] - payload["iat"] <= MAX_LIFETIME_SECONDS:
        raise ValueError(f"a proof lives more than 0 and at most {MAX_LIFETIME_SECONDS} s")
    return PresenceProof(
        proof_id=proof_id,
        member=payload["sub"],
        tier=payload["tier"],
        balance=payload["pts"],
        balance_as_of=payload["pts_at"],
        terminal=payload["term"],
        store=payload["store"],
        checkout=payload["chk"],
        issued_at=payload["iat"],
        expires_at=payload["exp"],
    )


def verify_presence(raw: bytes, trust: TrustStore, at: float) -> PresenceProof:
    """The proof, when an issuer key of ``trust`` signed it and it is valid at ``at``.

    Raises CodeRejected: ``malformed``, ``unsupported``, ``unknown_key``, ``weak_key``,
    ``bad_signature``, ``not_yet_valid``, ``expired``, ``revoked`` (the member is revoked in
    the bundle). Nothing in the payload is read before the signature over it has verified.
    """
    message = decode_sign1(raw, MAX_PROOF_SIZE, "presence proof")
    _, payload = verify_issuer_signature(message, trust, at, "presence proof")
    try:
        proof = parse(payload)
    except ValueError as exc:
        raise CodeRejected(Reason.MALFORMED, f"presence proof: {exc}") from exc
    if at < proof.issued_at - ISSUE_LEEWAY_SECONDS:
        raise CodeRejected(Reason.NOT_YET_VALID, "presence proof issued in the future")
    if at >= proof.expires_at:
        raise CodeRejected(Reason.EXPIRED, "the presence proof has expired")
    if proof.member in trust.content.revoked_members:
        raise CodeRejected(Reason.REVOKED, f"member {proof.member} is revoked")
    return proof


def to_text(raw: bytes) -> str:
    """The proof as events and replies carry it: standard base64."""
    return base64.b64encode(raw).decode()


def from_text(text: str) -> bytes:
    """The proof's bytes from its base64 or hex text; CodeRejected ``malformed`` otherwise."""
    if not isinstance(text, str) or not text or len(text) > 2 * MAX_PROOF_SIZE:
        raise CodeRejected(Reason.MALFORMED, "a presence proof is base64 or hex text")
    try:
        if all(c in "0123456789abcdefABCDEF" for c in text) and len(text) % 2 == 0:
            return bytes.fromhex(text)
        return base64.b64decode(text, validate=True)
    except (ValueError, binascii.Error):
        raise CodeRejected(Reason.MALFORMED, "a presence proof is base64 or hex text") from None
