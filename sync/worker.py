"""The background sync worker: push and pull every ``interval_seconds`` in its own thread.

The worker opens its own outbox and state connections (SQLite connections stay in the thread
that made them); it never opens the counter service. After each turn it reports one
``SyncChange`` through ``on_report``, which runs in the worker thread: a Qt app forwards it to
the GUI thread and fans it out (docs/counter.md). ``wake()`` asks for a round now, e.g. right
after an operation was committed, and returns a ticket: the first report whose ``serves`` is
at least that ticket answers the request.

After every round, and every ``heartbeat_seconds`` while idle, it sends a heartbeat
(``POST /v1/heartbeat``, docs/counter.md): the backend learns the terminal's health, and the
terminal learns within ``online_timeout + heartbeat`` that the backend went away even with
nothing queued (sync/link.py). Between heartbeats it reports when the link's online state
changed (another thread's request may have found out first), without any request.

A terminal without a backend (local only) gets a worker with no client: each round reports
``no_backend`` with what waits, so the app has one source for its status either way.
"""

from __future__ import annotations

import importlib.metadata
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crypto.errors import BundleRejected
from crypto.trust import TrustStore
from sync.client import SyncClient, failure_code
from sync.errors import OutboxBusy, StorageError, SyncError
from sync.outbox import Outbox
from sync.staff_pull import StaffCache
from sync.state import TerminalState

log = logging.getLogger("loyalty_sync")

# How often the idle worker looks at the link (no request: an in-memory read).
LINK_CHECK_SECONDS = 1.0
# The errors of a round that are not the network's, in words for the sync screen.
SENTENCES = {
    "no_backend": "This terminal has no loyalty server to send to; events stay on it.",
    "busy": "Another program is sending this terminal's events; this round waits.",
}
DOCUMENTS = ("bundle", "policy", "catalog", "pickup_orders", "coupon_statuses", "staff")


@dataclass(frozen=True)
class WorkerFiles:
    """The terminal's files the worker reads and writes."""

    outbox: Path
    state: Path
    trust_bundle: Path
    pinned_root: bytes
    terminal: str
    # The office's staff directory on this terminal; None: its staff are local (no backend).
    staff: StaffCache | None = None


@dataclass(frozen=True)
class SyncChange:
    """What one turn of the worker found: the one value the app fans out.

        ``round`` is True for a push and pull, False for a heartbeat or a change of the link
        alone. ``pushed``/``accepted``/``rejected`` count this round's events (``accepted``
        includes duplicates: the backend holds them either way); ``pending`` and
        ``rejected_total`` are the queue after it (for a change with ``round`` False, the queue now:
    a woken worker reports one, serving no request (``serves`` 0), before its round). ``downloaded`` names what came down newer
        (``bundle``, ``policy``, ``catalog``, ``pickup_orders``, ``coupon_statuses``).
        ``error`` is a reason code (``sync_error``, ``no_backend``, ``busy`` or a storage
        fault's kind) and ``message`` says more; None when the round went through. For a
        ``sync_error``, ``cause`` is its code (``sync.client.failure_code``: ``unreachable``,
        ``bad_reply`` or the backend's refusal code): the app's sentence is chosen by it.
    """

    serves: int
    round: bool
    online: bool
    pending: int = 0
    rejected_total: int = 0
    pushed: int = 0
    accepted: int = 0
    rejected: int = 0
    downloaded: frozenset[str] = frozenset()
    clock_offset_ms: int = 0
    clock_warning: bool = False
    error: str | None = None
    message: str = ""
    at: float = 0.0
    cause: str = ""


