"""The FastAPI application: versioned endpoints under /v1, OpenAPI at /openapi.json.

Terminal endpoints need the request signature headers (protocol.signing); /v1/time and the two
enrolment endpoints do not (a terminal enrols with a one-time code, a member's phone with a
login proof, backend.login). Handlers are plain functions run in the thread pool; each opens
one transaction. ``POST /v1/presence`` turns a member number and manual code into a presence
proof (backend.presence). Every body is size-limited before it is read (body_limits) and
the anonymous endpoints are rate-limited per client address and per member id (rate_limits).
No request state lives in the process: nonces, rate limits, codes and holds are in the
database, so any number of worker processes can serve one database (``serve --workers N``).
"""

from __future__ import annotations

import base64
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request, Response
from fastapi import Path as FastPath
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from backend import (
    authorisation,
    clients,
    downstream,
    enrolment,
    fleet,
    http_errors,
    ingest,
    login,
    logs,
    member_documents,
    members,
    metrics,
    models,
    openapi_doc,
    presence,
    staff,
    staff_api,
    summary_access,
)
from backend.auth import Caller, authenticate
from backend.console import accounts as console_accounts
from backend.console import pages as console_pages
from backend.console.web import COOKIE, Console, ConsoleSettings
from backend.errors import (
    BackendError,
    BadRequest,
    Conflict,
    TooLarge,
    Unauthorized,
)
from backend.issuer_cache import open_issuers
from backend.keys.admin import start_node
from backend.member_codes import MemberCodes
from backend.request_limits import RequestLimits
from crypto import presence as proofs
from crypto.errors import CodeRejected
from protocol import signing
from protocol.batch import MAX_BATCH_BYTES, BatchInvalid, open_batch
from protocol.body_limits import KIB, BodyLimit
from protocol.canonical import canonical_json
from protocol.staff_directory import terminal_key

log = logging.getLogger("loyalty_backend")
API_VERSION = "1.0.0"

# Largest body per route, refused before it is read; any other route gets DEFAULT_BODY_LIMIT.
BATCH_BODY_LIMIT = MAX_BATCH_BYTES + 64 * KIB
BODY_LIMITS = {
    "/v1/terminals/enrol": 4 * KIB,
    "/v1/members/enrol": 4 * KIB,
    "/v1/members/refresh": 4 * KIB,
    "/v1/presence": 4 * KIB,
    "/v1/batches": BATCH_BODY_LIMIT,
}
DEFAULT_BODY_LIMIT = 16 * KIB


@dataclass(frozen=True)
class Signed:
    """An authenticated terminal request and its raw body."""

    caller: Caller
    body: bytes


