"""The bare Ed25519 check by each library, for the benchmarks' baselines.

crypto.keys.verify checks signatures with libsodium (PyNaCl); the issue that set the ingest goal
measured OpenSSL (pyca/cryptography), which takes about twice as long here. The benchmarks time
both, so a ratio names its baseline: ``openssl`` (the goal's original yardstick) and
``libsodium`` (the signatures ingest now runs).
"""

from __future__ import annotations

from collections.abc import Callable

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from nacl.bindings import crypto_sign_open

Check = Callable[[bytes, bytes], object]  # (signature, message); raises if it does not verify
LIBRARIES = ("openssl", "libsodium")


def checker(library: str, public: bytes) -> Check:
    """One key's bare check by ``library``, the key already parsed where the library parses."""
    if library == "openssl":
        return Ed25519PublicKey.from_public_bytes(public).verify
    if library == "libsodium":
        return lambda signature, message: crypto_sign_open(signature + message, public)
    raise ValueError(f"unknown library {library!r}")
