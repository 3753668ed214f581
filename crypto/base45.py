"""Base45 decoding (RFC 9285) by lookup table: the same answers as the ``base45`` package.

The package decodes one character at a time in Python, about 300 us for a member code, more
than the two signatures the code carries cost to verify. Here the characters are mapped to
their values by one ``bytes.translate`` and every group of three is combined at once by
big-integer arithmetic, with no Python loop over the characters. Encoding stays with the package (phones only).
"""

from __future__ import annotations

CHARSET = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_INVALID = 0xFF
# Byte -> its value 0..44; every other byte -> 0xFF, so one membership test finds them all.
_VALUES = bytes(CHARSET.index(b) if b in CHARSET else _INVALID for b in range(256))


def b45decode(text: str | bytes) -> bytes:
    """The bytes ``text`` encodes; raises ValueError as the ``base45`` package does."""
    if isinstance(text, str):
        # The package ignores trailing newlines in text (not in bytes); anything not ASCII
        # becomes "?", which is not base45.
        raw = text.rstrip("\n").encode("ascii", errors="replace")
    elif isinstance(text, bytes):
        raw = text
    else:
        raise TypeError("Type must be 'str' or 'bytes'")
    values = raw.translate(_VALUES)
    if _INVALID in values or len(values) % 3 == 1:
        raise ValueError("Invalid base45 string")
    whole = len(values) - len(values) % 3
    count = whole // 3
    # Each group's digits a, b, c go into 3-byte slots of three big integers; a + 45 b + 2025 c
    # is at most 91124 < 2**24, so the slots never carry into each other.
    slots = [bytearray(whole) for _ in range(3)]
    for digit, slot in enumerate(slots):
        slot[2::3] = values[digit:whole:3]
    a, b, c = (int.from_bytes(slot, "big") for slot in slots)
    sums = (a + b * 45 + c * 2025).to_bytes(whole, "big")
    if sums[0::3] != bytes(count):  # a group above 0xFFFF
        raise ValueError("Invalid base45 string")
    out = bytearray(2 * count)
    out[0::2], out[1::2] = sums[1::3], sums[2::3]
    if whole < len(values):
        last = values[whole] + values[whole + 1] * 45
        if last > 0xFF:
            raise ValueError("Invalid base45 string")
        out.append(last)
    return bytes(out)
