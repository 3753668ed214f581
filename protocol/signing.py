"""Request signatures: every terminal request is Ed25519-signed over a canonical string.

    LOYALTY-REQ-1 \n METHOD \n PATH?QUERY \n TIMESTAMP \n NONCE \n sha256hex(BODY)

sent in the headers below. The backend refuses a timestamp outside its window and a nonce it
has seen, so a captured request cannot be sent again.
"""

from __future__ import annotations

import base64
import binascii
import secrets

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from crypto import keys
from protocol.canonical import sha256_hex

HEADER_TERMINAL = "X-Loyalty-Terminal"
HEADER_TIME = "X-Loyalty-Time"
HEADER_NONCE = "X-Loyalty-Nonce"
HEADER_SIGNATURE = "X-Loyalty-Signature"
HEADER_SERVER_TIME = "X-Loyalty-Server-Time"
PREFIX = "LOYALTY-REQ-1"


def canonical_request(method: str, path: str, timestamp: int, nonce: str, body: bytes) -> bytes:
    """The exact bytes a request signature covers."""
    parts = (PREFIX, method.upper(), path, str(timestamp), nonce, sha256_hex(body))
    return "\n".join(parts).encode()


def sign_request(
    key: Ed25519PrivateKey, terminal: str, method: str, path: str, body: bytes, timestamp: int
) -> dict[str, str]:
    """Headers that authenticate one request."""
    nonce = secrets.token_hex(16)
    signature = key.sign(canonical_request(method, path, timestamp, nonce, body))
    return {
        HEADER_TERMINAL: terminal,
        HEADER_TIME: str(timestamp),
        HEADER_NONCE: nonce,
        HEADER_SIGNATURE: base64.b64encode(signature).decode(),
    }


def verify_request(
    public: bytes, method: str, path: str, timestamp: int, nonce: str, body: bytes, signature: str
) -> bool:
    """True when ``signature`` (base64) is the terminal's signature of this request."""
    try:
        raw = base64.b64decode(signature, validate=True)
        public_key = keys.public_from_raw(public)
    except (binascii.Error, ValueError):
        return False
    return keys.verify(public_key, raw, canonical_request(method, path, timestamp, nonce, body))


REFRESH_PREFIX = "LOYALTY-REFRESH-1"


def refresh_message(member: str, device_public_hex: str, timestamp: int) -> bytes:
    """What a wallet signs with its device key to ask for a fresh certificate."""
    return "\n".join((REFRESH_PREFIX, member, device_public_hex, str(timestamp))).encode()
