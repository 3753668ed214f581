"""Soak the counter app: a camera showing a new member code every 2 s for N minutes.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/soak.py [--minutes 30] [--interval 2]
        [--json FILE]

The real app (``Shell``, the real core on a data dir provisioned from a local issuer, the
real camera reader: capture thread, newest-frame slot, zxing/zbar chain, debounce) reads a
video file through ``cv2.VideoCapture``. The file is made first, with segno, from real
signed member codes (as the demo draws them), each code signed for the moment it will be on
show. Every code read is a member on screen; the soak awards 10.00 and calls the next
customer, so the ledger grows as it would at a counter.

Reported (JSON on stdout, a short text on stderr): scans, awards, refusals; resident memory
at the first scan, at the end, its peak, and its growth per 100 scans (least squares over
one sample a second, after the first 10 scans); the longest UI stall, measured by a 50 ms
QTimer heartbeat as its lateness. Not part of the test suite (tests/test_bench_soak.py runs
it for a few seconds).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEARTBEAT_MS = 50
ANSWER_WAIT_MS = 10_000  # at the end, how long an award in hand may take to answer
FPS = 8  # frames a second in the video: a code is on show for half of each interval
MEMBERS = 20  # codes rotate over this many members (different tiers and balances)
TIERS = ("bronze", "silver", "gold", "platinum")


def rss_mb() -> float:
    """Resident memory now (Linux /proc)."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def make_video(
    path: Path, issuer: Any, scans: int, interval: float, start: float, lead: float
) -> None:
    """``lead`` seconds of blank frames, then scan ``i`` shows a code signed for
    ``start + lead + i * interval`` for half the interval, then blank frames."""
    import cv2
    import numpy as np

    from crypto.code import Purpose, make_code
    from crypto.timestep import time_step
    from terminal.demo.phone import qr_pixels
    from terminal.demo.tour import DemoMember

    width, height = 640, 480
    members = [
        DemoMember(issuer, f"M{2000 + i}", TIERS[i % len(TIERS)], 500 * i) for i in range(MEMBERS)
    ]
    blank = np.full((height, width, 3), (70, 80, 90), np.uint8)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), FPS, (width, height))
    per_scan = max(2, round(interval * FPS))
    try:
        for _ in range(round(lead * FPS)):
            writer.write(blank)
        for i in range(scans):
            member = members[i % MEMBERS]
            member.counter += 1
            text = make_code(
                member.certificate,
                member.device,
                step=time_step(start + lead + i * interval),
                counter=member.counter,
                purpose=Purpose.CHECKOUT,
            )
            qr = qr_pixels(text, 3)
            frame = blank.copy()
            size = min(qr.shape[0], height - 40)
            top, left = (height - size) // 2, (width - size) // 2
            frame[top - 20 : top + size + 20, left - 20 : left + size + 20] = 250
            frame[top : top + size, left : left + size] = qr[:size, :size, None]
            for f in range(per_scan):
                writer.write(frame if f < per_scan // 2 else blank)
    finally:
        writer.release()


def planned_start(folder: Path, issuer: Any, scans: int, interval: float) -> float:
    """When the video can start playing: after writing it, estimated from a short sample
    with room to spare (the app then starts at that moment and plays it in real time)."""
    sample = min(scans, 6)
    began = time.perf_counter()
    make_video(folder / "sample.avi", issuer, sample, interval, time.time(), 0.0)
    per_scan = (time.perf_counter() - began) / sample
    return time.time() + per_scan * scans * 1.5 + 5


class Soak:
    """The running app, its counters and its samples."""

    def __init__(self, shell: Any, seconds: float) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.shell = shell
        self.seconds = seconds
        self.scans = self.awards = 0
        self.refusals: dict[str, int] = {}
        self.refusal_sentences: dict[str, str] = {}  # the first of each reason, to diagnose
        self.lateness: list[float] = []
        self.rss_first_scan: float | None = None
        self.samples: list[tuple[int, float]] = []  # (scans so far, RSS MB)
        self.stall_ms = 0.0
        self.stall_at_s = 0.0
        self.stalls: list[tuple[float, float]] = []  # (ms late, at s) over 100 ms
        self.started = time.monotonic()
        self.closing = False
        self._beat = time.perf_counter()
        self.heartbeat = QTimer()
        self.heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
        self.heartbeat.setInterval(HEARTBEAT_MS)
        self.heartbeat.timeout.connect(self._tick)
        self.sampler = QTimer()
        self.sampler.setInterval(1000)
        self.sampler.timeout.connect(lambda: self.samples.append((self.scans, rss_mb())))
        counter = shell.counter
        counter.member_shown.connect(self._member)
        counter.op_done.connect(self._done)
        counter.refused.connect(self._refused)

    def start(self) -> None:
        """Measure from now for ``seconds``, then leave the event loop."""
        from PySide6.QtCore import QTimer

        if self.heartbeat.isActive():
            return
        QTimer.singleShot(int(self.seconds * 1000), self._close)
        self.started = time.monotonic()
        self._beat = time.perf_counter()
        self.heartbeat.start()
        self.sampler.start()

    def _close(self) -> None:
        """Time is up: take no new member, and leave once the award in hand has its answer.

        Quitting at once cut off an award scanned a moment before (CI saw 3 scans, 2 awards
        and no refusal); an award that never answers still ends the run, and shows as a
        scan without its award.
        """
        from PySide6.QtCore import QCoreApplication, QTimer

        self.closing = True
        if self.scans == self.awards + sum(self.refusals.values()):
            QCoreApplication.quit()
        else:
            QTimer.singleShot(ANSWER_WAIT_MS, QCoreApplication.quit)

    def _answered(self) -> None:
        from PySide6.QtCore import QCoreApplication

        if self.closing:
            QCoreApplication.quit()
        else:
            self.shell.counter.next_customer()

    def _tick(self) -> None:
        now = time.perf_counter()
        late = (now - self._beat) * 1000 - HEARTBEAT_MS
        self._beat = now
        self.lateness.append(late)
        if late > 100:
            self.stalls.append((round(late, 1), round(time.monotonic() - self.started, 1)))
        if late > self.stall_ms:
            self.stall_ms, self.stall_at_s = late, time.monotonic() - self.started

    def _member(self, _view: Any) -> None:
        if self.closing:
            return
        self.scans += 1
        if self.rss_first_scan is None:
            self.rss_first_scan = rss_mb()
        self.shell.counter.award(Decimal("10.00"))

    def _done(self, _result: Any) -> None:
        self.awards += 1
        self._answered()

    def _refused(self, reason: str, message: object) -> None:
        self.refusals[reason] = self.refusals.get(reason, 0) + 1
        self.refusal_sentences.setdefault(reason, str(message))
        self._answered()

    def report(self) -> dict[str, Any]:
        end = rss_mb()
        samples = [(n, mb) for n, mb in self.samples if n >= 10]
        peak = max([end, *(mb for _, mb in self.samples)])
        return {
            "seconds": round(time.monotonic() - self.started, 1),
            "scans": self.scans,
            "awards": self.awards,
            "refusals": self.refusals,
            "refusal_sentences": self.refusal_sentences,
            "rss_start_mb": round(self.rss_first_scan or end, 1),
            "rss_end_mb": round(end, 1),
            "rss_peak_mb": round(peak, 1),
            "rss_max_ever_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "growth_per_100_scans_mb": round(100 * slope(samples), 2) if samples else None,
            "longest_stall_ms": round(self.stall_ms, 1),
            "stalls_over_100_ms": len(self.stalls),
            "worst_stalls_ms_at_s": sorted(self.stalls, reverse=True)[:5],
            "heartbeat_lateness_p99_ms": round(_p99(self.lateness), 1),
            "longest_stall_at_s": round(self.stall_at_s, 1),
        }


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))] if ordered else 0.0


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of MB over scans (0 with fewer than two distinct scan counts)."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    var = sum((x - mean_x) ** 2 for x, _ in points)
    if var == 0:
        return 0.0
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / var


