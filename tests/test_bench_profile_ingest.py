"""bench/profile_ingest.py runs in its short form and reports what it promises: ingest's CPU
beside its signatures' and, on a local PostgreSQL cluster, the database's own CPU."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures.postgres import find_pg_bindir
from tests.requirements import require

ROOT = Path(__file__).resolve().parent.parent


def _run(*extra: str, events: int = 40) -> dict[str, object]:
    argv = ["--events", str(events), "--rounds", "1", *extra]
    done = subprocess.run(
        [sys.executable, "-m", "bench.profile_ingest", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report: dict[str, object] = json.loads(done.stdout[done.stdout.rindex("{\n") :])
    return report


@pytest.mark.slow
def test_on_postgresql_the_report_counts_the_databases_cpu_beside_ingests() -> None:
    require(find_pg_bindir() is not None, "PostgreSQL server binaries are not installed")
    # /proc counts CPU in clock ticks (10 ms): 40 events cost PostgreSQL about 3 ms, which read
    # as 0 or 1 tick; 600 events cost it several ticks.
    report = _run("--postgres", "--top", "3", events=600)
    assert report["database"] == "postgresql (durable)"
    assert isinstance(report["postgres_cpu_us_per_event"], float)
    assert report["postgres_cpu_us_per_event"] > 0
    ingest, signatures = report["ingest_cpu_us_per_event"], report["signature_cpu_us_per_event"]
    assert isinstance(ingest, float) and isinstance(signatures, float)
    assert ingest > signatures > 0  # ingest checks every signature, and does more besides
    assert report["ratio_ingest_over_signatures"] == round(ingest / signatures, 2)


@pytest.mark.slow
def test_on_sqlite_there_is_no_server_to_count() -> None:
    report = _run("--top", "0")
    assert report["database"] == "sqlite"
    assert report["postgres_cpu_us_per_event"] is None
