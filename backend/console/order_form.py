"""A pickup order in a form (``/console/orders/new``): the order's id, store and member and its
items as rows (SKU, name, quantity), each field checked with its message beside it, a preview
of the order as it will be booked, then booking it.

The body is what terminals read (``terminal/counter/handover.py``: ``items`` of ``sku``,
``name``, ``qty``). Rows need no JavaScript: two blank rows follow the last filled one, and a
preview draws two more. The order reaches its store's terminals at their next sync and the
member's wallet at its next refresh.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from backend import downstream, schema
from backend.console import audit
from backend.console.coupon_form import member_known
from backend.console.web import Console, ConsoleDep, Page, Post, View, back, need

IDENT = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
KEYS = ("order", "store", "member")
LABELS = {"order": "order_id", "store": "store", "member": "member"}
ITEM_KEYS = ("sku", "name", "qty")
ITEM_KEY = re.compile(r"^item-(\d{1,2})-(sku|name|qty)$")
MAX_ITEMS = 30
BLANK_ROWS = 2
MAX_QTY = 999


def read_form(form: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The order sent (ids and body) and, by field, the message key of each that is wrong."""
    order: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for key in KEYS:
        value = form.get(key, "")[:64].strip()
        if IDENT.match(value):
            order[key] = value
        else:
            errors[key] = "bad_id"
    items: list[dict[str, Any]] = []
    seen: set[str] = set()  # every row's SKU, right or wrong: a repeat is named either way
    for i in range(MAX_ITEMS):
        row = {k: form.get(f"item-{i}-{k}", "")[:64].strip() for k in ITEM_KEYS}
        if not any(row.values()):
            continue
        key = f"item-{i}-"
        if not IDENT.match(row["sku"]):
            errors[key + "sku"] = "bad_sku"
        elif row["sku"] in seen:
            errors[key + "sku"] = "sku_taken"
        seen.add(row["sku"])
        if not (1 <= len(row["name"]) <= 64 and row["name"].isprintable()):
            errors[key + "name"] = "bad_item_name"
        qty = int(row["qty"]) if row["qty"].isascii() and row["qty"].isdigit() else 0
        if not 1 <= qty <= MAX_QTY:
            errors[key + "qty"] = "bad_qty"
        if not any(k.startswith(key) for k in errors):
            items.append({"sku": row["sku"], "name": row["name"], "qty": qty})
    if not items and not any(k.startswith("item-") for k in errors):
        errors["items"] = "need_an_item"
    order["body"] = {"items": items}
    return order, errors


def shown_of(form: Mapping[str, str]) -> dict[str, str]:
    """Every field as typed, to draw the form again (bounded)."""
    shown = {key: form.get(key, "")[:64] for key in KEYS}
    for key, value in form.items():
        found = ITEM_KEY.match(key)
        if found and int(found[1]) < MAX_ITEMS:
            shown[key] = value[:64]
    return shown


def item_rows(shown: Mapping[str, str]) -> int:
    """How many item rows the form draws: the filled ones and two blank ones after the last."""
    filled = [int(m[1]) for k, v in shown.items() if (m := ITEM_KEY.match(k)) and v.strip()]
    return min(MAX_ITEMS, max(filled, default=-1) + 1 + BLANK_ROWS)


def taken(conn: Connection, order_id: str) -> bool:
    """Whether an order already has this id."""
    o = schema.pickup_orders
    return conn.execute(select(o.c.id).where(o.c.id == order_id)).first() is not None


def store_known(conn: Connection, store: str) -> bool:
    """Whether a terminal of this store is enrolled (else the order waits for one)."""
    t = schema.terminals
    found = conn.execute(select(t.c.id).where(t.c.store == store, t.c.status == "active"))
    return found.first() is not None


# The order form's routes, under the console's prefix: admins book, others read.
router = APIRouter()


def _page(console: Console, request: Request, page: Page, **values: Any) -> Response:
    shown = values.pop("shown", None) or {}
    return console.page(
        request,
        "order_form.html",
        page,
        keys=KEYS,
        labels=LABELS,
        item_keys=ITEM_KEYS,
        rows=item_rows(shown),
        shown=shown,
        **values,
    )


@router.get("/orders/new")
def order_page(request: Request, page: View, console: ConsoleDep) -> Response:
    return _page(console, request, page)


@router.post("/orders/preview")
def preview(request: Request, page: Post, console: ConsoleDep) -> Response:
    need(page, "admin")
    order, errors = read_form(page.form)
    shown = shown_of(page.form)
    with console.engine.begin() as conn:
        if "order" in order and taken(conn, order["order"]):
            errors["order"] = "id_taken"
        known = {
            "store": "store" in order and store_known(conn, order["store"]),
            "member": "member" in order and member_known(conn, order["member"]),
        }
    if errors:
        return _page(console, request, page, shown=shown, errors=errors, status=400)
    return _page(console, request, page, shown=shown, preview=order, known=known)


@router.post("/orders")
def book(request: Request, page: Post, console: ConsoleDep) -> Response:
    need(page, "admin")
    order, errors = read_form(page.form)
    shown = shown_of(page.form)
    if errors:
        return _page(console, request, page, shown=shown, errors=errors, status=400)
    ids = (order["order"], order["store"], order["member"])
    try:
        with console.engine.begin() as conn:
            downstream.add_order(conn, *ids, order["body"])
            after = {"store": ids[1], "member": ids[2], "body": order["body"]}
            audit.record(conn, page.actor(), "order_add", ids[0], None, after)
    except IntegrityError:
        errors = {"order": "id_taken"}
        return _page(console, request, page, shown=shown, errors=errors, status=409)
    return back("/console/orders", done="order_added")
