"""The issuer, re-read from the database when another node or process publishes a bundle.

Every change is published by IssuerDbStore.update in one transaction under the database's
publication lock; each node notices the newer version (a one-row query, at most once per
``recheck_seconds``, at once after its own publications) and reloads, so every node serves
the newest bundle.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from backend.keys.master import Vault
from backend.keys.store import IssuerDbStore
from config.errors import ConfigError
from crypto.issuer import Issuer

MASTER_KEY_NAME = "master.key"


class IssuerCache:
    """The issuer kept in the database, loaded once and again when a newer bundle exists."""

    def __init__(
        self,
        store: IssuerDbStore,
        *,
        recheck_seconds: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self._recheck = recheck_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._issuer: Issuer | None = None
        self._checked_at = 0.0
        self._published = -1

    @property
    def vault(self) -> Vault:
        """The node's master key, for the other secrets kept in the database."""
        return self.store.vault

    def get(self, *, fresh: bool = False) -> Issuer:
        """The current issuer (created at the first start of the first node).

        ``fresh``: look in the database now (serving the bundle itself); otherwise a bundle
        published by another node is seen within ``recheck_seconds`` (verifying codes).
        """
        with self._lock:
            now = self._clock()
            if self._issuer is None:
                # Read first: creating takes the write lock, which a caller may hold already.
                known = self.store.latest_version() is not None
                self._issuer = self.store.load() if known else self.store.ensure(int(time.time()))
            elif (
                fresh
                or self._published != self.store.published
                # Either way: a wall clock (create_app's) set back must not stop the rechecks.
                or abs(now - self._checked_at) >= self._recheck
            ):
                if self.store.latest_version() != self._issuer.bundle.version:
                    self._issuer = self.store.load()
            else:
                return self._issuer
            self._checked_at, self._published = now, self.store.published
            return self._issuer


def open_issuers(
    engine: Engine,
    issuer_dir: Path | None,
    master_key_file: Path | None = None,
    *,
    recheck_seconds: float = 1.0,
    clock: Callable[[], float] = time.monotonic,
) -> IssuerCache:
    """The issuer of the database at ``engine``, under the node's master key.

    ``master_key_file`` is LOYALTY_MASTER_KEY_FILE; without it the key is ``master.key`` in
    the issuer directory, made there when missing (one node, as before stateless nodes).
    ``issuer_dir`` holding an issuer is imported into an empty database once. ``clock``
    times the rechecks (create_app gives the app's, so a test's moved clock moves them too).
    """
    if master_key_file is None:
        if issuer_dir is None:
            raise ConfigError("set LOYALTY_MASTER_KEY_FILE (or give --issuer DIR)")
        vault = Vault.from_file(issuer_dir / MASTER_KEY_NAME, create=True)
    else:
        vault = Vault.from_file(master_key_file)
    store = IssuerDbStore(engine, vault, import_dir=issuer_dir)
    return IssuerCache(store, recheck_seconds=recheck_seconds, clock=clock)
