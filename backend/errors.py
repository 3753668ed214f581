"""Why the backend refuses a request, named by who is to blame; each maps to one HTTP status.

    BackendError
    ├── BadRequest       400  the caller sent something malformed: fix the client
    ├── Unauthorized     401  the request is not authenticated (unknown terminal, bad
    │                         signature, replayed request, clock outside the window)
    ├── Forbidden        403  authenticated but not allowed (revoked terminal or device)
    ├── NotFound         404
    ├── Conflict         409  the same id with other content, a batch sent twice
    ├── TooLarge         413  the body is over the route's limit (see body_limits)
    └── TooManyRequests  429  rate limited: wait and try again

The body is always ``{"error": code, "message": text}``; ``code`` is stable and documented in
docs/sync.md, ``message`` is for technicians.
"""

from __future__ import annotations

from typing import Any


class BackendError(Exception):
    """Base of every refusal; ``status`` is the HTTP status code."""

    status = 400

    def __init__(self, code: str, message: str = "", **extra: Any) -> None:
        super().__init__(f"{code}: {message}" if message else code)
        self.code = code
        self.message = message
        self.extra = extra


class BadRequest(BackendError):
    status = 400


class Unauthorized(BackendError):
    status = 401


class Forbidden(BackendError):
    status = 403


class NotFound(BackendError):
    status = 404


class Conflict(BackendError):
    status = 409


class TooLarge(BackendError):
    status = 413


class TooManyRequests(BackendError):
    status = 429
