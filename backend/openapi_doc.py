"""The backend's OpenAPI document: what each operation can answer, and how to sign a request.

FastAPI documents only ``200`` and its own ``422``, which the backend never sends, and not the
bodies of the signed endpoints (they are read raw, because the signature covers the bytes).
This adds, without touching the routes: the ``Error`` model on every status an operation can
answer (``STATUSES``); the signed endpoints' request bodies, their ``X-Loyalty-*`` headers and
a ``securitySchemes`` entry that points at the signature scheme of docs/sync.md; patterns for
path parameters. ``tests/test_api_documents.py`` validates it with openapi-spec-validator.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from backend import fleet, models, staff_api, wire_models

ERROR_REF = {"$ref": "#/components/schemas/Error"}
WHY = {
    400: "malformed request (`malformed`, or a named reason such as `bad_member`)",
    401: "not authenticated (`unsigned_request`, `bad_signature`, `clock_skew`, ...)",
    403: "authenticated but not allowed (`terminal_revoked`, `evidence_refused`, ...)",
    404: "nothing of that name (`no_document`)",
    409: "a conflict (`batch_replayed`, `key_in_use`, `event_conflict`, `staff_key_missing`)",
    413: "body over the route's limit (`too_large`)",
    429: "rate limited (`rate_limited`, `login_locked`, `totp_locked`, ...), see Retry-After",
    500: "unforeseen failure (`internal`); the message names the request id",
    503: "the database is unavailable (`storage_unavailable`), or `balance_race`: retry",
}
SIGNED = (400, 401, 403, 413, 500, 503)
# Every status each operation can answer besides 200 (docs/sync.md, "Wire protocol").
STATUSES: dict[tuple[str, str], tuple[int, ...]] = {
    ("get", "/v1/time"): (500,),
    ("post", "/v1/terminals/enrol"): (400, 409, 413, 429, 500, 503),
    ("post", "/v1/members/enrol"): (400, 401, 413, 429, 500, 503),
    ("post", "/v1/members/refresh"): (400, 401, 403, 413, 429, 500, 503),
    ("get", "/v1/bundle"): SIGNED,
    ("get", "/v1/policy"): (*SIGNED, 404),
    ("get", "/v1/catalog"): (*SIGNED, 404),
    ("get", "/v1/pickup-orders"): SIGNED,
    ("get", "/v1/coupon-statuses"): SIGNED,
    ("post", "/v1/batches"): (*SIGNED, 409),
    ("post", "/v1/heartbeat"): SIGNED,
    ("post", "/v1/members/{member}/summary"): SIGNED,
    ("post", "/v1/authorisations"): (*SIGNED, 409),
    ("post", "/v1/authorisations/{event}/release"): SIGNED,
    ("post", "/v1/presence"): (*SIGNED, 429),
    ("get", "/v1/staff"): (*SIGNED, 409),
    ("post", "/v1/staff/pin"): (*SIGNED, 429),
}
# The bodies the signed endpoints read themselves.
BODIES: dict[tuple[str, str], type[BaseModel]] = {
    ("post", "/v1/batches"): wire_models.SignedBatch,
    ("post", "/v1/heartbeat"): fleet.Heartbeat,
    ("post", "/v1/members/{member}/summary"): models.SummaryRequest,
    ("post", "/v1/authorisations"): models.AuthorisationRequest,
    ("post", "/v1/authorisations/{event}/release"): models.ReleaseRequest,
    ("post", "/v1/presence"): models.PresenceRequest,
    ("post", "/v1/staff/pin"): staff_api.PinChange,
}
ANONYMOUS = {"/v1/time", "/v1/terminals/enrol", "/v1/members/enrol", "/v1/members/refresh"}
SIGNATURE_SCHEME = {
    "type": "apiKey",
    "in": "header",
    "name": "X-Loyalty-Signature",
    "description": "base64 Ed25519 signature by the terminal's enrolled key over "
    '"LOYALTY-REQ-1\\n" METHOD "\\n" PATH?QUERY "\\n" X-Loyalty-Time "\\n" X-Loyalty-Nonce '
    '"\\n" sha256hex(BODY); see docs/sync.md, "Wire protocol". Each nonce is accepted once; '
    "the time must be within 300 s of the server's.",
}
SIGNED_HEADERS = [
    ("X-Loyalty-Terminal", {"type": "string", "minLength": 1, "maxLength": 64}, "terminal id"),
    (
        "X-Loyalty-Time",
        {"type": "string", "pattern": "^[0-9]{1,12}$"},
        "UNIX seconds: the terminal clock plus its known offset",
    ),
    (
        "X-Loyalty-Nonce",
        {"type": "string", "pattern": "^[0-9a-f]{16,64}$"},
        "random hex, never reused",
    ),
]
PATH_PATTERNS = {"member": r"^[A-Za-z0-9_.-]{1,64}$"}


def install(app: FastAPI) -> None:
    """Serve the completed document at /openapi.json."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document(app)
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def document(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document of ``app`` with every answer, body and signature described."""
    doc = get_openapi(title=app.title, version=app.version, routes=app.routes)
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    for model in (wire_models.Error, *BODIES.values()):
        _add_schema(schemas, model)
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    doc["components"]["securitySchemes"] = {"TerminalSignature": SIGNATURE_SCHEME}
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            _complete(path, method, operation)
    return doc


def _add_schema(schemas: dict[str, Any], model: type[BaseModel]) -> None:
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(schema.pop("$defs", {}))
    schemas[model.__name__] = schema


def _complete(path: str, method: str, operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    responses.pop("422", None)
    for status in STATUSES.get((method, path), (500,)):
        responses[str(status)] = {
            "description": WHY[status],
            "content": {"application/json": {"schema": ERROR_REF}},
        }
    model = BODIES.get((method, path))
    if model is not None:
        operation["requestBody"] = {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}
            },
        }
    for parameter in operation.get("parameters", []):
        pattern = PATH_PATTERNS.get(parameter["name"])
        if parameter.get("in") == "path" and pattern:
            parameter["schema"] = {"type": "string", "pattern": pattern}
    if path not in ANONYMOUS:
        operation["security"] = [{"TerminalSignature": []}]
        operation.setdefault("parameters", []).extend(
            {"name": name, "in": "header", "required": True, "schema": schema, "description": why}
            for name, schema, why in SIGNED_HEADERS
        )
