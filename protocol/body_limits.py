"""Request body size limits, enforced before the body is read (ASGI middleware).

A Content-Length over the route's limit is refused with 413 at once, without reading a byte
of the body. A body without Content-Length (chunked) is counted while it arrives and refused
the moment it passes the limit; what arrived so far is at most the limit, so memory stays
bounded whatever the client sends. The refusal closes the connection, so the server does
not go on draining a body nobody will read.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

KIB = 1024


class BodyLimit:
    """Refuse request bodies larger than the route's limit with 413 ``too_large``."""

    def __init__(self, app: ASGIApp, limits: Mapping[str, int], default: int) -> None:
        self.app = app
        self.limits = dict(limits)
        self.default = default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.get(scope["path"], self.default)
        length = _content_length(scope)
        if length is not None:
            if length > limit:
                await _too_large(send, limit)
                return
            await self.app(scope, receive, send)  # the server stops at Content-Length
            return
        buffered = await _read_within(receive, limit)
        if buffered is None:
            await _too_large(send, limit)
            return
        await self.app(scope, _replay(buffered, receive), send)


def _content_length(scope: Scope) -> int | None:
    """The declared length; a malformed one counts as too large (refused)."""
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return 1 << 62
    return None


async def _read_within(receive: Receive, limit: int) -> list[Message] | None:
    """The body's messages while they add up to at most ``limit`` bytes; None past it."""
    messages: list[Message] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            messages.append(message)  # a disconnect: the app will see it
            return messages
        size += len(message.get("body", b""))
        if size > limit:
            return None
        messages.append(message)
        if not message.get("more_body", False):
            return messages


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = list(messages)

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()

    return replayed


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps(
        {"error": "too_large", "message": f"request body over the limit of {limit} bytes"}
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
