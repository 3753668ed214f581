"""bench/bench_requests.py runs in its short form and reports the backend's CPU per request,
split into its event loop and its handler threads, for heartbeats and one-award batches."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures.postgres import find_pg_bindir
from tests.requirements import require

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_report_gives_each_kinds_cpu_per_request_by_thread() -> None:
    require(find_pg_bindir() is not None, "PostgreSQL server binaries are not installed")
    done = subprocess.run(
        [sys.executable, "-m", "bench.bench_requests", "--requests", "40", "--rounds", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout[done.stdout.rindex("{\n") :])
    for kind in ("heartbeat", "award_batch"):
        loop, handler = report[f"{kind}_loop_cpu_ms"], report[f"{kind}_handler_cpu_ms"]
        assert report[f"{kind}_per_second"] > 0
        # /proc counts in ticks of 10 ms: 40 requests make several of each thread.
        assert loop > 0 and handler > 0
        assert report[f"{kind}_cpu_ms"] == pytest.approx(loop + handler, abs=0.02)
    # A batch verifies a code's two signatures and writes the ledger: more than a heartbeat.
    assert report["award_batch_handler_cpu_ms"] > report["heartbeat_handler_cpu_ms"]
