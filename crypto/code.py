"""The rotating member code the phone shows: ``LP1:`` + base45(COSE_Sign1 by the device key).

Payload (CBOR map, integer keys): 1 certificate (the CWT's bytes), 2 time step (RFC 6238,
30 s), 3 device counter (only grows), 4 purpose (1 checkout, 2 pickup, 3 coupon, 4 check-in,
5 staff), and 5 an issuer document when the purpose
needs one.
"""

from __future__ import annotations

from enum import StrEnum

import base45
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from crypto import cose
from crypto.cbor import dumps

PREFIX = "LP1:"
KEY_CERT, KEY_STEP, KEY_COUNTER, KEY_PURPOSE, KEY_DOCUMENT = 1, 2, 3, 4, 5


class Purpose(StrEnum):
    """What the member presents the code for."""

    CHECKOUT = "checkout"
    PICKUP = "pickup"
    COUPON = "coupon"
    CHECKIN = "checkin"
    STAFF = "staff"


# Purposes travel as small integers to keep a checkout code within QR version 12-M.
PURPOSE_WIRE = {
    Purpose.CHECKOUT: 1,
    Purpose.PICKUP: 2,
    Purpose.COUPON: 3,
    Purpose.CHECKIN: 4,
    Purpose.STAFF: 5,
}
PURPOSE_FROM_WIRE = {wire: purpose for purpose, wire in PURPOSE_WIRE.items()}

# The document type a purpose requires; purposes absent here must carry no document.
DOCUMENT_FOR_PURPOSE = {Purpose.PICKUP: "pickup", Purpose.COUPON: "coupon", Purpose.STAFF: "staff"}


def make_code(
    certificate: bytes,
    device_key: Ed25519PrivateKey,
    *,
    step: int,
    counter: int,
    purpose: Purpose = Purpose.CHECKOUT,
    document: bytes | None = None,
) -> str:
    """Sign and encode one code, as the phone does every 30 seconds."""
    payload: dict[int, object] = {
        KEY_CERT: certificate,
        KEY_STEP: step,
        KEY_COUNTER: counter,
        KEY_PURPOSE: PURPOSE_WIRE[purpose],
    }
    if document is not None:
        payload[KEY_DOCUMENT] = document
    # The tag is left off: the prefix already says what this is, and every byte counts.
    message = cose.sign(dumps(payload), device_key, tagged=False)
    encoded: bytes = base45.b45encode(message)
    return PREFIX + encoded.decode("ascii")
