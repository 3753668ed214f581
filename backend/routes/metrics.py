"""``/metrics`` for Prometheus: not public, and not in the OpenAPI document."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from backend import metrics
from backend.console import accounts as console_accounts
from backend.console.web import COOKIE
from backend.errors import Unauthorized
from backend.routes.deps import DB, ConsoleConfig, Now, Registry

router = APIRouter()


@router.get("/metrics", include_in_schema=False)
def metrics_page(
    request: Request, engine: DB, console: ConsoleConfig, registry: Registry, now: Now
) -> Response:
    # Not public: the scraper's bearer token, or a console administrator's session.
    allowed = metrics.token_matches(console.metrics_token, request.headers.get("authorization", ""))
    if not allowed:
        with engine.begin() as conn:
            session = console_accounts.session(conn, request.cookies.get(COOKIE, ""), int(now))
        allowed = session is not None and session.may("admin")
    if not allowed:
        raise Unauthorized("metrics_unauthorised", "a metrics token or an admin session is needed")
    return Response(metrics.render(registry), media_type=metrics.CONTENT_TYPE)
