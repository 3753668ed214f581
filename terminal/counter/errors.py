"""Why a counter operation did not happen.

CounterError
├── CounterRefused    the operation is refused; ``reason`` is a stable code, ``message``
│                     a sentence for the cashier (translated by the app)
└── NotProvisioned    the terminal has no keys or trust bundle yet: call a technician
"""

from __future__ import annotations


class CounterError(Exception):
    """Base of the counter operations' errors."""


class CounterRefused(CounterError):
    """An operation that must not happen, with the reason in plain words."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


class NotProvisioned(CounterError):
    """The terminal must be provisioned by a technician before it can serve members."""
