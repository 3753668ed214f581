"""Skip a test whose system dependency is missing, except on CI, where it must fail instead."""

from __future__ import annotations

import os

import pytest


def on_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(available: bool, reason: str) -> None:
    """Skip with ``reason`` when not ``available``; fail instead when CI=true."""
    if available:
        return
    if on_ci():
        pytest.fail(f"CI must run this test, but: {reason}")
    pytest.skip(reason)
