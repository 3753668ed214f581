"""Why a code, certificate or bundle was refused.

    CryptoError
    ├── CodeRejected      a scanned code is not acceptable; ``reason`` is a Reason
    └── BundleRejected    a trust bundle update is not acceptable; ``reason`` is a Reason

The reason is a stable, documented string (docs/protocol.md) that the terminal turns into a
sentence in the cashier's language; ``detail`` is for logs and technicians.
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Every reason a code or bundle can be refused for; documented in docs/protocol.md."""

    TOO_LARGE = "too_large"
    MALFORMED = "malformed"
    UNSUPPORTED = "unsupported"
    UNKNOWN_KEY = "unknown_key"
    BAD_SIGNATURE = "bad_signature"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    REVOKED = "revoked"
    STALE = "stale"
    FUTURE = "future"
    REPLAYED = "replayed"
    WRONG_PURPOSE = "wrong_purpose"
    WRONG_MEMBER = "wrong_member"
    WRONG_STORE = "wrong_store"
    WRONG_ROOT = "wrong_root"
    OLDER_BUNDLE = "older_bundle"
    WEAK_KEY = "weak_key"


class CryptoError(Exception):
    """Base of every error this package raises."""

    def __init__(self, reason: Reason, detail: str = "") -> None:
        super().__init__(f"{reason.value}: {detail}" if detail else reason.value)
        self.reason = reason
        self.detail = detail


class CodeRejected(CryptoError):
    """A scanned member code must not be accepted."""


class BundleRejected(CryptoError):
    """A trust bundle must not replace the one the terminal has."""
