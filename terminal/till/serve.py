"""Put the till API together for one terminal: its desk, its paired tills, a uvicorn server."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from terminal.counter.service import CounterService
from terminal.till.api import create_app
from terminal.till.sales import TillDesk
from terminal.till.store import SaleStore
from terminal.till.tokens import TillTokens


def till_db(service: CounterService) -> Path:
    """The sales and paired tills live beside the outbox, in the terminal's data dir."""
    return service.ctx.paths.root / "till.sqlite"


def open_desk(service: CounterService) -> TillDesk:
    """The desk of ``service``; sales left open past their deadline are cancelled at once."""
    desk = TillDesk(
        service,
        SaleStore(till_db(service)),
        deadline_seconds=service.ctx.settings.till.sale_deadline_seconds,
        clock=service.ctx.clock,
    )
    desk.expire_overdue()
    return desk


def parse_listen(text: str) -> tuple[str, int]:
    """``HOST:PORT`` -> (host, port); ValueError with a sentence otherwise."""
    host, sep, port = text.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ValueError(f"listen must be HOST:PORT, e.g. 127.0.0.1:8765, not {text!r}")
    return host.strip("[]"), int(port)


@dataclass
class TillServer:
    """uvicorn serving the till API on a bound socket, in a thread (the Qt app) or not."""

    desk: TillDesk
    tokens: TillTokens
    host: str
    port: int

    def __post_init__(self) -> None:
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        self.sock = socket.socket(family)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Accepted connections inherit it: an answer goes out at once, not after the
        # client's delayed ACK (40 ms a request on Linux without it).
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock.bind((self.host, self.port))
        self.port = int(self.sock.getsockname()[1])
        config = uvicorn.Config(
            create_app(self.desk, self.tokens),
            log_level="warning",
            access_log=False,  # an access log would hold sale refs only; kept quiet by choice
            lifespan="off",
        )
        self.server = uvicorn.Server(config)
        self.thread: threading.Thread | None = None

    def run(self) -> None:
        """Serve until stopped (the headless command)."""
        self.server.run(sockets=[self.sock])

    def start(self) -> None:
        """Serve in a daemon thread (the Qt app)."""
        self.thread = threading.Thread(target=self.run, name="till-api", daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout=10)
        self.sock.close()


@dataclass
class TillRunner:
    """The till API inside the counter app: its own core on the data dir, served in a thread.

    Its own CounterService, not the app's: the app's core belongs to its core lane, and two
    cores on one data dir are safe (the outbox and the code claims are SQLite transactions).
    """

    service: CounterService
    tokens: TillTokens
    desk: TillDesk
    server: TillServer

    @classmethod
    def start(cls, service: CounterService) -> TillRunner | None:
        """Serve on ``[till] listen``; None (and ``service`` closed) when it is not set."""
        listen = service.ctx.settings.till.listen
        if not listen:
            service.close()
            return None
        try:
            host, port = parse_listen(listen)
            tokens = TillTokens(till_db(service))
            desk = open_desk(service)
            server = TillServer(desk, tokens, host, port)
        except BaseException:
            service.close()
            raise
        server.start()
        return cls(service, tokens, desk, server)

    def stop(self) -> None:
        self.server.stop()
        self.desk.store.close()
        self.tokens.close()
        self.service.close()
