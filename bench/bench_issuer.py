"""What keeping the issuer in the database costs a node: reading it and publishing a bundle.

Per call, median over rounds: ``IssuerCache.get()`` as member-code checks call it (cached,
rechecked at most once a second), ``get(fresh=True)`` as ``GET /v1/bundle`` calls it (one
query), and one publication (a revocation: lock, load, sign, insert) on SQLite, or on the
database given with --db.
Run: .venv/bin/python -m bench.bench_issuer [--rounds 7] [--per-round 2000] [--db URL]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from backend import db
from backend.issuer_cache import open_issuers
from config.files import write_secret


def per_call(fn: Callable[[], object], n: int) -> float:
    started = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - started) / n


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--per-round", type=int, default=2000)
    parser.add_argument("--db", help="a SQLAlchemy URL of an empty database (default SQLite)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        engine = db.make_engine(args.db or str(work / "backend.sqlite"))
        db.upgrade(engine)
        write_secret(work / "master.key", b"11" * 32 + b"\n")
        issuers = open_issuers(engine, None, work / "master.key")
        issuers.get()
        counter = iter(range(10**9))

        def publish() -> object:
            member = f"B{next(counter)}"
            return issuers.store.update(lambda i: i.revoke(now=int(time.time()), member=member))

        cached, fresh, published = [], [], []
        for _ in range(args.rounds):
            cached.append(per_call(issuers.get, args.per_round))
            fresh.append(per_call(lambda: issuers.get(fresh=True), args.per_round // 10))
            published.append(per_call(publish, 20))
        engine.dispose()
    print(f"get() cached:        {statistics.median(cached) * 1e6:8.1f} us")
    print(f"get(fresh=True):     {statistics.median(fresh) * 1e6:8.1f} us")
    print(f"publish a revocation: {statistics.median(published) * 1e3:7.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
