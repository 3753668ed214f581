"""What can go wrong on the terminal's side of sync, named by who is to blame.

    SyncError
    ├── StorageError        the local disk or database failed: call a technician
    ├── OutboxBusy          another process is sending this outbox right now: try again later
    ├── TransportError      the backend could not be reached or answered badly: retried later
    │   ├── BackendUnavailable  refused connection, timeout, 5xx, 429
    │   └── BadReply            a reply that is not what the protocol says (the backend's bug)
    └── Refused             the backend refused this terminal or request; ``reason`` says why
                            (terminal_revoked, unknown_terminal, code_invalid, ...): staff act

Queued events are never lost by any of these: they stay in the outbox until a result arrives.
"""

from __future__ import annotations


class SyncError(Exception):
    """Base of every error this package raises on the terminal side."""


class StorageError(SyncError):
    """The outbox or state database cannot be used (disk full, read-only, corrupt)."""


class OutboxBusy(SyncError):
    """Another sync process holds the sender lock."""


class TransportError(SyncError):
    """The request did not get a usable answer; safe to retry."""


class BackendUnavailable(TransportError):
    """Connection refused or dropped, timeout, server error or rate limit."""


class BadReply(TransportError):
    """The reply does not follow the protocol."""


class Refused(SyncError):
    """The backend said no; retrying the same request will not help."""

    def __init__(self, reason: str, detail: str = "", status: int = 0) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
        self.status = status
