"""COSE_Sign1 (RFC 9052) with EdDSA (alg -8), over cbor2 and cryptography.

Signatures are always checked over the protected header exactly as received; a received
header is never re-encoded.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import cbor2
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from crypto import keys
from crypto.cbor import CborError, dumps, loads_strict

TAG_SIGN1 = 18
HEADER_ALG = 1
HEADER_CRIT = 2
HEADER_KID = 4
ALG_EDDSA = -8
MAX_HEADER_SIZE = 64


class CoseError(ValueError):
    """The structure is not an acceptable COSE_Sign1; ``unsupported`` tells it from malformed."""

    def __init__(self, message: str, *, unsupported: bool = False) -> None:
        super().__init__(message)
        self.unsupported = unsupported


@dataclass(frozen=True)
class Sign1:
    """A decoded, not yet verified COSE_Sign1."""

    protected_bytes: bytes
    protected: Mapping[int, Any]
    unprotected: Mapping[int, Any]
    payload: bytes
    signature: bytes

    @property
    def kid(self) -> bytes | None:
        """The key id from the protected header only."""
        kid = self.protected.get(HEADER_KID)
        return kid if isinstance(kid, bytes) else None

    def to_be_signed(self, external_aad: bytes = b"") -> bytes:
        """The Sig_structure bytes the signature covers."""
        return sig_structure(self.protected_bytes, self.payload, external_aad)

    def verify(self, public: Ed25519PublicKey, external_aad: bytes = b"") -> bool:
        """True when the signature is valid under ``public``."""
        return keys.verify(public, self.signature, self.to_be_signed(external_aad))


def sig_structure(protected_bytes: bytes, payload: bytes, external_aad: bytes = b"") -> bytes:
    """RFC 9052 section 4.4 Sig_structure for COSE_Sign1."""
    return bytes(cbor2.dumps(["Signature1", protected_bytes, external_aad, payload]))


def sign(
    payload: bytes,
    key: Ed25519PrivateKey,
    *,
    protected: Mapping[int, Any] | None = None,
    unprotected: Mapping[int, Any] | None = None,
    tagged: bool = True,
) -> bytes:
    """Sign ``payload``; alg -8 is always put in the protected header."""
    header = {HEADER_ALG: ALG_EDDSA, **(protected or {})}
    protected_bytes = dumps(header)
    signature = key.sign(sig_structure(protected_bytes, payload))
    message = [protected_bytes, dict(unprotected or {}), payload, signature]
    item: Any = cbor2.CBORTag(TAG_SIGN1, message) if tagged else message
    return bytes(cbor2.dumps(item))


def decode(data: bytes, *, max_size: int) -> Sign1:
    """Parse and check the structure of a COSE_Sign1 with EdDSA; verifies nothing."""
    try:
        item = loads_strict(data, max_size=max_size)
    except CborError as exc:
        raise CoseError(str(exc)) from exc
    if isinstance(item, cbor2.CBORTag):
        if item.tag != TAG_SIGN1:
            raise CoseError(f"CBOR tag {item.tag} is not COSE_Sign1", unsupported=True)
        item = item.value
    if not isinstance(item, list | tuple) or len(item) != 4:
        raise CoseError("COSE_Sign1 must be an array of 4 items")
    protected_bytes, unprotected, payload, signature = item
    if not isinstance(protected_bytes, bytes) or not isinstance(payload, bytes):
        raise CoseError("protected header and payload must be byte strings")
    if not isinstance(signature, bytes) or len(signature) != keys.SIGNATURE_SIZE:
        raise CoseError("signature must be 64 bytes")
    if not isinstance(unprotected, Mapping):
        raise CoseError("unprotected header must be a map")
    protected = _decode_protected(protected_bytes)
    if set(protected) & set(unprotected):
        raise CoseError("a header parameter appears in both buckets")
    return Sign1(protected_bytes, protected, unprotected, payload, signature)


# Protected headers repeat: every code of a phone, every certificate of an issuer key carries
# the same few bytes. Their decoded (read-only) form is kept; refusals are not, so a bad
# header is refused each time it is seen.
@functools.lru_cache(maxsize=1024)
def _decode_protected(protected_bytes: bytes) -> Mapping[int, Any]:
    if not protected_bytes:
        raise CoseError("protected header is empty; alg must be protected", unsupported=True)
    try:
        protected = loads_strict(protected_bytes, max_size=MAX_HEADER_SIZE)
    except CborError as exc:
        raise CoseError(f"protected header: {exc}") from exc
    if not isinstance(protected, Mapping):
        raise CoseError("protected header must be a map")
    if HEADER_CRIT in protected:
        raise CoseError("critical header parameters are not supported", unsupported=True)
    alg = protected.get(HEADER_ALG)
    if alg != ALG_EDDSA or isinstance(alg, bool):
        raise CoseError(f"algorithm {alg!r} is not EdDSA (-8)", unsupported=True)
    return MappingProxyType(dict(protected))
