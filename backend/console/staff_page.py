"""The console's Staff page (``/console/staff``): the office's staff directory, for operators
and admins. It does what ``loyalty-backend admin staff`` does; terminals take the change at
their next sync (backend.staff)."""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from backend import staff
from backend.console.pages import Post, View
from backend.console.web import Console, Page, back, need


def router(console: Console) -> APIRouter:
    """The Staff page's routes."""
    routes = APIRouter(prefix="/console", include_in_schema=False)
    engine = console.engine

    def show(request: Request, page: Page, **values: Any) -> Response:
        with engine.begin() as conn:
            accounts = staff.accounts(conn)
        return console.render(request, "staff.html", page, accounts=accounts, **values)

    @routes.get("/staff")
    def staff_page(request: Request, page: View) -> Response:
        need(page, "operator")
        return show(request, page)

    def change(request: Request, page: Page, action: Any) -> Response:
        need(page, "operator")
        try:
            with engine.begin() as conn:
                action(conn, int(time.time()))
        except staff.StaffError as exc:
            return show(request, page, error=str(exc))
        return back("/console/staff")

    @routes.post("/staff")
    def add(request: Request, page: Post) -> Response:
        form = page.form
        where = form.get("stores", "").strip()
        stores = None if where == "all" else tuple(s.strip() for s in where.split(",") if s)
        return change(
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

    @routes.post("/staff/enabled")
    def enabled(request: Request, page: Post) -> Response:
        on = page.form.get("enabled") == "1"
        return change(
            request,
            page,
            lambda conn, now: staff.set_enabled(conn, page.form.get("id", ""), on, now),
        )

    @routes.post("/staff/pin")
    def pin(request: Request, page: Post) -> Response:
        return change(
            request,
            page,
            lambda conn, now: staff.set_pin(
                conn, page.form.get("id", ""), page.form.get("pin", ""), now
            ),
        )

    return routes
