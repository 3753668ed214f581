"""Where the terminal keeps its data: platformdirs, unless the operator names a directory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "loyalty-terminal"


def default_data_dir() -> Path:
    """The per-user data directory chosen by platformdirs."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class DataPaths:
    """The files inside one terminal's data directory."""

    root: Path

    @classmethod
    def resolve(cls, data_dir: str | Path | None) -> DataPaths:
        """Use ``data_dir`` when given, else the platform default."""
        root = Path(data_dir).expanduser() if data_dir else default_data_dir()
        return cls(root=root)

    def ensure(self) -> DataPaths:
        """Create the directory, private to this user."""
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self

    @property
    def settings(self) -> Path:
        return self.root / "settings.toml"

    @property
    def trust_bundle(self) -> Path:
        return self.root / "trust-bundle"

    @property
    def pinned_root(self) -> Path:
        return self.root / "root.pub"

    @property
    def terminal_key(self) -> Path:
        return self.root / "terminal.key"

    @property
    def identity(self) -> Path:
        return self.root / "terminal.json"

    @property
    def seen_codes(self) -> Path:
        return self.root / "seen-codes.sqlite"

    @property
    def outbox(self) -> Path:
        return self.root / "outbox.sqlite"

    @property
    def state(self) -> Path:
        return self.root / "state.sqlite"

    @property
    def staff(self) -> Path:
        return self.root / "staff.sqlite"
