"""Dependencies point one way, crypto does no I/O, and only the Qt app imports Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = {"terminal", "crypto", "drivers", "sync", "config", "wallet"}
ALLOWED = {
    "crypto": set(),
    "config": set(),
    "drivers": {"config"},
    "sync": {"crypto", "config"},
    "wallet": {"crypto", "config", "sync"},
    "terminal": {"crypto", "config", "sync", "drivers", "wallet"},
}
NO_IO_IN_CRYPTO = {
    "os",
    "pathlib",
    "sqlite3",
    "socket",
    "requests",
    "subprocess",
    "time",
    "shutil",
    "tempfile",
}


def imports_of(package: str) -> list[tuple[Path, str]]:
    found = []
    for path in sorted((ROOT / package).rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found += [(path, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append((path, node.module))
    return found


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_imports_only_what_it_may(package):
    wrong = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path, name in imports_of(package)
        if (top := name.split(".")[0]) in OURS and top != package and top not in ALLOWED[package]
    ]
    assert not wrong


def test_crypto_does_no_io_and_reads_no_clock():
    wrong = [
        f"{p.relative_to(ROOT)} imports {n}"
        for p, n in imports_of("crypto")
        if n.split(".")[0] in NO_IO_IN_CRYPTO
    ]
    assert not wrong


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_only_the_qt_app_imports_qt(package):
    qt_users = [
        p.relative_to(ROOT)
        for p, n in imports_of(package)
        if n.split(".")[0] in {"PySide6", "shiboken6"}
    ]
    allowed_dir = ROOT / "terminal" / "ui"
    assert all((ROOT / p).is_relative_to(allowed_dir) for p in qt_users), qt_users
