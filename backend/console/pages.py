"""The console's pages and actions. Each action states the least role it needs."""

from __future__ import annotations

import json
import re
import secrets
import time
from collections.abc import Callable
from typing import Annotated, Any

import segno
from fastapi import APIRouter, FastAPI, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy import select, update

from backend import (
    downstream,
    enrolment,
    fleet,
    schema,
)
from backend.console import (
    accounts,
    audit,
    audit_page,
    catalog_form,
    coupon_form,
    exports,
    member_page,
    order_form,
    policy_form,
    queries,
    reports_page,
)
from backend.console.web import (
    COOKIE,
    LANG_COOKIE,
    LOGIN_CSRF_COOKIE,
    STATIC,
    Console,
    Page,
    Post,
    Refused,
    SignInNeeded,
    View,
    back,
    need,
    read_form,
)
from backend.issuer_cache import IssuerCache

IDENT = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
DONE_KEYS = {
    "terminal_revoked",
    "code_cancelled",
    "flag_resolved",
    "already_resolved",
    "member_revoked",
    "order_added",
    "coupon_added",
    "device_revoked",
    "points_adjusted",
    "policy_published",
    "catalog_published",
}


def install(
    app: FastAPI, console: Console, issuers: IssuerCache, client_of: Callable[[Request], str]
) -> None:
    """Add the console's routes and its two refusals to ``app``."""
    from backend.console import staff_page  # it builds on this module's dependencies

    app.state.console = console
    console.client_of = client_of
    app.include_router(_router(console, issuers, client_of))
    app.include_router(staff_page.router(console))

    @app.exception_handler(SignInNeeded)
    async def sign_in_first(request: Request, _: SignInNeeded) -> Response:
        return RedirectResponse("/console/login", status_code=303)

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused) -> Response:
        return console.render(request, "refused.html", None, status=403, message=exc.key)


