"""The backend's CPU per request, as a store's counters pay it: small syncs and heartbeats.

    .venv/bin/python -m bench.bench_requests [--requests 200] [--rounds 3]

A counter syncs a few events at a time and sends a heartbeat when idle, so a fleet costs the
backend mostly per request, not per event (bench.bench_ingest measures full batches). Each
round: a fresh database on a durable PostgreSQL cluster, a real `loyalty-backend serve` (one
worker), one provisioned terminal. It sends, one request after another, ``--requests``
heartbeats, then as many batches of one real award each (the member's code re-verified), after
a few of each unmeasured (a server's first requests compile its statements). The backend's CPU
is read from /proc per thread: the event loop (the process's main thread) and the threads
that run the handlers. Medians of the rounds, in ms per request.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import cpu, fleet
from sync.outbox import Outbox
from terminal.backend_link import signed_client
from terminal.counter.service import CounterService
from tests.fixtures.postgres import run_cluster

WARM_UP = 20
HEARTBEAT: dict[str, Any] = {
    "app_version": "bench",
    "bundle_version": 1,
    "policy_version": 1,
    "catalog_version": 1,
    "pending": 0,
    "oldest_pending_age_seconds": None,
    "last_error": None,
    "clock_offset_ms": 0,
    "scanner": "ok",
    "camera": "ok",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="of each kind, per round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not cpu.available():
        raise SystemExit("bench_requests reads each thread's CPU from Linux's /proc")
    rounds: list[dict[str, dict[str, float]]] = []
    cluster_run = run_cluster(durable=True)
    cluster = next(cluster_run)
    try:
        for _ in range(args.rounds):
            with tempfile.TemporaryDirectory(prefix="bench-requests-") as tmp:
                rounds.append(_round(cluster.new_database(), Path(tmp), args.requests))
            print(json.dumps(rounds[-1]), flush=True)
    finally:
        next(cluster_run, None)
    result: dict[str, Any] = {"requests": args.requests, "rounds": args.rounds}
    for kind in rounds[0]:
        for figure in rounds[0][kind]:
            result[f"{kind}_{figure}"] = round(
                statistics.median(r[kind][figure] for r in rounds), 2
            )
    print(json.dumps(result, indent=2))
    return 0


def _round(db_url: str, work: Path, count: int) -> dict[str, dict[str, float]]:
    rng = random.Random(7)
    members = fleet.add_members(db_url, work / "issuer", 50)
    chosen = [rng.choice(members) for _ in range(WARM_UP + count)]
    phones = fleet.phones_for(work / "issuer", sorted(set(chosen)))
    with fleet.backend_process(db_url, work / "issuer", 1) as url:
        (data_dir,) = fleet.provision_terminals(url, db_url, work, 1)
        fleet.queue_awards(data_dir, [phones[m] for m in chosen], fleet.amounts(rng, len(chosen)))
        server = cpu.find("backend", "serve", f"--port {url.rsplit(':', 1)[1]}")
        assert server is not None, "the backend process was not found"
        service = CounterService.open(data_dir)
        settings = service.ctx.settings
        # One award a batch: the push sends each queued award in its own request.
        one_each = dataclasses.replace(settings.sync, batch_max_events=1)
        client = signed_client(service.ctx.identity, dataclasses.replace(settings, sync=one_each))
        outbox: Outbox = service.ctx.outbox
        try:

            def heartbeats(n: int) -> Callable[[], int]:
                def send() -> int:
                    answered = sum(client.heartbeat(dict(HEARTBEAT)) is not None for _ in range(n))
                    assert answered == n, f"{n - answered} heartbeats were not answered"
                    return n

                return send

            def awards(n: int) -> Callable[[], int]:
                def send() -> int:
                    report = client.push(outbox, max_batches=n)
                    assert report.accepted == n and report.error is None, report.to_json()
                    return n

                return send

            heartbeats(WARM_UP)()
            awards(WARM_UP)()
            return {
                "heartbeat": _measured(server, heartbeats(count)),
                "award_batch": _measured(server, awards(count)),
            }
        finally:
            client.session.close()
            service.close()


def _measured(server: int, send: Callable[[], int]) -> dict[str, float]:
    """Requests/s and the server's CPU ms per request: its event loop, its handler threads."""
    before = cpu.thread_seconds(server)
    began = time.perf_counter()
    sent = send()
    seconds = time.perf_counter() - began
    after = cpu.thread_seconds(server)
    loop = after.get(server, 0.0) - before.get(server, 0.0)
    handlers = sum(t - before.get(tid, 0.0) for tid, t in after.items() if tid != server)
    return {
        "per_second": sent / seconds,
        "loop_cpu_ms": loop / sent * 1000,
        "handler_cpu_ms": handlers / sent * 1000,
        "cpu_ms": (loop + handlers) / sent * 1000,
    }


if __name__ == "__main__":
    raise SystemExit(main())
