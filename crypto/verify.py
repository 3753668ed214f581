"""Verify a scanned member code: a pure function of the text, the trust store and the time.

Checks run in the order given in docs/protocol.md; the first failure raises CodeRejected with
its reason. No field is acted upon before the signature that covers it has been verified.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from crypto import certificate, cose, documents, keys
from crypto.base45 import b45decode
from crypto.cbor import CborError, loads_strict
from crypto.code import (
    DOCUMENT_FOR_PURPOSE,
    KEY_CERT,
    KEY_COUNTER,
    KEY_DOCUMENT,
    KEY_PURPOSE,
    KEY_STEP,
    PREFIX,
    PURPOSE_FROM_WIRE,
    Purpose,
)
from crypto.errors import CodeRejected, Reason
from crypto.timestep import time_step
from crypto.trust import TrustStore

MAX_CODE_CHARS = 2048
MAX_CERT_SIZE = 512
MAX_DOCUMENT_SIZE = 1024
# A terminal clock a few minutes behind the issuer must not refuse a fresh certificate.
ISSUE_LEEWAY_SECONDS = 300
_OTHER_VERSION = re.compile(r"^LP[0-9]+:")


@dataclass(frozen=True)
class VerifyOptions:
    """What the terminal expects of a code; skew is counted in 30-second steps."""

    skew_back_steps: int = 1
    skew_forward_steps: int = 1
    purpose: Purpose | None = None
    store: str | None = None
    max_chars: int = MAX_CODE_CHARS


@dataclass(frozen=True)
class VerifiedCode:
    """A code that passed every check; ``code_id`` names it for replay detection."""

    member: str
    tier: str
    balance: int
    balance_as_of: int
    cert_id: bytes
    cert_expires_at: int
    device_public: bytes
    step: int
    counter: int
    purpose: Purpose
    issuer_kid: bytes
    document: documents.Document | None
    # The ledger position the balance includes; None for a model-1 certificate (docs/counter.md).
    balance_position: int | None = None

    @property
    def code_id(self) -> str:
        """What was signed, not the text: a re-encoded copy has the same id."""
        device = keys.kid_for(self.device_public).hex()
        return f"{self.member}/{device}/{self.step}/{self.counter}"


@dataclass(frozen=True)
class _Envelope:
    outer: cose.Sign1
    cert: cose.Sign1
    fields: Mapping[int, Any]


def verify_code(
    text: str, trust: TrustStore, at: float, options: VerifyOptions | None = None
) -> VerifiedCode:
    """Return the verified code, or raise CodeRejected with the first failed check's reason."""
    options = options or VerifyOptions()
    envelope = _decode(text, options.max_chars)
    issuer_kid, claims = _verify_certificate(envelope.cert, trust, at)
    device = keys.public_from_raw(claims.device_public)
    _check_signature_encoding(envelope.outer.signature, "code")
    if not envelope.outer.verify(device):
        raise CodeRejected(Reason.BAD_SIGNATURE, "the device signature does not verify")
    purpose, step, counter = _signed_fields(envelope.fields)
    document = _verify_document(envelope.fields.get(KEY_DOCUMENT), purpose, claims, trust, at)
    _check_purpose_and_store(purpose, document, options)
    _check_time_step(step, at, options)
    return VerifiedCode(
        member=claims.member,
        tier=claims.tier,
        balance=claims.balance,
        balance_as_of=claims.balance_as_of,
        cert_id=claims.cert_id,
        cert_expires_at=claims.expires_at,
        device_public=claims.device_public,
        step=step,
        counter=counter,
        purpose=purpose,
        issuer_kid=issuer_kid,
        document=document,
        balance_position=claims.balance_position,
    )


