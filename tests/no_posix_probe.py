"""Run only under tests/no_posix.py: the POSIX-only modules are really out of reach."""

from __future__ import annotations

import importlib
import os

import pytest


@pytest.mark.parametrize("name", ["fcntl", "termios", "pwd", "grp", "resource"])
def test_a_posix_only_module_cannot_be_imported(name):
    with pytest.raises(ImportError):
        importlib.import_module(name)


def test_os_has_no_fchmod():
    assert not hasattr(os, "fchmod")
