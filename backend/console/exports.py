"""CSV exports of the ledger and the flags for a period of whole UTC days."""

from __future__ import annotations

import calendar
import csv
import io
import time
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from backend import schema

MAX_DAYS = 366
# A cell starting with one of these is a formula to a spreadsheet program: text a terminal
# or member sent (a flag's detail) must never run as one, so it gets a leading quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def period(start: str, end: str) -> tuple[int, int] | None:
    """[start, end + 1 day) in UNIX seconds for YYYY-MM-DD dates, or None if invalid."""
    try:
        first = calendar.timegm(time.strptime(start, "%Y-%m-%d"))
        last = calendar.timegm(time.strptime(end, "%Y-%m-%d")) + 86400
    except ValueError:
        return None
    if not 0 < last - first <= MAX_DAYS * 86400:
        return None
    return first, last


def ledger(conn: Connection, start: int, end: int) -> str:
    """Ledger entries recorded in [start, end)."""
    table = schema.ledger
    rows = conn.execute(
        select(table)
        .where(table.c.recorded_at_ms >= start * 1000, table.c.recorded_at_ms < end * 1000)
        .order_by(table.c.entry)
    ).all()
    columns = [c.name for c in table.columns]
    return _csv(columns, ([row._mapping[c] for c in columns] for row in rows))


def flags(conn: Connection, start: int, end: int) -> str:
    """Flags raised in [start, end), with their resolution if any."""
    f, r = schema.flags, schema.flag_resolutions
    rows = conn.execute(
        select(f, r.c.resolved_by, r.c.note, r.c.resolved_at)
        .select_from(f.outerjoin(r, r.c.flag == f.c.id))
        .where(f.c.at >= start, f.c.at < end)
        .order_by(f.c.id)
    ).all()
    columns = [*(c.name for c in f.columns), "resolved_by", "note", "resolved_at"]
    return _csv(columns, ([row._mapping[c] for c in columns] for row in rows))


def table_csv(columns: list[str], rows: Any) -> str:
    """A header and rows as CSV, each text cell guarded against spreadsheet formulas."""
    return _csv(columns, rows)


def _csv(columns: list[str], rows: Any) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
