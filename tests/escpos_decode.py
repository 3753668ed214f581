"""Read back what a receipt printer was sent: the ESC/POS commands ours uses, and the text.

Anything else in the bytes is an error, so a test fails when the printer would get garbage.
"""

from __future__ import annotations

INIT, CHINESE_ON, CHINESE_OFF = b"\x1b@", b"\x1c&", b"\x1c."
FEED, CUT = b"\x1bd", b"\x1dV\x00"


def decode(data: bytes) -> tuple[list[str], bool]:
    """(the printed lines, whether the paper was cut at the end)."""
    if not data.startswith(INIT):
        raise ValueError("the receipt does not start by resetting the printer (ESC @)")
    i, text = len(INIT), bytearray()
    out: list[str] = []
    cut = False
    while i < len(data):
        if data.startswith(CHINESE_ON, i):
            end = data.index(CHINESE_OFF, i)  # the mode is always closed again
            text += data[i + 2 : end].decode("gb18030").encode("utf-8")
            i = end + 2
        elif data.startswith(FEED, i):
            i += 3
        elif data.startswith(CUT, i):
            cut, i = True, i + 3
            if i != len(data):
                raise ValueError("bytes after the cut")
        elif data[i] in (0x1B, 0x1C, 0x1D):
            raise ValueError(f"unexpected command at {i}: {data[i : i + 3]!r}")
        elif data[i] == 0x0A:
            out.append(text.decode("utf-8"))
            text, i = bytearray(), i + 1
        elif data[i] < 0x80:
            text.append(data[i])
            i += 1
        else:
            raise ValueError(f"a non-ASCII byte outside Chinese mode at {i}")
    return out, cut


def fields(lines: list[str]) -> dict[str, str]:
    """``label value`` rows as a mapping (the first word or words, then the right column)."""
    found: dict[str, str] = {}
    for line in lines:
        if "  " in line.strip():
            label, value = line.strip().split("  ", 1)
            found[label.strip()] = value.strip()
        elif " " in line.strip():
            label, value = line.strip().rsplit(" ", 1)
            found.setdefault(label.strip(), value.strip())
    return found
