"""Dependencies point one way, crypto does no I/O, and only the Qt app imports Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OURS = {"terminal", "crypto", "drivers", "sync", "config", "wallet", "protocol", "backend"}
# The terminal's side (terminal, wallet, drivers, sync) never imports the server; the server
# imports nothing of the terminal's; both meet in protocol.
ALLOWED = {
    "crypto": set(),
    "config": set(),
    "protocol": {"crypto", "config"},
    "drivers": {"config"},
    "sync": {"protocol", "crypto", "config"},
    "backend": {"protocol", "crypto", "config"},
    "wallet": {"protocol", "crypto", "config", "sync"},
    "terminal": {"protocol", "crypto", "config", "sync", "drivers", "wallet"},
}
# Third-party packages only the counter hardware needs: the backend must install without them.
TERMINAL_ONLY = {"PySide6", "shiboken6", "cv2", "numpy", "zxingcpp", "pyzbar", "serial"}
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
    allowed = (ROOT / "terminal" / "ui", ROOT / "terminal" / "demo")
    assert all(any((ROOT / p).is_relative_to(d) for d in allowed) for p in qt_users), qt_users


def test_the_backend_imports_nothing_only_the_counter_needs():
    wrong = [
        f"{p.relative_to(ROOT)} imports {n}"
        for package in ("backend", "protocol", "crypto", "config")
        for p, n in imports_of(package)
        if n.split(".")[0] in TERMINAL_ONLY
    ]
    assert not wrong


def _modules_under(directory: str) -> list[tuple[Path, str]]:
    return [(p, n) for p, n in imports_of("terminal") if (ROOT / directory) in p.parents]


@pytest.mark.parametrize(
    ("directory", "forbidden"),
    [
        # Views lay out and style; controllers call them, never the other way round.
        ("terminal/ui/views", ("terminal.ui.controllers",)),
        # The counter core is the same without a screen: the till and the CLI use it.
        ("terminal/counter", ("terminal.ui", "terminal.till", "terminal.demo", "PySide6")),
        # The till speaks to its own API and the counter core, never to the server's modules.
        ("terminal/till", ("terminal.ui", "terminal.demo", "PySide6", "backend")),
        # The app itself does not depend on the demo or the tour.
        ("terminal/ui", ("terminal.demo",)),
    ],
)
def test_rules_inside_the_terminal(directory, forbidden):
    wrong = [
        f"{p.relative_to(ROOT)} imports {n}"
        for p, n in _modules_under(directory)
        if any(n == f or n.startswith(f + ".") for f in forbidden)
    ]
    assert not wrong


def test_sync_keeps_only_the_terminals_side():
    """The outbox, sync client and worker: the shared wire formats live in protocol."""
    assert not (ROOT / "sync" / "backend").exists()
    shared = {"canonical", "signing", "events", "batch", "policy", "issuer_store"}
    assert not [name for name in shared if (ROOT / "sync" / f"{name}.py").exists()]