def run(minutes: float, interval: float) -> dict[str, Any]:
    from PySide6.QtCore import QTimer

    from crypto.issuer import new_issuer
    from terminal.demo.tour import provision_locally
    from terminal.ui.app import Options, build, qt_app
    from terminal.ui.settings_file import update_settings

    seconds = minutes * 60
    lead = 4.0  # blank video while the app starts and the cashier signs in
    with tempfile.TemporaryDirectory(prefix="soak-") as tmp:
        folder = Path(tmp)
        issuer = new_issuer(int(time.time()) - 3600)
        data_dir = folder / "terminal"
        provision_locally(data_dir, issuer)
        video = folder / "codes.avi"
        # Longer than the soak: the end of the file must not fall inside the measured time.
        scans = int((seconds + 10) / interval) + 1
        # Each code is signed for the moment it will be on show, so the video must start
        # playing when planned: writing a 30-minute video takes minutes, and codes signed
        # for "now" would all be stale by then (as a first 30-minute run found: 898 refused).
        start = planned_start(folder, issuer, scans, interval)
        make_video(video, issuer, scans, interval, start, lead)
        late = time.time() - start
        if late > 0:
            raise SystemExit(f"writing the video ran {late:.0f} s past its plan; run again")
        time.sleep(start - time.time())
        update_settings(
            data_dir / "settings.toml",
            {"camera": {"source": str(video), "width": 640, "height": 480}},
        )
        app = qt_app()
        shell, wedge = build(app, Options(data_dir=data_dir, sound=False))
        soak = Soak(shell, seconds)
        # The app's own event loop (app.exec), as at the counter: the heartbeat measures it.
        shell.counter.opened.connect(lambda: shell.counter.sign_in("1001", "111111"))
        shell.counter.staff_changed.connect(lambda staff: staff is not None and soak.start())
        QTimer.singleShot(int((seconds + 60) * 1000), app.quit)  # never signed in: give up
        shell.start()
        app.exec()
        result = soak.report()
        result["camera"] = _camera(shell)
        shell.shutdown()
        app.removeEventFilter(wedge)
    return result


def _camera(shell: Any) -> dict[str, float]:
    stats = shell.scanners.camera_stats()
    if stats is None:
        return {}
    return {
        "fps": round(stats.capture_fps, 1),
        "decode_ms_median": round(stats.decode_ms_median, 1),
    }


def text(r: dict[str, Any]) -> str:
    """The short report."""
    return (
        f"{r['scans']} scans in {r['seconds']} s ({r['awards']} awards, refused: "
        f"{r['refusals'] or 'none'}); "
        f"RSS {r['rss_start_mb']} MB at the first scan, {r['rss_end_mb']} MB at the end, "
        f"peak {r['rss_peak_mb']} MB, {r['growth_per_100_scans_mb']} MB per 100 scans; "
        f"longest UI stall {r['longest_stall_ms']} ms (at {r['longest_stall_at_s']} s)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0, help="how long (default 30)")
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between scans")
    parser.add_argument("--json", type=Path, help="also write the JSON report here")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    result = run(args.minutes, args.interval)
    out = json.dumps(result, indent=2)
    if args.json:
        args.json.write_text(out + "\n")
    print(out)
    print(text(result), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
