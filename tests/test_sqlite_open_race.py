"""Several openers of one fresh SQLite file at once: none may fail with 'database is locked'.

Switching a new file to WAL takes an exclusive lock without SQLite's busy handler, so a second
opener used to get SQLITE_BUSY at once (seen in CI as a flaky sync-worker test, where the app's
sync thread and its core open the outbox together). Before the fix this test failed in about
one trial in twenty; it runs 80.
"""

from __future__ import annotations

import threading
from pathlib import Path

from sync.sqlite_util import connect

OPENERS = 8


def test_threads_opening_one_new_file_together_all_succeed(tmp_path: Path) -> None:
    failures: list[str] = []
    for trial in range(80):
        path = tmp_path / f"race{trial}.sqlite"
        barrier = threading.Barrier(OPENERS)

        def open_and_write(
            n: int, path: Path = path, barrier: threading.Barrier = barrier, trial: int = trial
        ) -> None:
            barrier.wait()
            try:
                db = connect(path)
                try:
                    db.execute("BEGIN IMMEDIATE")
                    db.execute("CREATE TABLE IF NOT EXISTS t (n INTEGER)")
                    db.execute("INSERT INTO t VALUES (?)", (n,))
                    db.execute("COMMIT")
                finally:
                    db.close()
            except Exception as exc:
                failures.append(f"trial {trial}: {exc!r}")

        threads = [threading.Thread(target=open_and_write, args=(n,)) for n in range(OPENERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        db = connect(path)
        try:
            assert db.execute("SELECT count(*) FROM t").fetchone()[0] == OPENERS - sum(
                1 for f in failures if f.startswith(f"trial {trial}:")
            )
            assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        finally:
            db.close()
    assert failures == []
