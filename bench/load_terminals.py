"""Many terminals pushing at the same moment to one backend: nothing lost, no time-outs.

    .venv/bin/python -m bench.load_terminals [--terminals 32] [--events 250] [--workers 2]
        [--databases sqlite,postgres] [--layouts shared,spread]

For each database and member layout (``shared``: every batch touches the same 40 members;
``spread``: members drawn from 100,000), a fresh database and a real `loyalty-backend serve
--workers N` process; the terminals are provisioned and queue real awards first, then all push
at once, one thread each, with no retry and a 60 s request time-out. Prints one JSON object:
events/s, the slowest terminal, what was accepted, rejected, left pending or failed, and
whether the ledger and the balances equal the points the terminals reported.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench import fleet
from tests.fixtures.postgres import run_cluster

LAYOUTS = {"shared": 40, "spread": 100_000}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terminals", type=int, default=32)
    parser.add_argument("--events", type=int, default=250, help="events per terminal")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--layouts", default="shared,spread")
    args = parser.parse_args()
    results: dict[str, Any] = {
        "terminals": args.terminals,
        "events_per_terminal": args.events,
        "workers": args.workers,
    }
    with tempfile.TemporaryDirectory(prefix="load-") as tmp, _databases(args, Path(tmp)) as dbs:
        for name, new_db in dbs.items():
            for layout in args.layouts.split(","):
                work = Path(tmp) / f"{name}-{layout}"
                results[f"{name}/{layout}"] = one_run(new_db(), work, layout, args)
                print(json.dumps({f"{name}/{layout}": results[f"{name}/{layout}"]}), flush=True)
    print(json.dumps(results, indent=2))
    return 0


def one_run(db_url: str, work: Path, layout: str, args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(7)
    issuer_dir = work / "issuer"
    members = fleet.add_members(db_url, issuer_dir, LAYOUTS[layout])
    count = args.terminals * args.events
    chosen = [rng.choice(members) for _ in range(count)]
    phones = fleet.phones_for(issuer_dir, sorted(set(chosen)))
    with fleet.backend_process(db_url, issuer_dir, args.workers) as url:
        dirs = fleet.provision_terminals(url, db_url, work, args.terminals)
        queued = 0
        for i, data_dir in enumerate(dirs):
            mine = chosen[i * args.events : (i + 1) * args.events]
            queued += fleet.queue_awards(
                data_dir, [phones[m] for m in mine], fleet.amounts(rng, len(mine))
            )
        run = fleet.push_at_once(dirs)
    ledger, balances = fleet.ledger_total(db_url)
    return {
        "events": count,
        "seconds": round(run.seconds, 2),
        "events_per_second": round(run.accepted / run.seconds, 1),
        "slowest_terminal_seconds": round(max(o.seconds for o in run.outcomes), 2),
        "accepted": run.accepted,
        "rejected": run.rejected,
        "pending": run.pending,
        "errors": run.errors[:5],
        "points_queued": queued,
        "ledger_equals_queued": ledger == queued,
        "balances_equal_queued": balances == queued,
    }


@contextmanager
def _databases(args: argparse.Namespace, tmp: Path) -> Iterator[dict[str, Callable[[], str]]]:
    wanted = args.databases.split(",")
    counter = iter(range(1_000_000))
    dbs: dict[str, Callable[[], str]] = {}
    if "sqlite" in wanted:
        dbs["sqlite"] = lambda: f"sqlite:///{tmp / f'load{next(counter)}.sqlite'}"
    if "postgres" not in wanted:
        yield dbs
        return
    cluster_run = run_cluster(durable=True)
    cluster = next(cluster_run)
    try:
        dbs["postgres"] = cluster.new_database
        yield dbs
    finally:
        next(cluster_run, None)


if __name__ == "__main__":
    raise SystemExit(main())
