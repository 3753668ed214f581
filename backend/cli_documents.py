"""``loyalty-backend admin`` commands that publish what terminals and phones download:
documents, catalog rewards, pickup orders and coupons. Each is audited in its transaction."""

from __future__ import annotations

import argparse
import json
import time
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from backend import downstream, member_documents, publication, schema
from backend.cli_support import emit as _emit
from backend.cli_support import engine as _engine
from backend.console import audit
from config.errors import ConfigError
from config.numbers import finite_decimal, json_object
from protocol.catalog import rewards_from_document


def cmd_publish(args: argparse.Namespace) -> int:
    body = json_object(args.file.read_text(), str(args.file))
    if args.name == "catalog":
        try:
            rewards_from_document(body)  # terminals refuse a catalog they cannot apply
        except ValueError as exc:
            raise ConfigError(f"{args.file}: {exc}") from None
    with _engine(args).begin() as conn:
        old_version, old_body = downstream.document(conn, args.name)
        version = downstream.publish(conn, args.name, body)
        audit.record(
            conn,
            audit.cli_actor(),
            "publish",
            args.name,
            {"version": old_version, "body": old_body},
            {"version": version, "body": body},
        )
    _emit({"name": args.name, "version": version})
    return 0


def cmd_add_order(args: argparse.Namespace) -> int:
    body = json_object(args.body, "--body")
    with _engine(args).begin() as conn:
        version = downstream.add_order(conn, args.order, args.store, args.member, body)
        after = {"store": args.store, "member": args.member, "body": body}
        audit.record(conn, audit.cli_actor(), "order_add", args.order, None, after)
    _emit({"order": args.order, "store": args.store, "version": version})
    return 0


def cmd_reward(args: argparse.Namespace) -> int:
    if args.points <= 0:
        raise ConfigError("--points must be above 0")
    reward: dict[str, Any] = {"id": args.id, "name": args.name, "points": args.points}
    if args.cash:
        cash = finite_decimal(args.cash, "--cash")
        # The bound first: 1e999 has too many digits to quantize.
        if cash < 0 or cash > 1_000_000 or cash != cash.quantize(Decimal("0.01")):
            raise ConfigError("--cash must be an amount up to 1000000 with at most two decimals")
        reward["cash"] = str(cash)
    with _engine(args).begin() as conn:
        publication.lock(conn)  # before reading: two rewards added at once both land
        found = conn.execute(
            select(schema.documents.c.body).where(schema.documents.c.name == "catalog")
        ).scalar_one_or_none()
        catalog = json.loads(found) if found else {"rewards": []}
        rewards = [r for r in catalog.get("rewards", []) if r.get("id") != args.id]
        changed = {**catalog, "rewards": [*rewards, reward]}
        version = downstream.publish(conn, "catalog", changed)
        audit.record(
            conn,
            audit.cli_actor(),
            "publish",
            "catalog",
            {"body": catalog},
            {"version": version, "body": changed},
        )
    _emit({"reward": reward, "catalog_version": version})
    return 0


def cmd_coupon(args: argparse.Namespace) -> int:
    now = int(time.time())
    if args.kind != "gift" and args.value:  # a gift's value is its name; the others numbers
        value = finite_decimal(args.value, "--value")
        if value <= 0 or (args.kind == "percent" and value > 100):
            raise ConfigError("--value must be above 0 (a percent at most 100)")
    body = {"kind": args.kind, "value": args.value, "title": args.title or args.id}
    with _engine(args).begin() as conn:
        member_documents.add_coupon(
            conn, args.id, args.member, body, args.store, now + args.days * 86400, now
        )
        after = {"member": args.member, **body, "stores": args.store, "days": args.days}
        audit.record(conn, audit.cli_actor(), "coupon_give", args.id, None, after)
    _emit({"coupon": args.id, "member": args.member, **body})
    return 0
