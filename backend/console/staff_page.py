"""The console's Staff page (``/console/staff``): the office's staff directory, for operators
and admins. It does what ``loyalty-backend admin staff`` does; terminals take the change at
their next sync (backend.staff)."""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from backend import staff
from backend.console.web import Console, ConsoleDep, Page, Post, View, back, need

# The Staff page's routes.
router = APIRouter()


def _show(console: Console, request: Request, page: Page, **values: Any) -> Response:
    with console.engine.begin() as conn:
        accounts = staff.accounts(conn)
    return console.render(request, "staff.html", page, accounts=accounts, **values)


@router.get("/staff")
def staff_page(request: Request, page: View, console: ConsoleDep) -> Response:
    need(page, "operator")
    return _show(console, request, page)


def _change(console: Console, request: Request, page: Page, action: Any) -> Response:
    need(page, "operator")
    try:
        with console.engine.begin() as conn:
            action(conn, int(time.time()))
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
        lambda conn, now: staff.set_enabled(conn, page.form.get("id", ""), on, now),
    )


@router.post("/staff/pin")
def pin(request: Request, page: Post, console: ConsoleDep) -> Response:
    return _change(
        console,
        request,
        page,
        lambda conn, now: staff.set_pin(
            conn, page.form.get("id", ""), page.form.get("pin", ""), now
        ),
    )
