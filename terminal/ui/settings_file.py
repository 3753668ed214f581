"""Write chosen values into ``settings.toml``, keeping every other setting as it was."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from config.files import write_atomic
from config.settings import settings_from_mapping


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def dumps(data: dict[str, dict[str, Any]]) -> str:
    """TOML for a two-level mapping of plain values (all our settings file holds)."""
    lines: list[str] = []
    for section, values in data.items():
        if not values:
            continue
        lines.append(f"[{section}]")
        lines += [f"{key} = {_value(value)}" for key, value in values.items()]
        lines.append("")
    return "\n".join(lines)


def update_settings(path: Path, changes: dict[str, dict[str, Any]]) -> None:
    """Merge ``changes`` into the file; refuse (ConfigError) anything the loader would refuse."""
    current: dict[str, Any] = {}
    if path.exists():
        current = tomllib.loads(path.read_text(encoding="utf-8"))
    for section, values in changes.items():
        current.setdefault(section, {}).update(values)
    settings_from_mapping(current, source=str(path))
    write_atomic(path, dumps(current).encode("utf-8"))