def create_app(
    engine: Engine,
    issuer_dir: Path | None,
    *,
    master_key_file: Path | None = None,
    trusted_proxies: Iterable[str] = (),
    logins: login.LoginProvider | None = None,
    console: ConsoleSettings | None = None,
) -> FastAPI:
    """The application for one database; the issuer's keys and bundles are kept in it.

    ``master_key_file`` (LOYALTY_MASTER_KEY_FILE) opens the secrets wrapped in the database;
    without it, ``issuer_dir``/master.key (backend.issuer_cache.open_issuers). ``issuer_dir``
    holding an issuer (the old layout) is imported into an empty database once.

    ``trusted_proxies``: addresses of reverse proxies whose X-Forwarded-For names the client
    (backend.clients); by default the socket peer is the client. ``logins`` checks member
    logins before enrolment (WeChat code2session in production); the default is the
    development provider of ``loyalty-backend admin login-code``. ``console``: the web
    console's and fleet's settings (backend.console.web.ConsoleSettings).
    """
    logins = logins or login.DevelopmentLoginCodes()
    console = console or ConsoleSettings()
    app = FastAPI(title="loyalty-backend", version=API_VERSION, docs_url="/docs")
    http_errors.install(app)
    openapi_doc.install(app)
    issuers = open_issuers(engine, issuer_dir, master_key_file)
    start_node(issuers)  # the issuer exists and no secret is in clear before any request
    codes = MemberCodes(issuers)
    app.state.engine = engine
    client_of = clients.ClientAddress(trusted_proxies).of
    limits = RequestLimits(engine, client_of)

    @app.middleware("http")
    async def server_time(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers[signing.HEADER_SERVER_TIME] = str(int(time.time() * 1000))
        return response

    app.middleware("http")(logs.with_request_id)
    registry = metrics.registry_for(engine, console.fleet)
    console_pages.install(app, Console(engine, console), issuers, client_of)

    # Added last, so it runs first: a body is refused before any other part reads it.
    app.add_middleware(BodyLimit, limits=BODY_LIMITS, default=DEFAULT_BODY_LIMIT)

    @app.get("/v1/time", response_model=models.ServerTime)
    def server_clock() -> dict[str, Any]:
        return {"server_time_ms": int(time.time() * 1000)}

    @app.post("/v1/terminals/enrol", response_model=models.TerminalEnrolled)
    def enrol_terminal(body: models.TerminalEnrolment, request: Request) -> dict[str, Any]:
        client = client_of(request)
        with engine.begin() as conn:  # one transaction: code redeemed only if registered
            enrolled = enrolment.enrol_terminal(
                conn, body.code, body.public_key, client, int(time.time())
            )
            if enrolled is not None:  # the secret that binds this terminal's staff verifiers
                key = terminal_key(body.code, bytes.fromhex(body.public_key))
                staff.save_terminal_key(conn, enrolled[0], key)
        if enrolled is None:  # raised after the commit, so the failure is counted
            raise BackendError("code_invalid", enrolment.CODE_INVALID)
        terminal, store = enrolled
        issuer = issuers.get()
        return {
            "terminal": terminal,
            "store": store,
            "root_public": issuer.bundle.root_public.hex(),
            "trust_bundle": base64.b64encode(issuer.signed_bundle()).decode(),
            "bundle_version": issuer.bundle.version,
            "server_time_ms": int(time.time() * 1000),
        }

    @app.post(
        "/v1/members/enrol",
        response_model=models.MemberCertificate,
        dependencies=[Depends(limits.member_enrolment)],
    )
    def enrol_member(body: models.MemberEnrolment) -> dict[str, Any]:
        # A malformed request is refused before the login proof is looked at (and used up).
        device = members.check_enrolment(body.member, body.device_public)
        issuer = issuers.get()
        now = int(time.time())
        try:
            with engine.begin() as conn:  # the proof is used exactly when the enrolment commits
                logins.confirm(conn, body.member, body.login, now)
                enrolled = members.enrol(conn, issuer, body.member, device, now)
                documents = member_documents.signed_documents(conn, issuer, body.member, now)
                secret = presence.ensure_secret(conn, body.member, now, vault=issuers.vault)
                revoked = members.revoked_unexpired(conn, now)
                expired = members.expired_certs(conn, issuer.bundle.revoked_certs, now)
        except login.LoginRefused as refused:
            if refused.guess:
                with engine.begin() as conn:
                    logins.record_failure(conn, body.member, now)
            raise
        # The previous phone's codes stop working; certificates past their expiry leave the list.
        if revoked - issuer.bundle.revoked_certs or expired:
            members.publish_revocations(issuers.store, revoked, now, expired)
        return members.certificate_reply(
            enrolled.certified, issuer.bundle.root_public, documents, secret
        )

    @app.post(
        "/v1/members/refresh",
        response_model=models.MemberCertificate,
        dependencies=[Depends(limits.refresh)],
    )
    def refresh_member(body: models.CertificateRefresh) -> dict[str, Any]:
        try:
            signature = base64.b64decode(body.signature, validate=True)
        except ValueError:  # binascii.Error, and ValueError for text that is not ASCII
            raise BadRequest("malformed", "signature must be base64") from None
        issuer = issuers.get()
        with engine.begin() as conn:
            cert = members.refresh(
                conn,
                issuer,
                body.member,
                body.device_public,
                body.time,
                signature,
                int(time.time()),
            )
            now = int(time.time())
            documents = member_documents.signed_documents(conn, issuer, body.member, now)
            # A member enrolled before manual codes existed gets a secret here.
            secret = presence.ensure_secret(conn, body.member, now, vault=issuers.vault)
        return members.certificate_reply(cert, issuer.bundle.root_public, documents, secret)

    @app.get("/v1/bundle", response_model=models.BundleReply)
    def bundle(auth: Auth, since: Since = 0) -> dict[str, Any]:
        issuer = issuers.get(fresh=True)  # whichever node published it last
        version = issuer.bundle.version
        if version <= since:
            return {"version": version, "changed": False, "bundle": None}
        raw = base64.b64encode(issuer.signed_bundle()).decode()
        return {"version": version, "changed": True, "bundle": raw}

    @app.get("/v1/policy", response_model=models.Versioned)
    def policy(auth: Auth, since: Since = 0) -> dict[str, Any]:
        return _versioned("policy", since)

    @app.get("/v1/catalog", response_model=models.Versioned)
    def catalog(auth: Auth, since: Since = 0) -> dict[str, Any]:
        return _versioned("catalog", since)

    @app.get("/v1/staff")
    def staff_document(auth: Auth, since: Since = 0) -> dict[str, Any]:
        with engine.begin() as conn:
            return staff_api.document_reply(conn, issuers.get(), auth.caller, since)

    @app.post("/v1/staff/pin")
    def staff_pin(auth: Auth) -> dict[str, Any]:
        change = http_errors.parse(staff_api.PinChange, auth.body)
        with engine.begin() as conn:  # committed either way: a wrong PIN's count stays
            version = staff_api.change_pin(conn, auth.caller, change)
        if version < 0:
            raise staff_api.wrong_pin()
        return {"version": version}

    @app.get("/v1/pickup-orders")
    def pickup_orders(auth: Auth, since: Since = 0) -> dict[str, Any]:
        with engine.begin() as conn:
            return downstream.orders_since(conn, auth.caller.store, since)

    @app.get("/v1/coupon-statuses")
    def coupon_statuses(auth: Auth, since: Since = 0) -> dict[str, Any]:
        with engine.begin() as conn:
            return downstream.coupons_since(conn, auth.caller.store, since)

    @app.post(
        "/v1/batches",
        response_model=models.BatchReply,
        openapi_extra={"requestBody": {"description": "signed batch, see docs/sync.md"}},
    )
    def batches(auth: Auth) -> dict[str, Any]:
        terminal = auth.caller.terminal
        try:
            batch = open_batch(auth.body, terminal, auth.caller.public_key)
        except BatchInvalid as exc:
            with engine.begin() as conn:
                ingest.flag_refused_batch(
                    conn, terminal, f"batch_{exc.reason}", str(exc), int(time.time())
                )
            raise BadRequest(f"batch_{exc.reason}", str(exc)) from None
        started = time.perf_counter()
        try:
            with engine.begin() as conn:
                outcomes = ingest.ingest(conn, auth.caller, batch, int(time.time() * 1000), codes)
        except Conflict as exc:  # a replayed batch: refused, and the office is told
            with engine.begin() as conn:
                ingest.flag_refused_batch(
                    conn, terminal, exc.code, batch.batch_id, int(time.time())
                )
            raise
        with engine.begin() as conn:  # apart from the ingest, so it never holds it up
            metrics.observe_ingest(conn, time.perf_counter() - started)
        return ingest.summary(outcomes)

    @app.post("/v1/heartbeat", response_model=fleet.HeartbeatReply)
    def heartbeat(auth: Auth) -> dict[str, Any]:
        beat = http_errors.parse(fleet.Heartbeat, auth.body)
        with engine.begin() as conn:
            fleet.record_heartbeat(
                conn, auth.caller.terminal, beat, int(time.time()), console.fleet
            )
        return {"server_time_ms": int(time.time() * 1000)}

    @app.get("/metrics", include_in_schema=False)
    def metrics_page(request: Request) -> Response:
        # Not public: the scraper's bearer token, or a console administrator's session.
        allowed = metrics.token_matches(
            console.metrics_token, request.headers.get("authorization", "")
        )
        if not allowed:
            with engine.begin() as conn:
                session = console_accounts.session(
                    conn, request.cookies.get(COOKIE, ""), int(time.time())
                )
            allowed = session is not None and session.may("admin")
        if not allowed:
            raise Unauthorized(
                "metrics_unauthorised", "a metrics token or an admin session is needed"
            )
        return Response(metrics.render(registry), media_type=metrics.CONTENT_TYPE)

    # A signed POST: the body carries the member's code or presence proof (summary_access).
    @app.post("/v1/members/{member}/summary", response_model=models.MemberSummary)
    def member_summary(auth: Auth, member: str) -> dict[str, Any]:
        shown = http_errors.parse(models.SummaryRequest, auth.body)
        now = time.time()
        with engine.begin() as conn:
            summary_access.check(conn, codes, auth.caller, member, shown, now)
            return members.summary(conn, member, int(now * 1000))

    @app.post("/v1/authorisations", response_model=models.AuthorisationReply)
    def authorise(auth: Auth) -> dict[str, Any]:
        body = http_errors.parse(models.AuthorisationRequest, auth.body)
        request = authorisation.Request(**body.model_dump())
        now = time.time()
        code: authorisation.Shown
        try:
            if request.presence is not None:
                code = _presence_shown(auth.caller, request, now)
            else:  # at the server's time: the code must be fresh now, not when the terminal says
                assert request.code is not None
                code = codes.verify(request.code, now, store=auth.caller.store)
        except CodeRejected as exc:
            return {"approved": False, "reason": exc.reason.value, "message": str(exc)}
        except authorisation.Refusal as refusal:
            with engine.begin() as conn:
                authorisation.flag(conn, auth.caller, request, refusal, int(now))
            return refusal.reply()
        try:
            with engine.begin() as conn:
                return authorisation.authorise(conn, auth.caller, request, code, int(now))
        except authorisation.Refusal as refusal:  # rolled back: nothing is held
            with engine.begin() as conn:
                authorisation.flag(conn, auth.caller, request, refusal, int(now))
            return refusal.reply()
        except IntegrityError:  # the same event id asked twice at the same moment
            raise Conflict("event_conflict", "this event id is being authorised already") from None

    @app.post("/v1/authorisations/{event}/release", response_model=models.ReleaseReply)
    def release(auth: Auth, event: EventId) -> dict[str, Any]:
        http_errors.parse(models.ReleaseRequest, auth.body)
        with engine.begin() as conn:
            return {"released": authorisation.release(conn, auth.caller, event)}

    @app.post("/v1/presence", response_model=models.PresenceReply)
    def identify(auth: Auth) -> dict[str, Any]:
        body = http_errors.parse(models.PresenceRequest, auth.body)
        now = int(time.time())
        with engine.begin() as conn:  # committed first: a refused try still counts
            locked = presence.count_terminal_try(conn, auth.caller.terminal, now)
            locked = locked or presence.count_try(conn, body.member, now)
        if locked is not None:
            raise locked
        with engine.begin() as conn:
            raw, proof = presence.identify(
                conn,
                issuers.get(),
                auth.caller,
                body.member,
                body.totp,
                body.checkout,
                now,
                vault=issuers.vault,
            )
        return {
            "presence": proofs.to_text(raw),
            "member": proof.member,
            "tier": proof.tier,
            "balance": proof.balance,
            "balance_as_of": proof.balance_as_of,
            "expires_at": proof.expires_at,
        }

    def _presence_shown(
        caller: Caller, request: authorisation.Request, now: float
    ) -> presence.Shown:
        """The presence proof of an authorisation, for this terminal, store and checkout now."""
        assert request.presence is not None
        try:
            proof = proofs.verify_presence(proofs.from_text(request.presence), codes.trust(), now)
        except CodeRejected as exc:
            raise authorisation.Refusal(
                f"presence_invalid:{exc.reason.value}", f"the presence proof is refused: {exc}"
            ) from None
        wrong = presence.mismatch(
            proof, terminal=caller.terminal, store=caller.store, checkout=request.checkout
        )
        if wrong is not None:
            raise authorisation.Refusal(*wrong, proof.member)
        return presence.Shown(member=proof.member, code_id=proof.code_id)

    def _versioned(name: str, since: int) -> dict[str, Any]:
        with engine.begin() as conn:
            version, body = downstream.document(conn, name)
        if version <= since:
            return {"version": version, "changed": False, "body": None}
        # Terminals apply only what the issuer signed: name, version and body together.
        payload = canonical_json({"name": name, "version": version, "body": body})
        signed = issuers.get().sign_payload(payload).hex()
        return {"version": version, "changed": True, "body": body, "signed": signed}

    return app


async def signed(request: Request) -> Signed:
    """Dependency: authenticate the calling terminal (backend.auth) over the raw body."""
    body = await _read_body(request)
    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    headers = {k.lower(): v for k, v in request.headers.items()}
    engine: Engine = request.app.state.engine

    def check() -> Caller:
        now = time.time()
        with engine.begin() as conn:
            caller = authenticate(conn, request.method, path, headers, body, now)
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
