"""The pages a browser reaches without a session: signing in and out, the language, the
stylesheet. Signing in is limited per name and per client address (backend.console.accounts)."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, RedirectResponse, Response

from backend.console import accounts
from backend.console.web import (
    COOKIE,
    LANG_COOKIE,
    LOGIN_CSRF_COOKIE,
    STATIC,
    Console,
    ConsoleDep,
    Post,
    Refused,
    read_form,
)

router = APIRouter()


@router.get("/login")
def login_page(request: Request, console: ConsoleDep) -> Response:
    return _login_form(console, request, "")


def _login_form(console: Console, request: Request, error: str, status: int = 200) -> Response:
    # Signing in has no session yet: the form's token is matched with a cookie of its own.
    token = secrets.token_urlsafe(32)
    response = console.render(request, "login.html", None, status=status, error=error, csrf=token)
    console.set_cookie(response, LOGIN_CSRF_COOKIE, token, 3600)
    return response


@router.post("/login")
async def login_submit(request: Request, console: ConsoleDep) -> Response:
    form = await read_form(request)
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    sent = form.get("csrf", "")
    if not expected or not secrets.compare_digest(expected.encode(), sent.encode()):
        raise Refused("csrf_refused")
    name, password = form.get("name", "")[:64], form.get("password", "")[:256]
    client = console.client_of(request)

    def attempt() -> str | None:
        with console.engine.begin() as conn:  # committed either way: a failure's count stays
            return accounts.sign_in(conn, name, password, client, int(console.clock()))

    try:
        token = await run_in_threadpool(attempt)
    except accounts.LockedOut:
        return _login_form(console, request, "locked_out", status=429)
    if token is None:
        return _login_form(console, request, "wrong_password", status=401)
    response = RedirectResponse("/console/fleet", status_code=303)
    console.set_cookie(response, COOKIE, token, accounts.SESSION_SECONDS)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
    return response


@router.post("/logout")
def logout(page: Post, console: ConsoleDep) -> Response:
    with console.engine.begin() as conn:
        accounts.sign_out(conn, page.token)
    response = RedirectResponse("/console/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


@router.get("/lang/{language}")
def switch_language(language: str, request: Request, console: ConsoleDep) -> Response:
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
