"""Anyone on the internet with a fuzzer: malformed, oversized-number, non-ASCII, wrong-type input
against every route of the real backend and of the till API.

No input reaches a 500 or FastAPI's ``422 {"detail": [...]}``: a refusal is ``{"error",
"message"}`` that never echoes what was sent, nor a validator's internals or URL. Signed routes
get requests signed with a real terminal key, so the body is read past the signature check.
Something that breaks anyway is ``500 {"error": "internal"}``, logged once with its request id.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute
from sqlalchemy import update

from backend import schema
from backend.app import create_app
from config.paths import DataPaths
from protocol import signing
from terminal.terminal_identity import load_identity
from tests.counter_setup import provision_offline
from tests.fixtures.backend import Backend
from tests.fixtures.terminal import provision
from tests.till_setup import Till

pytest_plugins = ["tests.fixtures.plugin"]

MARK = "ZQX\u00e9\u4e2d\U0001f600"  # must never come back in an answer
FIELDS = [
    "member",
    "device_public",
    "login",
    "time",
    "signature",
    "code",
    "public_key",
    "event",
    "kind",
    "presence",
    "checkout",
    "reward",
    "items",
    "day",
    "catalog_version",
    "totp",
    "batch",
    "sig",
    "sale_ref",
    "amount",
    "currency",
    "paid_amount",
    "receipt_no",
    "points",
    "app_version",
    "bundle_version",
    "pending",
]


def _bodies() -> dict[str, bytes]:
    """Hostile bodies, by name: each field of every request model filled with something bad."""
    every = {name: MARK for name in FIELDS}

    def of(value: Any) -> bytes:
        return json.dumps({name: value for name in FIELDS}).encode()

    return {
        "empty": b"",
        "not-json": b"\xff\xfe{" + MARK.encode(),
        "not-utf8": b'{"member": "\xff\xfe"}',
        "array": b"[]",
        "scalar": b"1e400",
        "deep": b"[" * 3000 + b"]" * 3000,
        "non-ascii": json.dumps(every, ensure_ascii=False).encode(),
        "escaped-surrogate": b'{"member": "\\ud800", "signature": "\\udfff", "code": "\\ud800"}',
        "huge-int": of(10**40),
        "long-int": json.dumps({name: 10**4000 for name in FIELDS[:3]}).encode()[:3900],
        "negative": of(-(2**63)),
        "float": b'{"time": 1e308, "points": -0.0, "catalog_version": 1.5}',
        "list": of([MARK]),
        "object": of({MARK: MARK}),
        "null": of(None),
        "bool": of(True),
        "extra": json.dumps({MARK: 1}).encode(),
    }


BODIES = _bodies()


def _check(reply: httpx.Response, what: str) -> None:
    """No 500, no 422, the error shape, nothing of the input echoed."""
    assert reply.status_code not in (422, 500), f"{what}: {reply.status_code} {reply.text[:300]}"
    text = reply.text
    assert "ZQX" not in text, f"{what} echoed: {text[:300]}"
    assert "pydantic" not in text and "Traceback" not in text, f"{what}: {text[:300]}"
    if reply.status_code >= 400 and "json" in reply.headers.get("content-type", ""):
        body = reply.json()
        assert set(body) <= {"error", "message", "retry_after", "server_time_ms"}, what
        assert isinstance(body["error"], str) and isinstance(body["message"], str), what


def _paths(path: str) -> list[str]:
    """The route's path with each parameter hostile in a few ways."""
    if "{" not in path:
        return [path]
    head, _, rest = path.partition("{")
    tail = rest.partition("}")[2]
    return [
        head + value + tail for value in ("%C3%A9%E4%B8%AD", "9" * 40, "-1", "%00", "a" * 300, "M1")
    ]


class Signer:
    """Signs requests as a provisioned terminal."""

    def __init__(self, backend: Backend, data_dir: Path) -> None:
        provision(backend, data_dir)
        identity = load_identity(DataPaths.resolve(data_dir))
        self.terminal, self.key = identity.terminal, identity.key

    def headers(self, method: str, path: str, body: bytes) -> dict[str, str]:
        return signing.sign_request(self.key, self.terminal, method, path, body, int(time.time()))


def _routes(app: Any) -> list[tuple[str, str]]:
    """Every (method, path) the app serves, the included routers' (the console's) too."""
    found = []
    for route in getattr(app, "routes", ()):
        if isinstance(route, APIRoute):
            found += [(method, route.path) for method in sorted(route.methods)]
        elif hasattr(route, "original_router"):
            found += _routes(route.original_router)
    return found


