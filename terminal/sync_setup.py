"""The app's sync worker for one data dir: its own client and connections, no counter service.

The counter service is the only writer of counter operations in a process; the sync worker
(sync/worker.py) reads and claims batches and records results through the outbox API on its
own connections, in its own thread. This builds it from what provisioning wrote.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from config.paths import DataPaths
from config.settings import load_settings
from protocol.staff_directory import ClearedLockout, DirectoryAccount
from sync.client import Backoff, SyncClient
from sync.errors import StorageError
from sync.state import TerminalState
from sync.worker import SyncChange, SyncWorker, WorkerFiles
from terminal.backend_link import signed_client
from terminal.counter.context import read_identity
from terminal.counter.errors import CounterRefused
from terminal.counter.staff import StaffStore
from terminal.counter.staff_directory import key_path
from terminal.trust_files import load_trust, read_pinned_root

log = logging.getLogger("loyalty_sync")


def worker_files(paths: DataPaths, terminal: str) -> WorkerFiles:
    """The files a sync round reads and writes, with the issuer root pinned at provisioning."""
    root = read_pinned_root(paths) or load_trust(paths.trust_bundle, None).root_public
    return WorkerFiles(
        paths.outbox, paths.state, paths.trust_bundle, root, terminal, staff_cache(paths)
    )


class StaffFile:
    """The terminal's staff file as the sync sees it: the office directory's cache."""

    def __init__(self, path: Path, store: str) -> None:
        self.path = path
        self.store = store

    def directory_version(self) -> int:
        """The directory version held (0: none, or the file was deleted)."""
        store = StaffStore(self.path)
        try:
            return store.directory_version()
        finally:
            store.close()

    def apply_directory(
        self, version: int, accounts: list[DirectoryAccount], cleared: list[ClearedLockout]
    ) -> None:
        """Replace the cached directory with a verified newer one; clear what it clears."""
        store = StaffStore(self.path)
        try:
            store.apply_directory(version, accounts, cleared)
        finally:
            store.close()

    def locked_out(self) -> list[dict[str, Any]]:
        """The directory's accounts locked out now, for the heartbeat."""
        try:
            store = StaffStore(self.path)
        except (CounterRefused, StorageError) as exc:
            # The heartbeat still goes: its health report matters most when a file is broken.
            log.warning("the heartbeat cannot read the staff file: %s", exc)
            return []
        try:
            return [locked.to_json() for locked in store.locked_out()]
        except StorageError as exc:
            log.warning("the heartbeat cannot read the staff file: %s", exc)
            return []
        finally:
            store.close()


def staff_cache(paths: DataPaths) -> StaffFile | None:
    """The staff cache a sync round fills; None for a terminal whose staff are local."""
    if not key_path(paths.staff).exists():
        return None
    return StaffFile(paths.staff, read_identity(paths).store)


def open_worker(
    data_dir: Path | None,
    *,
    interval_seconds: float | None = None,
    on_report: Callable[[SyncChange], None] | None = None,
    devices: Callable[[], tuple[str, str]] | None = None,
) -> SyncWorker:
    """A worker for the provisioned terminal in ``data_dir``, not started yet.

    NotProvisioned when there is no terminal there. ``interval_seconds`` defaults to
    ``[sync] interval_seconds``; a terminal without a backend gets a worker without a client.
    """
    paths = DataPaths.resolve(data_dir)
    identity = read_identity(paths)
    settings = load_settings(paths.settings)
    client: SyncClient | None = None
    if identity.backend:
        with TerminalState(paths.state) as state:
            offset = state.clock_offset_ms()
        # Two tries per batch: the worker tries again at its next round anyway.
        client = signed_client(
            identity, settings, clock_offset_ms=offset, backoff=Backoff(attempts=2)
        )
    return SyncWorker(
        client,
        worker_files(paths, identity.terminal),
        interval_seconds=interval_seconds or settings.sync.interval_seconds,
        heartbeat_seconds=settings.sync.heartbeat_seconds,
        on_report=on_report,
        devices=devices,
    )
