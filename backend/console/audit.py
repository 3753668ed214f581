"""The loyalty office's audit trail: who did what, from where, and what it changed.

Every console action and every `loyalty-backend admin` command that changes something calls
``record`` inside the transaction of the change itself, so an action and its audit row
commit together or not at all. The table is append-only: nothing here updates or deletes a
row, and the migration's triggers refuse it in the database. Secrets (enrolment and login
codes, passwords) are never written: an entry says a code was issued, not which.
"""

from __future__ import annotations

import calendar
import getpass
import json
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from backend import schema
from backend.console import exports

LIMIT = 500
MAX_JSON_CHARS = 64 * 1024
# The actions, as written in the table; the console shows each as a sentence (i18n "audit_*").
ACTIONS = (
    "console_user",
    "enrolment_code",
    "enrolment_cancel",
    "flag_resolve",
    "login_code",
    "terminal_revoke",
    "member_revoke",
    "device_revoke",
    "points_adjust",
    "publish",
    "order_add",
    "coupon_give",
    "set_tier",
    "staff_add",
    "staff_enable",
    "staff_disable",
    "staff_pin",
    "staff_import",
    "staff_lockout_clear",
)


@dataclass(frozen=True)
class Actor:
    """Who acts: a console user (role, client address) or an operating-system user (CLI).

    ``at``: when, in seconds on the clock of who acts: the console app's for a page (the clock
    its sessions, lockouts and every other stamp of the request read), the host's for the CLI.
    """

    name: str
    role: str
    address: str
    source: str  # console | cli
    at: int


def cli_actor() -> Actor:
    """The person at the shell running `loyalty-backend admin`: their login and this host."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no login name for this uid (a container's bare uid)
        user = "unknown"
    host = socket.gethostname()[:255]
    return Actor(name=user[:64], role="cli", address=host, source="cli", at=int(time.time()))


def record(
    conn: Connection,
    actor: Actor,
    action: str,
    target: str,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> None:
    """Append one entry, in the caller's transaction, stamped with the actor's time."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    conn.execute(
        insert(schema.audit_log).values(
            at=actor.at,
            actor=actor.name,
            role=actor.role,
            address=actor.address,
            source=actor.source,
            action=action,
            target=target[:200],
            before=_json(before),
            after=_json(after),
        )
    )


def _json(value: Mapping[str, Any] | None) -> str | None:
    if value is None:
        return None
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    # A huge document is cut rather than refused: the action itself must not fail for its audit.
    return text if len(text) <= MAX_JSON_CHARS else text[:MAX_JSON_CHARS] + "…"


@dataclass(frozen=True)
class AuditFilter:
    """The audit page's filters: exact actor, action, source and target; a UTC date range."""

    actor: str = ""
    action: str = ""
    source: str = ""
    target: str = ""
    start: str = ""
    end: str = ""

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> AuditFilter:
        """The filters from a query string, each cut to 64 characters; unknown values dropped."""
        values = {k: query.get(k, "").strip()[:64] for k in ("actor", "target", "start", "end")}
        action = query.get("action", "")
        source = query.get("source", "")
        return cls(
            action=action if action in ACTIONS else "",
            source=source if source in ("console", "cli") else "",
            **values,
        )

    def period(self) -> tuple[int | None, int | None]:
        """[start, end + 1 day) in UNIX seconds; a missing or malformed date is open."""
        return _day(self.start, 0), _day(self.end, 86400)


def _day(text: str, shift: int) -> int | None:
    try:
        return calendar.timegm(time.strptime(text, "%Y-%m-%d")) + shift
    except ValueError:
        return None


def entries(conn: Connection, wanted: AuditFilter, limit: int = LIMIT) -> list[Any]:
    """Entries matching the filter, newest first."""
    a = schema.audit_log
    query = select(a).order_by(a.c.id.desc()).limit(limit)
    for column, value in (
        (a.c.actor, wanted.actor),
        (a.c.action, wanted.action),
        (a.c.source, wanted.source),
        (a.c.target, wanted.target),
    ):
        if value:
            query = query.where(column == value)
    start, end = wanted.period()
    if start is not None:
        query = query.where(a.c.at >= start)
    if end is not None:
        query = query.where(a.c.at < end)
    return list(conn.execute(query).all())


def actors(conn: Connection) -> list[str]:
    """Everyone who has an entry, for the filter's choices."""
    a = schema.audit_log
    return list(conn.execute(select(a.c.actor).distinct().order_by(a.c.actor)).scalars())


def as_csv(rows: list[Any]) -> str:
    """Entries as CSV, oldest first, text cells guarded against spreadsheet formulas."""
    columns = [c.name for c in schema.audit_log.columns]
    return exports.table_csv(
        columns, ([row._mapping[c] for c in columns] for row in reversed(rows))
    )
