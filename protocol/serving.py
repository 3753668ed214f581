"""An ASGI app served by uvicorn on a socket we bind ourselves, in a thread or in the caller.

Binding first lets a caller ask for port 0 and learn the port before serving, and keeps one
place for the socket options every server here wants. The till API in the counter app, the
backend in tests and benchmarks all serve through this.
"""

from __future__ import annotations

import socket
import threading
import time
from typing import Any


class ServerDidNotStart(RuntimeError):
    """uvicorn did not answer in time (a port taken, an app that failed at start)."""


class ServedApp:
    """``app`` on ``host:port`` (0: a free port, known as ``port`` once constructed)."""

    def __init__(
        self,
        app: Any,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        name: str = "asgi-server",
        **uvicorn_options: Any,
    ) -> None:
        import uvicorn

        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.sock = socket.socket(family)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        # Accepted connections inherit it: an answer goes out at once, not after the
        # client's delayed ACK (40 ms a request on Linux without it).
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            self.sock.bind((host, port))
        except OSError:
            self.sock.close()
            raise
        self.host = host
        self.port = int(self.sock.getsockname()[1])
        # proxy_headers off: uvicorn would believe X-Forwarded-For from loopback and rewrite the
        # client address; an app that serves behind a proxy decides that itself.
        options: dict[str, Any] = {
            "log_level": "warning",
            "lifespan": "off",
            "proxy_headers": False,
        }
        options.update(uvicorn_options)
        self.server = uvicorn.Server(uvicorn.Config(app, **options))
        self.name = name
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def run(self) -> None:
        """Serve in the calling thread until stopped (a headless command)."""
        self.server.run(sockets=[self.sock])

    def start(self, timeout: float = 20.0) -> None:
        """Serve in a daemon thread; return once uvicorn accepts connections."""
        self.thread = threading.Thread(target=self.run, name=self.name, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise ServerDidNotStart(f"{self.name} did not start on {self.url}")
            time.sleep(0.01)

    def stop(self, timeout: float = 15.0) -> None:
        """Ask uvicorn to finish, wait for its thread, and free the port."""
        self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout=timeout)
        self.sock.close()

    def __enter__(self) -> ServedApp:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
