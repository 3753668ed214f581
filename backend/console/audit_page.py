"""The Audit page (``/console/audit``): the office's actions, filtered, and as CSV."""

from __future__ import annotations

import time

from fastapi import APIRouter, Request
from fastapi.responses import Response

from backend.console import audit
from backend.console.web import ConsoleDep, View, csv_response

# The audit routes, under the console's prefix; every role may read them.
router = APIRouter()


@router.get("/audit")
def audit_page(request: Request, page: View, console: ConsoleDep) -> Response:
    filters = audit.AuditFilter.from_query(request.query_params)
    with console.engine.begin() as conn:
        rows = audit.entries(conn, filters)
        actors = audit.actors(conn)
    return console.page(
        request,
        "audit.html",
        page,
        rows=rows,
        filters=filters,
        actors=actors,
        actions=audit.ACTIONS,
        query=request.url.query,
    )


@router.get("/audit.csv")
def audit_csv(request: Request, page: View, console: ConsoleDep) -> Response:
    filters = audit.AuditFilter.from_query(request.query_params)
    with console.engine.begin() as conn:
        rows = audit.entries(conn, filters, limit=100_000)
    day = time.strftime("%Y-%m-%d", time.gmtime())
    return csv_response(audit.as_csv(rows), f"audit-{day}.csv")
