"""What can go wrong on the terminal's side of sync, named by who is to blame.

    SyncError
    ├── StorageError        the local disk or database failed; ``kind`` and ``advice`` say how
    │   ├── StorageFull         no space left: free space or call a technician
    │   ├── StorageReadOnly     the data folder cannot be written: call a technician
    │   ├── StorageIOError      the disk reports read or write errors: call a technician
    │   ├── StorageCorrupt      a database file is damaged: call a technician, do not delete
    │   ├── StorageBusy         another program holds the database: try again in a moment
    │   └── SchemaTooNew        a newer build wrote this file: it is left untouched
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

    kind = "storage"
    advice = "The terminal cannot use its data files. Nothing was saved. Call a technician."


class StorageFull(StorageError):
    """SQLITE_FULL: the disk (or the file size limit) has no room for the write."""

    kind = "storage_full"
    advice = "The terminal's disk is full. Nothing was saved. Call a technician to free space."


class StorageReadOnly(StorageError):
    """SQLITE_READONLY / SQLITE_PERM: the data folder or file cannot be written."""

    kind = "storage_read_only"
    advice = "The terminal cannot write its data (read-only). Nothing was saved. Call a technician."


class StorageIOError(StorageError):
    """SQLITE_IOERR / SQLITE_CANTOPEN: the disk failed a read or write, or the file is gone."""

    kind = "storage_io"
    advice = "The terminal's disk reported an error. Nothing was saved. Call a technician."


class StorageCorrupt(StorageError):
    """SQLITE_CORRUPT / SQLITE_NOTADB: a database file is damaged."""

    kind = "storage_corrupt"
    advice = (
        "A data file on this terminal is damaged. Nothing was saved. "
        "Call a technician and do not delete anything."
    )


class StorageBusy(StorageError):
    """SQLITE_BUSY / SQLITE_LOCKED past the busy timeout: another process holds the lock."""

    kind = "storage_busy"
    advice = "The terminal's data is busy. Nothing was saved. Try again in a moment."


class SchemaTooNew(StorageError):
    """The file's ``PRAGMA user_version`` is higher than this build knows (sync/schema.py)."""

    kind = "storage_too_new"
    advice = (
        "A data file on this terminal was written by a newer version of the software. "
        "Nothing was changed. Install that version again or call a technician."
    )

    def __init__(self, path: object, name: str, found: int, supported: int) -> None:
        super().__init__(
            f"{path} ({name}) has schema version {found}; this version of the software "
            f"knows up to {supported} and left the file as it is"
        )
        self.found = found
        self.supported = supported


class OutboxBusy(SyncError):
    """Another sync process holds the sender lock."""


class TransportError(SyncError):
    """The request did not get a usable answer; safe to retry."""


class BackendUnavailable(TransportError):
    """Connection refused or dropped, timeout, server error or rate limit.

    For a 429, ``reason`` is the backend's error code (e.g. ``totp_locked``) and
    ``retry_after`` its Retry-After in seconds, when it sent them.
    """

    def __init__(
        self, message: str = "", *, reason: str | None = None, retry_after: int | None = None
    ) -> None:
        super().__init__(message)
        self.reason = reason
        self.retry_after = retry_after


class BadReply(TransportError):
    """The reply does not follow the protocol; ``status`` is its HTTP status when known."""

    def __init__(self, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


class Refused(SyncError):
    """The backend said no; retrying the same request will not help."""

    def __init__(self, reason: str, detail: str = "", status: int = 0) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
        self.status = status
