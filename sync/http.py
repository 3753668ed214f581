"""The signed HTTP session a terminal uses to talk to the backend (requests).

Every request carries the signature headers of protocol.signing, with the terminal's best idea of
the server's time. Errors are mapped onto sync.errors: no answer, a timeout, 5xx and 429 are
BackendUnavailable (retry later); a reply that breaks the protocol is BadReply; any other
refusal is Refused with the backend's error code.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from protocol import signing
from sync.errors import BackendUnavailable, BadReply, Refused

DEFAULT_TIMEOUT = 10.0


class SignedSession:
    """One terminal's authenticated connection to one backend."""

    def __init__(
        self,
        base_url: str,
        terminal: str,
        key: Ed25519PrivateKey,
        *,
        clock_offset_ms: int = 0,
        timeout: float = DEFAULT_TIMEOUT,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.terminal = terminal
        self.timeout = timeout
        self.clock_offset_ms = clock_offset_ms
        self.clock_observed = False
        self.key = key
        self._clock = clock
        self._session = requests.Session()

    def get(self, path: str, *, timeout: float | None = None) -> Any:
        """GET a signed path (with its query) and return the JSON reply."""
        return self.request("GET", path, b"", timeout=timeout)

    def post(self, path: str, body: bytes, *, timeout: float | None = None) -> Any:
        """POST raw JSON bytes and return the JSON reply."""
        return self.request("POST", path, body, timeout=timeout)

    def request(self, method: str, path: str, body: bytes, *, timeout: float | None) -> Any:
        """One signed request; on ``clock_skew`` the clock is corrected and it is sent again."""
        try:
            return self._send(method, path, body, timeout)
        except Refused as exc:
            if exc.reason != "clock_skew" or not self.clock_observed:
                raise
        return self._send(method, path, body, timeout)

    def server_now(self) -> float:
        """This terminal's clock corrected by the last known offset, UNIX seconds."""
        return self._clock() + self.clock_offset_ms / 1000

    def close(self) -> None:
        self._session.close()

    def _send(self, method: str, path: str, body: bytes, timeout: float | None) -> Any:
        headers = signing.sign_request(
            self.key, self.terminal, method, path, body, int(self.server_now())
        )
        headers["Content-Type"] = "application/json"
        sent = self._clock()
        try:
            reply = self._session.request(
                method,
                self.base_url + path,
                data=body or None,
                headers=headers,
                timeout=timeout or self.timeout,
                allow_redirects=False,
            )
        except requests.Timeout as exc:
            raise BackendUnavailable(f"no answer within {timeout or self.timeout:g} s") from exc
        except requests.RequestException as exc:
            raise BackendUnavailable(f"cannot reach the backend ({type(exc).__name__})") from exc
        self._observe_clock(reply, sent)
        return decode_reply(reply)

    def _observe_clock(self, reply: requests.Response, sent: float) -> None:
        server = reply.headers.get(signing.HEADER_SERVER_TIME)
        try:
            server_ms = int(server) if server is not None else None
        except ValueError:
            server_ms = None
        if server_ms is None:
            return
        midpoint_ms = (sent + self._clock()) / 2 * 1000
        self.clock_offset_ms = int(server_ms - midpoint_ms)
        self.clock_observed = True


def decode_reply(reply: requests.Response) -> Any:
    """The JSON of a 2xx reply, or the matching sync error."""
    status = reply.status_code
    if status >= 500:
        raise BackendUnavailable(f"backend answered {status}")
    try:
        data = json.loads(reply.content)
    except ValueError:
        data = None
    if status == 429:
        code = data.get("error") if isinstance(data, dict) else None
        retry = reply.headers.get("Retry-After", "")
        raise BackendUnavailable(
            f"backend answered {status}",
            reason=code if isinstance(code, str) else None,
            retry_after=int(retry) if retry.isdigit() else None,
        )
    if 200 <= status < 300:
        if data is None:
            raise BadReply(f"a {status} reply that is not JSON")
        return data
    code = data.get("error") if isinstance(data, dict) else None
    if not isinstance(code, str):
        raise BadReply(f"a {status} reply without an error code", status)
    message = data.get("message", "") if isinstance(data, dict) else ""
    raise Refused(code, str(message), status)


def post_unsigned(base_url: str, path: str, payload: dict[str, Any], timeout: float) -> Any:
    """POST JSON to an endpoint that needs no terminal signature (enrolment)."""
    try:
        reply = requests.post(base_url.rstrip("/") + path, json=payload, timeout=timeout)
    except requests.Timeout as exc:
        raise BackendUnavailable(f"no answer within {timeout:g} s") from exc
    except requests.RequestException as exc:
        raise BackendUnavailable(f"cannot reach the backend ({type(exc).__name__})") from exc
    return decode_reply(reply)
