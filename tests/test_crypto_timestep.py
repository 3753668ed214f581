"""crypto.timestep's arithmetic gives pyotp's time step for every time a datetime holds."""

from __future__ import annotations

import datetime as dt

import pyotp
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from crypto.timestep import STEP_SECONDS, time_step

_PYOTP = pyotp.TOTP("A" * 32, interval=STEP_SECONDS)
EARLIEST, LATEST = 0, 253402300799


def by_pyotp(unix_seconds: float) -> int:
    """The step as the phone's and the old terminal's code computed it."""
    moment = dt.datetime.fromtimestamp(unix_seconds, tz=dt.UTC)
    return int(_PYOTP.timecode(moment))


@given(st.integers(min_value=EARLIEST, max_value=LATEST))
@example(0)
@example(29)
@example(30)
@example(LATEST)
def test_whole_seconds_match_pyotp(seconds):
    assert time_step(seconds) == by_pyotp(seconds)


@given(st.floats(min_value=EARLIEST, max_value=LATEST, allow_nan=False))
@example(59.9999996)  # rounds up to 60.000000 in a datetime: step 2
@example(59.9999994)
@example(1_700_000_009.9999995)
@example(0.0000004)
@example(29.9999996)
def test_fractional_seconds_match_pyotp(seconds):
    assert time_step(seconds) == by_pyotp(seconds)


@given(st.integers(min_value=0, max_value=LATEST))
def test_a_step_is_thirty_seconds(seconds):
    assert time_step(seconds) == seconds // STEP_SECONDS


BAD = [float("nan"), float("inf"), -float("inf"), 10**13, LATEST + 1, -1, -0.5, -(10**12)]


@pytest.mark.parametrize("bad", BAD)
def test_times_no_datetime_holds_are_refused_as_pyotp_refused_them(bad):
    with pytest.raises((ValueError, OverflowError, OSError)):
        by_pyotp(bad)
    with pytest.raises(ValueError, match="no time step"):
        time_step(bad)
