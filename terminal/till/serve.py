"""Put the till API together for one terminal: its desk, its paired tills, a uvicorn server."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from protocol.serving import ServedApp
from terminal.counter.service import CounterService
from terminal.till.api import create_app
from terminal.till.sales import Listener, Runner, TillDesk
from terminal.till.store import SaleStore
from terminal.till.tokens import TillTokens


def till_db(service: CounterService) -> Path:
    """The sales and paired tills live beside the outbox, in the terminal's data dir."""
    return service.ctx.paths.root / "till.sqlite"


def open_desk(
    service: CounterService, run: Runner | None = None, on_change: Listener | None = None
) -> TillDesk:
    """The desk of ``service``; sales left open past their deadline are cancelled at once.

    ``run`` and ``on_change``: see TillDesk (the counter app's core lane and screen).
    """
    desk = TillDesk(
        service,
        SaleStore(till_db(service)),
        deadline_seconds=service.ctx.settings.till.sale_deadline_seconds,
        clock=service.ctx.clock,
        on_change=on_change,
    )
    if run is not None:
        desk.run = run
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
        self.served = ServedApp(
            create_app(self.desk, self.tokens),
            self.host,
            self.port,
            name="till-api",
            access_log=False,  # an access log would hold sale refs only; kept quiet by choice
        )
        self.port = self.served.port

    def run(self) -> None:
        """Serve until stopped (the headless command)."""
        self.served.run()

    def start(self) -> None:
        """Serve in a daemon thread (the Qt app)."""
        self.served.start()

    def stop(self) -> None:
        self.served.stop(timeout=10)


@dataclass
class TillRunner:
    """The till API inside the counter app, on the app's one core.

    Built on the app's core lane from the app's CounterService (which it never closes): each
    request is handed to that lane by ``run``, so the till and the counter are one terminal
    used by one thread, and each sees what the other holds. The headless ``till-api`` command
    has its own process and core instead (terminal/cli/till_cmd.py).
    """

    tokens: TillTokens
    desk: TillDesk
    server: TillServer

    @classmethod
    def start(
        cls, service: CounterService, run: Runner, on_change: Listener | None = None
    ) -> TillRunner | None:
        """Serve on ``[till] listen``; None when it is not set. Call on the core's thread."""
        listen = service.ctx.settings.till.listen
        if not listen:
            return None
        host, port = parse_listen(listen)
        tokens = TillTokens(till_db(service))
        try:
            desk = open_desk(service, run, on_change)
        except BaseException:
            tokens.close()
            raise
        try:
            server = TillServer(desk, tokens, host, port)
        except BaseException:
            desk.store.close()
            tokens.close()
            raise
        server.start()
        return cls(tokens, desk, server)

    def stop(self) -> None:
        """Stop serving; the app's core stays open (it closes it itself)."""
        self.server.stop()
        self.desk.store.close()
        self.tokens.close()
