"""The console's pages and actions. Each action states the least role it needs.

``router`` is module-level: its handlers get the app's console (``ConsoleDep``), the signed-in
user (``View``) and the checked form (``Post``) as dependencies. The pages of their own
modules (sign-in, members, audit, reports, policy, catalog, staff) are module-level routers
too, included in one place below; a new page's module adds its line there.
"""

from __future__ import annotations

import json
import re
import time
from typing import Annotated, Any

import segno
from fastapi import APIRouter, FastAPI, Path, Request
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy import select, update

from backend import (
    downstream,
    enrolment,
    fleet,
    schema,
    staff_lockouts,
)
from backend.console import (
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
    session_pages,
    staff_page,
)
from backend.console.web import (
    DONE_KEYS,
    Console,
    ConsoleDep,
    Page,
    Post,
    Refused,
    SignInNeeded,
    View,
    back,
    console_of,
    csv_response,
    need,
)

__all__ = ["DONE_KEYS", "install", "router"]

IDENT = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def install(app: FastAPI, console: Console) -> None:
    """Add the console's routes and its two refusals to ``app``, for ``console``."""
    app.state.console = console
    app.include_router(router)
    app.add_exception_handler(SignInNeeded, sign_in_first)
    app.add_exception_handler(Refused, refused)


async def sign_in_first(request: Request, _: Exception) -> Response:
    """No live session: to the sign-in page."""
    return RedirectResponse("/console/login", status_code=303)


async def refused(request: Request, exc: Exception) -> Response:
    """A refused request (CSRF, a role too low): a page saying so, 403."""
    assert isinstance(exc, Refused)
    console = await console_of(request)
    return console.render(request, "refused.html", None, status=403, message=exc.key)


router = APIRouter(prefix="/console", include_in_schema=False)

# Home (signing in and out, the language and the stylesheet: session_pages) ----------------


@router.get("")
def home() -> Response:
    return RedirectResponse("/console/fleet", status_code=303)


# Fleet -----------------------------------------------------------------------------------


@router.get("/fleet")
def fleet_page(request: Request, page: View, console: ConsoleDep) -> Response:
    settings = console.settings.fleet
    now = int(console.clock())
    with console.engine.begin() as conn:
        terminals = fleet.fleet(conn, now, settings)
        # Who is locked out at each terminal and not cleared yet: the office sees it where it
        # looks at the terminal, and the mark leads to the Staff page that clears it.
        locked: dict[str, int] = {}
        for lockout in staff_lockouts.current(conn, now):
            if lockout.cleared_at is None:
                locked[lockout.terminal] = locked.get(lockout.terminal, 0) + 1
    return console.page(
        request,
        "fleet.html",
        page,
        terminals=terminals,
        locked=locked,
        stale=sum(1 for h in terminals if h.stale),
        stale_hours=f"{settings.stale_seconds / 3600:g}",
        now=now,
    )


@router.post("/fleet/revoke")
def revoke_terminal(page: Post, console: ConsoleDep) -> Response:
    need(page, "admin")
    terminal = page.form.get("terminal", "")
    t = schema.terminals
    with console.engine.begin() as conn:
        before = conn.execute(select(t.c.status).where(t.c.id == terminal)).scalar()
        if enrolment.revoke_terminal(conn, terminal, int(console.clock())):
            state = {"status": before}
            audit.record(
                conn, page.actor(), "terminal_revoke", terminal, state, {"status": "revoked"}
            )
    return back("/console/fleet", done="terminal_revoked")


# Enrolment codes -------------------------------------------------------------------------


@router.get("/enrolment")
def enrolment_page(request: Request, page: View, console: ConsoleDep) -> Response:
    return _enrolment(console, request, page)


def _enrolment(console: Console, request: Request, page: Page, **values: Any) -> Response:
    with console.engine.begin() as conn:
        codes = queries.enrolment_codes(conn)
    return console.page(
        request, "enrolment.html", page, codes=codes, now=int(console.clock()), **values
    )


