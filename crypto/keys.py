"""Ed25519 keys as raw bytes, key identifiers, and PEM for key files; weak-key checks.

OpenSSL verifies RFC 8032 signatures without looking at what the key or R is: the identity
point as a public key, with R the identity and S = 0, verifies for every message. So every key
we accept and every signature we verify is first checked here: the y coordinate below p (a
canonical encoding), not one of the 8 small-order points (with the sign bit and y >= p
variants these are the 14 encodings of libsodium's blocklist), and S below the group order L.

Keys are made, stored and used for signing with pyca/cryptography; ``verify`` checks the
signature itself with libsodium (PyNaCl, from the same maintainers), which took 54 µs per check
here where OpenSSL took 105 (bench.bench_verify prints both), and Ed25519 checks are most of
the backend's ingest and of a counter's scan. libsodium refuses small-order points and S >= L
on its own too; the checks above stay, so the refusal has a name (``weak_key``) and does not
rest on one library's version. Both libraries give the same verdict on every Wycheproof vector
(tests/test_crypto_vectors.py runs them through both).
"""

from __future__ import annotations

import hashlib

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from nacl.bindings import crypto_sign_open
from nacl.exceptions import BadSignatureError

PUBLIC_KEY_SIZE = 32
SIGNATURE_SIZE = 64
KID_SIZE = 4

FIELD_P = 2**255 - 19
GROUP_L = 2**252 + 27742317777372353535851937790883648493
_CURVE_D = -121665 * pow(121666, FIELD_P - 2, FIELD_P) % FIELD_P
_SQRT_M1 = pow(2, (FIELD_P - 1) // 4, FIELD_P)
_Y_MASK = (1 << 255) - 1
# The y coordinates of the 8 points of order 1, 2, 4 and 8 (each y serves two points, x and -x,
# except y = 1 and y = -1, where x = 0). Any key whose y is one of these lets anyone sign.
SMALL_ORDER_Y = frozenset(
    {
        0,
        1,
        FIELD_P - 1,
        0x05FC536D880238B13933C6D305ACDFD5F098EFF289F4C345B027B2C28F95E826,
        0x7A03AC9277FDC74EC6CC392CFA53202A0F67100D760B3CBA4FD84D3D706A17C7,
    }
)


class WeakKey(ValueError):
    """A key or signature anyone could have made, or one that is not canonically encoded."""


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


def point_weakness(encoded: bytes) -> str | None:
    """Why this 32-byte point encoding must not be used (a sentence), or None.

    Cheap (no field arithmetic), so it runs at every verification: y must be below p, and the
    point must not be of small order.
    """
    if len(encoded) != PUBLIC_KEY_SIZE:
        return f"a point is {PUBLIC_KEY_SIZE} bytes, not {len(encoded)}"
    y = int.from_bytes(encoded, "little") & _Y_MASK
    if y >= FIELD_P:
        return "the point is not canonically encoded (y is not below 2^255 - 19)"
    if y in SMALL_ORDER_Y:
        return "the point has small order: anyone can sign for it"
    return None


def check_public_key(public: bytes) -> None:
    """Raise WeakKey unless ``public`` is a canonical, on-curve point of large order.

    For keys being accepted (enrolment, bundles): besides point_weakness it decodes the
    point, which costs two field exponentiations.
    """
    problem = point_weakness(public)
    if problem is None and not _on_curve(public):
        problem = "the key is not a point on the Ed25519 curve"
    if problem is not None:
        raise WeakKey(problem)


def check_signature(signature: bytes) -> None:
    """Raise WeakKey when R is a weak point or S is not below the group order L."""
    if len(signature) != SIGNATURE_SIZE:
        raise WeakKey(f"a signature is {SIGNATURE_SIZE} bytes, not {len(signature)}")
    problem = point_weakness(signature[:PUBLIC_KEY_SIZE])
    if problem is not None:
        raise WeakKey(f"signature R: {problem}")
    if int.from_bytes(signature[PUBLIC_KEY_SIZE:], "little") >= GROUP_L:
        raise WeakKey("signature S is not canonical (S >= L): a malleated signature")


def _on_curve(encoded: bytes) -> bool:
    """RFC 8032 5.1.3 point decoding: is there an x for this y (and the sign bit)?"""
    raw = int.from_bytes(encoded, "little")
    y, sign = raw & _Y_MASK, raw >> 255
    u, v = (y * y - 1) % FIELD_P, (_CURVE_D * y * y + 1) % FIELD_P
    x2 = u * pow(v, FIELD_P - 2, FIELD_P) % FIELD_P
    if x2 == 0:
        return sign == 0  # x = 0 has no negative: the sign bit set is a second encoding
    x = pow(x2, (FIELD_P + 3) // 8, FIELD_P)
    if (x * x - x2) % FIELD_P != 0:
        x = x * _SQRT_M1 % FIELD_P
    return (x * x - x2) % FIELD_P == 0


def verify(public: Ed25519PublicKey, signature: bytes, message: bytes) -> bool:
    """True when ``signature`` is a valid Ed25519 signature of ``message`` by a strong key.

    A small-order or non-canonical key, a small-order or non-canonical R, or S >= L is False
    before any library is asked. libsodium's check releases the GIL, as OpenSSL's did.
    """
    raw = public_raw(public)
    if point_weakness(raw) is not None:
        return False
    try:
        check_signature(signature)
    except WeakKey:
        return False
    try:
        crypto_sign_open(signature + message, raw)
    except BadSignatureError:
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
