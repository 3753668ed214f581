"""The one way this terminal talks to its backend: a client signed with the terminal key."""

from __future__ import annotations

from config.settings import Settings
from sync.client import Backoff, SyncClient
from sync.http import SignedSession
from terminal.terminal_identity import TerminalIdentity


def signed_client(
    identity: TerminalIdentity,
    settings: Settings,
    *,
    clock_offset_ms: int = 0,
    backoff: Backoff | None = None,
) -> SyncClient:
    """A sync client for the provisioned backend; close it with ``client.session.close()``."""
    session = SignedSession(
        identity.backend,
        identity.terminal,
        identity.key,
        clock_offset_ms=clock_offset_ms,
        timeout=settings.sync.request_timeout_seconds,
    )
    return SyncClient(session, settings.sync, backoff=backoff)
