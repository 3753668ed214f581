"""A catalog reward in a form (``/console/catalog``): add, change or remove one reward, each
field checked with its message beside it, a preview against the current version, then
publishing.

The fields are the ones terminals read (protocol/catalog.py): ``id``, ``name``, ``name_zh``,
``points``, ``cash``, ``stock``, ``valid_from`` / ``valid_until`` and ``stores`` (comma-
separated), checked as the terminals' parser checks them; a field left empty is left out of
the reward. A reward's other keys, other rewards and the catalog's other keys stay as they
are, and the new catalog must pass ``rewards_from_document`` before it is previewed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from backend import downstream
from backend.console import audit
from backend.console.web import Console, ConsoleDep, Page, Post, View, back, need
from protocol.catalog import (
    IDENT,
    MAX_CASH,
    MAX_NAME,
    MAX_POINTS,
    MAX_STOCK,
    MAX_STORES,
    rewards_from_document,
)

KEYS = (
    "id",
    "name",
    "name_zh",
    "points",
    "cash",
    "stock",
    "valid_from",
    "valid_until",
    "stores",
)
FORM_KEYS = (*KEYS, "remove")
NONE = "—"


def read_form(form: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The reward sent and, by field, the message key of each that is wrong.

    With ``remove`` ticked only the id counts: the reward is ``{"id": ...}``.
    """
    reward: dict[str, Any] = {}
    errors: dict[str, str] = {}
    ident = form.get("id", "").strip()
    if IDENT.match(ident):
        reward["id"] = ident
    else:
        errors["id"] = "bad_id"
    if form.get("remove"):
        return reward, errors
    _names(form, reward, errors)
    _numbers(form, reward, errors)
    _dates(form, reward, errors)
    stores = [s.strip() for s in form.get("stores", "").split(",") if s.strip()]
    if stores:
        if len(stores) <= MAX_STORES and all(IDENT.match(s) for s in stores):
            reward["stores"] = list(dict.fromkeys(stores))
        else:
            errors["stores"] = "bad_stores"
    elif form.get("stores", "").strip():
        errors["stores"] = "bad_stores"
    return reward, errors


def _names(form: Mapping[str, str], reward: dict[str, Any], errors: dict[str, str]) -> None:
    name = form.get("name", "").strip()
    if 1 <= len(name) <= MAX_NAME:
        reward["name"] = name
    else:
        errors["name"] = "bad_reward_name"
    name_zh = form.get("name_zh", "").strip()
    if len(name_zh) > MAX_NAME:
        errors["name_zh"] = "bad_reward_name"
    elif name_zh:
        reward["name_zh"] = name_zh


def _numbers(form: Mapping[str, str], reward: dict[str, Any], errors: dict[str, str]) -> None:
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
        # The bound first: 1e999 has too many digits to quantize.
        if (
            amount.is_finite()
            and 0 <= amount <= MAX_CASH
            and amount == amount.quantize(Decimal("0.01"))
        ):
            reward["cash"] = str(amount)
        else:
            errors["cash"] = "bad_cash"
    stock = form.get("stock", "").strip()
    if stock:
        if stock.isascii() and stock.isdigit() and int(stock) <= MAX_STOCK:
            reward["stock"] = int(stock)
        else:
            errors["stock"] = "bad_stock"


def _dates(form: Mapping[str, str], reward: dict[str, Any], errors: dict[str, str]) -> None:
    days: dict[str, dt.date] = {}
    for key in ("valid_from", "valid_until"):
        text = form.get(key, "").strip()
        if not text:
            continue
        try:
            days[key] = dt.date.fromisoformat(text)
        except ValueError:
            errors[key] = "bad_date"
            continue
        if len(text) != 10:
            errors[key] = "bad_date"
            continue
        reward[key] = days[key].isoformat()
    if len(days) == 2 and days["valid_until"] < days["valid_from"]:
        errors["valid_until"] = "dates_in_order"


