"""What terminals download: versioned documents (policy, catalog) and a store's pickup orders.

Every published version of a document is kept (``document_versions``): a terminal may
compute an event from a version published before the one in force when the event arrives,
and ingest recomputes each event from the version it names.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, bindparam, exists, func, insert, select, update
from sqlalchemy.engine import Connection

from backend import holds, publication, schema
from backend.errors import BadRequest, NotFound
from backend.sql import insert_ignore

DOCUMENT_NAMES = ("policy", "catalog")


def document(conn: Connection, name: str) -> tuple[int, dict[str, Any]]:
    """The current version and body of a document."""
    row = conn.execute(select(schema.documents).where(schema.documents.c.name == name)).first()
    if row is None:
        raise NotFound("no_document", f"no {name} published")
    return int(row.version), dict(json.loads(row.body))


def publish(conn: Connection, name: str, body: dict[str, Any]) -> int:
    """Publish a new version of a document (the old ones are kept); returns its version."""
    if name not in DOCUMENT_NAMES:
        raise BadRequest("bad_document", f"documents are {', '.join(DOCUMENT_NAMES)}")
    publication.lock(conn)  # two nodes publishing at once make N+1 and N+2
    version, _ = document(conn, name)
    now, text = int(time.time()), json.dumps(body)
    conn.execute(
        update(schema.documents)
        .where(schema.documents.c.name == name, schema.documents.c.version == version)
        .values(version=version + 1, body=text, updated_at=now)
    )
    conn.execute(
        insert(schema.document_versions).values(
            name=name, version=version + 1, body=text, published_at=now
        )
    )
    return version + 1


def seed(conn: Connection, name: str, body: dict[str, Any], now: int) -> None:
    """Version 1 of a document, when none was published yet (several processes may race)."""
    text = json.dumps(body)
    values = {"name": name, "version": 1, "body": text}
    if insert_ignore(conn, schema.documents, {**values, "updated_at": now}):
        conn.execute(insert(schema.document_versions).values(**values, published_at=now))


def versions(conn: Connection, name: str, wanted: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The bodies of the given versions of a document that were ever published."""
    numbers = sorted(set(wanted))
    if not numbers:
        return {}
    rows = conn.execute(_versions(), {"document": name, "numbers": numbers})
    return {int(r.version): dict(json.loads(r.body)) for r in rows}


@functools.cache
def _versions() -> Select[Any]:
    """Built once, run with parameters: every batch runs it (backend.sql says why)."""
    table = schema.document_versions
    return select(table.c.version, table.c.body).where(
        table.c.name == bindparam("document"),
        table.c.version.in_(bindparam("numbers", expanding=True)),
    )


def add_order(
    conn: Connection, order_id: str, store: str, member: str, body: dict[str, Any]
) -> int:
    """A pickup order ready at ``store``; returns its version."""
    orders = schema.pickup_orders
    top = conn.execute(select(func.coalesce(func.max(orders.c.version), 0))).scalar_one()
    conn.execute(
        insert(orders).values(
            id=order_id,
            store=store,
            member=member,
            body=json.dumps(body),
            status="ready",
            version=top + 1,
        )
    )
    return int(top) + 1


def orders_since(conn: Connection, store: str, since: int) -> dict[str, Any]:
    """The store's orders changed after version ``since``, and the version to ask from next."""
    orders = schema.pickup_orders
    rows = conn.execute(
        select(orders)
        .where(orders.c.store == store, orders.c.version > since)
        .order_by(orders.c.version)
    ).all()
    return {
        "version": max([since, *(int(r.version) for r in rows)]),
        "orders": [
            {
                "id": r.id,
                "member": r.member,
                "status": r.status,
                "version": r.version,
                "body": json.loads(r.body),
                # At every counter: one that did not begin the order learns it was begun.
                "handed_over": holds.handed_over_items(conn, r.id, r.member),
            }
            for r in rows
        ],
    }


# Any fixed number: it names the lock that numbers coupon statuses on PostgreSQL.
_COUPON_STATUS_LOCK = 0x10_7A_17_C0


def coupons_since(conn: Connection, store: str, since: int) -> dict[str, Any]:
    """Used coupons the store may see, numbered after version ``since``, and the next version.

    Ingest records a use in ``coupon_uses``; here each new use gets the next version, under a
    lock, so a terminal asking from version V never misses a use numbered V or below later.
    """
    _number_new_uses(conn)
    statuses, coupons = schema.coupon_statuses, schema.member_coupons
    rows = conn.execute(
        select(statuses.c.coupon_id, statuses.c.status, statuses.c.version, coupons.c.stores)
        .select_from(statuses.outerjoin(coupons, coupons.c.id == statuses.c.coupon_id))
        .where(statuses.c.version > since)
        .order_by(statuses.c.version)
    ).all()
    return {
        "version": max([since, *(int(r.version) for r in rows)]),
        "coupons": [
            {"id": r.coupon_id, "status": r.status, "version": int(r.version)}
            for r in rows
            if r.stores is None or store in json.loads(r.stores)
        ],
    }


def _number_new_uses(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":  # SQLite already holds the write lock (BEGIN IMMEDIATE)
        conn.execute(select(func.pg_advisory_xact_lock(_COUPON_STATUS_LOCK)))
    statuses, uses = schema.coupon_statuses, schema.coupon_uses
    new = (
        conn.execute(
            select(uses.c.coupon_id)
            .where(~exists().where(statuses.c.coupon_id == uses.c.coupon_id))
            .order_by(uses.c.coupon_id)
        )
        .scalars()
        .all()
    )
    if not new:
        return
    top = conn.execute(select(func.coalesce(func.max(statuses.c.version), 0))).scalar_one()
    conn.execute(
        insert(statuses),
        [{"coupon_id": c, "status": "used", "version": int(top) + 1} for c in new],
    )
