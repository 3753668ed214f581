"""Is a burst of key presses a scan? The keyboard-wedge rules, without Qt.

A USB keyboard-wedge scanner types its code as key presses, a few milliseconds apart, and
ends it with Enter or Tab. A person types slower and unevenly, and what they type into the
amount field is digits without a barcode's check digit. A burst is a scan when it was typed
at a scanner's speed (every gap at most ``max_gap_ms``, the whole within ``max_scan_ms``)
and its text has a code's shape: a member code's ``LP1:`` prefix, a product barcode whose
check digit is right, the configured ``[scanner] wedge_prefix``/``wedge_suffix``, or at
least ``min_length`` characters that are not all digits. The Qt filter (terminal/ui/wedge.py)
holds the keys while it waits for the verdict and gives them back when it is not a scan.

Keys that queued while the GUI thread was busy can reach the filter stamped alike (a platform
that stamps keys when it reads them, or a synthetic event stamped on arrival): a person's
typing then looks as fast as a scanner. A burst whose keys mostly came stamped alike *and*
arrived together is "untimed" and only a code's own marks (``LP1:``, the configured prefix or
suffix) make it a scan; a barcode's check digit or a long text does not, so that nothing a
person typed is taken from their field. Stamps alike alone are not enough: Windows stamps
keys with a 10-16 ms tick, so a scanner's keys share stamps while arriving apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from config.settings import ScannerSettings
from terminal.barcodes import classify

# A member or staff code: the clock-rotating code's "LP1:" (any version).
_LOYALTY = re.compile(r"LP\d+:")
# More than this many held characters is no scan (the serial scanner's own bound).
MAX_CHARS = 4096
# Keys closer than this, both by their stamps and by when they reached the filter, queued
# together: a scanner's keys are at least one USB poll (1 ms) apart on one clock or the other.
TOGETHER_MS = 1.0


@dataclass(frozen=True)
class WedgeRules:
    """The timing and shape limits of a wedge scan (from ``[scanner] wedge_*``)."""

    max_gap_ms: float = 50.0
    min_length: int = 8
    max_scan_ms: float = 1500.0
    prefix: str = ""
    suffix: str = ""

    @classmethod
    def from_settings(cls, settings: ScannerSettings) -> WedgeRules:
        """The rules the ``[scanner]`` section asks for."""
        return cls(
            max_gap_ms=settings.wedge_max_gap_ms,
            min_length=settings.wedge_min_length,
            max_scan_ms=settings.wedge_max_scan_ms,
            prefix=settings.wedge_prefix,
            suffix=settings.wedge_suffix,
        )


@dataclass
class Burst:
    """Characters held so far with the time (ms) each key arrived."""

    text: str = ""
    first_ms: float = 0.0
    last_ms: float = 0.0
    keys: int = 0
    together: int = 0  # keys stamped and arrived within TOGETHER_MS of the one before
    arrived_ms: float = 0.0

    def add(self, text: str, now_ms: float, arrived_ms: float | None = None) -> None:
        """One more key's text, stamped ``now_ms``, reaching the filter at ``arrived_ms``."""
        arrived = now_ms if arrived_ms is None else arrived_ms
        if not self.text:
            self.first_ms = now_ms
        elif now_ms - self.last_ms < TOGETHER_MS and arrived - self.arrived_ms < TOGETHER_MS:
            self.together += 1
        self.text += text
        self.last_ms, self.arrived_ms = now_ms, arrived
        self.keys += 1

    @property
    def timed(self) -> bool:
        """False when most keys queued together: their speed says nothing about who typed."""
        gaps = self.keys - 1
        return gaps < 1 or self.together * 2 < gaps


def is_member_code(text: str) -> bool:
    """A member or staff code by its prefix (its signature is the core's business)."""
    return bool(_LOYALTY.match(text))


def _code_start(text: str) -> int:
    """Where a member code starts in ``text`` (keys typed by hand just before it), or 0."""
    found = _LOYALTY.search(text)
    return found.start() if found else 0


def keeps_up(burst: Burst, now_ms: float, rules: WedgeRules) -> bool:
    """Whether a key at ``now_ms`` still belongs to ``burst`` (came at a scanner's speed)."""
    if not burst.text:
        return True
    if now_ms - burst.last_ms > rules.max_gap_ms:
        return False
    if len(burst.text) >= MAX_CHARS:
        return False
    # A member code is hundreds of characters long: at a scanner's slower key rates it takes
    # longer than the cap meant for product barcodes, so its gaps alone decide.
    if _LOYALTY.search(_unwrapped(burst.text, rules)):
        return True
    return now_ms - burst.first_ms <= rules.max_scan_ms


def ends_with_suffix(burst: Burst, rules: WedgeRules) -> bool:
    """The configured suffix has just been typed (it ends the scan like Enter)."""
    return bool(rules.suffix) and burst.text.endswith(rules.suffix)


@dataclass(frozen=True)
class Scan:
    """A burst's verdict: ``text`` was scanned; its first ``typed`` keys were a person's."""

    text: str
    typed: int = 0


def verdict(burst: Burst, now_ms: float, rules: WedgeRules) -> Scan | None:
    """The scan when ``burst``, ended at ``now_ms``, is one; else None (it was typing)."""
    if not burst.text or not keeps_up(burst, now_ms, rules):
        return None
    typed = 0 if rules.prefix else _code_start(burst.text)
    found = _text(burst.text[typed:], rules, timed=burst.timed)
    return Scan(found, typed) if found is not None else None


def _text(text: str, rules: WedgeRules, *, timed: bool = True) -> str | None:
    marked = False
    if rules.prefix and text.startswith(rules.prefix):
        text, marked = text[len(rules.prefix) :], True
    if rules.suffix and text.endswith(rules.suffix):
        text, marked = text[: -len(rules.suffix)], True
    if not text:
        return None
    if marked or is_member_code(text):
        return text
    if not timed:
        # Typing that queued behind a busy GUI thread: a check digit or a length could be
        # the person's own text (an order number, a name ended by Tab), and it must reach
        # their field. A scanner configured with a prefix or suffix is still recognised.
        return None
    if classify(text).kind in ("ean13", "isbn", "ean8", "upca"):
        return text
    # Digits without a barcode's check digit are an amount typed by a fast hand.
    if len(text) >= rules.min_length and not text.isdigit():
        return text
    return None


def _unwrapped(text: str, rules: WedgeRules) -> str:
    if rules.prefix and text.startswith(rules.prefix):
        return text[len(rules.prefix) :]
    return text
