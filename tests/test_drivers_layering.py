"""drivers/ may import config/ and third-party libraries, never the app, sync, crypto or Qt."""

import ast
from pathlib import Path

DRIVERS = Path(__file__).resolve().parent.parent / "drivers"
FORBIDDEN = {"terminal", "sync", "crypto", "wallet", "PySide6", "PyQt5", "PyQt6", "shiboken6"}


def imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_drivers_import_only_config_among_our_packages():
    modules = sorted(DRIVERS.glob("*.py"))
    assert len(modules) > 5
    for module in modules:
        bad = imported_roots(module) & FORBIDDEN
        assert not bad, f"{module.name} imports {sorted(bad)}"
