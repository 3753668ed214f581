"""The backend's logs: JSON lines, each request with its id, never a secret.

Every request gets an id: the caller's X-Request-Id when it is a short plain token,
otherwise a new one; the reply echoes it in X-Request-Id, and every line logged while the
request runs carries it. The request line names the method, the path (never the query
string, never a header or body: codes, passwords, cookies and tokens travel there), the
status and the duration.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import secrets
import sys
import time
from collections.abc import Awaitable, Callable
from typing import IO, Any

from starlette.requests import Request
from starlette.responses import Response

HEADER = "X-Request-Id"
_ACCEPTED_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
access = logging.getLogger("loyalty_backend.access")

# Attributes every LogRecord has; anything else was passed with ``extra`` and is logged.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonLines(logging.Formatter):
    """One JSON object per record: time, level, logger, message, request id, extras."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": round(record.created, 3),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        rid = request_id.get()
        if rid:
            line["request_id"] = rid
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


def configure(stream: IO[str] | None = None, level: int = logging.INFO) -> logging.Handler:
    """Send the backend's logs (logger ``loyalty_backend``) to ``stream`` as JSON lines."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonLines())
    logger = logging.getLogger("loyalty_backend")
    logger.addHandler(handler)
    logger.setLevel(level)
    return handler


async def with_request_id(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Middleware: the request's id in the logs and in the reply; one access line."""
    sent = request.headers.get(HEADER, "")
    rid = sent if _ACCEPTED_ID.match(sent) else secrets.token_hex(8)
    token = request_id.set(rid)
    started = time.perf_counter()
    try:
        response = await call_next(request)
        access.info(
            "request",
            extra={
                "method": request.method,
                "path": request.url.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        response.headers[HEADER] = rid
        return response
    finally:
        request_id.reset(token)
