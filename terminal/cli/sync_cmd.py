"""``loyalty-terminal sync``: send the outbox, then download what changed.

Prints ``{"sent", "accepted", "duplicate", "rejected", "pending", "error", "heartbeat", ...}``;
exit 0 when everything was answered, 1 when the backend could not be reached, answered badly
or refused this terminal (``error`` says which; the events stay queued), 2 for a usage or
configuration error.

A round that went through ends with a heartbeat, as the app's do, so the office's fleet page
shows the queue as this command left it; ``heartbeat`` says whether the backend took it. The
command opens no scanner or camera, so it reports both as ``unknown``. When the app is
sending (``busy``), the app's own heartbeat, which knows its devices, is left to report.
"""

from __future__ import annotations

import argparse
import json

from config.paths import DataPaths
from config.settings import load_settings
from sync.client import Backoff, SyncClient
from sync.errors import OutboxBusy
from sync.outbox import Outbox
from sync.state import TerminalState
from sync.worker import health_report
from terminal.backend_link import signed_client
from terminal.sync_setup import staff_cache, worker_files
from terminal.terminal_identity import load_identity
from terminal.trust_files import read_pinned_root

NOT_OPENED = ("unknown", "unknown")  # (scanner, camera): this command opens neither


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = subparsers.add_parser("sync", help="send queued events and download updates")
    p.add_argument("--data-dir", help="the terminal's data directory")
    p.add_argument("--attempts", type=int, default=4, help="tries per batch (default 4)")
    p.add_argument("--no-pull", action="store_true", help="only send, download nothing")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    paths = DataPaths.resolve(args.data_dir)
    settings = load_settings(paths.settings)
    identity = load_identity(paths)
    root = read_pinned_root(paths)
    with TerminalState(paths.state) as state:
        client = signed_client(
            identity,
            settings,
            clock_offset_ms=state.clock_offset_ms(),
            backoff=Backoff(attempts=max(1, args.attempts)),
        )
        session = client.session
        try:
            with Outbox(paths.outbox, identity.terminal) as outbox:
                try:
                    report = client.push(outbox).to_json()
                except OutboxBusy:
                    report = {"sent": 0, "accepted": 0, "duplicate": 0, "rejected": 0}
                    report |= {"pending": outbox.pending_count(), "error": "busy"}
                report["reconciliation"] = len(outbox.reconciliation())
            if not args.no_pull and root is not None and report.get("error") is None:
                pulled = client.pull(state, paths.trust_bundle, root, staff_cache(paths))
                report |= {
                    "versions": pulled.versions,
                    "clock_offset_ms": pulled.clock_offset_ms,
                    "clock_warning": pulled.clock_warning,
                    "pull_errors": pulled.errors,
                }
                if pulled.errors:  # e.g. terminal_revoked with nothing to send
                    report["error"] = next(iter(pulled.errors.values()))
            # A terminal not provisioned yet (no pinned root) has nothing to report.
            went_through = report.get("error") is None and root is not None
            report["heartbeat"] = went_through and _heartbeat(
                client, paths, identity.terminal, state
            )
        finally:
            session.close()
    print(json.dumps(report), flush=True)
    return 1 if report.get("error") else 0


def _heartbeat(client: SyncClient, paths: DataPaths, terminal: str, state: TerminalState) -> bool:
    """Report the queue this round left, as the app's heartbeat does; whether it was taken."""
    with Outbox(paths.outbox, terminal) as outbox:
        body = health_report(worker_files(paths, terminal), outbox, state, NOT_OPENED, None)
    return client.heartbeat(body) is not None
