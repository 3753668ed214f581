"""Split a serial scanner's byte stream into codes, and say why a chunk is not one.

Pure logic with no I/O, so every framing rule can be tested byte by byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drivers.text import text_from_bytes

SUFFIXES: dict[str, tuple[bytes, ...]] = {
    "auto": (b"\r", b"\n"),
    "cr": (b"\r",),
    "lf": (b"\n",),
    "crlf": (b"\r\n",),
    "none": (),
}
_AIM = re.compile(rb"\][A-Za-z][0-9A-Za-z]")
# RS-232 lines pick up NUL bytes when a scanner powers up or a cable is plugged in.
_LINE_NOISE = b"\x00"


@dataclass(frozen=True)
class Rejected:
    """A chunk that is not a code: ``kind`` is ``not_text``, ``too_long`` or ``bad_aim``."""

    kind: str
    message: str


Piece = str | Rejected


class LineFramer:
    """Feed bytes in, get codes out; ``flush()`` ends a code when the suffix is ``none``."""

    def __init__(self, *, suffix: str = "auto", aim: bool = False, max_length: int = 4096):
        if suffix not in SUFFIXES:
            raise ValueError(f"suffix must be one of {', '.join(SUFFIXES)}, got {suffix!r}")
        self.suffix = suffix
        self.aim = aim
        self.max_length = max_length
        self._buffer = bytearray()
        self._overflowed = False

    def feed(self, data: bytes) -> list[Piece]:
        """Codes and rejections completed by ``data``."""
        pieces: list[Piece] = []
        self._buffer += data
        while True:
            end = self._find_terminator()
            if end is None:
                break
            start, after = end
            chunk = bytes(self._buffer[:start])
            del self._buffer[:after]
            pieces.extend(self._finish(chunk))
        if len(self._buffer) > self.max_length:
            # Keep discarding until the next terminator: the tail of a huge code is not a code.
            if not self._overflowed:
                pieces.append(self._too_long())
            self._overflowed = True
            self._buffer.clear()
        return pieces

    def flush(self) -> list[Piece]:
        """End the pending bytes as one code (the scanner went quiet); empty if none."""
        chunk = bytes(self._buffer)
        self._buffer.clear()
        return self._finish(chunk)

    def reset(self) -> None:
        """Forget partial input, e.g. after the port was unplugged mid-code."""
        self._buffer.clear()
        self._overflowed = False

    def _find_terminator(self) -> tuple[int, int] | None:
        best: tuple[int, int] | None = None
        for suffix in SUFFIXES[self.suffix]:
            index = self._buffer.find(suffix)
            if index >= 0 and (best is None or index < best[0]):
                best = (index, index + len(suffix))
        return best

    def _finish(self, chunk: bytes) -> list[Piece]:
        if self._overflowed:
            self._overflowed = False
            return []
        chunk = chunk.strip(_LINE_NOISE)
        if not chunk:
            return []  # the LF of a CRLF in auto mode, or a blank line
        if len(chunk) > self.max_length:
            return [self._too_long()]
        if self.aim:
            if not _AIM.match(chunk):
                return [
                    Rejected(
                        "bad_aim",
                        f"code does not start with an AIM identifier such as ]Q1 "
                        f"(starts {chunk[:3]!r}); enable 'transmit AIM ID' on the scanner "
                        "or listen without --aim",
                    )
                ]
            chunk = chunk[3:]
        text = text_from_bytes(chunk, allow_controls=False)
        if text is None:
            return [
                Rejected(
                    "not_text",
                    f"{len(chunk)} bytes that are not text (starting {chunk[:12].hex(' ')}); "
                    "set the scanner to send UTF-8 or ASCII, and check the baud rate",
                )
            ]
        return [text]

    def _too_long(self) -> Rejected:
        return Rejected(
            "too_long",
            f"dropped a code longer than {self.max_length} bytes; check the scanner's suffix "
            "setting (a missing end-of-code character joins codes together)",
        )
