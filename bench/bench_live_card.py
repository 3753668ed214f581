"""Benchmark the live member card: how soon the card on screen follows a commit and a round.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.bench_live_card [--awards 20]

The real backend on a temporary SQLite file, a terminal provisioned with the terminal CLI, the
real app (offscreen) with a member on screen. Each award is tapped as the cashier does; timed
on the GUI thread:

* commit -> card: from the tap to the card showing the award as waiting (the operation's
  commit and the core's refigure);
* round -> card: from the moment the sync round that sent it is delivered to the GUI thread
  (its ``SyncChange``) to the card showing the backend's balance with nothing waiting (the
  refigure, then the backend's summary asked again). Goal: under a second.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from terminal.ui.app import Options, build, qt_app  # noqa: E402
from tests.fixtures.backend import start_backend  # noqa: E402
from tests.fixtures.office_staff import staff_from_office  # noqa: E402
from tests.fixtures.terminal import enrol_wallet, next_code, provision  # noqa: E402


def until(condition: Callable[[], bool], timeout: float = 30.0) -> float:
    """Run the event loop until ``condition``; the moment it held (perf_counter)."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise SystemExit("the app did not get there in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    return time.perf_counter()


def run(root: Path, awards: int) -> dict[str, float]:
    backend_gen = start_backend(f"sqlite:///{root / 'backend.sqlite'}", root / "issuer", "sqlite")
    backend = next(backend_gen)
    try:
        data = root / "terminal"
        provision(backend, data)
        staff_from_office(backend, data, {"1001": ("Lin", "cashier", "111111")})
        wallet = enrol_wallet(backend, "M1", root / "wallet.json")
        app = qt_app()
        # Rounds only when a commit wakes the worker.
        options = Options(data_dir=data, start_devices=False, sound=False, sync_interval_ms=600_000)
        shell, wedge = build(app, options)
        shell.start()
        until(lambda: shell.counter.is_open and shell.first_screen_shown)
        shell.counter.sign_in("1001", "111111")
        until(lambda: shell.counter.staff is not None)
        card = shell.window.member.card
        delivered: list[float] = []
        shell.sync.changed.connect(
            lambda change: (
                change.round and change.accepted and delivered.append(time.perf_counter())
            )
        )
        to_card, to_round = [], []
        total = 0
        for _ in range(awards):
            shell.counter.scan(next_code(wallet))
            until(lambda: shell.counter.member is not None and card.pending.text() != "")
            until(lambda t=total: card.as_of.text().startswith(f"Server balance {t:,} as of"))
            before = len(delivered)
            shell.window.member.amount.setText("10")
            tapped = time.perf_counter()
            shell.window.member.award_button.click()
            total += 10
            shown = until(lambda: card.pending.text().startswith("1 operation waiting"))
            to_card.append(shown - tapped)
            until(lambda b=before: len(delivered) > b)
            synced = until(
                lambda t=total: (
                    card.as_of.text().startswith(f"Server balance {t:,} as of")
                    and card.pending.text() == "Nothing waiting to sync"
                )
            )
            to_round.append(synced - delivered[before])
            shell.counter.next_customer()
        shell.shutdown()
        shell.window.close()
        app.removeEventFilter(wedge)
    finally:
        backend_gen.close()
    return {
        "awards": awards,
        "commit_to_card_median_ms": round(statistics.median(to_card) * 1000, 1),
        "commit_to_card_max_ms": round(max(to_card) * 1000, 1),
        "round_to_card_median_ms": round(statistics.median(to_round) * 1000, 1),
        "round_to_card_max_ms": round(max(to_round) * 1000, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--awards", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="loyalty-bench-card-") as tmp:
        print(json.dumps(run(Path(tmp), args.awards), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
