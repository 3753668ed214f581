"""What both HTTP services (the backend, the till API) answer when a request breaks them.

``CatchAll`` is an ASGI middleware: an exception nothing else handled becomes
``500 {"error": "internal", "message": ...}`` with no traceback in the answer, and one log
line (with the request id) in the service's log, instead of uvicorn's multi-line traceback
on stderr. ``JSON_INT`` marks a request
integer as JSON Schema has it (``3.0`` yes, ``"3"`` no). ``starlette_refusal`` gives the framework's own 404, 405 and
unparseable-body refusals the same shape. ``validation_message`` words a request validation failure without echoing the
input or the validator's internals (pydantic's ``input``, ``ctx`` and ``url``).
"""

from __future__ import annotations

import json
import logging
import re
import secrets
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BeforeValidator
from starlette.types import ASGIApp, Message, Receive, Scope, Send

INTERNAL = "internal"
# A location part is named in a message only when it is one of our field names; anything
# else in ``loc`` (a dict key, an extra field) was written by the client.
_FIELD = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
_WHERE = ("body", "query", "path", "header")


def validation_message(errors: Sequence[Any]) -> str:
    """``field: what is wrong`` for the first error, in the validator's words, input left out."""
    if not errors:
        return "the request is malformed"
    first = errors[0] if isinstance(errors[0], dict) else {}
    parts = [p for p in first.get("loc", ()) if p not in _WHERE]
    named = [str(p) for p in parts if isinstance(p, str) and _FIELD.match(p)]
    where = ".".join(named) if named and len(named) == len(parts) else ""
    what = str(first.get("msg", "invalid"))
    if first.get("type") == "json_invalid":
        what = "the body is not valid JSON"
    what = what.removeprefix("Value error, ")[:160]
    return f"{where}: {what}" if where else what


def json_integer(value: Any) -> Any:
    """An integral JSON number written with a fraction (``3.0``) is the integer JSON Schema
    says it is; a string or a bool is not an integer, however it reads."""
    if isinstance(value, bool | str | bytes):
        raise ValueError("must be a JSON integer")
    if isinstance(value, float) and value.is_integer() and abs(value) <= 2**53:
        return int(value)
    return value


# A request's integer is ``Annotated[int, Field(ge=.., le=..), JSON_INT]``: what JSON Schema
# calls an integer, never a numeric string or a bool. The bounds come before the validator,
# or pydantic writes them into the document as ``ge``/``le`` instead of minimum/maximum.
JSON_INT = BeforeValidator(json_integer)

# Starlette's own refusals (no such route, wrong method, a body it could not parse), named.
_STARLETTE_CODES = {404: "not_found", 405: "method_not_allowed"}


def starlette_refusal(status: int, malformed: str) -> dict[str, str]:
    """The error shape for an HTTPException raised by the framework itself."""
    if status == 400:
        return {"error": malformed, "message": "the body could not be read as JSON"}
    code = _STARLETTE_CODES.get(status, "refused")
    return {"error": code, "message": code.replace("_", " ")}


class CatchAll:
    """Answer an unhandled exception with a 500 in the error shape, logged on one line.

    ``request_id`` gives the id of the request being served (the backend's log context); by
    default a fresh one is made per request. The id is in the answer's message, so a report
    from a client leads to the log line.
    """

    def __init__(
        self,
        app: ASGIApp,
        logger: logging.Logger,
        request_id: Callable[[], str] | None = None,
        traceback_in_log: bool = True,
    ) -> None:
        self.app = app
        self.logger = logger
        self.request_id = request_id
        self.traceback_in_log = traceback_in_log

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:  # the one place that turns any failure into a 500
            rid = (self.request_id() if self.request_id else "") or secrets.token_hex(8)
            self._log(exc, scope, rid)
            if not started:  # else the client sees the answer cut short, never a traceback
                await _internal(send, rid)

    def _log(self, exc: Exception, scope: Scope, rid: str) -> None:
        where = _innermost(exc)
        extra = {"request_id": rid, "path": scope.get("path", ""), "where": where}
        self.logger.error(
            "internal error %s (request %s) at %s",
            type(exc).__name__,
            rid,
            where,
            exc_info=exc if self.traceback_in_log else None,
            extra=extra,
        )


def _innermost(exc: BaseException) -> str:
    """``file:line`` where the exception was raised."""
    tb = exc.__traceback__
    if tb is None:
        return "?"
    while tb.tb_next is not None:
        tb = tb.tb_next
    return f"{tb.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno}"


async def _internal(send: Send, rid: str) -> None:
    body = json.dumps(
        {
            "error": INTERNAL,
            "message": f"the server failed on this request; its log names request {rid}",
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 500,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"x-request-id", rid.encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
