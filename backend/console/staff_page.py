"""The console's Staff page (``/console/staff``): the office's staff directory, for operators
and admins. It does what ``loyalty-backend admin staff`` does; terminals take the change at
their next sync (backend.staff). It also lists the accounts locked out at terminals, as their
heartbeats report them, and clears one (backend.staff_lockouts). Every change is audited in
its own transaction."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from backend import staff, staff_lockouts
from backend.console import audit, i18n
from backend.console.web import Console, ConsoleDep, Page, Post, View, back, need

# The Staff page's routes.
router = APIRouter()


def _show(console: Console, request: Request, page: Page, **values: Any) -> Response:
    with console.engine.begin() as conn:
        accounts = staff.accounts(conn)
        lockouts = staff_lockouts.current(conn, int(console.clock()))
    # The notice after a clear, in base.html; the query chooses it, never its words.
    done = "lockout_cleared" if request.query_params.get("done") == "lockout_cleared" else ""
    return console.render(
        request,
        "staff.html",
        page,
        accounts=accounts,
        lockouts=lockouts,
        done=done,
        **values,
    )


@router.get("/staff")
def staff_page(request: Request, page: View, console: ConsoleDep) -> Response:
    need(page, "operator")
    return _show(console, request, page)


def _change(console: Console, request: Request, page: Page, what: str, action: Any) -> Response:
    need(page, "operator")
    staff_id = page.form.get("id", "")
    now = page.at  # the audit entry carries the same moment
    try:
        with console.engine.begin() as conn:
            before = _account(conn, staff_id) if what != "staff_add" else None
            after = action(conn, now).to_json()
            if what == "staff_pin":
                after |= {"pin": "set"}  # that it was set, never the PIN
            audit.record(conn, page.actor(), what, staff_id, before, after)
    except staff.StaffError as exc:
        return _show(console, request, page, error=str(exc))
    return back("/console/staff")


@router.post("/staff")
def add(request: Request, page: Post, console: ConsoleDep) -> Response:
    form = page.form
    where = form.get("stores", "").strip()
    stores = None if where == "all" else tuple(s.strip() for s in where.split(",") if s)
    return _change(
        console,
        request,
        page,
        "staff_add",
        lambda conn, now: staff.add(
            conn,
            form.get("id", ""),
            form.get("name", ""),
            form.get("role", ""),
            stores,
            form.get("pin", ""),
            now,
        ),
    )


@router.post("/staff/enabled")
def enabled(request: Request, page: Post, console: ConsoleDep) -> Response:
    on = page.form.get("enabled") == "1"
    return _change(
        console,
        request,
        page,
        "staff_enable" if on else "staff_disable",
        lambda conn, now: staff.set_enabled(conn, page.form.get("id", ""), on, now),
    )


@router.post("/staff/pin")
def pin(request: Request, page: Post, console: ConsoleDep) -> Response:
    return _change(
        console,
        request,
        page,
        "staff_pin",
        lambda conn, now: staff.set_pin(
            conn, page.form.get("id", ""), page.form.get("pin", ""), now
        ),
    )


@router.post("/staff/lockouts/clear")
def clear_lockout(request: Request, page: Post, console: ConsoleDep) -> Response:
    need(page, "operator")
    form = page.form
    terminal, staff_id, since = (
        form.get("terminal", ""),
        form.get("id", ""),
        form.get("since", ""),
    )
    now = page.at  # the audit entry carries the same moment
    try:
        if not since.isascii() or not since.isdigit() or len(since) > 15:
            raise staff_lockouts.LockoutError("bad_since", "the lockout's start is not a time")
        with console.engine.begin() as conn:
            cleared = staff_lockouts.clear(
                conn, terminal, staff_id, int(since), now, page.session.user
            )
            audit.record(
                conn,
                page.actor(),
                "staff_lockout_clear",
                f"{staff_id} @ {terminal}",
                cleared.to_json(),
                {"cleared_at": now},
            )
    except staff_lockouts.LockoutError as exc:
        why = i18n.translate(page.language, f"lockout_refused_{exc.key}")
        return _show(console, request, page, error=why)
    return back("/console/staff", done="lockout_cleared")


def _account(conn: Any, staff_id: str) -> dict[str, Any] | None:
    try:
        return staff.get(conn, staff_id).to_json()
    except staff.StaffError:
        return None  # the change itself refuses an unknown id
