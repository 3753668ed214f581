"""An anonymous client on the network, as an attacker would try it against a real server.

Huge bodies (declared, and chunked with no length) are refused with 413 before they are read,
so the server process's memory stays put; floods from ten addresses do not lock out an
eleventh; a forged X-Forwarded-For does not escape a limit; a malformed or refused enrolment
leaves its one-time code usable; too many tries for one member id are refused with 429 and
Retry-After whichever addresses they come from.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from backend import db, rate_limits, schema
from backend.app import BODY_LIMITS, create_app
from crypto import keys
from tests.fixtures.backend import Backend, ServedProcess, ServerThread, serve_process
from tests.fixtures.clock import Clock, hold_at_window_start
from tests.fixtures.terminal import provision

pytest_plugins = ["tests.fixtures.plugin"]

BIG = 20 * 1024 * 1024
CHUNK = 64 * 1024
ANONYMOUS = ["/v1/terminals/enrol", "/v1/members/enrol", "/v1/members/refresh"]
# Memory the server may gain over all the 20 MB requests: far below one of them.
RSS_ALLOWANCE_KB = 4 * 1024


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: Any


def _post_from(
    source: str, url: str, path: str, payload: object, headers: dict[str, str] | None = None
) -> Reply:
    """POST JSON from a chosen loopback address (127.0.0.0/8 is all local on Linux)."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(
        parts.hostname or "127.0.0.1", parts.port, timeout=20, source_address=(source, 0)
    )
    try:
        conn.request(
            "POST",
            path,
            json.dumps(payload).encode(),
            {"Content-Type": "application/json", **(headers or {})},
        )
        response = conn.getresponse()
        raw = response.read()
        return Reply(response.status, dict(response.getheaders()), json.loads(raw or b"null"))
    finally:
        conn.close()


def _source(i: int) -> str:
    return f"127.0.0.{i}"


def _public() -> str:
    return keys.public_raw(keys.generate()).hex()


# --- bodies of 20 MB -----------------------------------------------------------------


def _memory_kb(pid: int) -> dict[str, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0])
    return fields


class _ReplyReader(threading.Thread):
    """Read the server's reply while the body is still being sent."""

    def __init__(self, sock: socket.socket) -> None:
        super().__init__(daemon=True)
        self.sock = sock
        self.data = bytearray()
        self.done = threading.Event()

    def run(self) -> None:
        try:
            while not self._complete():
                chunk = self.sock.recv(65536)
                if not chunk:
                    break
                self.data += chunk
        except OSError:
            pass
        finally:
            self.done.set()

    def _complete(self) -> bool:
        head, sep, body = bytes(self.data).partition(b"\r\n\r\n")
        if not sep:
            return False
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                return len(body) >= int(value)
        return False

    def reply(self) -> Reply:
        head, _, body = bytes(self.data).partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        return Reply(int(lines[0].split()[1]), headers, json.loads(body))


