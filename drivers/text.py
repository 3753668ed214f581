"""Decide whether decoded bytes are trustworthy text: a miss is better than a wrong code."""

from __future__ import annotations

import unicodedata

REPLACEMENT = "\ufffd"
# A serial scanner's line may hold tab; any other control byte there is line noise.
_LINE_CONTROLS = frozenset("\t")


def is_clean_text(text: str, *, allow_controls: bool = True) -> bool:
    """True when ``text`` is non-empty with no replacement character or lone surrogate.

    QR codes may legitimately carry control characters (vCards, GS1 separators), so they are
    allowed unless ``allow_controls`` is false, as for a line read from a serial scanner.
    """
    if not text or REPLACEMENT in text:
        return False
    if text.isprintable():
        return True  # fast path for the usual case; printable excludes Cc and Cs
    for char in text:
        category = unicodedata.category(char)
        if category == "Cs":
            return False
        if category == "Cc" and not allow_controls and char not in _LINE_CONTROLS:
            return False
    return True


def text_from_bytes(data: bytes, *, allow_controls: bool = True) -> str | None:
    """The UTF-8 text in ``data``, or None when it is not clean UTF-8 text."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return text if is_clean_text(text, allow_controls=allow_controls) else None
