"""A coupon in a form (``/console/coupons``): each field checked with its message beside it,
a preview of the coupon as it will be given, then giving it.

Checked as ``loyalty-backend admin coupon`` checks it (``backend/cli_documents.py``), and
more: an amount has at most two decimals, a percent is whole, a gift is named. The coupon
reaches the member's wallet at its next refresh; a terminal accepts it once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from backend import member_documents, schema
from backend.console import audit
from backend.console.web import Console, ConsoleDep, Page, Post, View, back, need

IDENT = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
KEYS = ("coupon", "member", "kind", "value", "title", "store", "days")
LABELS = {
    "coupon": "coupon_id",
    "member": "member",
    "kind": "kind",
    "value": "coupon_value",
    "title": "coupon_title",
    "store": "coupon_stores",
    "days": "days",
}
MAX_STORES = 50
MAX_AMOUNT = Decimal(1_000_000)


def _text(value: str) -> bool:
    return 1 <= len(value) <= 64 and value.isprintable()


def _value(kind: str, text: str) -> tuple[str | None, str | None]:
    """A coupon's value for its kind, or None and the key of the message beside the field."""
    if kind == "gift":
        return (text, None) if _text(text) else (None, "bad_gift")
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = Decimal("NaN")
    if kind == "percent":
        whole = number.is_finite() and number == number.to_integral_value()
        return (str(int(number)), None) if whole and 1 <= number <= 100 else (None, "bad_percent")
    # The bound first: 1e999 has too many digits to quantize.
    fine = number.is_finite() and 0 < number <= MAX_AMOUNT
    if fine and number == number.quantize(Decimal("0.01")):
        return str(number), None
    return None, "bad_amount"


def read_form(form: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The coupon sent and, by field, the message key of each that is wrong."""
    sent = {key: form.get(key, "")[:64].strip() for key in KEYS}
    coupon: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for key in ("coupon", "member"):
        if IDENT.match(sent[key]):
            coupon[key] = sent[key]
        else:
            errors[key] = "bad_id"
    if sent["kind"] in member_documents.COUPON_KINDS:
        coupon["kind"] = sent["kind"]
        value, error = _value(sent["kind"], sent["value"])
        if error:
            errors["value"] = error
        else:
            coupon["value"] = value
    else:
        errors["kind"] = "bad_coupon_kind"
    if not sent["title"] or _text(sent["title"]):
        coupon["title"] = sent["title"] or sent["coupon"]
    else:
        errors["title"] = "bad_title"
    stores = [s.strip() for s in re.split(r"[,，]", sent["store"]) if s.strip()]
    if len(stores) <= MAX_STORES and all(IDENT.match(s) for s in stores):
        coupon["stores"] = stores
    else:
        errors["store"] = "bad_stores"
    try:
        days = int(sent["days"])
    except ValueError:
        days = 0
    if 1 <= days <= 3650:
        coupon["days"] = days
    else:
        errors["days"] = "bad_days"
    return coupon, errors


def taken(conn: Connection, coupon_id: str) -> bool:
    """Whether a coupon already has this id."""
    c = schema.member_coupons
    return conn.execute(select(c.c.id).where(c.c.id == coupon_id)).first() is not None


def member_known(conn: Connection, member: str) -> bool:
    """Whether the member has signed in (a coupon for one who has not waits for them)."""
    m = schema.members
    return conn.execute(select(m.c.id).where(m.c.id == member)).first() is not None


# The coupon form's routes, under the console's prefix: admins give, others read.
router = APIRouter()


def _page(console: Console, request: Request, page: Page, **values: Any) -> Response:
    shown = values.pop("shown", None) or {"days": "30", "kind": "amount"}
    return console.page(
        request,
        "coupon_form.html",
        page,
        keys=KEYS,
        labels=LABELS,
        kinds=member_documents.COUPON_KINDS,
        shown=shown,
        **values,
    )


def _shown(page: Page) -> dict[str, str]:
    return {key: page.form.get(key, "")[:64] for key in KEYS}


@router.get("/coupons")
def coupon_page(request: Request, page: View, console: ConsoleDep) -> Response:
    return _page(console, request, page)


@router.post("/coupons/preview")
def preview(request: Request, page: Post, console: ConsoleDep) -> Response:
    need(page, "admin")
    coupon, errors = read_form(page.form)
    with console.engine.begin() as conn:
        if "coupon" in coupon and taken(conn, coupon["coupon"]):
            errors["coupon"] = "id_taken"
        known = "member" in coupon and member_known(conn, coupon["member"])
    if errors:
        return _page(console, request, page, shown=_shown(page), errors=errors, status=400)
    expires = int(console.clock()) + coupon["days"] * 86400
    return _page(
        console, request, page, shown=_shown(page), preview=coupon, expires=expires, known=known
    )


@router.post("/coupons")
def give(request: Request, page: Post, console: ConsoleDep) -> Response:
    need(page, "admin")
    coupon, errors = read_form(page.form)
    if errors:
        return _page(console, request, page, shown=_shown(page), errors=errors, status=400)
    now = int(console.clock())
    body = {key: coupon[key] for key in ("kind", "value", "title")}
    try:
        with console.engine.begin() as conn:
            member_documents.add_coupon(
                conn,
                coupon["coupon"],
                coupon["member"],
                body,
                coupon["stores"] or None,
                now + coupon["days"] * 86400,
                now,
            )
            after = {"member": coupon["member"], **body, "stores": coupon["stores"]}
            after["days"] = coupon["days"]
            audit.record(conn, page.actor(), "coupon_give", coupon["coupon"], None, after)
    except IntegrityError:
        errors = {"coupon": "id_taken"}
        return _page(console, request, page, shown=_shown(page), errors=errors, status=409)
    return back("/console/orders", done="coupon_added")
