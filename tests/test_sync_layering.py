"""sync/ never imports terminal/, wallet/, drivers/ or Qt: walk every import in its modules."""

from __future__ import annotations

import ast
from pathlib import Path

SYNC = Path(__file__).resolve().parent.parent / "sync"
FORBIDDEN = ("terminal", "wallet", "drivers", "PySide6", "PyQt5", "PyQt6", "shiboken6")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_sync_depends_only_on_crypto_config_and_libraries() -> None:
    offending = {
        f"{path.relative_to(SYNC.parent)}: {name}"
        for path in SYNC.rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] in FORBIDDEN
    }
    assert offending == set()
