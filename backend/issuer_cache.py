"""The issuer, re-read from its directory when the files change (e.g. after a revocation).

Every change is written by IssuerStore.update under the directory's lock, replacing
issuer.json by rename; each process serving the same directory notices the new file and
reloads it, so all workers serve the newest bundle.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

from crypto.issuer import Issuer
from protocol.issuer_store import IssuerStore


class IssuerCache:
    """Load the IssuerStore once, again when issuer.json changes; create it if missing."""

    def __init__(self, directory: Path) -> None:
        self.store = IssuerStore(directory)
        self._lock = threading.Lock()
        self._seen: tuple[int, ...] = ()
        self._issuer: Issuer | None = None

    def get(self) -> Issuer:
        """The current issuer."""
        with self._lock:
            if not self.store.exists():
                self.store.ensure(int(time.time()))
            seen = _identity(os.stat(self.store.directory / "issuer.json"))
            if self._issuer is None or seen != self._seen:
                self._issuer, self._seen = self.store.load(), seen
            return self._issuer


def _identity(stat: os.stat_result) -> tuple[int, ...]:
    # Not the mtime alone: two updates within one timestamp tick (a few ms on some file
    # systems) would look unchanged. Each update is a new file (write then rename), so its
    # inode and change time differ too.
    return (stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size)
