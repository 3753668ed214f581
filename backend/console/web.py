"""The console's plumbing: settings, rendering, the session and CSRF checks, roles.

Every page needs a live session (else the sign-in page); every POST needs the session's CSRF
token in its form (else 403), checked before anything else happens; every action names the
least role that may do it and is refused (403) on the server for any other.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import Engine

from backend import fleet
from backend.console import accounts, audit, flag_kinds, i18n, words
from backend.issuer_cache import IssuerCache

COOKIE = "console_session"
LANG_COOKIE = "console_lang"
LOGIN_CSRF_COOKIE = "console_login_csrf"
MAX_FORM_BYTES = 64 * 1024
TEMPLATES = Path(__file__).with_name("templates")
STATIC = Path(__file__).with_name("static")
# The notices a page shows after an action (``back(..., done=KEY)``); any other is ignored.
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


@dataclass(frozen=True)
class ConsoleSettings:
    """``secure_cookies`` False only for plain-HTTP use on one's own machine.

    ``point_value``: what one point is worth in money for the liability report; None takes
    the current policy's points-as-cash rate (1 / ``points_per_currency_unit``).
    """

    secure_cookies: bool = True
    fleet: fleet.FleetSettings = field(default_factory=fleet.FleetSettings)
    metrics_token: str | None = None
    point_value: Decimal | None = None


class SignInNeeded(Exception):
    """No live session: the browser is sent to the sign-in page."""


class Refused(Exception):
    """A request the console refuses: CSRF missing or wrong, or a role too low (403)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


@dataclass(frozen=True)
class Page:
    """What a handler knows about the request: who, in which language, the form sent."""

    session: accounts.Session
    language: str
    form: dict[str, str]
    token: str
    at: int  # the request's time on the console's clock (audit.Actor.at)
    address: str = ""

    def actor(self) -> audit.Actor:
        """The signed-in user as the audit trail names them."""
        return audit.Actor(self.session.user, self.session.role, self.address, "console", self.at)


def _peer(request: Request) -> str:
    return request.client.host if request.client else ""


class Console:
    """Shared by the console's routes: the engine, settings, issuer and template environment.

    ``client_of``: the app's rule for a request's client address (it knows the trusted
    proxies). Kept on ``app.state.console`` by pages.install; handlers get it as ``ConsoleDep``.
    ``clock``: the app's (create_app's), read for sessions, sign-in lockouts and every stamp
    the pages write.
    """

    def __init__(
        self,
        engine: Engine,
        settings: ConsoleSettings,
        issuers: IssuerCache,
        client_of: Callable[[Request], str] = _peer,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.settings = settings
        self.issuers = issuers
        self.client_of = client_of
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["when"] = _when

    def language(self, request: Request) -> str:
        return i18n.pick(
            request.cookies.get(LANG_COOKIE), request.headers.get("accept-language", "")
        )

    def render(
        self, request: Request, name: str, page: Page | None, status: int = 200, **values: Any
    ) -> HTMLResponse:
        language = page.language if page else self.language(request)

        def t(key: str, **fill: object) -> str:
            return i18n.translate(language, key, **fill)

        def flag_kind(kind: str) -> str:
            return flag_kinds.describe(kind, language)

        html = self.env.get_template(name).render(
            t=t,
            flag_kind=flag_kind,
            # Codes in the data (tiers, ledger kinds, device states, flag details) in words.
            tier=lambda name: words.tier(language, name),
            event_kind=lambda kind: words.event_kind(language, kind),
            device=lambda state: words.device(language, state),
            state=lambda code: words.state(language, code),
            flag_detail=lambda detail: words.flag_detail(language, detail),
            lang=language,
            session=page.session if page else None,
            path=request.url.path,
            **values,
        )
        response = HTMLResponse(html, status_code=status)
        # Pages show codes and personal data: never cached, never framed.
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; style-src 'self'; form-action 'self'; "
            "frame-ancestors 'none'"
        )
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    def page(self, request: Request, name: str, page: Page, **values: Any) -> HTMLResponse:
        """``render``, with the notice of ``?done=`` when it names one of DONE_KEYS."""
        done = request.query_params.get("done", "")
        return self.render(request, name, page, done=done if done in DONE_KEYS else "", **values)

    def session_of(self, request: Request) -> tuple[accounts.Session, str]:
        token = request.cookies.get(COOKIE, "")
        with self.engine.begin() as conn:
            found = accounts.session(conn, token, int(self.clock()))
        if found is None:
            raise SignInNeeded
        return found, token

    def set_cookie(self, response: Response, name: str, value: str, max_age: int) -> None:
        response.set_cookie(
            name,
            value,
            max_age=max_age,
            path="/",
            secure=self.settings.secure_cookies,
            httponly=True,
            samesite="strict",
        )


async def read_form(request: Request) -> dict[str, str]:
    """An urlencoded form's fields (the first value of each), at most MAX_FORM_BYTES."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            raise Refused("csrf_refused")
    fields = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
    return {k: v[0] for k, v in fields.items()}


def need(page: Page, role: str) -> None:
    """Refuse unless the signed-in user has at least ``role``."""
    if not page.session.may(role):
        raise Refused("forbidden")


def back(path: str, **query: str) -> RedirectResponse:
    """After a POST: see the page again (303, so a reload does not repeat the action)."""
    from urllib.parse import urlencode

    return RedirectResponse(f"{path}?{urlencode(query)}" if query else path, status_code=303)


def _when(seconds: int | None) -> str:
    if seconds is None:
        return "—"
    return time.strftime("%Y-%m-%d %H:%M", time.gmtime(int(seconds))) + " UTC"


def csv_response(text: str, name: str) -> Response:
    """A CSV download; the BOM lets spreadsheet programs read the Chinese."""
    return Response(
        text.encode("utf-8-sig"),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


async def console_of(request: Request) -> Console:
    """Dependency: the console of the app serving ``request`` (set by pages.install)."""
    console: Console = request.app.state.console
    return console


async def viewing(request: Request) -> Page:
    """Dependency of every page: the signed-in user (else the sign-in page)."""
    console = await console_of(request)
    session, token = await run_in_threadpool(console.session_of, request)
    return Page(session, console.language(request), {}, token, int(console.clock()))


async def posting(request: Request) -> Page:
    """Dependency of every action: the signed-in user and a form with their CSRF token."""
    console = await console_of(request)
    session, token = await run_in_threadpool(console.session_of, request)
    form = await read_form(request)
    if not accounts.csrf_ok(session, form.get("csrf", "")):
        raise Refused("csrf_refused")
    at, address = int(console.clock()), console.client_of(request)
    return Page(session, console.language(request), form, token, at, address)


ConsoleDep = Annotated[Console, Depends(console_of)]
View = Annotated[Page, Depends(viewing)]
Post = Annotated[Page, Depends(posting)]
