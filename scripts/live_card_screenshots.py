"""Screenshots of the live member card after a sync round, both languages, two sizes.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1920x1080x24" \\
        .venv/bin/python scripts/live_card_screenshots.py [docs/screenshots]

Starts the real backend on a temporary SQLite file, provisions a terminal with the terminal
CLI, opens the real app, scans a member, awards a purchase and waits for the sync round that
the commit wakes: the card then shows the backend's balance of now with nothing waiting
(docs/counter.md, "The live card"). Writes ``member-synced-LANG-WxH.png``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QCoreApplication, QEventLoop  # noqa: E402

from terminal.ui.app import Options, build, qt_app  # noqa: E402
from tests.fixtures.backend import start_backend  # noqa: E402
from tests.fixtures.office_staff import staff_from_office  # noqa: E402
from tests.fixtures.terminal import enrol_wallet, next_code, provision  # noqa: E402

SIZES = [(1024, 768), (1920, 1080)]


def wait(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("the app did not get there in time")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def settle(ms: int = 300) -> None:
    deadline = time.monotonic() + ms / 1000
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def shoot(out: Path, root: Path, language: str) -> list[Path]:
    """One terminal, one member, one award and its sync round; the card at each size."""
    backend_gen = start_backend(f"sqlite:///{root / 'backend.sqlite'}", root / "issuer", "sqlite")
    backend = next(backend_gen)
    saved: list[Path] = []
    try:
        data = root / "terminal"
        provision(backend, data)
        staff_from_office(backend, data, {"1001": ("Lin", "cashier", "111111")})
        wallet = enrol_wallet(backend, "M1001", root / "wallet.json")
        app = qt_app()
        options = Options(data_dir=data, language=language, start_devices=False, sound=False)
        shell, wedge = build(app, options)
        shell.window.resize(*SIZES[0])
        shell.start()
        wait(lambda: shell.counter.is_open and shell.first_screen_shown)
        shell.counter.sign_in("1001", "111111")
        wait(lambda: shell.counter.staff is not None)
        shell.counter.scan(next_code(wallet))
        card = shell.window.member.card
        wait(lambda: shell.counter.member is not None)
        wait(
            lambda: (
                shell.counter.member is not None
                and shell.counter.member.balance_source == "backend"
            )
        )
        shell.window.member.amount.setText("192")
        shell.window.member.award_button.click()
        wait(lambda: card.balance.text() == "192")
        wait(
            lambda: (
                shell.counter.member is not None
                and shell.counter.member.balance == 192
                and shell.counter.member.balance_source == "backend"
                and shell.counter.member.pending_operations == 0
            )
        )
        settle(600)
        for size in SIZES:
            shell.window.resize(*size)
            settle()
            path = out / f"member-synced-{language}-{size[0]}x{size[1]}.png"
            shell.window.grab().save(str(path))
            saved.append(path)
        shell.shutdown()
        shell.window.close()
        app.removeEventFilter(wedge)
    finally:
        backend_gen.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    for language in ("en", "zh_CN"):
        with tempfile.TemporaryDirectory(prefix="loyalty-live-card-") as tmp:
            for path in shoot(out, Path(tmp), language):
                print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
