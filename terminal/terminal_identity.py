"""Who this terminal is: its id, store, backend and Ed25519 key, saved at provisioning.

DATA/terminal.json   {"terminal_id", "store_id", "backend_url", "provisioned_at"}
DATA/terminal.key    the terminal key, PKCS#8 PEM, mode 0600
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from config.errors import ConfigError
from config.files import check_secret_mode, write_atomic, write_secret
from config.paths import DataPaths
from crypto import keys


@dataclass(frozen=True)
class TerminalIdentity:
    """A provisioned terminal."""

    terminal: str
    store: str
    backend: str
    key: Ed25519PrivateKey
    provisioned_at: int = 0


def is_provisioned(paths: DataPaths) -> bool:
    return paths.identity.exists() or paths.terminal_key.exists()


def save_identity(paths: DataPaths, identity: TerminalIdentity) -> None:
    """Write the key (0600) first, then the identity file that marks provisioning done."""
    write_secret(paths.terminal_key, keys.private_to_pem(identity.key))
    record = {
        "terminal_id": identity.terminal,
        "store_id": identity.store,
        "backend_url": identity.backend,
        "provisioned_at": identity.provisioned_at,
    }
    write_atomic(paths.identity, json.dumps(record, indent=2).encode())


def load_identity(paths: DataPaths) -> TerminalIdentity:
    """The terminal's identity; a ConfigError saying to provision when it has none."""
    if not paths.identity.exists():
        raise ConfigError(
            f"{paths.root} holds no provisioned terminal; run "
            "'loyalty-terminal provision --backend URL --code CODE'"
        )
    try:
        record = json.loads(paths.identity.read_text())
        check_secret_mode(paths.terminal_key)
        key = keys.private_from_pem(paths.terminal_key.read_bytes())
        return TerminalIdentity(
            terminal=str(record["terminal_id"]),
            store=str(record["store_id"]),
            backend=str(record["backend_url"]),
            key=key,
            provisioned_at=int(record.get("provisioned_at", 0)),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{paths.identity} or its key is damaged ({exc})") from exc
