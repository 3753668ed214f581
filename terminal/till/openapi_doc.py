"""The till API's OpenAPI document: every answer an operation can give, and the bearer token.

FastAPI lists ``200`` and a ``422 HTTPValidationError`` the API never sends (its 422 is a
refusal in the error shape). This adds, without touching the routes, the ``Error`` model on
every status each operation can answer, the ``Authorization: Bearer`` scheme of ``till-pair``,
and the ``sale_ref`` pattern on the path (docs/till.md, "Retries and errors"). Each
operation is named after its route (a generated client's ``open_sale``, ``confirm``), every
success answer is the one ``Sale`` model, and OpenAPI links say which ``sale_ref`` the next
step takes (a client generator's names and a stateful fuzzer's sequences come from these).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field

from terminal.till.models import REF

ERROR_REF = {"$ref": "#/components/schemas/Error"}
WHY = {
    400: "malformed input (`bad_request`, `bad_amount`, `bad_code`)",
    401: "no paired till's token (`unauthorised`)",
    404: "no such sale of this till (`unknown_sale`)",
    409: "`sale_ref_used`, `sale_closed`, `request_differs`",
    413: "body over 16 KiB (`too_large`)",
    422: "refused (`discount_over_cap`, `insufficient_points`, `wrong_currency`, ...)",
    500: "unforeseen failure (`internal`); the message names the request",
    503: "a storage fault of the terminal",
}
POST = (400, 401, 404, 409, 413, 422, 500, 503)
STATUSES: dict[tuple[str, str], tuple[int, ...]] = {
    ("post", "/v1/sales"): (400, 401, 409, 413, 422, 500, 503),
    ("get", "/v1/sales/{sale_ref}"): (400, 401, 404, 500, 503),
}
TOKEN_SCHEME = {
    "type": "http",
    "scheme": "bearer",
    "description": "the token `loyalty-terminal till-pair` printed once (docs/till.md)",
}
PATH_PATTERNS = {"sale_ref": REF}
SALE_REF = {"$ref": "#/components/schemas/Sale"}
FIGURES = {"type": "object", "additionalProperties": True}
SALE_SCHEMA: dict[str, Any] = {
    "title": "Sale",
    "description": 'A till\'s sale as the terminal holds it (docs/till.md, "A sale")',
    "type": "object",
    "required": ["sale_ref", "state", "amount", "currency", "deadline"],
    "properties": {
        "sale_ref": {"type": "string"},
        "state": {
            "type": "string",
            "enum": ["awaiting_member", "identified", "confirmed", "refunded", "cancelled"],
        },
        "amount": {"type": "string"},
        "currency": {"type": "string"},
        "deadline": {"type": "number", "description": "Unix time it is cancelled if open"},
        "to_pay": {"type": "string"},
        "member": {**FIGURES, "description": "`member`, `tier` and the balance model"},
        "discount": {**FIGURES, "description": "`points`, `amount`, `online`"},
        "reward": {**FIGURES, "description": "`reward`, `points`, `name`, `online`"},
        "result": {**FIGURES, "description": "the receipt's lines of a confirm or refund"},
    },
}
# The next steps of a sale an answer leads to: each takes the answer's sale_ref.
NEXT = {
    "open_sale": ("get_sale", "identify", "discount", "redeem", "confirm", "cancel", "refund"),
    "identify": ("get_sale", "discount", "redeem", "confirm", "cancel"),
    "discount": ("get_sale", "confirm", "cancel"),
    "redeem": ("get_sale", "discount", "confirm", "cancel"),
    "confirm": ("get_sale", "refund"),
}
# What the till pays at confirm: the sale's amount, or what is left after the points as cash.
PAY = {
    "open_sale": "$response.body#/amount",
    "identify": "$response.body#/amount",
    "discount": "$response.body#/to_pay",
}


class Error(BaseModel):
    """Every refusal: the CLI's reason code and a sentence for the cashier."""

    error: str = Field(description="stable reason code (docs/counter.md)")
    message: str = Field(description="a sentence for the cashier; never echoes input")
    retry_after: int | None = Field(default=None, ge=0, description="seconds to wait")


def install(app: FastAPI, currency: Callable[[], str]) -> None:
    """Serve the completed document at /openapi.json; ``currency`` is the terminal's own."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document(app, currency())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def document(app: FastAPI, currency: str) -> dict[str, Any]:
    """The OpenAPI document of ``app`` with every answer and the token described."""
    doc = get_openapi(title=app.title, version=app.version, routes=app.routes)
    components = doc.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    schemas["Error"] = Error.model_json_schema()
    # A sale is in the terminal's currency (its policy's); any other is refused wrong_currency.
    if "OpenSale" in schemas:
        schemas["OpenSale"]["properties"]["currency"]["enum"] = [currency]
    schemas["Sale"] = SALE_SCHEMA
    components["securitySchemes"] = {"TillToken": TOKEN_SCHEME}
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)
            step_name = operation.get("operationId")  # the route's name: see operation_id
            if step_name and "200" in responses:
                operation["operationId"] = step_name
                responses["200"]["content"]["application/json"]["schema"] = SALE_REF
                responses["200"]["links"] = links(step_name)
            for status in STATUSES.get((method, path), POST):
                responses[str(status)] = {
                    "description": WHY[status],
                    "content": {"application/json": {"schema": ERROR_REF}},
                }
            for parameter in operation.get("parameters", []):
                pattern = PATH_PATTERNS.get(parameter["name"])
                if parameter.get("in") == "path" and pattern:
                    parameter["schema"] = {"type": "string", "pattern": pattern}
            operation["security"] = [{"TillToken": []}]
    return doc


def operation_id(route: APIRoute) -> str:
    """Each operation is named after its route: a generated client's ``open_sale``."""
    return route.name


def links(step: str) -> dict[str, Any]:
    """The OpenAPI links from an answer of ``step`` to the sale's next steps."""
    out: dict[str, Any] = {}
    for after in NEXT.get(step, ()):
        link: dict[str, Any] = {
            "operationId": after,
            "parameters": {"sale_ref": "$response.body#/sale_ref"},
        }
        if after == "confirm" and step in PAY:
            link["requestBody"] = {"paid_amount": PAY[step]}
        if (step, after) == ("confirm", "refund"):  # what was paid, back
            link["requestBody"] = {"amount": "$response.body#/result/paid_amount"}
        out[after] = link
    return out
