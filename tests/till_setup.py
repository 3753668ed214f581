"""A running till API over a terminal data dir, and a paired till's HTTP client."""

from __future__ import annotations

import httpx

from terminal.till.serve import TillServer, open_desk, till_db
from terminal.till.tokens import TillTokens
from tests.fixtures.terminal import terminal as run_terminal


class Till:
    """A running till API and a paired till's client."""

    def __init__(self, term, name: str = "till-1") -> None:
        rc, out = run_terminal(["till-pair", "--data-dir", str(term.data_dir), "--name", name])
        assert rc == 0, out
        self.token = out["token"]
        self.term = term
        self.start()

    def start(self) -> None:
        self.service = self.term.open()
        self.desk = open_desk(self.service)
        self.tokens = TillTokens(till_db(self.service))
        self.server = TillServer(self.desk, self.tokens, "127.0.0.1", 0)
        self.server.start()  # returns once it accepts connections
        self.http = httpx.Client(
            base_url=f"http://127.0.0.1:{self.server.port}",
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=30,
        )

    def stop(self) -> None:
        self.http.close()
        self.server.stop()
        self.desk.store.close()
        self.tokens.close()
        self.service.close()

    def post(self, path: str, body: dict | None = None) -> httpx.Response:
        return self.http.post(path, json=body or {})

    def events(self, kind: str | None = None, member: str = "M1001") -> list:
        stored = self.service.ctx.outbox.by_member(member)
        return [s.event for s in stored if kind is None or s.event.kind == kind]
