"""Durable, atomic file writes; secrets are created with mode 0600 from the first byte."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

SECRET_MODE = 0o600
PUBLIC_MODE = 0o644


def write_atomic(path: Path, data: bytes, *, secret: bool = False) -> None:
    """Replace ``path`` with ``data`` so a power cut leaves either the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp creates the file 0600 (owner only on Windows too), so a key is never
        # readable by others; a public file is opened up before the rename makes it visible.
        if not secret:
            os.chmod(tmp_name, PUBLIC_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def write_secret(path: Path, data: bytes) -> None:
    """Write key material: mode 0600, atomic."""
    write_atomic(path, data, secret=True)


def check_secret_mode(path: Path) -> None:
    """Refuse a key file that other users can read (POSIX mode bits; on Windows, its ACL)."""
    if sys.platform == "win32":
        # Windows has no mode bits (st_mode says 0o666 for every writable file): who may
        # read the key is the data directory's ACL, which docs/kiosk.md sets with icacls.
        return
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        from config.errors import ConfigError

        raise ConfigError(
            f"{path} is readable by other users (mode {mode:o}); run 'chmod 600 {path}'"
        )


def _fsync_dir(directory: Path) -> None:
    if sys.platform == "win32":
        # NTFS journals the rename itself; Windows cannot open a directory to flush it.
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
