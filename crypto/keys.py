"""Ed25519 keys as raw bytes, key identifiers, and PEM for key files."""

from __future__ import annotations

import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

PUBLIC_KEY_SIZE = 32
SIGNATURE_SIZE = 64
KID_SIZE = 4


def generate() -> Ed25519PrivateKey:
    """A new random Ed25519 key."""
    return Ed25519PrivateKey.generate()


def public_raw(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    """The 32-byte public key."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def kid_for(public: bytes) -> bytes:
    """Key id: the first 4 bytes of SHA-256 of the raw public key (collisions are tried)."""
    return hashlib.sha256(public).digest()[:KID_SIZE]


def public_from_raw(public: bytes) -> Ed25519PublicKey:
    """Build a public key; raises ValueError for a wrong length."""
    return Ed25519PublicKey.from_public_bytes(public)


def verify(public: Ed25519PublicKey, signature: bytes, message: bytes) -> bool:
    """True when ``signature`` is a valid Ed25519 signature of ``message``."""
    try:
        public.verify(signature, message)
    except InvalidSignature:
        return False
    return True


def private_to_pem(key: Ed25519PrivateKey) -> bytes:
    """PKCS#8 PEM, unencrypted: the file's 0600 mode protects it."""
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def private_from_pem(data: bytes) -> Ed25519PrivateKey:
    """Load a PKCS#8 PEM Ed25519 key; raises ValueError for anything else."""
    key = serialization.load_pem_private_key(data, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("not an Ed25519 private key")
    return key
