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
from typing import IO, Any

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

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


class RequestIds:
    """Middleware: the request's id in the logs and in the reply; one access line.

    Plain ASGI: starlette's ``BaseHTTPMiddleware`` runs the rest of the app in a task of its
    own behind memory streams, which cost more CPU than a small request itself.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        sent = Headers(scope=scope).get(HEADER, "")
        rid = sent if _ACCEPTED_ID.match(sent) else secrets.token_hex(8)
        token = request_id.set(rid)
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[HEADER] = rid
                # Logged before the answer leaves: a client that has it may count on the line.
                access.info(
                    "request",
                    extra={
                        "method": scope["method"],
                        "path": scope["path"],
                        "status": int(message["status"]),
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    },
                )
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            request_id.reset(token)
