"""The Audit page (``/console/audit``): the office's actions, filtered, and as CSV."""

from __future__ import annotations

import time
from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from backend.console import audit
from backend.console.web import Console, View, csv_response

Render = Callable[..., HTMLResponse]


def router(console: Console, render: Render) -> APIRouter:
    """The audit routes, under the console's prefix; every role may read them."""
    routes = APIRouter()
    engine = console.engine

    @routes.get("/audit")
    def audit_page(request: Request, page: View) -> Response:
        filters = audit.AuditFilter.from_query(request.query_params)
        with engine.begin() as conn:
            rows = audit.entries(conn, filters)
            actors = audit.actors(conn)
        return render(
            request,
            "audit.html",
            page,
            rows=rows,
            filters=filters,
            actors=actors,
            actions=audit.ACTIONS,
            query=request.url.query,
        )

    @routes.get("/audit.csv")
    def audit_csv(request: Request, page: View) -> Response:
        filters = audit.AuditFilter.from_query(request.query_params)
        with engine.begin() as conn:
            rows = audit.entries(conn, filters, limit=100_000)
        day = time.strftime("%Y-%m-%d", time.gmtime())
        return csv_response(audit.as_csv(rows), f"audit-{day}.csv")

    return routes