class SyncWorker:
    """One thread; ``start()``, then ``stop()`` when the app closes."""

    def __init__(
        self,
        client: SyncClient | None,
        files: WorkerFiles,
        *,
        interval_seconds: float,
        heartbeat_seconds: float | None = None,
        on_report: Callable[[SyncChange], None] | None = None,
        devices: Callable[[], tuple[str, str]] | None = None,
    ) -> None:
        self.client = client
        self.files = files
        self.interval = interval_seconds
        default_beat = client.settings.heartbeat_seconds if client is not None else 60.0
        self.heartbeat = heartbeat_seconds or default_beat
        self.on_report = on_report
        # (scanner, camera): "ok", "absent", "off" or "error: <short text>".
        self.devices = devices or (lambda: ("absent", "absent"))
        self.last_error: str | None = None
        if client is not None:
            client.link.fresh_for = client.settings.online_timeout_seconds + self.heartbeat
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._tickets = threading.Lock()
        self._requested = 0
        self._thread = threading.Thread(target=self._run, name="sync-worker", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> int:
        """Sync now instead of at the next interval; the ticket the answering report serves."""
        with self._tickets:
            self._requested += 1
            ticket = self._requested
        self._wake.set()
        return ticket

    def stop(self, timeout: float = 30.0) -> None:
        """Finish the current round and end the thread."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        if self.client is not None:
            self.client.session.close()

    def online(self) -> bool:
        """Whether the backend answered recently (no request)."""
        return self.client is not None and self.client.link.online()

    def run_once(self, outbox: Outbox, state: TerminalState) -> dict[str, Any]:
        """One round: push, then pull; never raises for a network or backend problem."""
        client = self.client
        if client is None:
            return {"error": "no_backend", "pending": outbox.pending_count(), "online": False}
        try:
            report = client.push(outbox).to_json()
        except OutboxBusy:
            report = {"error": "busy", "pending": outbox.pending_count()}
        if report.get("error") is None:
            pulled = client.pull(
                state, self.files.trust_bundle, self.files.pinned_root, self.files.staff
            )
            report |= {
                "versions": pulled.versions,
                "clock_offset_ms": pulled.clock_offset_ms,
                "clock_warning": pulled.clock_warning,
                "pull_errors": pulled.errors,
            }
        self.last_error = report.get("error")
        self.beat(outbox, state)
        report["online"] = client.link.online()
        return report

    def turn(self, outbox: Outbox, state: TerminalState, serves: int) -> SyncChange:
        """One round as the change it made: what was sent, answered and downloaded."""
        before = self.versions(state)
        report = self.run_once(outbox, state)
        after = {**before, **report.get("versions", {})}
        error = report.get("error")
        reason = None if error is None else error if error in SENTENCES else "sync_error"
        return SyncChange(
            serves=serves,
            round=True,
            online=bool(report.get("online")),
            pending=outbox.pending_count(),
            rejected_total=len(outbox.reconciliation()),
            pushed=int(report.get("sent", 0)),
            accepted=int(report.get("accepted", 0)) + int(report.get("duplicate", 0)),
            rejected=int(report.get("rejected", 0)),
            downloaded=frozenset(name for name in DOCUMENTS if after[name] != before[name]),
            clock_offset_ms=state.clock_offset_ms(),
            clock_warning=bool(report.get("clock_warning")),
            error=reason,
            message="" if error is None else SENTENCES.get(str(error), str(error)),
            at=time.time(),
            cause=str(report.get("cause") or ""),
        )

    def versions(self, state: TerminalState) -> dict[str, int]:
        """The version of everything a pull may bring, as held now."""
        return {
            "bundle": bundle_version(self.files),
            "policy": state.version("policy"),
            "catalog": state.version("catalog"),
            "pickup_orders": state.orders_version(),
            "coupon_statuses": state.coupons_version(),
            "staff": self.files.staff.directory_version() if self.files.staff else 0,
        }

    def beat(self, outbox: Outbox, state: TerminalState) -> bool:
        """Send one heartbeat; whether the backend answered (a 404 counts)."""
        if self.client is None:
            return False
        self.client.heartbeat(self.health(outbox, state))
        return self.client.link.online()

    def health(self, outbox: Outbox, state: TerminalState) -> dict[str, Any]:
        """The heartbeat's body (``health_report``) with this app's devices and last error."""
        return health_report(self.files, outbox, state, self.devices(), self.last_error)

    def _report(self, change: SyncChange) -> None:
        if self.on_report is not None:
            self.on_report(change)

    def _run(self) -> None:
        try:
            self._serve()
        except Exception as exc:  # a bug: say so where staff look, rather than go quiet
            log.exception("the sync worker stopped")
            self._report(
                SyncChange(
                    serves=self._requested,
                    round=True,
                    online=self.online(),
                    error="internal",
                    message=f"The sync stopped ({type(exc).__name__}). Restart the app.",
                    at=time.time(),
                )
            )

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                with (
                    Outbox(self.files.outbox, self.files.terminal) as outbox,
                    TerminalState(self.files.state) as state,
                ):
                    self._loop(outbox, state)
                return
            except StorageError as exc:  # cannot even open its files: say so, try later
                log.error("sync worker cannot open its files: %s", exc)
                self.last_error = exc.kind
                self._report(self._fault(exc, self._requested))
                self._wake.clear()
                self._wake.wait(self.interval)

    def _loop(self, outbox: Outbox, state: TerminalState) -> None:
        now = time.monotonic()
        next_round, next_beat = now, now + self.heartbeat
        online = self.online()
        served = 0
        while not self._stop.is_set():
            # Clear before reading the ticket: a wake after the clear sets the event again,
            # one before it is in ``serves``, so no request is lost between the two.
            self._wake.clear()
            serves = self._requested
            woken = serves > served
            now = time.monotonic()
            change: SyncChange | None = None
            try:
                if woken:
                    # The queue as it is before the round, at once: a committed operation
                    # shows "1 to send" while the round (maybe a slow one) is on its way.
                    # It answers no request (serves 0): the round does.
                    self._report(self._status(outbox, state, 0, self.online()))
                if woken or now >= next_round:
                    served = serves  # even if the round fails: it is retried at the interval
                    change = self.turn(outbox, state, serves)
                    next_round = time.monotonic() + self.interval
                    next_beat = time.monotonic() + self.heartbeat
                elif now >= next_beat and self.client is not None:
                    # Idle: only the heartbeat, so the indicator stays true.
                    change = self._status(outbox, state, serves, self.beat(outbox, state))
                    next_beat = time.monotonic() + self.heartbeat
                elif self.online() != online:
                    change = self._status(outbox, state, serves, self.online())
            except SyncError as exc:  # the disk: report it, try again next round
                log.error("sync round failed: %s", exc)
                self.last_error = getattr(exc, "kind", type(exc).__name__)
                change = self._fault(exc, serves)
                next_round = time.monotonic() + self.interval
            if change is not None:
                online = change.online
                self._report(change)
            wait = min(next_round, next_beat) - time.monotonic()
            self._wake.wait(max(0.0, min(wait, LINK_CHECK_SECONDS)))

    def _status(
        self, outbox: Outbox, state: TerminalState, serves: int, online: bool
    ) -> SyncChange:
        return SyncChange(
            serves=serves,
            round=False,
            online=online,
            pending=outbox.pending_count(),
            rejected_total=len(outbox.reconciliation()),
            clock_offset_ms=state.clock_offset_ms(),
            at=time.time(),
        )

    def _fault(self, exc: SyncError, serves: int) -> SyncChange:
        if isinstance(exc, StorageError):
            return SyncChange(
                serves=serves,
                round=True,
                online=self.online(),
                error=exc.kind,
                message=exc.advice,
                at=time.time(),
            )
        return SyncChange(
            serves=serves,
            round=True,
            online=self.online(),
            error="sync_error",
            message=f"{type(exc).__name__}: {exc}",
            at=time.time(),
            cause=failure_code(exc),
        )


def health_report(
    files: WorkerFiles,
    outbox: Outbox,
    state: TerminalState,
    devices: tuple[str, str],
    last_error: str | None,
) -> dict[str, Any]:
    """The heartbeat's body (docs/counter.md); no codes, keys or PINs in it: of staff only
    the office's accounts locked out here (id, failures, since, until).

    ``devices``: (scanner, camera) as the sender knows them; the ``sync`` command, which opens
    neither, says ``unknown``.
    """
    oldest = outbox.oldest_pending_ms()
    scanner, camera = devices
    return {
        "app_version": _app_version(),
        "bundle_version": bundle_version(files),
        "policy_version": state.version("policy"),
        "catalog_version": state.version("catalog"),
        "pending": outbox.pending_count(),
        "oldest_pending_age_seconds": None
        if oldest is None
        else max(0, int(time.time() - oldest / 1000)),
        "last_error": last_error,
        "clock_offset_ms": state.clock_offset_ms(),
        "scanner": scanner,
        "camera": camera,
        "lockouts": files.staff.locked_out() if files.staff else [],
    }


def bundle_version(files: WorkerFiles) -> int:
    """The version of the trust bundle held; 0 without a readable, verified one."""
    try:
        raw = files.trust_bundle.read_bytes()
        return TrustStore.from_bundle(raw, files.pinned_root).version
    except (OSError, ValueError, BundleRejected):
        return 0


def _app_version() -> str:
    try:
        return importlib.metadata.version("loyalty-terminal")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"
