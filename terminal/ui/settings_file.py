"""Write chosen values into ``settings.toml``, keeping everything else as the technician left it.

tomlkit edits the document in place: other keys, their order, comments and blank lines stay
exactly as they were; only the keys in ``changes`` are set (a missing table is appended).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError

from config.errors import ConfigError
from config.files import write_atomic
from config.settings import settings_from_mapping


def update_settings(path: Path, changes: dict[str, dict[str, Any]]) -> None:
    """Merge ``changes`` into the file; refuse (ConfigError) anything the loader would refuse."""
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        document = tomlkit.parse(text)
    except (TOMLKitError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); not changing it") from exc
    for section, values in changes.items():
        if section not in document:
            document.add(section, tomlkit.table())
        table = document[section]
        for key, value in values.items():
            table[key] = list(value) if isinstance(value, tuple) else value
    settings_from_mapping(document.unwrap(), source=str(path))
    write_atomic(path, tomlkit.dumps(document).encode("utf-8"))
