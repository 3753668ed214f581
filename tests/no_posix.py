"""Run Python as a Windows machine would see our code: POSIX-only modules are missing.

``python -m tests.no_posix imports`` imports every module of the terminal's side;
``python -m tests.no_posix pytest ARGS`` runs pytest. Before anything of ours is imported,
``fcntl``, ``termios``, ``pwd``, ``grp`` and ``resource`` raise ImportError and ``os.fchmod``
is gone, so a module that needs them at import (or calls ``os.fchmod``) fails here.

pyserial is loaded first: it picks its backend by ``os.name`` (``serialwin32`` on Windows,
which never imports ``termios``), so its POSIX backend is not ours to test.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import os
import pkgutil
import sys
import traceback
from collections.abc import Sequence
from types import ModuleType

BLOCKED = frozenset({"fcntl", "termios", "pwd", "grp", "resource"})
PACKAGES = ("terminal", "sync", "drivers", "config", "crypto", "protocol")


class _Blocker(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname.split(".")[0] in BLOCKED:
            raise ImportError(f"No module named {fullname!r} (blocked: not on Windows)")
        return None


def install() -> None:
    """Make the POSIX-only modules and ``os.fchmod`` unavailable from now on."""
    import serial  # pyserial: see the module docstring
    import serial.tools.list_ports  # noqa: F401

    for name in list(sys.modules):
        if name.split(".")[0] in BLOCKED:
            del sys.modules[name]
    sys.meta_path.insert(0, _Blocker())
    if hasattr(os, "fchmod"):
        del os.fchmod


def import_all() -> list[str]:
    """Import every module of PACKAGES; the failures, each with its traceback's last lines."""
    failures = []
    for package in PACKAGES:
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
            if info.name.endswith("__main__"):
                continue  # runs the program when imported
            try:
                importlib.import_module(info.name)
            except Exception:
                failures.append(f"{info.name}: {traceback.format_exc(limit=-3)}")
    return failures


def main(argv: list[str]) -> int:
    """``imports`` or ``pytest ARGS`` with the POSIX-only modules blocked."""
    install()
    if argv[:1] == ["imports"]:
        failures = import_all()
        print("\n".join(failures) or "all modules imported")
        return 1 if failures else 0
    if argv[:1] == ["pytest"]:
        import pytest

        return int(pytest.main(argv[1:]))
    print("usage: python -m tests.no_posix imports | pytest ARGS", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
