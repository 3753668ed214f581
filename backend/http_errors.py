"""How the backend answers what it refuses: one shape, ``{"error", "message"}`` (+ ``retry_after``).

``install`` registers the handlers: a BackendError as its status and code; a request that
fails validation (FastAPI's own, or ``parse`` of a signed body) as ``400 malformed`` whose
message names the field and the rule but never echoes the input, a validator's internals or
a documentation URL; a database that is down as ``503 storage_unavailable``; anything else
as ``500 internal`` (protocol.http_errors.CatchAll), logged once with the request id.
"""

from __future__ import annotations

import logging
from typing import TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from backend import logs
from backend.errors import BackendError, BadRequest, TooManyRequests
from protocol.http_errors import CatchAll, starlette_refusal, validation_message

log = logging.getLogger("loyalty_backend")
Model = TypeVar("Model", bound=BaseModel)


def parse(model: type[Model], body: bytes) -> Model:
    """A signed request's body as ``model``; ``400 malformed`` in the documented shape."""
    try:
        return model.model_validate_json(body)
    except ValidationError as exc:
        raise BadRequest("malformed", validation_message(exc.errors())) from None


def install(app: FastAPI) -> None:
    """Register the error handlers and the catch-all; call before any other middleware."""
    # Added first, so it sits inside the request-id middleware: its log line carries the id.
    app.add_middleware(CatchAll, logger=log, request_id=logs.request_id.get)

    @app.exception_handler(BackendError)
    async def refused(_: Request, exc: BackendError) -> JSONResponse:
        body = {"error": exc.code, "message": exc.message, **exc.extra}
        headers = {}
        if isinstance(exc, TooManyRequests) and "retry_after" in exc.extra:
            headers["Retry-After"] = str(exc.extra["retry_after"])
        return JSONResponse(body, status_code=exc.status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def malformed(_: Request, exc: RequestValidationError) -> JSONResponse:
        body = {"error": "malformed", "message": validation_message(exc.errors())}
        return JSONResponse(body, status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def framework(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        body = starlette_refusal(exc.status_code, "malformed")
        return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(OperationalError)
    async def storage_down(_: Request, exc: OperationalError) -> JSONResponse:
        log.error("database unavailable: %s", exc.orig)
        return JSONResponse({"error": "storage_unavailable", "message": ""}, status_code=503)
