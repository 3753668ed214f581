"""bench/soak.py runs for a few seconds and reports what it promises (the real run is 30 min,
outside CI)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_soak_scans_codes_from_a_video_and_reports_memory_and_stalls(tmp_path):
    out = tmp_path / "soak.json"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "bench/soak.py", "--minutes", "0.1", "--interval", "1", "--json", out],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(out.read_text())
    # Codes signed for their moment on show, read through the camera, each one awarded.
    assert report["scans"] >= 2 and report["awards"] == report["scans"], report
    assert report["refusals"] == {}, (report["refusal_sentences"], done.stderr[-2000:])
    assert 0 < report["rss_start_mb"] <= report["rss_peak_mb"]
    assert report["rss_end_mb"] <= report["rss_peak_mb"]
    assert report["longest_stall_ms"] >= 0 and report["camera"]["fps"] > 0
    assert "longest UI stall" in done.stderr
