"""RFC 6238 time steps, and the manual codes pyotp computes from them.

The step is T = floor(unix_seconds / 30). It was computed through pyotp, which goes by way of a
``datetime`` and ``calendar.timegm``: 6 us a call, most of what the backend spends re-checking a
code's time. The arithmetic below gives pyotp's answer for every time pyotp takes (the epoch
to year 9999), its rounding to the microsecond included, and refuses the others as pyotp did
(tests/test_crypto_timestep.py proves it against pyotp), so phone, terminal and backend agree.
"""

from __future__ import annotations

import math

import pyotp

STEP_SECONDS = 30
# pyotp's range: from the epoch to the end of year 9999.
_EARLIEST, _LATEST = 0, 253402300799


def time_step(unix_seconds: float) -> int:
    """The RFC 6238 counter T = floor((unix_seconds - 0) / 30)."""
    if isinstance(unix_seconds, int):
        whole = unix_seconds
    else:
        if not math.isfinite(unix_seconds):
            raise ValueError(f"no time step for {unix_seconds!r}")
        fraction, integral = math.modf(unix_seconds)
        whole = int(integral)
        # datetime keeps microseconds, rounded half to even: 59.9999996 is 60.000000.
        micro = round(fraction * 1e6)
        if micro >= 1_000_000:
            whole += 1
        elif micro < 0:  # a negative fraction: the second before (then refused, as by pyotp)
            whole -= 1
    if not _EARLIEST <= whole <= _LATEST:
        raise ValueError(f"no time step for {unix_seconds!r}: out of range")
    return whole // STEP_SECONDS


def manual_code(secret_base32: str, unix_seconds: float) -> str:
    """The 8-digit manual fallback code (RFC 6238, SHA-1); only the backend holds the secret."""
    totp = pyotp.TOTP(secret_base32, digits=8, interval=STEP_SECONDS)
    return str(totp.at(int(unix_seconds)))