@router.post("/enrolment")
def create_code(request: Request, page: Post, console: ConsoleDep) -> Response:
    need(page, "operator")
    store = page.form.get("store", "").strip()
    try:
        hours = float(page.form.get("hours", "24"))
    except ValueError:
        hours = 0
    if not IDENT.match(store):
        return _enrolment(console, request, page, error="bad_store")
    if not 1 <= hours <= 168:
        return _enrolment(console, request, page, error="bad_hours")
    with console.engine.begin() as conn:
        code = enrolment.new_code(conn, store, int(console.clock()), hours)
        audit.record(conn, page.actor(), "enrolment_code", store, None, {"hours": hours})
    # The QR code holds exactly the text a technician would type.
    qr = Markup(segno.make(code, error="m").svg_inline(scale=6, border=4))  # noqa: S704
    return _enrolment(console, request, page, created={"store": store, "code": code, "qr": qr})


@router.post("/enrolment/cancel")
def cancel_code(page: Post, console: ConsoleDep) -> Response:
    need(page, "operator")
    codes = schema.enrolment_codes
    now = int(console.clock())
    code = page.form.get("code", "")
    with console.engine.begin() as conn:  # only an unused, live code; expiring it now cancels it
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
def flags_page(request: Request, page: View, console: ConsoleDep) -> Response:
    filters = queries.FlagFilter.from_query(request.query_params)
    with console.engine.begin() as conn:
        flags = queries.flags(conn, filters)
        kinds = queries.flag_kinds(conn)
    return console.page(request, "flags.html", page, flags=flags, filters=filters, kinds=kinds)


@router.post("/flags/{flag}/resolve")
def resolve_flag(
    flag: Annotated[int, Path(ge=1, le=2**63 - 1)], page: Post, console: ConsoleDep
) -> Response:
    need(page, "operator")
    note = page.form.get("note", "").strip()
    if not 1 <= len(note) <= 500:
        raise Refused("note_needed")
    with console.engine.begin() as conn:
        exists = conn.execute(select(schema.flags.c.id).where(schema.flags.c.id == flag)).first()
        if exists is None:
            raise Refused("no_flag")
        done = queries.resolve_flag(conn, flag, page.session.user, note, int(console.clock()))
        if done:
            audit.record(conn, page.actor(), "flag_resolve", str(flag), None, {"note": note})
    return back("/console/flags", done="flag_resolved" if done else "already_resolved")


# The pages of their own modules: sign-in, members, audit, reports, policy, catalog, staff --
# (each a module-level router; add a new page's router here).

router.include_router(session_pages.router)
router.include_router(member_page.router)
router.include_router(audit_page.router)
router.include_router(reports_page.router)
router.include_router(policy_form.router)
router.include_router(catalog_form.router)
router.include_router(order_form.router)
router.include_router(coupon_form.router)
router.include_router(staff_page.router)

# Catalog and policy ----------------------------------------------------------------------


@router.get("/documents")
def documents_page(request: Request, page: View, console: ConsoleDep) -> Response:
    return _documents(console, request, page)


def _documents(console: Console, request: Request, page: Page, **values: Any) -> Response:
    docs = {}
    with console.engine.begin() as conn:
        for name in downstream.DOCUMENT_NAMES:
            version, body = downstream.document(conn, name)
            docs[name] = {
                "version": version,
                "text": json.dumps(body, indent=2, ensure_ascii=False),
            }
    return console.page(request, "documents.html", page, docs=docs, **values)


# Pickup orders and coupons ---------------------------------------------------------------


@router.get("/orders")
def orders_page(request: Request, page: View, console: ConsoleDep) -> Response:
    return _orders(console, request, page)


def _orders(console: Console, request: Request, page: Page, **values: Any) -> Response:
    with console.engine.begin() as conn:
        orders, coupons = queries.orders(conn), queries.coupons(conn)
    return console.page(
        request,
        "orders.html",
        page,
        orders=orders,
        coupons=coupons,
        **values,
    )


# Exports ---------------------------------------------------------------------------------


@router.get("/exports")
def exports_page(request: Request, page: View, console: ConsoleDep) -> Response:
    today = time.strftime("%Y-%m-%d", time.gmtime(console.clock()))
    return console.page(request, "exports.html", page, today=today)


@router.get("/exports/{what}.csv")
def export(what: str, request: Request, page: View, console: ConsoleDep) -> Response:
    period = exports.period(
        request.query_params.get("from", ""), request.query_params.get("to", "")
    )
    if period is None or what not in ("ledger", "flags"):
        raise Refused("bad_period")
    with console.engine.begin() as conn:
        text = exports.ledger(conn, *period) if what == "ledger" else exports.flags(conn, *period)
    name = f"{what}-{request.query_params['from']}-{request.query_params['to']}.csv"
    return csv_response(text, name)
