"""The till API over HTTP (FastAPI): a paired till rings up sales on this terminal.

Every route but /openapi.json needs ``Authorization: Bearer TOKEN`` of a paired till. Answers
to a sale's POSTs are kept by (till, sale_ref, operation) with the request's hash: the same
request again gets the same answer, a different one 409 ``request_differs``. Refusals are
``{"error", "message"}`` with the CLI's reason codes; nothing here logs a token or a code.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from protocol.body_limits import KIB, BodyLimit
from protocol.canonical import canonical_json
from protocol.http_errors import CatchAll, starlette_refusal, validation_message
from sync.errors import StorageError
from terminal.counter.errors import CounterRefused
from terminal.till import models, openapi_doc
from terminal.till.sales import TillDesk
from terminal.till.tokens import TillTokens

log = logging.getLogger(__name__)
MAX_WAIT_SECONDS = 60
# Steps a sale may take again with other figures (the customer changes their mind); a repeat
# of the newest request gets its answer again.
REPLACEABLE = frozenset({"discount", "redeem"})
# Status by reason; any other refusal of an operation is 422.
STATUS = {
    "unknown_sale": 404,
    "sale_ref_used": 409,
    "sale_closed": 409,
    "request_differs": 409,
    "bad_request": 400,
    "bad_amount": 400,
    "bad_code": 400,
    "insufficient_points": 422,
    "unknown_reward": 422,
}


class Answer(Exception):
    """A finished answer (status, body) to send as it is."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body.get("error", ""))
        self.status = status
        self.body = body


def create_app(desk: TillDesk, tokens: TillTokens) -> FastAPI:
    """The ASGI app for one terminal's desk and paired tills."""
    app = FastAPI(title="Loyalty terminal till API", version="1", docs_url=None, redoc_url=None)
    # Innermost: anything unforeseen is a 500 in the error shape, one log line, no traceback.
    app.add_middleware(CatchAll, logger=log, traceback_in_log=False)
    openapi_doc.install(app, lambda: desk.service.ctx.policy.currency)

    def till_of(request: Request) -> str:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        name = tokens.till_of(token.strip()) if scheme.lower() == "bearer" and token else None
        if name is None:
            raise Answer(401, {"error": "unauthorised", "message": "Pair this till first."})
        return name

    Till = Depends(till_of)

    def once(
        till: str, sale_ref: str, op: str, body: BaseModel, run: Callable[[], dict[str, Any]]
    ) -> dict[str, Any]:
        """Run ``op`` once per sale; the same request again gets the answer kept for it."""
        digest = hashlib.sha256(canonical_json(body.model_dump())).hexdigest()

        def answer_once() -> dict[str, Any]:
            with desk.lock:
                kept = desk.store.answer(till, sale_ref, op)
                if kept is not None and kept[0] == digest:
                    return kept[2]
                if kept is not None and op not in REPLACEABLE:
                    raise CounterRefused(
                        "request_differs",
                        "Sale %1 was already sent a different %2 request.",
                        sale_ref,
                        op,
                    )
                answer = run()
                desk.store.remember(till, sale_ref, op, digest, 200, answer)
                return answer

        # On the core's thread: in the counter app, the app's one core lane.
        return desk.call(answer_once)

    @app.exception_handler(Answer)
    async def answered(_: Request, exc: Answer) -> JSONResponse:
        return JSONResponse(exc.body, status_code=exc.status)

    @app.exception_handler(CounterRefused)
    async def refused(_: Request, exc: CounterRefused) -> JSONResponse:
        body = {"error": exc.reason, "message": exc.message}
        return JSONResponse(body, status_code=STATUS.get(exc.reason, 422))

    @app.exception_handler(RequestValidationError)
    async def bad_input(_: Request, exc: RequestValidationError) -> JSONResponse:
        message = f"The request is malformed: {validation_message(exc.errors())}."
        return JSONResponse({"error": "bad_request", "message": message}, status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def framework(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        body = starlette_refusal(exc.status_code, "bad_request")
        return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(StorageError)
    async def storage(_: Request, exc: StorageError) -> JSONResponse:
        log.error("till API storage fault: %s", exc)
        return JSONResponse({"error": exc.kind, "message": exc.advice}, status_code=503)

    @app.post("/v1/sales")
    def open_sale(body: models.OpenSale, till: str = Till) -> dict[str, Any]:
        return once(
            till,
            body.sale_ref,
            "open",
            body,
            lambda: desk.open_sale(till, body.sale_ref, body.amount, body.currency, body.code),
        )

    @app.get("/v1/sales/{sale_ref}")
    def get_sale(
        sale_ref: str, wait: float = Query(0, ge=0, le=MAX_WAIT_SECONDS), till: str = Till
    ) -> dict[str, Any]:
        return desk.wait(till, sale_ref, wait)

    @app.post("/v1/sales/{sale_ref}/member")
    def identify(sale_ref: str, body: models.Identify, till: str = Till) -> dict[str, Any]:
        return once(
            till,
            sale_ref,
            "member",
            body,
            lambda: desk.identify(till, sale_ref, body.code, body.member, body.totp),
        )

    @app.post("/v1/sales/{sale_ref}/discount")
    def discount(sale_ref: str, body: models.Discount, till: str = Till) -> dict[str, Any]:
        return once(
            till, sale_ref, "discount", body, lambda: desk.discount(till, sale_ref, body.points)
        )

    @app.post("/v1/sales/{sale_ref}/redeem")
    def redeem(sale_ref: str, body: models.Redeem, till: str = Till) -> dict[str, Any]:
        return once(
            till, sale_ref, "redeem", body, lambda: desk.redeem(till, sale_ref, body.reward)
        )

    @app.post("/v1/sales/{sale_ref}/confirm")
    def confirm(sale_ref: str, body: models.Confirm, till: str = Till) -> dict[str, Any]:
        return once(
            till,
            sale_ref,
            "confirm",
            body,
            lambda: desk.confirm(till, sale_ref, body.paid_amount, body.receipt_no),
        )

    @app.post("/v1/sales/{sale_ref}/cancel")
    def cancel(sale_ref: str, till: str = Till) -> dict[str, Any]:
        return once(till, sale_ref, "cancel", models.Empty(), lambda: desk.cancel(till, sale_ref))

    @app.post("/v1/sales/{sale_ref}/refund")
    def refund(sale_ref: str, body: models.Refund, till: str = Till) -> dict[str, Any]:
        return once(
            till, sale_ref, "refund", body, lambda: desk.refund(till, sale_ref, body.amount)
        )

    # Added last, so it runs first: a body is refused before anything reads it.
    app.add_middleware(BodyLimit, limits={}, default=16 * KIB)
    return app
