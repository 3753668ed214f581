"""Ed25519 points for the weak-key tests, computed from the curve equation (RFC 8032 5.1).

Independent of crypto.keys on purpose: the blocklist the code uses is checked against points
this module finds by arithmetic, not against a second copy of the same list.
"""

from __future__ import annotations

P = 2**255 - 19
L = 2**252 + 27742317777372353535851937790883648493
D = -121665 * pow(121666, P - 2, P) % P
SQRT_M1 = pow(2, (P - 1) // 4, P)

Point = tuple[int, int, int, int]  # extended coordinates (X, Y, Z, T), x = X/Z, y = Y/Z
IDENTITY: Point = (0, 1, 1, 0)


def add(a: Point, b: Point) -> Point:
    """RFC 8032 5.1.4 point addition (complete for Ed25519)."""
    x1, y1, z1, t1 = a
    x2, y2, z2, t2 = b
    aa = (y1 - x1) * (y2 - x2) % P
    bb = (y1 + x1) * (y2 + x2) % P
    cc = t1 * 2 * D * t2 % P
    dd = z1 * 2 * z2 % P
    e, f, g, h = bb - aa, dd - cc, dd + cc, bb + aa
    return (e * f % P, g * h % P, f * g % P, e * h % P)


def mul(n: int, point: Point) -> Point:
    result = IDENTITY
    while n:
        if n & 1:
            result = add(result, point)
        point = add(point, point)
        n >>= 1
    return result


def affine(point: Point) -> tuple[int, int]:
    x, y, z, _ = point
    inverse = pow(z, P - 2, P)
    return x * inverse % P, y * inverse % P


def equal(a: Point, b: Point) -> bool:
    return affine(a) == affine(b)


def decode(encoded: bytes) -> Point | None:
    """RFC 8032 5.1.3, but accepting y >= p (reduced), to see what a lax decoder sees."""
    raw = int.from_bytes(encoded, "little")
    y, sign = (raw & ((1 << 255) - 1)) % P, raw >> 255
    x2 = (y * y - 1) * pow(D * y * y + 1, P - 2, P) % P
    if x2 == 0:
        x = 0
    else:
        x = pow(x2, (P + 3) // 8, P)
        if (x * x - x2) % P:
            x = x * SQRT_M1 % P
        if (x * x - x2) % P:
            return None
        if x & 1 != sign:
            x = P - x
    return (x, y, 1, x * y % P)


def encode(point: Point) -> bytes:
    x, y = affine(point)
    return (y | ((x & 1) << 255)).to_bytes(32, "little")


def small_order_points() -> list[Point]:
    """The 8 points of order dividing 8: multiples of a point of order 8 found as [L]Q."""
    y = 2
    while True:
        candidate = decode(y.to_bytes(32, "little"))
        y += 1
        if candidate is None:
            continue
        torsion = mul(L, candidate)  # kills the prime-order part
        if not equal(mul(4, torsion), IDENTITY):  # order exactly 8: generates them all
            return [mul(k, torsion) for k in range(8)]


def small_order_encodings() -> list[bytes]:
    """The 8 canonical encodings and the 6 others a lax decoder maps to the same points."""
    canonical = [encode(point) for point in small_order_points()]
    extra = []
    for point in small_order_points():
        x, y = affine(point)
        if x == 0:  # "-0": the sign bit set on x = 0
            extra.append((y | (1 << 255)).to_bytes(32, "little"))
        if y + P < 2**255:  # y + p still fits in 255 bits (y = 0 and y = 1)
            extra.append((y + P).to_bytes(32, "little"))
            extra.append((y + P + (1 << 255)).to_bytes(32, "little"))
    # y = 0 serves two points (x and -x): its y + p encodings are found twice.
    return list(dict.fromkeys(canonical + extra))


def identity_signature() -> bytes:
    """R = the identity point, S = 0: verifies for any message under the identity key."""
    return encode(IDENTITY) + bytes(32)