def _send_huge(port: int, path: str, *, chunked: bool) -> tuple[Reply, bool, int]:
    """POST 20 MB; (the reply, whether it came before any body byte was sent, bytes sent)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    reader = _ReplyReader(sock)
    reader.start()
    framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {BIG}"
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    sock.sendall(f"{head}{framing}\r\n\r\n".encode())
    # A declared length over the limit is refused from the headers alone.
    before_body = reader.done.wait(0 if chunked else 5)
    piece = b"7" * CHUNK
    frame = f"{CHUNK:x}\r\n".encode() + piece + b"\r\n" if chunked else piece
    sent = 0
    try:
        while sent < BIG and not reader.done.is_set():
            sock.sendall(frame)
            sent += CHUNK
        if chunked and sent >= BIG:
            sock.sendall(b"0\r\n\r\n")
    except OSError:
        pass  # the server closed the connection on us: expected after its 413
    assert reader.done.wait(30), "no reply to the oversized request"
    sock.close()
    return reader.reply(), before_body, sent


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedProcess]:
    base = tmp_path_factory.mktemp("served")
    with serve_process(str(base / "backend.sqlite"), base / "issuer") as process:
        yield process


@pytest.mark.parametrize("path", [*ANONYMOUS, "/v1/batches"])
def test_a_declared_20_mb_body_is_refused_before_it_is_read(
    served: ServedProcess, path: str
) -> None:
    port = urlsplit(served.url).port or 0
    _send_huge(port, path, chunked=False)  # warm-up: first-call allocations are not growth
    before = _memory_kb(served.pid)
    for _ in range(3):
        reply, before_body, sent = _send_huge(port, path, chunked=False)
        assert (reply.status, reply.body["error"]) == (413, "too_large")
        assert reply.headers["connection"] == "close"
        assert before_body, "the 413 must come from the headers, before the body"
        assert sent < BIG  # the connection was closed instead of drained
    after = _memory_kb(served.pid)
    assert after["VmRSS"] - before["VmRSS"] < RSS_ALLOWANCE_KB, (before, after)
    assert after["VmHWM"] - before["VmHWM"] < RSS_ALLOWANCE_KB, (before, after)


@pytest.mark.parametrize("path", [*ANONYMOUS, "/v1/batches"])
def test_a_chunked_20_mb_body_is_refused_once_it_passes_the_limit(
    served: ServedProcess, path: str
) -> None:
    port = urlsplit(served.url).port or 0
    _send_huge(port, path, chunked=True)
    before = _memory_kb(served.pid)
    for _ in range(3):
        reply, _, sent = _send_huge(port, path, chunked=True)
        assert (reply.status, reply.body["error"]) == (413, "too_large")
        assert sent < BIG
    after = _memory_kb(served.pid)
    assert after["VmRSS"] - before["VmRSS"] < RSS_ALLOWANCE_KB, (before, after)
    assert after["VmHWM"] - before["VmHWM"] < RSS_ALLOWANCE_KB, (before, after)


def test_a_body_just_over_the_enrolment_limit_is_refused_and_one_within_is_read(
    served: ServedProcess,
) -> None:
    limit = BODY_LIMITS["/v1/terminals/enrol"]
    padded = {"code": "AAAA-BBBB-CCCC-DDDD", "public_key": _public(), "pad": ""}
    padded["pad"] = "x" * (limit - len(json.dumps(padded)))
    assert len(json.dumps(padded)) == limit
    within = _post_from("127.0.0.1", served.url, "/v1/terminals/enrol", padded)
    assert (within.status, within.body["error"]) == (400, "code_invalid")
    padded["pad"] += "x"
    over = _post_from("127.0.0.1", served.url, "/v1/terminals/enrol", padded)
    assert (over.status, over.body["error"]) == (413, "too_large")


# --- floods ---------------------------------------------------------------------------


def test_ten_flooding_addresses_do_not_lock_out_a_technician_at_an_eleventh(
    backend: Backend, tmp_path: Path
) -> None:
    hold_at_window_start(backend.moved_clock(), rate_limits.TERMINAL_CODE_FAILURES.window)
    public = _public()
    for i in range(2, 12):  # ten clients, five bad codes each: all within their own limit
        for n in range(5):
            reply = _post_from(
                _source(i),
                backend.url,
                "/v1/terminals/enrol",
                {"code": f"AAAA-BBBB-{i:04d}-{n:04d}", "public_key": public},
            )
            assert (reply.status, reply.body["error"]) == (400, "code_invalid")
    sixth = _post_from(
        _source(2), backend.url, "/v1/terminals/enrol", {"code": "ZZZZ", "public_key": public}
    )
    assert (sixth.status, sixth.body["error"]) == (429, "rate_limited")
    assert 1 <= int(sixth.headers["retry-after"]) <= rate_limits.TERMINAL_CODE_FAILURES.window
    assert sixth.body["retry_after"] == int(sixth.headers["retry-after"])
    # Even a right code waits at a flooding address ...
    code = backend.enrolment_code("S7")
    blocked = _post_from(
        _source(3), backend.url, "/v1/terminals/enrol", {"code": code, "public_key": public}
    )
    assert blocked.status == 429
    # ... and the technician at another address enrols at once, with the same code.
    technician = _post_from(
        _source(12), backend.url, "/v1/terminals/enrol", {"code": code, "public_key": public}
    )
    assert technician.status == 200, technician.body
    assert technician.body["store"] == "S7"


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(
    sqlite_backend: Backend,
) -> None:
    hold_at_window_start(sqlite_backend.moved_clock(), rate_limits.TERMINAL_CODE_FAILURES.window)
    public = _public()
    statuses = [
        _post_from(
            _source(20),
            sqlite_backend.url,
            "/v1/terminals/enrol",
            {"code": f"AAAA-BBBB-CCCC-{n:04d}", "public_key": public},
            {"X-Forwarded-For": f"198.51.100.{n}"},  # no trusted proxy: ignored
        ).status
        for n in range(7)
    ]
    assert statuses == [400] * 5 + [429] * 2


# --- a malformed or refused request never consumes a code -----------------------------


def _code_used(backend: Backend) -> list[Any]:
    with backend.engine.begin() as conn:
        return [r.used_at for r in conn.execute(select(schema.enrolment_codes.c.used_at))]


@pytest.mark.parametrize(
    "payload",
    [
        {"public_key": "zz" * 32},  # not hex
        {"public_key": "ab" * 31},  # 31 bytes
        {"public_key": "ab" * 32 + "a"},  # odd length
        {"public_key": ""},
        {},  # no key at all
        {"public_key": 12},  # not text
    ],
    ids=["not-hex", "short", "odd", "empty", "missing", "number"],
)
def test_a_malformed_terminal_enrolment_leaves_the_code_usable(
    sqlite_backend: Backend, tmp_path: Path, payload: dict[str, Any]
) -> None:
    code = sqlite_backend.enrolment_code("S3")
    reply = _post_from(
        "127.0.0.1", sqlite_backend.url, "/v1/terminals/enrol", {"code": code, **payload}
    )
    assert reply.status in (400, 422)
    assert _code_used(sqlite_backend) == [None]
    good = _post_from(
        "127.0.0.1",
        sqlite_backend.url,
        "/v1/terminals/enrol",
        {"code": code, "public_key": _public()},
    )
    assert (good.status, good.body["store"]) == (200, "S3")


def test_an_enrolment_refused_for_a_key_in_use_leaves_the_code_usable(
    backend: Backend, tmp_path: Path
) -> None:
    taken = provision(backend, tmp_path / "t1")  # one terminal, its key now registered
    with backend.engine.begin() as conn:
        key = conn.execute(
            select(schema.terminals.c.public_key).where(schema.terminals.c.id == taken["terminal"])
        ).scalar_one()
    code = backend.enrolment_code("S4")
    reused = _post_from(
        "127.0.0.1", backend.url, "/v1/terminals/enrol", {"code": code, "public_key": key}
    )
    assert (reused.status, reused.body["error"]) == (409, "key_in_use")
    good = _post_from(
        "127.0.0.1", backend.url, "/v1/terminals/enrol", {"code": code, "public_key": _public()}
    )
    assert (good.status, good.body["store"]) == (200, "S4")


# --- member enrolment -----------------------------------------------------------------


def _enrol_member(source: str, backend: Backend, member: str) -> Reply:
    return _post_from(
        source, backend.url, "/v1/members/enrol", {"member": member, "device_public": _public()}
    )


def test_too_many_tries_for_one_member_id_are_refused_from_any_address(
    backend: Backend,
) -> None:
    hold_at_window_start(backend.moved_clock(), rate_limits.MEMBER_ENROL_MEMBER.window)
    allowed = rate_limits.MEMBER_ENROL_MEMBER.hits
    tries = [_enrol_member(_source(30 + i), backend, "VICTIM1") for i in range(allowed)]
    assert all(t.status != 429 for t in tries), [t.body for t in tries]
    refused = _enrol_member(_source(40), backend, "VICTIM1")  # a fresh address: still refused
    assert (refused.status, refused.body["error"]) == (429, "rate_limited")
    retry = int(refused.headers["retry-after"])
    assert 1 <= retry <= rate_limits.MEMBER_ENROL_MEMBER.window
    assert "member" in refused.body["message"]
    # Not a global bucket: another member enrols from those same addresses.
    other = _enrol_member(_source(30), backend, "OTHER1")
    assert other.status != 429, other.body


def test_too_many_member_enrolments_from_one_address_are_refused(
    sqlite_backend: Backend,
) -> None:
    hold_at_window_start(sqlite_backend.moved_clock(), rate_limits.MEMBER_ENROL_CLIENT.window)
    allowed = rate_limits.MEMBER_ENROL_CLIENT.hits
    tries = [_enrol_member(_source(50), sqlite_backend, f"FLOOD{i}") for i in range(allowed)]
    assert all(t.status != 429 for t in tries), [t.body for t in tries]
    refused = _enrol_member(_source(50), sqlite_backend, "FLOODX")
    assert (refused.status, refused.body["error"]) == (429, "rate_limited")
    assert "address" in refused.body["message"]
    assert _enrol_member(_source(51), sqlite_backend, "FLOODX").status != 429


def test_certificate_refreshes_are_limited_per_address(sqlite_backend: Backend) -> None:
    hold_at_window_start(sqlite_backend.moved_clock(), rate_limits.MEMBER_REFRESH_CLIENT.window)
    body = {"member": "M1", "device_public": _public(), "time": 0, "signature": "AAAA"}
    allowed = rate_limits.MEMBER_REFRESH_CLIENT.hits
    statuses = [
        _post_from(_source(60), sqlite_backend.url, "/v1/members/refresh", body).status
        for _ in range(allowed + 1)
    ]
    assert 429 not in statuses[:allowed] and statuses[allowed] == 429
    other = _post_from(_source(61), sqlite_backend.url, "/v1/members/refresh", body)
    assert other.status != 429


@pytest.fixture
def behind_proxy(tmp_path: Path) -> Iterator[str]:
    """A backend told that 127.0.0.1 is its reverse proxy (``serve --trusted-proxy``)."""
    engine = db.make_engine(f"sqlite:///{tmp_path / 'proxied.sqlite'}")
    db.upgrade(engine)
    clock = Clock()
    hold_at_window_start(clock, rate_limits.TERMINAL_CODE_FAILURES.window)
    app = create_app(engine, tmp_path / "issuer", trusted_proxies=["127.0.0.1"], clock=clock)
    with ServerThread(app) as server:
        yield f"http://127.0.0.1:{server.port}"
    engine.dispose()


def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_bucket(
    behind_proxy: str,
) -> None:
    def bad_code(source: str, forwarded: str, n: int) -> int:
        payload = {"code": f"AAAA-BBBB-CCCC-{n:04d}", "public_key": _public()}
        headers = {"X-Forwarded-For": forwarded}
        return _post_from(source, behind_proxy, "/v1/terminals/enrol", payload, headers).status

    # The proxy appends the address it saw; what the client wrote before it is not believed.
    flooder = [bad_code("127.0.0.1", f"10.9.9.{n}, 203.0.113.5", n) for n in range(7)]
    assert flooder == [400] * 5 + [429] * 2
    assert bad_code("127.0.0.1", "203.0.113.6", 99) == 400  # another client, its own bucket
    # A peer that is not the trusted proxy cannot choose its bucket with the header.
    direct = [bad_code("127.0.0.70", f"203.0.113.{n + 10}", n) for n in range(6)]
    assert direct == [400] * 5 + [429]
