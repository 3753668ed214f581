"""The Reports page (``/console/reports``): a chart (SVG) and a CSV for each report.

``?days=30|365`` picks the period (last 30 or 365 UTC days, today included) and ``?store=S``
one store (else all). Each chart is its own response, ``/console/reports/NAME.svg``, shown
in the page as an image; ``/console/reports/NAME.csv`` has the same figures as rows.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.engine import Connection

from backend import downstream
from backend.console import charts, i18n, reports
from backend.console.web import ConsoleDep, Refused, View, csv_response
from backend.errors import NotFound
from protocol.policy import policy_from_document

IDENT = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
NAMES = ("points", "tiers", "tier_moves", "rewards", "offline", "flags", "liability")
COLUMNS = {
    "points": ("day", "store", "issued", "redeemed", "cash"),
    "tiers": ("tier", "members"),
    "tier_moves": ("from", "to", "moves"),
    "rewards": ("reward", "redemptions", "points"),
    "offline": (
        "day",
        "operations",
        "offline",
        "offline_percent",
        "mean_delay_s",
        "max_delay_s",
    ),
    "flags": ("week", "kind", "flags"),
    "liability": (
        "day",
        "store",
        "opening",
        "earned",
        "reversed",
        "redeemed",
        "refunded",
        "adjusted",
        "closing",
        "liability",
    ),
}


class Choice:
    """The period and store asked for, checked."""

    def __init__(self, query: Mapping[str, str]) -> None:
        days = query.get("days", "30")
        self.days = int(days) if days in ("30", "365") else 30
        store = query.get("store", "").strip()[:64]
        self.store = store if IDENT.match(store) else ""
        self.period = reports.Period.last(self.days)

    def query(self) -> str:
        """The choice as a query string for the page's links."""
        from urllib.parse import urlencode

        return urlencode({"days": self.days, **({"store": self.store} if self.store else {})})


def point_value(conn: Connection, configured: Decimal | None) -> Decimal:
    """The money one point is worth: as configured, else the policy's points-as-cash rate."""
    if configured is not None:
        return configured
    try:
        version, body = downstream.document(conn, "policy")
    except NotFound:
        body, version = {}, 0
    return Decimal(1) / Decimal(policy_from_document(version, body).points_per_currency_unit)


def rows_of(conn: Connection, name: str, choice: Choice, value: Decimal) -> list[dict[str, Any]]:
    """The report's rows for the choice."""
    period, store = choice.period, choice.store
    if name == "points":
        return reports.points_per_day(conn, period, store)
    if name == "tiers":
        return reports.tier_mix(conn)
    if name == "tier_moves":
        return reports.tier_moves(conn, period)
    if name == "rewards":
        return reports.redemptions_by_reward(conn, period)
    if name == "offline":
        return reports.offline_share(conn, period)
    if name == "flags":
        return reports.flags_per_week(conn, period)
    return reports.liability(conn, period, value, store)


def chart_of(
    conn: Connection, name: str, choice: Choice, rows: list[dict[str, Any]], language: str
) -> str:
    """The report's chart as SVG, its words in ``language``."""

    def t(key: str, **fill: object) -> str:
        return i18n.translate(language, key, **fill)

    period = choice.period
    scope = choice.store or t("all_stores")
    base = t("report_" + name) + f" · {t('last_days', days=choice.days)}"
    title = f"{base} · {scope}"  # for the reports that can be narrowed to one store
    days = [reports.day_text(d) for d in period.days()]
    if name == "points":
        fields = ("issued", "redeemed", "cash")
        totals = reports.daily_totals(rows, period, fields)
        return charts.line(title, days, {t("series_" + f): totals[f] for f in fields})
    if name == "tiers":
        return charts.pie(t("report_tiers"), {r["tier"]: r["members"] for r in rows})
    if name == "tier_moves":
        labels = [f"{r['from']} → {r['to']}" for r in rows]
        return charts.bars(base, labels, {t("series_moves"): [r["moves"] for r in rows]})
    if name == "rewards":
        labels = [r["reward"] for r in rows]
        return charts.bars(
            base, labels, {t("series_redemptions"): [r["redemptions"] for r in rows]}
        )
    if name == "offline":
        share = {r["day"]: r["offline_percent"] for r in rows}
        delay = {r["day"]: r["mean_delay_s"] for r in rows}
        return charts.line(
            base,
            days,
            {t("series_offline_percent"): [share.get(d, 0) for d in days]},
            {t("series_mean_delay"): [delay.get(d, 0) for d in days]},
        )
    if name == "flags":
        weeks = sorted({r["week"] for r in rows})
        by_kind: dict[str, dict[str, int]] = defaultdict(dict)
        for r in rows:
            by_kind[r["kind"]][r["week"]] = r["flags"]
        series = {k: [w.get(week, 0) for week in weeks] for k, w in sorted(by_kind.items())}
        return charts.stacked(base, weeks, series)
    opening = reports.opening_total(conn, period, choice.store)
    return charts.line(
        title, days, {t("series_outstanding"): reports.outstanding_by_day(rows, period, opening)}
    )


# The report routes, under the console's prefix; every role may read them.
router = APIRouter()


@router.get("/reports")
def reports_page(request: Request, page: View, console: ConsoleDep) -> Response:
    choice = Choice(request.query_params)
    with console.engine.begin() as conn:
        value = point_value(conn, console.settings.point_value)
        liability = reports.liability(conn, choice.period, value, choice.store)
        opening = reports.opening_total(conn, choice.period, choice.store)
        known = reports.stores(conn)
    closing = reports.outstanding_by_day(liability, choice.period, opening)[-1]
    return console.page(
        request,
        "reports.html",
        page,
        choice=choice,
        names=NAMES,
        stores=known,
        value=value,
        opening=opening,
        closing=closing,
        money=(Decimal(closing) * value).quantize(Decimal("0.01")),
    )


@router.get("/reports/{name}.svg")
def report_chart(name: str, request: Request, page: View, console: ConsoleDep) -> Response:
    if name not in NAMES:
        raise Refused("no_report")
    choice = Choice(request.query_params)
    with console.engine.begin() as conn:
        value = point_value(conn, console.settings.point_value)
        rows = rows_of(conn, name, choice, value)
        svg = chart_of(conn, name, choice, rows, page.language)
    return Response(
        svg,
        media_type="image/svg+xml",
        headers={
            "Cache-Control": "no-store",
            # Opened on its own, the SVG may style itself but never run anything.
            "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.get("/reports/{name}.csv")
def report_csv(name: str, request: Request, page: View, console: ConsoleDep) -> Response:
    if name not in NAMES:
        raise Refused("no_report")
    choice = Choice(request.query_params)
    with console.engine.begin() as conn:
        rows = rows_of(conn, name, choice, point_value(conn, console.settings.point_value))
    columns = list(COLUMNS[name])
    text = reports_csv(columns, rows)
    suffix = f"-{choice.store}" if choice.store else ""
    return csv_response(text, f"{name}-{choice.days}d{suffix}.csv")


def reports_csv(columns: list[str], rows: list[dict[str, Any]]) -> str:
    """Rows as CSV with the report's columns."""
    from backend.console import exports

    return exports.table_csv(columns, ([row[c] for c in columns] for row in rows))
