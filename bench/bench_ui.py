"""Benchmark the counter app: start-up to the first screens, and camera frame to verdict.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_ui.py [--starts 5] [--scans 30]

1. Start-up, in fresh processes (imports included): process start -> first screen shown
   (sign-in), and -> scan screen after a PIN sign-in (scrypt included).
2. Frame to verdict, in one running app: a new member code is put in front of the camera
   made from the phone's frames (the real reader: capture thread, newest-frame slot,
   zxing/zbar chain, debounce); timed from the moment the frame enters the camera queue to
   the moment the member screen shows the verdict (verify, replay claim, view, banner).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import sys, time
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from terminal.ui.app import Options, build, qt_app
app = qt_app()
shell, wedge = build(app, Options(data_dir=Path({data!r}), start_devices=False, sound=False))
shell.start()
while not (shell.first_screen_shown and shell.counter.is_open):
    app.processEvents()
first = time.perf_counter() - t0
shell.counter.sign_in("1001", "111111")
while shell.window.stack.currentWidget() is not shell.window.scan:
    app.processEvents()
app.processEvents()
scan = time.perf_counter() - t0
print(first, scan)
shell.shutdown()
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bench_start(data_dir: Path, runs: int) -> dict[str, float]:
    firsts, scans = [], []
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    for _ in range(runs):
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", CHILD.format(root=str(ROOT), data=str(data_dir))],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=120,
        )
        interpreter = time.perf_counter() - started
        first, scan = map(float, out.stdout.split())
        del interpreter
        firsts.append(first * 1000)
        scans.append(scan * 1000)
    return {
        "first_screen_ms_median": statistics.median(firsts),
        "scan_screen_ms_median": statistics.median(scans),
        "scan_screen_ms_max": max(scans),
    }


def bench_frames(data_dir: Path, issuer, scans: int) -> dict[str, float]:
    from PySide6.QtCore import QCoreApplication

    from terminal.demo import phone as demo
    from terminal.demo.tour import DemoMember
    from terminal.ui.app import Options, build, qt_app

    app = qt_app()
    frames = demo.PhoneFrames(fps=30)
    options = Options(
        data_dir=data_dir, sound=False, camera_factory=lambda sink: demo.PhoneCamera(frames, sink)
    )
    shell, wedge = build(app, options)
    verdicts: dict[int, float] = {}
    shown = {"version": 0}
    shell.counter.member_shown.connect(
        lambda _v: verdicts.setdefault(shown["version"], time.perf_counter())
    )

    def pump(until, timeout=15.0):
        deadline = time.monotonic() + timeout
        while not until():
            if time.monotonic() > deadline:
                raise TimeoutError("no verdict")
            QCoreApplication.processEvents()
            time.sleep(0.0005)

    shell.start()
    pump(lambda: shell.counter.is_open)
    shell.counter.sign_in("1001", "111111")
    pump(lambda: shell.counter.staff is not None and shell.scanners.camera is not None)
    member = DemoMember(issuer, "M1001", "gold", 1280)
    latencies = []
    for i in range(scans + 2):
        frames.show(member.code())
        shown["version"] = frames.version
        pump(lambda: shown["version"] in verdicts)
        start = frames.first_read[shown["version"]]
        if i >= 2:  # the first scans warm up imports and caches
            latencies.append((verdicts[shown["version"]] - start) * 1000)
        frames.show(None)
        shell.counter.next_customer()
        time.sleep(0.7)  # longer than the debouncer's "gone" time
    stats = shell.scanners.camera_stats()
    shell.shutdown()
    app.removeEventFilter(wedge)
    return {
        "frame_to_verdict_ms_median": statistics.median(latencies),
        "frame_to_verdict_ms_p95": percentile(latencies, 0.95),
        "frame_to_verdict_ms_max": max(latencies),
        "camera_fps": stats.capture_fps if stats else 0.0,
        "decode_ms_median": stats.decode_ms_median if stats else 0.0,
        "scans": len(latencies),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--scans", type=int, default=30)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from crypto.issuer import new_issuer
    from terminal.demo.tour import provision_locally

    with tempfile.TemporaryDirectory(prefix="bench-ui-") as tmp:
        issuer = new_issuer(int(time.time()) - 3600)
        start_dir = Path(tmp) / "start"
        provision_locally(start_dir, issuer)
        frame_dir = Path(tmp) / "frames"
        provision_locally(frame_dir, issuer)
        results = {
            **bench_start(start_dir, args.starts),
            **bench_frames(frame_dir, issuer, args.scans),
        }
    print(
        json.dumps(
            {k: round(v, 1) if isinstance(v, float) else v for k, v in results.items()}, indent=2
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