def _decode(text: str, max_chars: int) -> _Envelope:
    if not isinstance(text, str):
        raise CodeRejected(Reason.MALFORMED, "a code must be text")
    if len(text) > max_chars:
        raise CodeRejected(Reason.TOO_LARGE, f"{len(text)} characters exceeds {max_chars}")
    if not text.startswith(PREFIX):
        if _OTHER_VERSION.match(text):
            raise CodeRejected(Reason.UNSUPPORTED, f"code version {text.split(':')[0]}")
        raise CodeRejected(Reason.MALFORMED, "not a loyalty member code")
    try:
        raw = b45decode(text[len(PREFIX) :])
    except (ValueError, binascii.Error, KeyError, IndexError) as exc:
        raise CodeRejected(Reason.MALFORMED, f"base45: {exc}") from exc
    outer = decode_sign1(raw, max_chars, "code")
    try:
        fields = loads_strict(outer.payload, max_size=max_chars)
    except CborError as exc:
        raise CodeRejected(Reason.MALFORMED, f"code payload: {exc}") from exc
    if not isinstance(fields, Mapping) or not isinstance(fields.get(KEY_CERT), bytes):
        raise CodeRejected(Reason.MALFORMED, "code payload must be a map holding a certificate")
    unknown = set(fields) - {KEY_CERT, KEY_STEP, KEY_COUNTER, KEY_PURPOSE, KEY_DOCUMENT}
    if unknown:
        raise CodeRejected(Reason.MALFORMED, f"unknown code fields {sorted(map(str, unknown))}")
    cert = decode_sign1(fields[KEY_CERT], MAX_CERT_SIZE, "certificate")
    return _Envelope(outer=outer, cert=cert, fields=fields)


def decode_sign1(raw: bytes, max_size: int, what: str) -> cose.Sign1:
    """Parse a COSE_Sign1; its structural faults become CodeRejected (malformed, unsupported)."""
    try:
        return cose.decode(raw, max_size=max_size)
    except cose.CoseError as exc:
        reason = Reason.UNSUPPORTED if exc.unsupported else Reason.MALFORMED
        raise CodeRejected(reason, f"{what}: {exc}") from exc


def verify_issuer_signature(
    message: cose.Sign1, trust: TrustStore, at: float, what: str
) -> tuple[bytes, Any]:
    """Find the issuer key by protected kid, verify, check its window; return kid and payload.

    Shared by certificates, documents and presence proofs (crypto.presence).
    """
    kid = message.kid
    if kid is None:
        raise CodeRejected(Reason.MALFORMED, f"{what} has no protected kid")
    if not trust.keys_for(kid):
        raise CodeRejected(Reason.UNKNOWN_KEY, f"{what} signed by unknown key {kid.hex()}")
    _check_signature_encoding(message.signature, what)
    issuer_key = trust.signer_of(message)
    if issuer_key is None:
        raise CodeRejected(Reason.BAD_SIGNATURE, f"{what} signature does not verify")
    if at < issuer_key.not_before:
        raise CodeRejected(Reason.NOT_YET_VALID, f"issuer key {kid.hex()} not valid yet")
    if at >= issuer_key.expires_at:
        raise CodeRejected(Reason.EXPIRED, f"issuer key {kid.hex()} has expired")
    try:
        payload = loads_strict(message.payload, max_size=MAX_DOCUMENT_SIZE)
    except CborError as exc:
        raise CodeRejected(Reason.MALFORMED, f"{what} payload: {exc}") from exc
    return kid, payload


def _verify_certificate(
    cert: cose.Sign1, trust: TrustStore, at: float
) -> tuple[bytes, certificate.MemberClaims]:
    kid, payload = verify_issuer_signature(cert, trust, at, "certificate")
    try:
        claims = certificate.parse_claims(payload)
    except ValueError as exc:
        raise CodeRejected(Reason.MALFORMED, f"certificate: {exc}") from exc
    if at < claims.issued_at - ISSUE_LEEWAY_SECONDS:
        raise CodeRejected(Reason.NOT_YET_VALID, "certificate issued in the future")
    if at >= claims.expires_at:
        raise CodeRejected(Reason.EXPIRED, "member certificate has expired")
    if trust.is_revoked(claims.cert_id, claims.member):
        raise CodeRejected(Reason.REVOKED, f"member {claims.member} or certificate revoked")
    # With a small-order device key anyone can sign "the member's" codes without a private key.
    problem = keys.point_weakness(claims.device_public)
    if problem is not None:
        raise CodeRejected(Reason.WEAK_KEY, f"certificate device key: {problem}")
    return kid, claims


