"""RFC 6238 time steps, computed with pyotp so phone and terminal agree on the arithmetic."""

from __future__ import annotations

import datetime as dt

import pyotp

STEP_SECONDS = 30
# pyotp needs a secret to build a TOTP object, but the time step does not depend on it.
_STEP_ONLY = pyotp.TOTP("A" * 32, interval=STEP_SECONDS)


def time_step(unix_seconds: float) -> int:
    """The RFC 6238 counter T = floor((unix_seconds - 0) / 30)."""
    moment = dt.datetime.fromtimestamp(unix_seconds, tz=dt.UTC)
    return int(_STEP_ONLY.timecode(moment))


def manual_code(secret_base32: str, unix_seconds: float) -> str:
    """The 8-digit manual fallback code (RFC 6238, SHA-1); only the backend holds the secret."""
    totp = pyotp.TOTP(secret_base32, digits=8, interval=STEP_SECONDS)
    return str(totp.at(int(unix_seconds)))
