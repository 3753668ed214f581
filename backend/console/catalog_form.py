"""A catalog reward in a form (``/console/catalog``): add or change one reward, each field
checked with its message beside it, a preview against the current version, then publishing.

The fields are the ones terminals read (``id``, ``name``, ``points``, ``cash``), checked as
``loyalty-backend admin reward`` checks them; other rewards and other keys stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from backend import downstream
from backend.console import audit
from backend.console.web import Console, ConsoleDep, Page, Post, View, back, need

IDENT = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
KEYS = ("id", "name", "points", "cash")
MAX_POINTS = 10_000_000


def read_form(form: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The reward sent and, by field, the message key of each that is wrong."""
    reward: dict[str, Any] = {}
    errors: dict[str, str] = {}
    ident = form.get("id", "").strip()
    if IDENT.match(ident):
        reward["id"] = ident
    else:
        errors["id"] = "bad_id"
    name = form.get("name", "").strip()
    if 1 <= len(name) <= 64:
        reward["name"] = name
    else:
        errors["name"] = "bad_reward_name"
    try:
        points = int(form.get("points", "").strip())
    except ValueError:
        errors["points"] = "bad_whole_number"
    else:
        if 0 < points <= MAX_POINTS:
            reward["points"] = points
        else:
            errors["points"] = "out_of_range"
    cash = form.get("cash", "").strip()
    if cash:
        try:
            amount = Decimal(cash)
        except InvalidOperation:
            amount = Decimal("NaN")
        if amount.is_finite() and amount >= 0 and amount == amount.quantize(Decimal("0.01")):
            reward["cash"] = str(amount)
        else:
            errors["cash"] = "bad_cash"
    return reward, errors


def rewards_of(body: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The catalog's rewards as a list of objects."""
    return [r for r in body.get("rewards", []) if isinstance(r, dict)]


def changed_catalog(body: Mapping[str, Any], reward: Mapping[str, Any]) -> dict[str, Any]:
    """The catalog with ``reward`` added, or put in place of the one with its id."""
    rewards = rewards_of(body)
    ids = [r.get("id") for r in rewards]
    if reward["id"] in ids:
        rewards[ids.index(reward["id"])] = dict(reward)
    else:
        rewards.append(dict(reward))
    return {**body, "rewards": rewards}


def changes(body: Mapping[str, Any], reward: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(field, before, after) for every field of the reward that changes; all when new."""
    old = next((r for r in rewards_of(body) if r.get("id") == reward["id"]), {})
    return [
        (key, str(old.get(key, "—")), str(reward.get(key, "—")))
        for key in KEYS
        if str(old.get(key, "—")) != str(reward.get(key, "—"))
    ]


# The reward form's routes, under the console's prefix: admins change, others read.
router = APIRouter()


def _page(console: Console, request: Request, page: Page, **values: Any) -> Response:
    with console.engine.begin() as conn:
        version, body = downstream.document(conn, "catalog")
    shown = values.pop("shown", None) or {}
    return console.page(
        request,
        "catalog.html",
        page,
        version=version,
        rewards=rewards_of(body),
        shown=shown,
        **values,
    )


@router.get("/catalog")
def catalog_page(request: Request, page: View, console: ConsoleDep) -> Response:
    wanted = request.query_params.get("reward", "")
    with console.engine.begin() as conn:
        _, body = downstream.document(conn, "catalog")
    found = next((r for r in rewards_of(body) if r.get("id") == wanted), {})
    return _page(console, request, page, shown={k: str(found.get(k, "")) for k in KEYS})


@router.post("/catalog/preview")
def preview(request: Request, page: Post, console: ConsoleDep) -> Response:
    need(page, "admin")
    reward, errors = read_form(page.form)
    shown = {k: page.form.get(k, "")[:64] for k in KEYS}
    if errors:
        return _page(console, request, page, shown=shown, errors=errors, status=400)
    with console.engine.begin() as conn:
        version, body = downstream.document(conn, "catalog")
    diff = changes(body, reward)
    return _page(console, request, page, shown=shown, preview=diff, based_on=version)


@router.post("/catalog")
def publish(request: Request, page: Post, console: ConsoleDep) -> Response:
    need(page, "admin")
    reward, errors = read_form(page.form)
    shown = {k: page.form.get(k, "")[:64] for k in KEYS}
    if errors:
        return _page(console, request, page, shown=shown, errors=errors, status=400)
    with console.engine.begin() as conn:  # the page is drawn after: SQLite's write lock
        version, body = downstream.document(conn, "catalog")
        stale = page.form.get("based_on") != str(version)
        if not stale:
            changed = changed_catalog(body, reward)
            new_version = downstream.publish(conn, "catalog", changed)
            audit.record(
                conn,
                page.actor(),
                "publish",
                "catalog",
                {"version": version, "body": body},
                {"version": new_version, "body": changed},
            )
    if stale:
        return _page(console, request, page, shown=shown, stale=True, status=409)
    return back("/console/catalog", done="catalog_published")
