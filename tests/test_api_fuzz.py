"""A schema-driven fuzzer (schemathesis) against a live backend and a live till API.

Every operation of each served ``/openapi.json`` gets schema-valid and schema-invalid requests
(a bounded number each, so the suite keeps its time), signed as a provisioned terminal or
carrying a paired till's token, so they reach past the signature check. Every answer is
checked by schemathesis: no server error, a documented status, the documented body and
content type, invalid data refused. Two checks are left out where the document cannot say
more: ``ignored_auth`` (the signature is over each request's bytes, so schemathesis cannot
make one; unsigned and wrongly signed requests are refused on every route in
test_hostile_malformed_input.py) and, for the operations whose input must also be a key on
the curve, a verifying signature or a one-time code, ``positive_data_acceptance``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from jsonschema import Draft202012Validator
from schemathesis import GenerationMode
from schemathesis.checks import ignored_auth, positive_data_acceptance
from schemathesis.config import SchemathesisConfig

from config.paths import DataPaths
from protocol import signing
from terminal.terminal_identity import load_identity
from tests.counter_setup import provision_offline
from tests.fixtures.backend import Backend
from tests.fixtures.terminal import provision
from tests.till_setup import Till

pytest_plugins = ["tests.fixtures.plugin"]

EXAMPLES = 20  # per operation and generation mode
# Schema-valid yet refusable: a small-order key, a signature that does not verify, a wrong
# one-time code. The schema states every rule it can; these need the service.
BEYOND_SCHEMA = {
    "POST /v1/terminals/enrol",
    "POST /v1/members/enrol",
    "POST /v1/members/refresh",
    "POST /v1/batches",
    "POST /v1/presence",  # the member's 8-digit manual code (401 totp_invalid)
    "POST /v1/sales",  # a member code the till's scanner read (400 bad_code)
    "POST /v1/sales/{sale_ref}/member",
}
# A body over the route's limit is refused with 413 before it is read: a rejection too.
REJECTIONS = [400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 428, 429]
Prepare = Callable[[Any, requests.PreparedRequest], None]
SIGNED_HEADERS = ("X-Loyalty-Terminal", "X-Loyalty-Time", "X-Loyalty-Nonce")


def _fuzz(
    doc: dict[str, Any], base: str, prepare: Prepare, accepted: list[int] | None = None
) -> dict[str, int]:
    """Run every operation in both modes; the figures (operations, examples).

    ``accepted``: what a schema-valid request may get besides 2xx, never 401, so a request
    the fuzzer failed to sign cannot pass (the till's 422 is a refusal of a well-formed
    request by the rules of the sale, docs/till.md).
    """
    checks: dict[str, Any] = {"negative_data_rejection": {"expected-statuses": REJECTIONS}}
    checks["positive_data_acceptance"] = {"expected-statuses": ["2XX", *(accepted or [])]}
    config = SchemathesisConfig.from_dict({"checks": checks})
    schema = schemathesis.openapi.from_dict(doc, config=config)
    session = requests.Session()
    figures = {"operations": 0, "examples": 0}
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        figures["operations"] += 1
        excluded = [ignored_auth]
        if operation.label in BEYOND_SCHEMA:
            excluded.append(positive_data_acceptance)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                _run(operation, mode, excluded, lambda case: _send(case, base, prepare, session))
            except Unsatisfiable:  # nothing to get wrong (GET /v1/time has no input)
                continue
            except BaseException as exc:  # a FailureGroup: name it and go on to the others
                lines = [line for line in str(exc).splitlines() if line.strip()][:12]
                failures.append(f"{operation.label} ({mode.value}): {' | '.join(lines)}")
            figures["examples"] += EXAMPLES
    assert not failures, "\n".join(failures)
    return figures


def _run(operation: Any, mode: GenerationMode, excluded: list[Any], send: Any) -> None:
    """At most EXAMPLES cases of one operation in one mode, each answer checked."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        case.validate_response(send(case), excluded_checks=excluded)

    run()


def _send(case: Any, base: str, prepare: Prepare, session: requests.Session) -> requests.Response:
    sent = requests.Request(**case.as_transport_kwargs(base_url=base)).prepare()
    prepare(case, sent)
    return session.send(sent, timeout=30)


def _valid_header(doc: dict[str, Any], case: Any, name: str, value: Any) -> bool:
    """Whether the generated header is one the document allows (the real one replaces it)."""
    operation = doc["paths"][case.operation.path][case.method.lower()]
    schema = next(p["schema"] for p in operation["parameters"] if p["name"] == name)
    return isinstance(value, str) and Draft202012Validator(schema).is_valid(value)


def _body(sent: requests.PreparedRequest) -> bytes:
    body = sent.body or b""
    return body.encode() if isinstance(body, str) else body


def test_the_backend_holds_under_the_fuzzer(sqlite_backend: Backend, tmp_path: Path) -> None:
    provision(sqlite_backend, tmp_path / "t1")
    identity = load_identity(DataPaths.resolve(tmp_path / "t1"))

    doc = requests.get(f"{sqlite_backend.url}/openapi.json", timeout=10).json()

    def sign(case: Any, sent: requests.PreparedRequest) -> None:
        """Sign as the terminal; a header the case left out or broke stays so."""
        method, path = str(sent.method), str(sent.path_url)
        headers = signing.sign_request(
            identity.key, identity.terminal, method, path, _body(sent), int(time.time())
        )
        sent.headers.update(headers)
        generated = case.headers or {}
        if "X-Loyalty-Signature" not in generated:  # a case without credentials stays so
            del sent.headers["X-Loyalty-Signature"]
        for name in SIGNED_HEADERS:
            if name not in generated:
                del sent.headers[name]
            elif not _valid_header(doc, case, name, generated[name]):
                sent.headers[name] = generated[name]

    # Never 401: every request is signed as the terminal (403 is a summary without the
    # member's evidence, 429 a member's manual-code limit).
    figures = _fuzz(doc, sqlite_backend.url, sign, accepted=[403, 404, 409, 429])
    assert (
        figures["operations"] == len([op for ops in doc["paths"].values() for op in ops])
        and figures["examples"] > 10 * figures["operations"]
    )


@pytest.fixture
def till(tmp_path: Path) -> Iterator[Till]:
    running = Till(provision_offline(tmp_path / "terminal"))
    yield running
    running.stop()


def test_the_till_api_holds_under_the_fuzzer(till: Till) -> None:
    def token(case: Any, sent: requests.PreparedRequest) -> None:
        if "Authorization" in (case.headers or {}):  # a case without credentials stays so
            sent.headers["Authorization"] = f"Bearer {till.token}"

    base = str(till.http.base_url).rstrip("/")
    doc = till.http.get("/openapi.json").json()
    figures = _fuzz(doc, base, token, accepted=[404, 409, 422])
    assert figures["operations"] == 8
