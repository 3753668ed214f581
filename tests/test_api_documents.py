"""The OpenAPI documents of the backend and the till API, as a POS integrator reads them.

Both pass openapi-spec-validator, as served by the running services. Every operation lists
every status it can answer, each refusal with the one ``Error`` model, never FastAPI's
``HTTPValidationError``; the signed endpoints state their headers, their body and the
signature scheme; request models carry the constraints the services check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from openapi_spec_validator import validate

from backend import models
from crypto import keys
from terminal.till import models as till_models
from tests.counter_setup import provision_offline
from tests.fixtures.backend import Backend
from tests.till_setup import Till

pytest_plugins = ["tests.fixtures.plugin"]

ERROR = {"$ref": "#/components/schemas/Error"}


def _operations(doc: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            yield method, path, operation


def _error_statuses(operation: dict[str, Any]) -> dict[str, Any]:
    return {s: r for s, r in operation["responses"].items() if not s.startswith("2")}


@pytest.fixture
def till(tmp_path: Path) -> Iterator[Till]:
    running = Till(provision_offline(tmp_path / "terminal"))
    yield running
    running.stop()


def test_the_backend_document_is_valid_and_complete(sqlite_backend: Backend) -> None:
    doc = httpx.get(f"{sqlite_backend.url}/openapi.json", timeout=10).json()
    validate(doc)
    schemas = doc["components"]["schemas"]
    assert "HTTPValidationError" not in schemas
    assert set(schemas["Error"]["required"]) == {"error", "message"}
    scheme = doc["components"]["securitySchemes"]["TerminalSignature"]
    assert scheme["name"] == "X-Loyalty-Signature" and "docs/sync.md" in scheme["description"]
    seen = set()
    for method, path, operation in _operations(doc):
        seen.add((method, path))
        errors = _error_statuses(operation)
        assert "422" not in errors and "500" in errors, (method, path)
        for status, response in errors.items():
            assert response["content"]["application/json"]["schema"] == ERROR, (path, status)
        if path.startswith("/v1/") and path not in {
            "/v1/time",
            "/v1/terminals/enrol",
            "/v1/members/enrol",
            "/v1/members/refresh",
        }:
            assert operation["security"] == [{"TerminalSignature": []}], path
            headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
            assert headers == {"X-Loyalty-Terminal", "X-Loyalty-Time", "X-Loyalty-Nonce"}
            assert {"401", "403"} <= set(errors), path
        if method == "post":
            body = operation["requestBody"]["content"]["application/json"]["schema"]
            assert body["$ref"].startswith("#/components/schemas/"), path
    assert ("post", "/v1/batches") in seen and ("post", "/v1/members/{member}/summary") in seen
    batch = schemas["SignedBatch"]
    assert set(batch["required"]) == {"batch", "sig"}
    assert "429" in _error_statuses(doc["paths"]["/v1/presence"]["post"])
    authorisation = schemas["AuthorisationRequest"]["properties"]
    assert set(authorisation["kind"]["enum"]) == {
        "redeem",
        "discount",
        "pickup",
        "coupon",
        "checkin",
    }
    assert authorisation["event"]["pattern"]
    refresh = schemas["CertificateRefresh"]["properties"]
    assert re.match(refresh["signature"]["pattern"], "A" * 86 + "==")
    assert not re.match(refresh["signature"]["pattern"], "\u00e9\u00e9")


def test_the_till_document_is_valid_and_complete(till: Till) -> None:
    doc = till.http.get("/openapi.json").json()
    validate(doc)
    assert "HTTPValidationError" not in doc["components"]["schemas"]
    assert doc["components"]["securitySchemes"]["TillToken"]["scheme"] == "bearer"
    # The example, {"amount": "0", "currency": "AAA"}, is no longer schema-valid.
    sale = doc["components"]["schemas"]["OpenSale"]["properties"]
    assert sale["currency"]["enum"] == ["CNY"]
    assert not re.match(sale["amount"]["pattern"], "0")
    for method, path, operation in _operations(doc):
        errors = _error_statuses(operation)
        assert {"400", "401", "500", "503"} <= set(errors), (method, path)
        for status, response in errors.items():
            assert response["content"]["application/json"]["schema"] == ERROR, (path, status)
        assert operation["security"] == [{"TillToken": []}]
        if method == "post" and path != "/v1/sales":
            assert {"404", "409", "422"} <= set(errors), path


@pytest.mark.parametrize(
    ("amount", "valid"),
    [
        ("0", False),
        ("0.00", False),
        ("-1", False),
        ("012", False),
        ("1.234", False),
        ("1000000.01", False),
        ("0.01", True),
        ("0.5", True),
        ("99.99", True),
        ("1000000.00", True),
    ],
)
def test_a_schema_valid_amount_is_one_the_till_accepts(amount: str, valid: bool) -> None:
    assert bool(re.match(till_models.AMOUNT, amount)) == valid


def test_a_schema_valid_refresh_is_not_refused_as_malformed(sqlite_backend: Backend) -> None:
    schema = models.CertificateRefresh.model_json_schema()["properties"]
    device = keys.public_raw(keys.generate()).hex()
    body = {"member": "M1", "device_public": device, "time": 1, "signature": "A" * 86 + "=="}
    for name in ("member", "device_public", "signature"):
        assert re.match(schema[name]["pattern"], body[name]), name
    reply = httpx.post(f"{sqlite_backend.url}/v1/members/refresh", json=body, timeout=10)
    assert reply.status_code in (401, 403)  # a signature that does not verify; not malformed