def _router(
    console: Console, issuers: IssuerCache, client_of: Callable[[Request], str]
) -> APIRouter:
    router = APIRouter(prefix="/console", include_in_schema=False)
    engine = console.engine

    def render(request: Request, name: str, page: Page, **values: Any) -> HTMLResponse:
        done = request.query_params.get("done", "")
        return console.render(request, name, page, done=done if done in DONE_KEYS else "", **values)

    # Sign-in, sign-out, language -------------------------------------------------------------

    @router.get("")
    def home() -> Response:
        return RedirectResponse("/console/fleet", status_code=303)

    @router.get("/login")
    def login_page(request: Request) -> Response:
        return _login_form(request, "")

    def _login_form(request: Request, error: str, status: int = 200) -> Response:
        # Signing in has no session yet: the form's token is matched with a cookie of its own.
        token = secrets.token_urlsafe(32)
        response = console.render(
            request, "login.html", None, status=status, error=error, csrf=token
        )
        console.set_cookie(response, LOGIN_CSRF_COOKIE, token, 3600)
        return response

    @router.post("/login")
    async def login_submit(request: Request) -> Response:
        form = await read_form(request)
        expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
        sent = form.get("csrf", "")
        if not expected or not secrets.compare_digest(expected.encode(), sent.encode()):
            raise Refused("csrf_refused")
        name, password = form.get("name", "")[:64], form.get("password", "")[:256]
        client = client_of(request)

        def attempt() -> str | None:
            with engine.begin() as conn:  # committed either way: a failure's count stays
                return accounts.sign_in(conn, name, password, client, int(time.time()))

        try:
            token = await run_in_threadpool(attempt)
        except accounts.LockedOut:
            return _login_form(request, "locked_out", status=429)
        if token is None:
            return _login_form(request, "wrong_password", status=401)
        response = RedirectResponse("/console/fleet", status_code=303)
        console.set_cookie(response, COOKIE, token, accounts.SESSION_SECONDS)
        response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
        return response

    @router.post("/logout")
    def logout(page: Post) -> Response:
        with engine.begin() as conn:
            accounts.sign_out(conn, page.token)
        response = RedirectResponse("/console/login", status_code=303)
        response.delete_cookie(COOKIE, path="/")
        return response

    @router.get("/lang/{language}")
    def switch_language(language: str, request: Request) -> Response:
        target = request.query_params.get("next", "/console/fleet")
        if not target.startswith("/console") or "//" in target or "\\" in target:
            target = "/console/fleet"  # never redirect elsewhere
        response = RedirectResponse(target, status_code=303)
        if language in ("en", "zh_CN"):
            console.set_cookie(response, LANG_COOKIE, language, 365 * 86400)
        return response

    @router.get("/static/console.css")
    def stylesheet() -> Response:
        return FileResponse(STATIC / "console.css", media_type="text/css")

    # Fleet -----------------------------------------------------------------------------------

    @router.get("/fleet")
    def fleet_page(request: Request, page: View) -> Response:
        settings = console.settings.fleet
        with engine.begin() as conn:
            terminals = fleet.fleet(conn, int(time.time()), settings)
        return render(
            request,
            "fleet.html",
            page,
            terminals=terminals,
            stale=sum(1 for h in terminals if h.stale),
            stale_hours=f"{settings.stale_seconds / 3600:g}",
            now=int(time.time()),
        )

    @router.post("/fleet/revoke")
    def revoke_terminal(page: Post) -> Response:
        need(page, "admin")
        terminal = page.form.get("terminal", "")
        t = schema.terminals
        with engine.begin() as conn:
            before = conn.execute(select(t.c.status).where(t.c.id == terminal)).scalar()
            if enrolment.revoke_terminal(conn, terminal, int(time.time())):
                state = {"status": before}
                audit.record(
                    conn, page.actor(), "terminal_revoke", terminal, state, {"status": "revoked"}
                )
        return back("/console/fleet", done="terminal_revoked")

    # Enrolment codes -------------------------------------------------------------------------

    @router.get("/enrolment")
    def enrolment_page(request: Request, page: View) -> Response:
        return _enrolment(request, page)

    def _enrolment(request: Request, page: Page, **values: Any) -> Response:
        with engine.begin() as conn:
            codes = queries.enrolment_codes(conn)
        return render(request, "enrolment.html", page, codes=codes, now=int(time.time()), **values)

    @router.post("/enrolment")
    def create_code(request: Request, page: Post) -> Response:
        need(page, "operator")
        store = page.form.get("store", "").strip()
        try:
            hours = float(page.form.get("hours", "24"))
        except ValueError:
            hours = 0
        if not IDENT.match(store):
            return _enrolment(request, page, error="bad_store")
        if not 1 <= hours <= 168:
            return _enrolment(request, page, error="bad_hours")
        with engine.begin() as conn:
            code = enrolment.new_code(conn, store, int(time.time()), hours)
            audit.record(conn, page.actor(), "enrolment_code", store, None, {"hours": hours})
        # The QR code holds exactly the text a technician would type.
        qr = Markup(segno.make(code, error="m").svg_inline(scale=6, border=4))  # noqa: S704
        return _enrolment(request, page, created={"store": store, "code": code, "qr": qr})

    @router.post("/enrolment/cancel")
    def cancel_code(page: Post) -> Response:
        need(page, "operator")
        codes = schema.enrolment_codes
        now = int(time.time())
        code = page.form.get("code", "")
        with engine.begin() as conn:  # only an unused, live code; expiring it now cancels it
            cancelled = conn.execute(
                update(codes)
                .where(
                    codes.c.code_hash == page.form.get("code", ""),
                    codes.c.used_at.is_(None),
                    codes.c.expires_at > now,
                )
                .values(expires_at=now)
            ).rowcount
            if cancelled:  # named by its hash's start, as the page shows it
                audit.record(
                    conn, page.actor(), "enrolment_cancel", code[:12], None, {"expires_at": now}
                )
        return back("/console/enrolment", done="code_cancelled")

    # Flags -----------------------------------------------------------------------------------

    @router.get("/flags")
    def flags_page(request: Request, page: View) -> Response:
        filters = queries.FlagFilter.from_query(request.query_params)
        with engine.begin() as conn:
            flags = queries.flags(conn, filters)
            kinds = queries.flag_kinds(conn)
        return render(request, "flags.html", page, flags=flags, filters=filters, kinds=kinds)

    @router.post("/flags/{flag}/resolve")
    def resolve_flag(flag: Annotated[int, Path(ge=1, le=2**63 - 1)], page: Post) -> Response:
        need(page, "operator")
        note = page.form.get("note", "").strip()
        if not 1 <= len(note) <= 500:
            raise Refused("note_needed")
        with engine.begin() as conn:
            exists = conn.execute(
                select(schema.flags.c.id).where(schema.flags.c.id == flag)
            ).first()
            if exists is None:
                raise Refused("no_flag")
            done = queries.resolve_flag(conn, flag, page.session.user, note, int(time.time()))
            if done:
                audit.record(conn, page.actor(), "flag_resolve", str(flag), None, {"note": note})
        return back("/console/flags", done="flag_resolved" if done else "already_resolved")

    # Members (backend/console/member_page.py), audit and reports ----------------------------

    router.include_router(member_page.router(console, issuers, render))
    router.include_router(audit_page.router(console, render))
    router.include_router(reports_page.router(console, render))
    router.include_router(policy_form.router(console, render))
    router.include_router(catalog_form.router(console, render))
    router.include_router(order_form.router(console, render))
    router.include_router(coupon_form.router(console, render))

    # Catalog and policy ----------------------------------------------------------------------

    @router.get("/documents")
    def documents_page(request: Request, page: View) -> Response:
        return _documents(request, page)

    def _documents(request: Request, page: Page, **values: Any) -> Response:
        docs = {}
        with engine.begin() as conn:
            for name in downstream.DOCUMENT_NAMES:
                version, body = downstream.document(conn, name)
                docs[name] = {
                    "version": version,
                    "text": json.dumps(body, indent=2, ensure_ascii=False),
                }
        return render(request, "documents.html", page, docs=docs, **values)

    @router.post("/documents/{name}")
    def publish(name: str, request: Request, page: Post) -> Response:
        need(page, "admin")
        if name not in downstream.DOCUMENT_NAMES:
            raise Refused("forbidden")
        try:
            body = json.loads(page.form.get("body", ""))
            if not isinstance(body, dict):
                raise ValueError("a JSON object {...} is needed")
        except ValueError as exc:
            return _documents(request, page, error=("bad_json", str(exc)[:200]))
        with engine.begin() as conn:  # as `admin publish`: terminals get it signed at sync
            old_version, old_body = downstream.document(conn, name)
            version = downstream.publish(conn, name, body)
            audit.record(
                conn,
                page.actor(),
                "publish",
                name,
                {"version": old_version, "body": old_body},
                {"version": version, "body": body},
            )
        return _documents(request, page, published=(name, version))

    # Pickup orders and coupons ---------------------------------------------------------------

    @router.get("/orders")
    def orders_page(request: Request, page: View) -> Response:
        return _orders(request, page)

    def _orders(request: Request, page: Page, **values: Any) -> Response:
        with engine.begin() as conn:
            orders, coupons = queries.orders(conn), queries.coupons(conn)
        return render(
            request,
            "orders.html",
            page,
            orders=orders,
            coupons=coupons,
            **values,
        )

    # Exports ---------------------------------------------------------------------------------

    @router.get("/exports")
    def exports_page(request: Request, page: View) -> Response:
        today = time.strftime("%Y-%m-%d", time.gmtime())
        return render(request, "exports.html", page, today=today)

    @router.get("/exports/{what}.csv")
    def export(what: str, request: Request, page: View) -> Response:
        period = exports.period(
            request.query_params.get("from", ""), request.query_params.get("to", "")
        )
        if period is None or what not in ("ledger", "flags"):
            raise Refused("bad_period")
        with engine.begin() as conn:
            text = (
                exports.ledger(conn, *period) if what == "ledger" else exports.flags(conn, *period)
            )
        name = f"{what}-{request.query_params['from']}-{request.query_params['to']}.csv"
        return Response(
            text.encode("utf-8-sig"),  # the BOM lets spreadsheet programs read the Chinese
            media_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="{name}"',
                "Cache-Control": "no-store",
            },
        )

    return router
