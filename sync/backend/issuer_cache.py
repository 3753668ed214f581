"""The issuer, re-read from its directory when the files change (e.g. after a revocation)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from crypto.issuer import Issuer
from sync.issuer_store import IssuerStore


class IssuerCache:
    """Load the IssuerStore once, again when issuer.json changes; create it if missing."""

    def __init__(self, directory: Path) -> None:
        self.store = IssuerStore(directory)
        self._lock = threading.Lock()
        self._mtime = -1
        self._issuer: Issuer | None = None

    def get(self) -> Issuer:
        """The current issuer."""
        with self._lock:
            if not self.store.exists():
                self.store.ensure(int(time.time()))
            mtime = (self.store.directory / "issuer.json").stat().st_mtime_ns
            if self._issuer is None or mtime != self._mtime:
                self._issuer, self._mtime = self.store.load(), mtime
            return self._issuer