def test_no_input_reaches_a_500_or_a_422_on_any_backend_route(
    backend: Backend, tmp_path: Path
) -> None:
    signer = Signer(backend, tmp_path / "t1")
    routes = _routes(create_app(backend.engine, backend.issuer_dir))
    assert ("POST", "/v1/authorisations") in routes and ("GET", "/console/fleet") in routes
    queries = ["", f"?since={10**30}", "?since=-1", "?since=%C3%A9", "?since=1e3"]
    with httpx.Client(base_url=backend.url, timeout=30) as http:
        for method, route in routes:
            for path in _paths(route):
                for query in queries if method == "GET" else [""]:
                    target = path + query
                    bodies = BODIES.items() if method == "POST" else [("none", b"")]
                    for name, body in bodies:
                        for signed in (False, True):
                            headers = signer.headers(method, target, body) if signed else {}
                            headers["Content-Type"] = "application/json"
                            reply = http.request(method, target, content=body, headers=headers)
                            _check(reply, f"{method} {target} {name} signed={signed}")


def test_a_non_ascii_refresh_signature_is_malformed_not_a_server_error(
    sqlite_backend: Backend,
) -> None:
    body = {"member": "M1", "device_public": "ab" * 32, "time": 1, "signature": "\u00e9\u00e9"}
    reply = httpx.post(f"{sqlite_backend.url}/v1/members/refresh", json=body, timeout=10)
    assert reply.status_code == 400
    assert reply.json() == {"error": "malformed", "message": "signature must be base64"}


def test_a_malformed_authorisation_is_400_malformed_without_validator_internals(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    signer = Signer(sqlite_backend, tmp_path / "t1")
    body = json.dumps({"event": "e", "kind": "steal", "code": MARK, "checkout": "K"}).encode()
    headers = signer.headers("POST", "/v1/authorisations", body)
    reply = httpx.post(
        f"{sqlite_backend.url}/v1/authorisations", content=body, headers=headers, timeout=10
    )
    assert reply.status_code == 400
    assert reply.json()["error"] == "malformed"
    assert reply.json()["message"].startswith("event: String should match pattern")
    assert "http" not in reply.text and "input" not in reply.text


def test_an_unforeseen_failure_is_500_internal_logged_once_with_its_request_id(
    sqlite_backend: Backend, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    signer = Signer(sqlite_backend, tmp_path / "t1")
    with sqlite_backend.engine.begin() as conn:  # a document the backend cannot read
        conn.execute(
            update(schema.documents)
            .where(schema.documents.c.name == "policy")
            .values(version=99, body="{not json")
        )
    caplog.set_level(logging.INFO, logger="loyalty_backend")
    headers = signer.headers("GET", "/v1/policy", b"")
    headers["X-Request-Id"] = "probe-request-0001"
    reply = httpx.get(f"{sqlite_backend.url}/v1/policy", headers=headers, timeout=10)
    assert reply.status_code == 500
    assert reply.json()["error"] == "internal"
    assert "probe-request-0001" in reply.json()["message"]
    assert "Traceback" not in reply.text and "json" not in reply.json()["message"].lower()
    assert reply.headers["X-Request-Id"] == "probe-request-0001"
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and getattr(errors[0], "request_id", "") == "probe-request-0001"


@pytest.fixture
def till(tmp_path: Path) -> Iterator[Till]:
    running = Till(provision_offline(tmp_path / "terminal"))
    yield running
    running.stop()


def test_no_input_reaches_a_500_or_a_422_on_any_till_route(till: Till) -> None:
    from terminal.till.api import create_app as till_app

    routes = _routes(till_app(till.desk, till.tokens))
    assert ("POST", "/v1/sales/{sale_ref}/refund") in routes
    for method, route in routes:
        for path in _paths(route):
            for query in (
                ["", "?wait=1e9", "?wait=%C3%A9", "?wait=nan"] if method == "GET" else [""]
            ):
                for name, body in BODIES.items() if method == "POST" else [("none", b"")]:
                    for auth in (True, False):
                        headers = {"Content-Type": "application/json"}
                        if not auth:
                            headers["Authorization"] = "Bearer " + "x" * 40
                        reply = till.http.request(
                            method, path + query, content=body, headers=headers
                        )
                        _check(reply, f"till {method} {path}{query} {name} auth={auth}")
