"""End of day: totals per operation and per staff member, and what has not synced."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from sync.outbox import Status
from terminal.counter.context import CounterContext


def end_of_day(ctx: CounterContext, day: dt.date) -> dict[str, Any]:
    """The day's report as JSON-ready data (fields documented in the README)."""
    events = ctx.outbox.by_day(day)
    by_kind: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"count": 0, "points": 0, "amount": Decimal(0)}
    )
    by_staff: dict[str, dict[str, Any]] = defaultdict(lambda: {"count": 0, "points": 0})
    for stored in events:
        event = stored.event
        kind = by_kind[event.kind]
        kind["count"] += 1
        kind["points"] += event.points
        if event.kind in ("award", "refund"):
            kind["amount"] += Decimal(str(event.details.get("amount", "0")))
        if event.kind == "redeem":
            kind["amount"] += Decimal(str(event.details.get("cash", "0")))
        person = by_staff[event.staff or "unknown"]
        person["count"] += 1
        person["points"] += event.points
    statuses = [s.status for s in events]
    # Events carry the staff id; people know each other by name. A removed or unknown id
    # keeps its id as its name.
    known = {account.staff_id: account.name for account in ctx.staff.accounts()}
    return {
        "day": day.isoformat(),
        "store": ctx.identity.store,
        "terminal": ctx.identity.terminal,
        "operations": {k: {**v, "amount": str(v["amount"])} for k, v in sorted(by_kind.items())},
        "staff": dict(sorted(by_staff.items())),
        "staff_names": {staff_id: known.get(staff_id) or staff_id for staff_id in by_staff},
        "points_net": sum(s.event.points for s in events),
        "events": len(events),
        "pending": sum(s in (Status.PENDING, Status.IN_FLIGHT) for s in statuses),
        "failed": sum(s is Status.REJECTED for s in statuses),
        "pending_all_days": ctx.outbox.pending_count(),
        "failed_unresolved": len(ctx.outbox.reconciliation()),
    }


def as_text(report: dict[str, Any]) -> str:
    """The same report for a printer or a screen."""
    lines = [
        f"END OF DAY {report['day']}  store {report['store']}  terminal {report['terminal']}",
        "",
    ]
    lines.append(f"{'operation':<10}{'count':>7}{'points':>9}{'amount':>12}")
    for kind, totals in report["operations"].items():
        lines.append(f"{kind:<10}{totals['count']:>7}{totals['points']:>+9}{totals['amount']:>12}")
    lines += ["", f"{'staff':<16}{'count':>7}{'points':>9}"]
    names = report.get("staff_names", {})
    for staff, totals in report["staff"].items():
        name = names.get(staff, staff)
        lines.append(f"{name:<16}{totals['count']:>7}{totals['points']:>+9}")
    lines += [
        "",
        f"net points {report['points_net']:+d} in {report['events']} operations",
        f"not yet synced: {report['pending']} today, {report['pending_all_days']} in all",
        f"refused by the backend: {report['failed']} today, {report['failed_unresolved']} unresolved",
    ]
    return "\n".join(lines)
