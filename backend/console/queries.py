"""What the console's pages read, and the one flag write (a resolution)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from backend import members, schema
from backend.sql import insert_ignore

LIMIT = 500


def enrolment_codes(conn: Connection) -> list[Any]:
    """The latest codes (only their hashes are stored, never the codes)."""
    codes = schema.enrolment_codes
    return list(conn.execute(select(codes).order_by(codes.c.created_at.desc()).limit(LIMIT)).all())


@dataclass(frozen=True)
class FlagFilter:
    """The flags page's filters; every value is matched exactly."""

    state: str = "open"  # open | resolved | all
    kind: str = ""
    store: str = ""
    terminal: str = ""
    member: str = ""

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> FlagFilter:
        state = query.get("state", "open")
        return cls(
            state=state if state in ("open", "resolved", "all") else "open",
            **{k: query.get(k, "").strip()[:64] for k in ("kind", "store", "terminal", "member")},
        )


def flags(conn: Connection, wanted: FlagFilter) -> list[Any]:
    """Flags matching the filter, newest first, with their store and resolution."""
    f, t, r = schema.flags, schema.terminals, schema.flag_resolutions
    query = (
        select(f, t.c.store, r.c.resolved_by, r.c.note, r.c.resolved_at)
        .select_from(f.outerjoin(t, t.c.id == f.c.terminal).outerjoin(r, r.c.flag == f.c.id))
        .order_by(f.c.id.desc())
        .limit(LIMIT)
    )
    if wanted.state == "open":
        query = query.where(r.c.flag.is_(None))
    elif wanted.state == "resolved":
        query = query.where(r.c.flag.is_not(None))
    for column, value in (
        (f.c.kind, wanted.kind),
        (t.c.store, wanted.store),
        (f.c.terminal, wanted.terminal),
        (f.c.member, wanted.member),
    ):
        if value:
            query = query.where(column == value)
    return list(conn.execute(query).all())


def flag_kinds(conn: Connection) -> list[str]:
    f = schema.flags
    return list(conn.execute(select(f.c.kind).distinct().order_by(f.c.kind)).scalars())


def resolve_flag(conn: Connection, flag: int, user: str, note: str, now: int) -> bool:
    """Resolve the flag once; False if it was resolved already."""
    return insert_ignore(
        conn,
        schema.flag_resolutions,
        {"flag": flag, "resolved_by": user, "note": note, "resolved_at": now},
    )


def member_report(conn: Connection, member: str) -> dict[str, Any] | None:
    """Balance, ledger, flags, phones and certificates of a member; None if unknown."""
    report = members.ledger_report(conn, member)
    if report["tier"] is None:
        return None
    d, c = schema.member_devices, schema.member_certificates
    report["devices"] = list(
        conn.execute(select(d).where(d.c.member == member).order_by(d.c.created_at)).all()
    )
    report["certificates"] = list(
        conn.execute(select(c).where(c.c.member == member).order_by(c.c.issued_at)).all()
    )
    rv = schema.revocations
    report["revoked_at"] = conn.execute(
        select(func.max(rv.c.revoked_at)).where(rv.c.member == member)
    ).scalar_one_or_none()
    return report


def orders(conn: Connection) -> list[dict[str, Any]]:
    o = schema.pickup_orders
    rows = conn.execute(select(o).order_by(o.c.version.desc()).limit(LIMIT)).all()
    return [{**row._mapping, "body": json.loads(row.body)} for row in rows]


def coupons(conn: Connection) -> list[dict[str, Any]]:
    c, s = schema.member_coupons, schema.coupon_statuses
    rows = conn.execute(
        select(c, s.c.status)
        .select_from(c.outerjoin(s, s.c.coupon_id == c.c.id))
        .order_by(c.c.created_at.desc())
        .limit(LIMIT)
    ).all()
    return [
        {
            **row._mapping,
            "body": json.loads(row.body),
            "stores": json.loads(row.stores) if row.stores else [],
        }
        for row in rows
    ]
