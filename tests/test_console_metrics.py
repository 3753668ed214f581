"""/metrics scraped after real syncs (figures checked), who may read it, and the JSON logs
of a real console and terminal session (request ids echoed, no secret in any line)."""

from __future__ import annotations

import io
import json
import logging
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from backend import fleet, logs, metrics
from backend.console.web import ConsoleSettings
from protocol import signing
from tests.console_session import console_user, csrf_of, post_form, sign_in
from tests.fixtures.backend import Backend, serve_process, start_backend
from tests.fixtures.rogue import Rogue
from tests.fixtures.terminal import award, enrol_wallet, next_code, provision, sync, terminal
from tests.test_console_heartbeat import REPORT

pytest_plugins = ["tests.fixtures.plugin"]

TOKEN = "metrics-token-0123456789abcdef"
ADMIN_PASSWORD = "correct horse battery"
VIEWER_PASSWORD = "viewer staple 1234"


@pytest.fixture(params=["sqlite", "postgres"])
def office(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    """The real backend with a metrics token and plain-HTTP console cookies."""
    if request.param == "postgres":
        db_url = request.getfixturevalue("pg_cluster").new_database()
    else:
        db_url = f"sqlite:///{tmp_path / 'backend.sqlite'}"
    settings = ConsoleSettings(secure_cookies=False, metrics_token=TOKEN)
    yield from start_backend(db_url, tmp_path / "issuer", request.param, settings)


def scrape(backend: Backend, **headers: str) -> requests.Response:
    return requests.get(f"{backend.url}/metrics", headers=headers, timeout=10)


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    found = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            found[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return found


def test_metrics_after_real_syncs(office: Backend, tmp_path: Path):
    t1, t2 = tmp_path / "t1", tmp_path / "t2"
    provision(office, t1)
    provision(office, t2)
    wallet = enrol_wallet(office, "M1", tmp_path / "wallet.json")
    award(t1, wallet, "10.00")
    shown = next_code(wallet)  # one code at two counters: the second award is rejected
    for data in (t1, t2):
        rc, out = terminal(["award", "--data-dir", str(data), "--amount", "5.00", shown])
        assert rc == 0, out
    assert sync(t1)[1]["accepted"] == 2
    assert sync(t2)[1]["rejected"] == 1
    # A rooted terminal sends one batch twice: the replay is refused and flagged.
    rogue = Rogue(office, tmp_path / "rogue")
    body = rogue.seal([])
    assert rogue.post(body).status_code == 200
    assert rogue.post(body).status_code == 409

    reply = scrape(office, Authorization=f"Bearer {TOKEN}")
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("text/plain; version=0.0.4")
    got = samples(reply.text)
    assert got[("loyalty_batches_ingested_total", ())] == 3  # t1, t2, the rogue's first
    assert got[("loyalty_events_ingested_total", (("status", "accepted"),))] == 2
    assert got[("loyalty_events_ingested_total", (("status", "rejected"),))] == 1
    assert got[("loyalty_events_rejected_total", (("reason", "code_reused"),))] == 1
    assert got[("loyalty_batches_refused_total", (("reason", "replayed"),))] == 1
    assert got[("loyalty_flags_raised_total", (("kind", "code_reused"),))] == 1
    assert got[("loyalty_ingest_latency_seconds_count", ())] == 3
    assert got[("loyalty_ingest_latency_seconds_bucket", (("le", "+Inf"),))] == 3
    assert 0 < got[("loyalty_ingest_latency_seconds_sum", ())] < 30
    assert got[("loyalty_terminals", (("status", "active"),))] == 3
    assert got[("loyalty_terminals_stale", ())] == 0


def test_the_latency_buckets_count_each_batch_at_and_above_its_time(office: Backend):
    # 5 ms exactly (a bound is "less or equal"), 30 ms, 0.7 s and 20 s, past the last bound.
    for seconds in (0.005, 0.030, 0.7, 20.0):
        with office.engine.begin() as conn:
            metrics.observe_ingest(conn, seconds)
    got = samples(scrape(office, Authorization=f"Bearer {TOKEN}").text)
    buckets = {
        float(dict(labels)["le"]): value
        for (name, labels), value in got.items()
        if name == "loyalty_ingest_latency_seconds_bucket"
    }
    assert sorted(buckets) == [b / 1000 for b in metrics.BOUNDS_MS] + [float("inf")]
    expected = {0.005: 1, 0.01: 1, 0.025: 1, 0.05: 2, 0.1: 2, 0.25: 2, 0.5: 2}
    expected |= {1.0: 3, 2.5: 3, 5.0: 3, 10.0: 3, float("inf"): 4}
    assert buckets == expected
    assert got[("loyalty_ingest_latency_seconds_count", ())] == 4
    assert got[("loyalty_ingest_latency_seconds_sum", ())] == pytest.approx(20.735)


def test_a_terminal_silent_for_the_stale_time_is_counted_stale(office: Backend, tmp_path):
    provision(office, tmp_path / "t1")
    with office.engine.begin() as conn:  # 37 hours later, as seen from the backend
        assert fleet.stale_count(conn, int(time.time()) + 37 * 3600, fleet.FleetSettings()) == 1
        assert fleet.stale_count(conn, int(time.time()) + 35 * 3600, fleet.FleetSettings()) == 0


def test_metrics_need_the_token_or_an_admin_session(office: Backend):
    assert scrape(office).status_code == 401
    assert scrape(office, Authorization="Bearer wrong-token-0123456789").status_code == 401
    assert scrape(office, Authorization=TOKEN).status_code == 401  # not a bearer header
    console_user(office, "vera", "viewer", VIEWER_PASSWORD)
    console_user(office, "ada", "admin", ADMIN_PASSWORD)
    viewer = sign_in(office, "vera", VIEWER_PASSWORD)
    assert viewer.get(f"{office.url}/metrics", timeout=10).status_code == 401
    admin = sign_in(office, "ada", ADMIN_PASSWORD)
    reply = admin.get(f"{office.url}/metrics", timeout=10)
    assert reply.status_code == 200 and "loyalty_batches_ingested_total" in reply.text


def test_logs_are_json_lines_with_request_ids_and_no_secret(tmp_path: Path):
    text = io.StringIO()
    handler = logs.configure(text)
    served = start_backend(
        f"sqlite:///{tmp_path / 'office.sqlite'}",
        tmp_path / "issuer",
        "sqlite",
        ConsoleSettings(secure_cookies=False, metrics_token=TOKEN),
    )
    try:
        secrets = _real_session(next(served), tmp_path)
    finally:
        served.close()
        logging.getLogger("loyalty_backend").removeHandler(handler)
    lines = [json.loads(line) for line in text.getvalue().splitlines()]
    requests_logged = [line for line in lines if line["message"] == "request"]
    assert len(requests_logged) >= 10
    assert all(re.fullmatch(r"[A-Za-z0-9._-]{8,64}", line["request_id"]) for line in lines)
    assert any(
        line["request_id"] == "office-check-0001" and line["path"] == "/v1/time"
        for line in requests_logged
    )
    assert {"/console/login", "/v1/heartbeat", "/metrics", "/v1/terminals/enrol"} <= {
        line["path"] for line in requests_logged
    }
    logged = text.getvalue()
    for name, secret in secrets.items():
        assert secret not in logged, f"the {name} is in the log"


def _real_session(backend: Backend, tmp_path: Path) -> dict[str, str]:
    """Sign in, create an enrolment code, provision with it, heartbeat, login code, scrape."""
    console_user(backend, "ada", "admin", ADMIN_PASSWORD)
    office = sign_in(backend, "ada", ADMIN_PASSWORD)
    created = post_form(office, backend, "/console/enrolment", "/console/enrolment", store="S9")
    code = re.search(r'id="new-code">([A-Z0-9-]+)<', created.text).group(1)
    argv = ["provision", "--backend", backend.url, "--code", code]
    rc, out = terminal([*argv, "--data-dir", str(tmp_path / "t")])
    assert rc == 0, out
    rogue_key = _heartbeat(backend, tmp_path / "t", out["terminal"])
    wallet = enrol_wallet(backend, "M7", tmp_path / "w.json")
    issued = post_form(
        office, backend, "/console/members?member=M7", "/console/members/login-code", member="M7"
    )
    login_code = re.search(r'class="code mono">([^<]+)<', issued.text).group(1)
    assert scrape(backend, Authorization=f"Bearer {TOKEN}").status_code == 200
    echoed = requests.get(
        f"{backend.url}/v1/time", headers={"X-Request-Id": "office-check-0001"}, timeout=10
    )
    assert echoed.headers["X-Request-Id"] == "office-check-0001"
    odd = requests.get(f"{backend.url}/v1/time", headers={"X-Request-Id": "a b;<x>"}, timeout=10)
    assert re.fullmatch(r"[0-9a-f]{16}", odd.headers["X-Request-Id"])  # replaced, not echoed
    member_code = next_code(wallet)
    return {
        "password": ADMIN_PASSWORD,
        "enrolment code": code,
        "enrolment code without dashes": code.replace("-", ""),
        "session cookie": office.cookies["console_session"],
        "CSRF token": re.search(r'name="csrf" value="([^"]+)"', created.text).group(1),
        "login code": login_code,
        "metrics token": TOKEN,
        "terminal key's signature": rogue_key,
        "member code": member_code,
    }


def _heartbeat(backend: Backend, data: Path, terminal_id: str) -> str:
    from config.paths import DataPaths
    from terminal.terminal_identity import load_identity

    key = load_identity(DataPaths.resolve(data)).key
    body = json.dumps(REPORT).encode()
    headers = signing.sign_request(
        key, terminal_id, "POST", "/v1/heartbeat", body, int(time.time())
    )
    assert (
        requests.post(
            f"{backend.url}/v1/heartbeat", data=body, headers=headers, timeout=10
        ).status_code
        == 200
    )
    return headers[signing.HEADER_SIGNATURE]


def test_serve_with_workers_reads_the_token_file_and_logs_json(tmp_path: Path):
    token_file = tmp_path / "metrics.token"
    token_file.write_text(TOKEN + "\n")
    token_file.chmod(0o600)
    db_url = f"sqlite:///{tmp_path / 'served.sqlite'}"
    extra = ("--metrics-token-file", str(token_file), "--workers", "2")
    with serve_process(db_url, tmp_path / "issuer", *extra) as served:
        for _ in range(4):  # whichever worker answers, the same rule
            assert requests.get(f"{served.url}/metrics", timeout=10).status_code == 401
            reply = requests.get(
                f"{served.url}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10
            )
            assert reply.status_code == 200 and "loyalty_terminals_stale 0.0" in reply.text
    stderr = served.process.stderr.read().decode()
    lines = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
    assert {line["status"] for line in lines if line.get("path") == "/metrics"} == {200, 401}
    assert TOKEN not in stderr


def test_console_cookies_are_secure_httponly_and_strict_by_default(tmp_path: Path):
    served = start_backend(f"sqlite:///{tmp_path / 'b.sqlite'}", tmp_path / "issuer", "sqlite")
    backend = next(served)
    try:
        console_user(backend, "ada", "admin", ADMIN_PASSWORD)
        page = requests.get(f"{backend.url}/console/login", timeout=10)
        login_cookie = page.headers["set-cookie"]
        form = {"csrf": csrf_of(page.text), "name": "ada", "password": ADMIN_PASSWORD}
        reply = requests.post(
            f"{backend.url}/console/login",
            data=form,
            cookies={"console_login_csrf": page.cookies["console_login_csrf"]},
            allow_redirects=False,
            timeout=30,
        )
        assert reply.status_code == 303
        session_cookie = next(
            c for c in reply.raw.headers.getlist("set-cookie") if c.startswith("console_session=")
        )
        for cookie in (login_cookie, session_cookie):
            attributes = {a.strip().lower() for a in cookie.split(";")[1:]}
            assert {"secure", "httponly", "samesite=strict"} <= attributes, cookie
    finally:
        served.close()
