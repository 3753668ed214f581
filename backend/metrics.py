"""/metrics in Prometheus' text format, read from the database at each scrape.

Several worker processes serve one database, so a per-process counter would show one
worker's share. Every figure is therefore read from the shared database when scraped, by a
collector registered in the app's own CollectorRegistry (nothing global at import):

    loyalty_batches_ingested_total              batches accepted (the batches table)
    loyalty_events_ingested_total{status}       events stored, accepted or rejected
    loyalty_events_rejected_total{reason}       rejected events by reason
    loyalty_batches_refused_total{reason}       whole batches refused (bad signature, replay...)
    loyalty_flags_raised_total{kind}            flags for the loyalty office
    loyalty_ingest_latency_seconds              histogram of POST /v1/batches ingest time
    loyalty_terminals{status}                   terminals by status
    loyalty_terminals_stale                     active terminals silent for the stale time

The latency histogram is kept as cumulative bucket rows (ingest_latency), one UPDATE per
batch, so it is monotonic across workers and restarts.
"""

from __future__ import annotations

import functools
import hmac
import time
from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.registry import Collector
from sqlalchemy import Engine, Update, bindparam, case, func, or_, select, update
from sqlalchemy.engine import Connection

from backend import fleet, schema
from backend.sql import insert_ignore

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# Upper bounds of the latency buckets, milliseconds; INF_ROW is +Inf, SUM_ROW the sum in µs.
BOUNDS_MS = (5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
INF_ROW = 2**62
SUM_ROW = -1


def observe_ingest(conn: Connection, seconds: float) -> None:
    """Count one batch's ingest time in the shared histogram."""
    observed = {"observed_ms": seconds * 1000, "observed_us": round(seconds * 1_000_000)}
    if not conn.execute(_counted(), observed).rowcount:
        # The first batch ever: create the rows (another worker may race us).
        for bound in (*BOUNDS_MS, INF_ROW, SUM_ROW):
            insert_ignore(conn, schema.ingest_latency, {"bound_ms": bound, "hits": 0})
        conn.execute(_counted(), observed)


@functools.cache
def _counted() -> Update:
    """One statement a batch: the sum row gains the microseconds, each bucket at or above the
    time one hit (SUM_ROW, -1, is below every time). Built once, run with parameters."""
    table = schema.ingest_latency
    return (
        update(table)
        .where(or_(table.c.bound_ms == SUM_ROW, table.c.bound_ms >= bindparam("observed_ms")))
        .values(
            hits=table.c.hits
            + case((table.c.bound_ms == SUM_ROW, bindparam("observed_us")), else_=1)
        )
    )


class DatabaseCollector(Collector):
    """Every figure from the database at scrape time, so all workers report the same."""

    def __init__(
        self,
        engine: Engine,
        settings: fleet.FleetSettings,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.clock = clock  # the app's (Services.clock): "stale" is judged on its time

    def collect(self) -> Iterator[Metric]:
        with self.engine.begin() as conn:
            yield from self._collect(conn, int(self.clock()))

    def _collect(self, conn: Connection, now: int) -> Iterator[Metric]:
        batches = conn.execute(select(func.count()).select_from(schema.batches)).scalar_one()
        yield CounterMetricFamily(
            "loyalty_batches_ingested", "Batches accepted for ingest.", value=batches
        )
        events = CounterMetricFamily(
            "loyalty_events_ingested", "Events stored, by status.", labels=["status"]
        )
        ev = schema.events
        counts: dict[str, int] = dict(
            conn.execute(select(ev.c.status, func.count()).group_by(ev.c.status)).all()
        )
        for status in ("accepted", "rejected"):
            events.add_metric([status], counts.get(status, 0))
        yield events
        rejected = CounterMetricFamily(
            "loyalty_events_rejected", "Rejected events, by reason.", labels=["reason"]
        )
        for reason, n in conn.execute(
            select(ev.c.reason, func.count())
            .where(ev.c.status == "rejected")
            .group_by(ev.c.reason)
            .order_by(ev.c.reason)
        ):
            rejected.add_metric([reason or "unknown"], n)
        yield rejected
        fl = schema.flags
        by_kind = conn.execute(
            select(fl.c.kind, func.count()).group_by(fl.c.kind).order_by(fl.c.kind)
        ).all()
        refused = CounterMetricFamily(
            "loyalty_batches_refused", "Whole batches refused, by reason.", labels=["reason"]
        )
        flags = CounterMetricFamily(
            "loyalty_flags_raised", "Flags raised for the loyalty office.", labels=["kind"]
        )
        for kind, n in by_kind:
            flags.add_metric([kind], n)
            if kind.startswith("batch_"):
                refused.add_metric([kind.removeprefix("batch_")], n)
        yield refused
        yield flags
        yield self._latency(conn)
        t = schema.terminals
        terminals = GaugeMetricFamily(
            "loyalty_terminals", "Terminals by status.", labels=["status"]
        )
        for status, n in conn.execute(
            select(t.c.status, func.count()).group_by(t.c.status).order_by(t.c.status)
        ):
            terminals.add_metric([status], n)
        yield terminals
        yield GaugeMetricFamily(
            "loyalty_terminals_stale",
            "Active terminals not heard from for the stale time.",
            value=fleet.stale_count(conn, now, self.settings),
        )

    def _latency(self, conn: Connection) -> Metric:
        table = schema.ingest_latency
        rows = dict(conn.execute(select(table.c.bound_ms, table.c.hits)).all())
        buckets = [(str(b / 1000), rows.get(b, 0)) for b in BOUNDS_MS]
        buckets.append(("+Inf", rows.get(INF_ROW, 0)))
        return HistogramMetricFamily(
            "loyalty_ingest_latency_seconds",
            "Time to ingest one batch (POST /v1/batches).",
            buckets=buckets,
            sum_value=rows.get(SUM_ROW, 0) / 1_000_000,
        )


def registry_for(
    engine: Engine, settings: fleet.FleetSettings, clock: Callable[[], float] = time.time
) -> CollectorRegistry:
    """A registry of this app's own (no process-global state)."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(DatabaseCollector(engine, settings, clock))
    return registry


def render(registry: CollectorRegistry) -> bytes:
    return generate_latest(registry)


def token_matches(expected: str | None, authorization: str) -> bool:
    """Whether the Authorization header carries the configured bearer token."""
    if not expected or not authorization.startswith("Bearer "):
        return False
    return hmac.compare_digest(authorization.removeprefix("Bearer ").encode(), expected.encode())