def rewards_of(body: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The catalog's rewards as a list of objects."""
    return [r for r in body.get("rewards", []) if isinstance(r, dict)]


def changed_catalog(
    body: Mapping[str, Any], reward: Mapping[str, Any], *, remove: bool = False
) -> dict[str, Any]:
    """The catalog with ``reward`` added, put in place of the one with its id (that one's
    keys the form does not know kept), or removed."""
    rewards = rewards_of(body)
    ids = [r.get("id") for r in rewards]
    if remove:
        return {**body, "rewards": [r for r in rewards if r.get("id") != reward["id"]]}
    if reward["id"] in ids:
        at = ids.index(reward["id"])
        kept = {k: v for k, v in rewards[at].items() if k not in KEYS}
        rewards[at] = {**dict(reward), **kept}
    else:
        rewards.append(dict(reward))
    return {**body, "rewards": rewards}


def shown_value(reward: Mapping[str, Any], key: str) -> str:
    """A reward's field as the form and the preview show it (stores comma-separated)."""
    value = reward.get(key)
    if value is None or value == "":
        return ""
    if key == "stores" and isinstance(value, list):
        return ", ".join(str(s) for s in value)
    return str(value)


def changes(
    body: Mapping[str, Any], reward: Mapping[str, Any], *, remove: bool = False
) -> list[tuple[str, str, str]]:
    """(field, before, after) for every field of the reward that changes; all when new or
    removed."""
    old = next((r for r in rewards_of(body) if r.get("id") == reward["id"]), {})
    new: Mapping[str, Any] = {} if remove else reward
    found = []
    for key in KEYS:
        before, after = shown_value(old, key) or NONE, shown_value(new, key) or NONE
        if before != after:
            found.append((key, before, after))
    return found


def checked(
    body: Mapping[str, Any], form: Mapping[str, str]
) -> tuple[dict[str, Any], dict[str, str], dict[str, Any] | None]:
    """The reward, the errors by field, and the new catalog when there are none."""
    reward, errors = read_form(form)
    remove = bool(form.get("remove"))
    if errors:
        return reward, errors, None
    if remove and not any(r.get("id") == reward["id"] for r in rewards_of(body)):
        return reward, {"id": "no_such_reward"}, None
    changed = changed_catalog(body, reward, remove=remove)
    try:
        rewards_from_document(changed)  # what terminals will apply
    except ValueError:
        return reward, {"form": "catalog_invalid"}, None
    return reward, errors, changed


def _shown(form: Mapping[str, str]) -> dict[str, str]:
    """What the form shows back: the fields as typed (bounded), the tick box kept."""
    shown = {k: form.get(k, "")[: SIZES[k]] for k in KEYS}
    shown["remove"] = "1" if form.get("remove") else ""
    return shown


# The longest value each field shows back (and its input's maxlength).
SIZES = {k: 64 for k in KEYS} | {"points": 12, "cash": 12, "stock": 12, "stores": 2000}


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
        rewards=[{k: shown_value(r, k) for k in KEYS} for r in rewards_of(body)],
        shown=shown,
        sizes=SIZES,
        **values,
    )


@router.get("/catalog")
def catalog_page(request: Request, page: View, console: ConsoleDep) -> Response:
    wanted = request.query_params.get("reward", "")
    with console.engine.begin() as conn:
        _, body = downstream.document(conn, "catalog")
    found = next((r for r in rewards_of(body) if r.get("id") == wanted), {})
    return _page(console, request, page, shown={k: shown_value(found, k) for k in KEYS})


@router.post("/catalog/preview")
def preview(request: Request, page: Post, console: ConsoleDep) -> Response:
    need(page, "admin")
    shown = _shown(page.form)
    with console.engine.begin() as conn:
        version, body = downstream.document(conn, "catalog")
    reward, errors, changed = checked(body, page.form)
    if changed is None:
        return _page(console, request, page, shown=shown, errors=errors, status=400)
    diff = changes(body, reward, remove=bool(shown["remove"]))
    return _page(console, request, page, shown=shown, preview=diff, based_on=version)


@router.post("/catalog")
def publish(request: Request, page: Post, console: ConsoleDep) -> Response:
    need(page, "admin")
    shown = _shown(page.form)
    with console.engine.begin() as conn:  # the page is drawn after: SQLite's write lock
        version, body = downstream.document(conn, "catalog")
        stale = page.form.get("based_on") != str(version)
        _, errors, changed = checked(body, page.form)
        if not stale and changed is not None:
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
    if changed is None:
        return _page(console, request, page, shown=shown, errors=errors, status=400)
    return back("/console/catalog", done="catalog_published")
