"""The policy in a form (``/console/policy``): its figures, tiers and campaigns, each field
checked with its message beside it, a preview of what changes against the current version,
then publishing.

The figures are below; tiers and campaigns are rows (backend/console/policy_rows.py). The
new document must also pass ``policy_from_document``, the parser terminals apply, so the
form cannot publish what a terminal would refuse.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from backend import downstream
from backend.console import audit, policy_rows
from backend.console.web import Console, ConsoleDep, Page, Post, View, back, need
from protocol.policy import Campaign, Tier, policy_from_document


@dataclass(frozen=True)
class Field:
    """One figure: its document key, how it is read, and its allowed range."""

    key: str
    kind: str  # int | decimal | currency
    low: Decimal = Decimal(0)
    high: Decimal = Decimal(10_000_000)
    above_low: bool = False  # low itself is not allowed

    def read(self, text: str) -> tuple[Any, str | None]:
        """The value of ``text``, or None and the key of the message to show beside the field."""
        text = text.strip()
        if self.kind == "currency":
            return (text, None) if re.fullmatch(r"[A-Z]{3}", text) else (None, "bad_currency")
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None, "bad_number"
        if not number.is_finite():
            return None, "bad_number"
        if self.kind == "int" and number != number.to_integral_value():
            return None, "bad_whole_number"
        too_low = number <= self.low if self.above_low else number < self.low
        if too_low or number > self.high:
            return None, "out_of_range"
        return (int(number) if self.kind == "int" else format(number.normalize(), "f")), None


FIELDS = (
    Field("points_per_unit", "decimal", Decimal(0), Decimal(1000), above_low=True),
    Field("min_spend", "decimal"),
    Field("max_purchase", "decimal", Decimal(0), Decimal(10_000_000), above_low=True),
    Field("checkin_points", "int", Decimal(0), Decimal(1_000_000)),
    Field("offline_cap_points", "int"),
    Field("supervisor_cap_points", "int"),
    Field("points_per_currency_unit", "int", Decimal(0), Decimal(1_000_000), above_low=True),
    Field("max_discount_share", "decimal", Decimal(0), Decimal(1)),
    Field("max_discount_points_per_sale", "int"),
    Field("currency", "currency"),
)


def current_values(body: Mapping[str, Any]) -> dict[str, str]:
    """Each figure as the document has it, else the default terminals apply."""
    policy = policy_from_document(0, body)
    return {f.key: str(body.get(f.key, getattr(policy, f.key))) for f in FIELDS}


def read_form(form: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The figures sent and, by field, the message key of each that is wrong."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for f in FIELDS:
        value, error = f.read(form.get(f.key, "")[:32])
        if error:
            errors[f.key] = error
        else:
            values[f.key] = value
    return values, errors


def new_body(body: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """The current document with the figures the form changes (only those: a default left
    out stays out); ValueError if terminals would refuse it."""
    changed = {**body, **{key: values[key] for key, _, _ in changes(body, values)}}
    policy_from_document(0, changed)
    return changed


def changes(body: Mapping[str, Any], values: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(figure, before, after) for every figure the form changes."""
    before = current_values(body)
    return [(k, before[k], str(v)) for k, v in values.items() if str(v) != before[k]]


@dataclass(frozen=True)
class Sent:
    """What the form sent, read: the figures, the rows, and every wrong field's message key."""

    values: dict[str, Any]
    tiers: list[Tier]
    campaigns: list[Campaign]
    errors: dict[str, str]
    shown: dict[str, str]  # every field as typed, to draw the form again

    @classmethod
    def read(cls, form: Mapping[str, str], body: Mapping[str, Any]) -> Sent:
        """Read and check every field of the form (``body``: the current document)."""
        values, errors = read_form(form)
        known = frozenset(t.name for t in policy_from_document(0, body).tiers)
        tiers = policy_rows.read_tiers(form, errors, known)
        campaigns = policy_rows.read_campaigns(form, {t.name for t in tiers}, errors)
        shown = {f.key: form.get(f.key, "")[:32] for f in FIELDS} | policy_rows.posted_rows(form)
        return cls(values, tiers, campaigns, errors, shown)

    def document(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """The new document; ValueError if terminals would refuse it."""
        policy = policy_from_document(0, body)
        changed = policy_rows.with_rows(
            new_body(body, self.values), policy, self.tiers, self.campaigns
        )
        policy_from_document(0, changed)
        return changed

    def changes(self, body: Mapping[str, Any]) -> tuple[list[Any], list[Any]]:
        """The figures that change and the rows' fields that change."""
        policy = policy_from_document(0, body)
        return changes(body, self.values), policy_rows.row_changes(
            policy, self.tiers, self.campaigns
        )


# The policy form's routes, under the console's prefix: admins change, others read.
router = APIRouter()


def _page(console: Console, request: Request, page: Page, **values: Any) -> Response:
    with console.engine.begin() as conn:
        version, body = downstream.document(conn, "policy")
    shown = values.pop("shown", None) or (
        current_values(body) | policy_rows.current_rows(policy_from_document(0, body))
    )
    return console.page(
        request,
        "policy.html",
        page,
        version=version,
        fields=FIELDS,
        shown=shown,
        tier_keys=policy_rows.TIER_KEYS,
        campaign_keys=policy_rows.CAMPAIGN_KEYS,
        tier_rows=policy_rows.row_count(shown, "tier"),
        campaign_rows=policy_rows.row_count(shown, "campaign"),
        **values,
    )


@router.get("/policy")
def policy_page(request: Request, page: View, console: ConsoleDep) -> Response:
    return _page(console, request, page)


@router.post("/policy/preview")
def preview(request: Request, page: Post, console: ConsoleDep) -> Response:
    need(page, "admin")
    with console.engine.begin() as conn:
        version, body = downstream.document(conn, "policy")
    sent = Sent.read(page.form, body)
    shown = sent.shown
    if sent.errors:
        return _page(console, request, page, shown=shown, errors=sent.errors, status=400)
    try:
        sent.document(body)
    except ValueError as exc:
        return _page(console, request, page, shown=shown, refused=str(exc)[:200], status=400)
    figures, rows = sent.changes(body)
    return _page(
        console, request, page, shown=shown, preview=figures, row_preview=rows, based_on=version
    )


@router.post("/policy")
def publish(request: Request, page: Post, console: ConsoleDep) -> Response:
    need(page, "admin")
    with (
        console.engine.begin() as conn
    ):  # the tiers' names as they are (the version is checked below)
        _, current = downstream.document(conn, "policy")
    sent = Sent.read(page.form, current)
    shown = sent.shown
    if sent.errors:
        return _page(console, request, page, shown=shown, errors=sent.errors, status=400)
    refused = ""
    # The page is drawn after the transaction: SQLite would wait on its own write lock.
    with console.engine.begin() as conn:
        version, body = downstream.document(conn, "policy")
        if page.form.get("based_on") != str(version):  # someone published meanwhile
            refused = "stale"
        else:
            try:
                changed = sent.document(body)
            except ValueError as exc:
                refused = str(exc)[:200]
            else:
                new_version = downstream.publish(conn, "policy", changed)
                audit.record(
                    conn,
                    page.actor(),
                    "publish",
                    "policy",
                    {"version": version, "body": body},
                    {"version": new_version, "body": changed},
                )
    if refused == "stale":
        return _page(console, request, page, shown=shown, stale=True, status=409)
    if refused:
        return _page(console, request, page, shown=shown, refused=refused, status=400)
    return back("/console/policy", done="policy_published")
