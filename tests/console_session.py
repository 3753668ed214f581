"""A console user signing in with requests, as a browser would (cookie, CSRF field)."""

from __future__ import annotations

import io
import re
import sys

import requests

from backend.cli import main as backend_main
from tests.fixtures.backend import Backend
from tests.fixtures.terminal import run_cli

CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def console_user(backend: Backend, name: str, role: str, password: str) -> None:
    """``loyalty-backend admin console-user``, the password on stdin (never in argv)."""
    argv = ["admin", "console-user", "--db", backend.db_url, "--name", name, "--role", role]
    stdin = sys.stdin
    sys.stdin = io.StringIO(password + "\n")
    try:
        rc, out = run_cli(backend_main, argv)
    finally:
        sys.stdin = stdin
    assert rc == 0, out


def csrf_of(html: str) -> str:
    found = CSRF.search(html)
    assert found, "no CSRF field in the page"
    return found.group(1)


def sign_in(backend: Backend, name: str, password: str) -> requests.Session:
    """A requests session signed in to the console (cookies need insecure_cookies)."""
    session = requests.Session()
    page = session.get(f"{backend.url}/console/login", timeout=10)
    form = {"csrf": csrf_of(page.text), "name": name, "password": password}
    reply = session.post(f"{backend.url}/console/login", data=form, timeout=30)
    assert reply.status_code == 200 and reply.url.endswith("/console/fleet"), reply.text[-500:]
    return session


def post_form(
    session: requests.Session, backend: Backend, page: str, action: str, **fields: str
) -> requests.Response:
    """Submit a console form with the CSRF token of the page it is on."""
    html = session.get(f"{backend.url}{page}", timeout=10).text
    fields.setdefault("csrf", csrf_of(html))
    return session.post(f"{backend.url}{action}", data=fields, timeout=30)
