"""A client forging proxy headers from the backend's own host, against ``loyalty-backend serve``.

uvicorn believes X-Forwarded-For from 127.0.0.1 unless told not to; the backend believes it
only from the peers named by ``--trusted-proxy``. A flooder on 127.0.0.1 writing a new address
into every request must stay in its own bucket, and writing a victim's address must not lock
the victim out when the victim's requests come through the real proxy.
"""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from backend import rate_limits
from crypto import keys
from tests.fixtures.backend import ServedProcess, serve_process
from tests.fixtures.clock import wait_for_room_in_window

PROXY = "127.0.0.2"  # the reverse proxy the operator named
VICTIM = "203.0.113.7"


def _bad_code(url: str, source: str, n: int, forwarded: str) -> int:
    """A wrong terminal-enrolment code from ``source``, claiming to come from ``forwarded``."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(
        parts.hostname or "127.0.0.1", parts.port, timeout=20, source_address=(source, 0)
    )
    public = keys.public_raw(keys.generate()).hex()
    body = json.dumps({"code": f"AAAA-BBBB-CCCC-{n:04d}", "public_key": public}).encode()
    headers = {"Content-Type": "application/json", "X-Forwarded-For": forwarded}
    try:
        conn.request("POST", "/v1/terminals/enrol", body, headers)
        return conn.getresponse().status
    finally:
        conn.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[ServedProcess]:
    db_url = str(tmp_path / "backend.sqlite")
    with serve_process(db_url, tmp_path / "issuer", "--trusted-proxy", PROXY) as process:
        yield process


def test_forged_forwarded_for_from_loopback_neither_escapes_a_limit_nor_locks_out_a_victim(
    served: ServedProcess,
) -> None:
    # Five wrong codes a minute per address: every try from 127.0.0.1 counts against it,
    # whatever address the header names.
    wait_for_room_in_window(rate_limits.TERMINAL_CODE_FAILURES.window, 15)
    flood = [_bad_code(served.url, "127.0.0.1", n, VICTIM) for n in range(7)]
    assert flood == [400] * 5 + [429] * 2
    rotating = [_bad_code(served.url, "127.0.0.1", n, f"198.51.100.{n}") for n in range(3)]
    assert rotating == [429] * 3
    # The victim, through the trusted proxy, still has every try of its own bucket.
    victim = [_bad_code(served.url, PROXY, 100 + n, VICTIM) for n in range(5)]
    assert victim == [400] * 5
