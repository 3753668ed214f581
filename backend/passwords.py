"""One password-hashing module for console passwords and staff PINs: scrypt, salt per secret.

A stored hash reads ``scrypt$N$r$p$salt-hex$digest-hex``; its cost travels with it, so the cost
can be raised later without breaking stored hashes.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from protocol.staff_directory import pin_hash

CONSOLE_N = 2**15
# Staff PINs are checked on terminals too, so their cost must suit a till's CPU (~50 ms).
PIN_N = 2**14
R, P = 8, 1


@dataclass(frozen=True)
class Hashed:
    """A parsed stored hash."""

    n: int
    r: int
    p: int
    salt: bytes
    digest: bytes


def hash_secret(secret: str, n: int = CONSOLE_N) -> str:
    """A new salted scrypt hash of ``secret`` in the stored form."""
    salt = secrets.token_bytes(16)
    digest = pin_hash(secret, salt, n, R, P)
    return f"scrypt${n}${R}${P}${salt.hex()}${digest.hex()}"


def parse(stored: str) -> Hashed:
    """The parts of a stored hash; raises ValueError for anything else."""
    kind, n, r, p, salt, digest = stored.split("$")
    if kind != "scrypt":
        raise ValueError("not an scrypt hash")
    return Hashed(int(n), int(r), int(p), bytes.fromhex(salt), bytes.fromhex(digest))


def check_secret(secret: str, stored: str) -> bool:
    """Whether ``secret`` matches the stored hash (constant time over the digest)."""
    try:
        h = parse(stored)
        computed = pin_hash(secret, h.salt, h.n, h.r, h.p)
    except ValueError:
        return False
    return hmac.compare_digest(computed, h.digest)