def _check_signature_encoding(signature: bytes, what: str) -> None:
    """A small-order or non-canonical R is refused by name, before any verification.

    S >= L needs no name of its own: keys.verify refuses it, so it is a bad_signature, as a
    damaged signature is.
    """
    problem = keys.point_weakness(signature[: keys.PUBLIC_KEY_SIZE])
    if problem is not None:
        raise CodeRejected(Reason.WEAK_KEY, f"{what} signature R: {problem}")


def _signed_fields(fields: Mapping[int, Any]) -> tuple[Purpose, int, int]:
    step, counter, purpose = fields.get(KEY_STEP), fields.get(KEY_COUNTER), fields.get(KEY_PURPOSE)
    for name, value in (("time step", step), ("counter", counter)):
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**53:
            raise CodeRejected(Reason.MALFORMED, f"{name} must be a non-negative integer")
    if not isinstance(purpose, int) or isinstance(purpose, bool):
        raise CodeRejected(Reason.MALFORMED, "purpose must be an integer")
    if purpose not in PURPOSE_FROM_WIRE:
        raise CodeRejected(Reason.UNSUPPORTED, f"purpose {purpose}")
    return PURPOSE_FROM_WIRE[purpose], step, counter  # type: ignore[return-value]


def _verify_document(
    raw: object,
    purpose: Purpose,
    claims: certificate.MemberClaims,
    trust: TrustStore,
    at: float,
) -> documents.Document | None:
    expected_type = DOCUMENT_FOR_PURPOSE.get(purpose)
    if raw is None:
        if expected_type is not None:
            raise CodeRejected(Reason.MALFORMED, f"a {purpose} code must carry a document")
        return None
    if not isinstance(raw, bytes):
        raise CodeRejected(Reason.MALFORMED, "document must be a byte string")
    message = decode_sign1(raw, MAX_DOCUMENT_SIZE, "document")
    _, payload = verify_issuer_signature(message, trust, at, "document")
    try:
        document = documents.parse(payload)
    except ValueError as exc:
        raise CodeRejected(Reason.MALFORMED, f"document: {exc}") from exc
    if document.typ != expected_type:
        raise CodeRejected(Reason.WRONG_PURPOSE, f"a {document.typ} document on a {purpose} code")
    if document.member != claims.member:
        raise CodeRejected(Reason.WRONG_MEMBER, "the document belongs to another member")
    if at < document.not_before - ISSUE_LEEWAY_SECONDS:
        raise CodeRejected(Reason.NOT_YET_VALID, f"{document.typ} {document.doc_id} not valid yet")
    if at >= document.expires_at:
        raise CodeRejected(Reason.EXPIRED, f"{document.typ} {document.doc_id} has expired")
    return document


def _check_purpose_and_store(
    purpose: Purpose, document: documents.Document | None, options: VerifyOptions
) -> None:
    if options.purpose is not None and purpose != options.purpose:
        raise CodeRejected(Reason.WRONG_PURPOSE, f"a {purpose} code, {options.purpose} expected")
    stores = document.stores if document is not None else None
    if options.store is not None and stores is not None and options.store not in stores:
        raise CodeRejected(Reason.WRONG_STORE, f"not valid at store {options.store}")


def _check_time_step(step: int, at: float, options: VerifyOptions) -> None:
    now = time_step(at)
    if step < now - options.skew_back_steps:
        raise CodeRejected(Reason.STALE, f"code from step {step}, now {now}")
    if step > now + options.skew_forward_steps:
        raise CodeRejected(Reason.FUTURE, f"code from step {step}, now {now}")
