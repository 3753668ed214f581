"""What the /v1 handlers are given: the app's services and the signed request.

``create_app`` builds one ``Services`` per app and keeps it on ``app.state.services``; each
``Annotated`` alias here hands a handler one of its parts (``DB``, ``Issuers``, ``Codes``...),
so a handler names what it uses in its signature and no route is a closure. The accessors
only read an attribute, so they are ``async``: they never take a thread of the pool.

``Now`` is the app's clock read once per request (``Services.clock``, ``time.time`` unless a
test gives ``create_app`` one it moves): handlers pass it down as ``now`` and never read the
system clock themselves, so a test steps past a rate-limit window instead of sleeping.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi import Path as FastPath
from fastapi.concurrency import run_in_threadpool
from prometheus_client import CollectorRegistry
from sqlalchemy import Engine

from backend import fleet, login
from backend.auth import Caller, NonceSweep, authenticate
from backend.console.web import ConsoleSettings
from backend.errors import TooLarge
from backend.issuer_cache import IssuerCache
from backend.member_codes import MemberCodes
from backend.request_limits import RequestLimits
from protocol.batch import MAX_BATCH_BYTES
from protocol.body_limits import KIB

# The largest body of any route (a batch); BodyLimit refuses it per route before this.
BATCH_BODY_LIMIT = MAX_BATCH_BYTES + 64 * KIB


def ingest_slots(cores: int | None = None) -> threading.Semaphore:
    """One batch at a time per core this process may run on.

    libsodium's Ed25519 check (crypto.keys.verify), a large part of a batch's work, runs
    without the GIL, so two batches at once use two cores; more than one per core only make
    threads fight for the GIL. With eight terminals pushing at once, letting all eight in cost
    10 % more CPU per event than two (bench.bench_ingest), and one slot gave a lower rate than
    two (README, sixth pass). The others wait for a slot before opening a transaction.
    """
    if cores is None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return threading.BoundedSemaphore(max(1, cores or 1))


@dataclass(frozen=True)
class Services:
    """One app's collaborators, built once by ``create_app`` for one database."""

    engine: Engine
    issuers: IssuerCache
    codes: MemberCodes
    limits: RequestLimits
    client_of: Callable[[Request], str]
    logins: login.LoginProvider
    console: ConsoleSettings
    registry: CollectorRegistry
    # Seconds since the epoch; every route and dependency reads the time through it.
    clock: Callable[[], float] = time.time
    # How many batches this process verifies and writes at once (backend.routes.batches).
    ingest_slots: threading.Semaphore = field(default_factory=ingest_slots)
    nonce_sweep: NonceSweep = field(default_factory=NonceSweep)


def services(request: Request) -> Services:
    """The services of the app serving ``request``."""
    found: Services = request.app.state.services
    return found


async def _engine(request: Request) -> Engine:
    return services(request).engine


async def _issuers(request: Request) -> IssuerCache:
    return services(request).issuers


async def _codes(request: Request) -> MemberCodes:
    return services(request).codes


async def _logins(request: Request) -> login.LoginProvider:
    return services(request).logins


async def _console(request: Request) -> ConsoleSettings:
    return services(request).console


async def _registry(request: Request) -> CollectorRegistry:
    return services(request).registry


async def _slots(request: Request) -> threading.Semaphore:
    return services(request).ingest_slots


async def _now(request: Request) -> float:
    return services(request).clock()


async def _client(request: Request) -> str:
    return services(request).client_of(request)


async def member_enrolment_limit(request: Request) -> None:
    """Dependency: count a member enrolment against its client's and member's limits."""
    await services(request).limits.member_enrolment(request)


async def refresh_limit(request: Request) -> None:
    """Dependency: count a certificate refresh against its client's and member's limits."""
    await services(request).limits.refresh(request)


DB = Annotated[Engine, Depends(_engine)]
Issuers = Annotated[IssuerCache, Depends(_issuers)]
Codes = Annotated[MemberCodes, Depends(_codes)]
Logins = Annotated[login.LoginProvider, Depends(_logins)]
ConsoleConfig = Annotated[ConsoleSettings, Depends(_console)]
Registry = Annotated[CollectorRegistry, Depends(_registry)]
IngestSlots = Annotated[threading.Semaphore, Depends(_slots)]
# The time of this request on the app's clock, in seconds (a float: int() it for stamps).
Now = Annotated[float, Depends(_now)]
# The client's address as this app decides it (backend.clients: trusted proxies).
Client = Annotated[str, Depends(_client)]


@dataclass(frozen=True)
class Signed:
    """An authenticated terminal request and its raw body."""

    caller: Caller
    body: bytes


async def signed(request: Request) -> Signed:
    """Dependency: authenticate the calling terminal (backend.auth) over the raw body."""
    body = await _read_body(request)
    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    headers = {k.lower(): v for k, v in request.headers.items()}
    engine, now = services(request).engine, services(request).clock()
    sweep = services(request).nonce_sweep.due(now)

    def check() -> Caller:
        with engine.begin() as conn:
            caller = authenticate(conn, request.method, path, headers, body, now, sweep)
            fleet.record_contact(conn, caller.terminal, int(now))  # every request is contact
            return caller

    return Signed(await run_in_threadpool(check), body)


Auth = Annotated[Signed, Depends(signed)]
# Versions are BIGINTs: a larger number would overflow the query, not just match nothing.
Since = Annotated[int, Query(ge=0, le=2**63 - 1)]
EventId = Annotated[
    str, FastPath(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
]


async def _read_body(request: Request) -> bytes:
    """The body; BodyLimit has already refused anything over the route's limit."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > BATCH_BODY_LIMIT:  # a second guard, should the app be mounted without it
            raise TooLarge("too_large", "request body too large")
        chunks.append(chunk)
    return b"".join(chunks)
