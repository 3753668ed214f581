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
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Query, Request
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


@dataclass(frozen=True)
class TillServices:
    """One till API's collaborators, kept on ``app.state.till`` by ``create_app``."""

    desk: TillDesk
    tokens: TillTokens


def create_app(desk: TillDesk, tokens: TillTokens) -> FastAPI:
    """The ASGI app for one terminal's desk and paired tills."""
    app = FastAPI(title="Loyalty terminal till API", version="1", docs_url=None, redoc_url=None)
    app.state.till = TillServices(desk, tokens)
    # Innermost: anything unforeseen is a 500 in the error shape, one log line, no traceback.
    app.add_middleware(CatchAll, logger=log, traceback_in_log=False)
    openapi_doc.install(app, lambda: desk.service.ctx.policy.currency)
    app.add_exception_handler(Answer, answered)
    app.add_exception_handler(CounterRefused, refused)
    app.add_exception_handler(RequestValidationError, bad_input)
    app.add_exception_handler(StarletteHTTPException, framework)
    app.add_exception_handler(StorageError, storage)
    app.include_router(router)
    # Added last, so it runs first: a body is refused before anything reads it.
    app.add_middleware(BodyLimit, limits={}, default=16 * KIB)
    return app


def _services(request: Request) -> TillServices:
    found: TillServices = request.app.state.till
    return found


async def _desk(request: Request) -> TillDesk:
    return _services(request).desk


# A plain function, so FastAPI runs it in its thread pool: the lookup reads till.sqlite.
def till_of(request: Request) -> str:
    """Dependency: the name of the paired till whose bearer token the request carries."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    tokens = _services(request).tokens
    name = tokens.till_of(token.strip()) if scheme.lower() == "bearer" and token else None
    if name is None:
        raise Answer(401, {"error": "unauthorised", "message": "Pair this till first."})
    return name


Desk = Annotated[TillDesk, Depends(_desk)]
Till = Annotated[str, Depends(till_of)]


def once(
    desk: TillDesk,
    till: str,
    sale_ref: str,
    op: str,
    body: BaseModel,
    run: Callable[[], dict[str, Any]],
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


async def answered(_: Request, exc: Exception) -> JSONResponse:
    """An ``Answer``, sent as it is."""
    assert isinstance(exc, Answer)
    return JSONResponse(exc.body, status_code=exc.status)


async def refused(_: Request, exc: Exception) -> JSONResponse:
    """The counter's refusal, with the status of its reason."""
    assert isinstance(exc, CounterRefused)
    body = {"error": exc.reason, "message": exc.message}
    return JSONResponse(body, status_code=STATUS.get(exc.reason, 422))


async def bad_input(_: Request, exc: Exception) -> JSONResponse:
    """A request the models refuse: 400 with a sentence naming the field."""
    assert isinstance(exc, RequestValidationError)
    message = f"The request is malformed: {validation_message(exc.errors())}."
    return JSONResponse({"error": "bad_request", "message": message}, status_code=400)


async def framework(_: Request, exc: Exception) -> JSONResponse:
    """Starlette's own refusals (404, 405...) in the error shape."""
    assert isinstance(exc, StarletteHTTPException)
    body = starlette_refusal(exc.status_code, "bad_request")
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


async def storage(_: Request, exc: Exception) -> JSONResponse:
    """The terminal's storage failed: 503 with the advice, one log line."""
    assert isinstance(exc, StorageError)
    log.error("till API storage fault: %s", exc)
    return JSONResponse({"error": exc.kind, "message": exc.advice}, status_code=503)


router = APIRouter(generate_unique_id_function=openapi_doc.operation_id)


@router.post("/v1/sales")
def open_sale(body: models.OpenSale, till: Till, desk: Desk) -> dict[str, Any]:
    return once(
        desk,
        till,
        body.sale_ref,
        "open",
        body,
        lambda: desk.open_sale(till, body.sale_ref, body.amount, body.currency, body.code),
    )


@router.get("/v1/sales/{sale_ref}")
def get_sale(
    sale_ref: str,
    till: Till,
    desk: Desk,
    wait: Annotated[float, Query(ge=0, le=MAX_WAIT_SECONDS)] = 0,
) -> dict[str, Any]:
    return desk.wait(till, sale_ref, wait)


@router.post("/v1/sales/{sale_ref}/member")
def identify(sale_ref: str, body: models.Identify, till: Till, desk: Desk) -> dict[str, Any]:
    return once(
        desk,
        till,
        sale_ref,
        "member",
        body,
        lambda: desk.identify(till, sale_ref, body.code, body.member, body.totp),
    )


@router.post("/v1/sales/{sale_ref}/discount")
def discount(sale_ref: str, body: models.Discount, till: Till, desk: Desk) -> dict[str, Any]:
    return once(
        desk, till, sale_ref, "discount", body, lambda: desk.discount(till, sale_ref, body.points)
    )


@router.post("/v1/sales/{sale_ref}/redeem")
def redeem(sale_ref: str, body: models.Redeem, till: Till, desk: Desk) -> dict[str, Any]:
    return once(
        desk, till, sale_ref, "redeem", body, lambda: desk.redeem(till, sale_ref, body.reward)
    )


@router.post("/v1/sales/{sale_ref}/confirm")
def confirm(sale_ref: str, body: models.Confirm, till: Till, desk: Desk) -> dict[str, Any]:
    return once(
        desk,
        till,
        sale_ref,
        "confirm",
        body,
        lambda: desk.confirm(till, sale_ref, body.paid_amount, body.receipt_no),
    )


@router.post("/v1/sales/{sale_ref}/cancel")
def cancel(sale_ref: str, till: Till, desk: Desk) -> dict[str, Any]:
    return once(desk, till, sale_ref, "cancel", models.Empty(), lambda: desk.cancel(till, sale_ref))


@router.post("/v1/sales/{sale_ref}/refund")
def refund(sale_ref: str, body: models.Refund, till: Till, desk: Desk) -> dict[str, Any]:
    return once(
        desk, till, sale_ref, "refund", body, lambda: desk.refund(till, sale_ref, body.amount)
    )
