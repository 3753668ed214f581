"""What a scanned text is when it is not a member code: a product barcode, a web address...

The set-up wizard's test scan names what it received in plain words ("a product barcode,
EAN-13 4006381333931") instead of a verification failure; a technician who scans the wrong
thing learns that the scanner works and what to scan instead. No Qt here: the app words it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Any version of the loyalty code ("LP1:", a future "LP2:"): verification says what is wrong.
_LOYALTY = re.compile(r"^LP\d+:")
_URL = re.compile(r"^(https?|weixin|wxp)://", re.IGNORECASE)
# A shown text longer than this is cut: the screen line must stay one line, and a long
# text is no easier to recognise.
SHOWN_CHARS = 40


@dataclass(frozen=True)
class Scanned:
    """``kind``: loyalty, ean13, isbn, ean8, upca, url, text or empty; ``shown``: what to show."""

    kind: str
    shown: str


def _gtin_ok(digits: str) -> bool:
    """The GS1 check digit: weights 3, 1, 3... from the right, the check digit excluded."""
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def classify(text: str) -> Scanned:
    """What ``text`` looks like; a GTIN only counts with a right check digit."""
    clean = text.strip()
    if not clean:
        return Scanned("empty", "")
    if _LOYALTY.match(clean):
        return Scanned("loyalty", "")
    if clean.isascii() and clean.isdigit() and len(clean) in (8, 12, 13) and _gtin_ok(clean):
        if len(clean) == 13:
            return Scanned("isbn" if clean.startswith(("978", "979")) else "ean13", clean)
        return Scanned("ean8" if len(clean) == 8 else "upca", clean)
    if _URL.match(clean):
        return Scanned("url", _shorten(clean))
    return Scanned("text", _shorten(clean))


def _shorten(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= SHOWN_CHARS else one_line[: SHOWN_CHARS - 1] + "…"
