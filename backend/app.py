"""The FastAPI application: versioned endpoints under /v1, OpenAPI at /openapi.json.

Terminal endpoints need the request signature headers (protocol.signing); /v1/time and the two
enrolment endpoints do not (a terminal enrols with a one-time code, a member's phone with a
login proof, backend.login). Handlers are plain functions run in the thread pool; each opens
one transaction. ``POST /v1/presence`` turns a member number and manual code into a presence
proof (backend.presence). Every body is size-limited before it is read (body_limits) and
the anonymous endpoints are rate-limited per client address and per member id (rate_limits).
No request state lives in the process: nonces, rate limits, codes and holds are in the
database, so any number of worker processes can serve one database (``serve --workers N``).

The routes are module-level routers (backend.routes, the console's in backend.console.pages);
``create_app`` builds the services they are given and includes them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path

from fastapi import FastAPI
from sqlalchemy import Engine
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend import clients, http_errors, login, logs, metrics, openapi_doc
from backend.console import pages as console_pages
from backend.console.web import Console, ConsoleSettings
from backend.issuer_cache import open_issuers
from backend.keys.admin import start_node
from backend.member_codes import MemberCodes
from backend.request_limits import RequestLimits
from backend.routes import ROUTERS
from backend.routes.deps import (
    BATCH_BODY_LIMIT,
    Auth,
    Services,
    Signed,
    Since,
    signed,
)
from protocol import signing
from protocol.body_limits import KIB, BodyLimit

__all__ = ["BODY_LIMITS", "Auth", "Signed", "Since", "create_app", "signed"]

API_VERSION = "1.0.0"

# Largest body per route, refused before it is read; any other route gets DEFAULT_BODY_LIMIT.
BODY_LIMITS = {
    "/v1/terminals/enrol": 4 * KIB,
    "/v1/members/enrol": 4 * KIB,
    "/v1/members/refresh": 4 * KIB,
    "/v1/presence": 4 * KIB,
    "/v1/batches": BATCH_BODY_LIMIT,
}
DEFAULT_BODY_LIMIT = 16 * KIB


def create_app(
    engine: Engine,
    issuer_dir: Path | None,
    *,
    master_key_file: Path | None = None,
    trusted_proxies: Iterable[str] = (),
    logins: login.LoginProvider | None = None,
    console: ConsoleSettings | None = None,
    clock: Callable[[], float] = time.time,
) -> FastAPI:
    """The application for one database; the issuer's keys and bundles are kept in it.

    ``master_key_file`` (LOYALTY_MASTER_KEY_FILE) opens the secrets wrapped in the database;
    without it, ``issuer_dir``/master.key (backend.issuer_cache.open_issuers). ``issuer_dir``
    holding an issuer (the old layout) is imported into an empty database once.

    ``trusted_proxies``: addresses of reverse proxies whose X-Forwarded-For names the client
    (backend.clients); by default the socket peer is the client. ``logins`` checks member
    logins before enrolment (WeChat code2session in production); the default is the
    development provider of ``loyalty-backend admin login-code``. ``console``: the web
    console's and fleet's settings (backend.console.web.ConsoleSettings). ``clock``: seconds
    since the epoch, read by every /v1 route, rate limit, metric and the server-time header (a
    test passes one it moves; backend.routes.deps.Now).
    """
    logins = logins or login.DevelopmentLoginCodes()
    console = console or ConsoleSettings()
    app = FastAPI(title="loyalty-backend", version=API_VERSION, docs_url="/docs")
    http_errors.install(app)
    openapi_doc.install(app)
    issuers = open_issuers(engine, issuer_dir, master_key_file, clock=clock)
    start_node(issuers)  # the issuer exists and no secret is in clear before any request
    client_of = clients.ClientAddress(trusted_proxies).of
    app.state.services = Services(
        engine=engine,
        issuers=issuers,
        codes=MemberCodes(issuers),
        limits=RequestLimits(engine, client_of, clock),
        client_of=client_of,
        logins=logins,
        console=console,
        registry=metrics.registry_for(engine, console.fleet, clock),
        clock=clock,
    )
    app.add_middleware(ServerTime, clock=clock)
    app.add_middleware(logs.RequestIds)
    console_pages.install(app, Console(engine, console, issuers, client_of, clock))
    # Added last, so it runs first: a body is refused before any other part reads it.
    app.add_middleware(BodyLimit, limits=BODY_LIMITS, default=DEFAULT_BODY_LIMIT)
    for router in ROUTERS:
        app.include_router(router)
    return app


class ServerTime:
    """Middleware: every answer carries the server's clock (terminals correct theirs by it).

    Plain ASGI, as backend.logs.RequestIds and for the same reason.
    """

    def __init__(self, app: ASGIApp, clock: Callable[[], float]) -> None:
        self.app = app
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_time(message: Message) -> None:
            if message["type"] == "http.response.start":
                now_ms = str(int(self.clock() * 1000))
                MutableHeaders(scope=message)[signing.HEADER_SERVER_TIME] = now_ms
            await send(message)

        await self.app(scope, receive, send_with_time)
