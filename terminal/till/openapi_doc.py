"""The till API's OpenAPI document: every answer an operation can give, and the bearer token.

FastAPI lists ``200`` and a ``422 HTTPValidationError`` the API never sends (its 422 is a
refusal in the error shape). This adds, without touching the routes, the ``Error`` model on
every status each operation can answer, the ``Authorization: Bearer`` scheme of ``till-pair``,
and the ``sale_ref`` pattern on the path (docs/till.md, "Retries and errors").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
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
    components["securitySchemes"] = {"TillToken": TOKEN_SCHEME}
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)
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
