"""The member card is live (issue 16, item 4): real widgets offscreen, a real backend.

Every committed operation and every sync round changes the card on screen (balance, its
source and moment, what waits), through the one ``SyncChange`` path, and the card never says
an operation waits while the status bar says nothing is left to send. How soon is measured by
bench/bench_live_card.py, not asserted here.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from tests.fixtures.faults import FaultProxy
from tests.fixtures.office_staff import staff_from_office
from tests.fixtures.terminal import enrol_wallet, next_code, provision
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import PINS, WAIT, make_shell, sign_in, stop_shell

pytest_plugins = ["tests.fixtures.plugin"]


def to_send(window) -> int:
    """The status bar's "N to send"; -1 while it shows no count yet."""
    found = re.match(r"(\d+) to send", window.pending.text())
    return int(found.group(1)) if found else -1


def waiting(card) -> int:
    found = re.match(r"(\d+) operations? waiting to sync", card.pending.text())
    return int(found.group(1)) if found else 0


def test_the_card_follows_every_operation_and_round_and_agrees_with_the_status_bar(
    qtbot, qt_problems, sqlite_backend, tmp_path
):
    port = int(sqlite_backend.url.rsplit(":", 1)[1])
    with FaultProxy(port) as network:
        data_dir = tmp_path / "t1"
        provision(sqlite_backend, data_dir, url=network.url)
        staff_from_office(sqlite_backend, data_dir, {"c1": ("Lin", "cashier", PINS["c1"])})
        # Rounds only when woken: each one below is caused by the test.
        shell = make_shell(qtbot, data_dir, sync_interval_ms=600_000)
        rounds: list[object] = []
        shell.sync.changed.connect(lambda change: change.round and rounds.append(change))
        shell.start()
        w = shell.window
        card = w.member.card
        # What a person could see at any moment: sampled on every turn of the event loop.
        seen: list[tuple[int, int, str]] = []
        sampler = QTimer()
        sampler.timeout.connect(
            lambda: (
                w.pending.isVisible()
                and seen.append((to_send(w), waiting(card), card.pending.text()))
            )
        )
        sampler.start(5)
        try:
            qtbot.waitUntil(
                lambda: shell.counter.is_open and shell.first_screen_shown, timeout=WAIT
            )
            sign_in(qtbot, shell)
            w.resize(1024, 768)
            shell.sync.sync_now()
            qtbot.waitUntil(lambda: bool(rounds), timeout=WAIT)
            wallet = enrol_wallet(sqlite_backend, "M9", tmp_path / "w.json")
            shell.bridge.scanned.emit("camera:0", next_code(wallet), 0.0)
            qtbot.waitUntil(lambda: w.stack.currentWidget() is w.member, timeout=WAIT)
            qtbot.waitUntil(lambda: card.as_of.text().startswith("Server balance 0 as of"))

            # Award 192, tapped on the keypad as the cashier does (the keyboard's path, through
            # the wedge filter's timing, is tests/test_ui_wedge.py's subject, not this one's).
            for key in "192":
                w.member.keypad.buttons[key].click()
            qtbot.waitUntil(lambda: w.member.amount.text() == "192", timeout=WAIT)
            QTest.mouseClick(w.member.award_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: card.balance.text() == "192", timeout=WAIT)
            n = len(rounds)
            qtbot.waitUntil(lambda: len(rounds) > n and rounds[-1].accepted == 1, timeout=WAIT)
            # The round reached the backend: its balance of now, nothing waiting.
            qtbot.waitUntil(
                lambda: (
                    card.as_of.text().startswith("Server balance 192 as of")
                    and card.pending.text() == "Nothing waiting to sync"
                ),
                timeout=WAIT,
            )
            assert to_send(w) == 0 and card.balance.text() == "192"

            # Offline: the next operation waits, on the card and in the bar alike.
            network.default = "refuse"
            first = shell.counter.member.code_id
            shell.bridge.scanned.emit("camera:0", next_code(wallet), 0.0)
            qtbot.waitUntil(lambda: shell.counter.member.code_id != first, timeout=WAIT)
            w.member.amount.clear()
            w.member.keypad.buttons["8"].click()
            qtbot.waitUntil(lambda: w.member.amount.text() == "8", timeout=WAIT)
            n = len(rounds)
            QTest.mouseClick(w.member.award_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: waiting(card) == 1 and to_send(w) == 1, timeout=WAIT)
            # Offline the balance is the card's (enrolled with 0): the award synced before is
            # on top of it, but only the new one waits.
            assert card.as_of.text().startswith("Card balance 0 as of")
            assert card.pending.text() == "1 operation waiting to sync (+8 points)"
            assert card.balance.text() == "200"
            qtbot.waitUntil(lambda: len(rounds) > n, timeout=WAIT)  # the round fails
            qtbot.wait(100)
            assert (waiting(card), to_send(w)) == (1, 1)
            # Back online: the next round sends it, and the card has it in the balance.
            network.default = "pass"
            n = len(rounds)
            shell.sync.sync_now()
            qtbot.waitUntil(lambda: len(rounds) > n and rounds[-1].accepted == 1, timeout=WAIT)
            qtbot.waitUntil(
                lambda: (
                    card.as_of.text().startswith("Server balance 200 as of")
                    and card.pending.text() == "Nothing waiting to sync"
                ),
                timeout=WAIT,
            )
            # The scan of an old card after everything was sent: synced, not on the card.
            network.default = "refuse"
            shell.bridge.scanned.emit("camera:0", next_code(wallet), 0.0)
            qtbot.waitUntil(
                lambda: card.pending.text() == "Synced, not in this balance yet: +200 points",
                timeout=WAIT,
            )
            assert card.as_of.text().startswith("Card balance 0 as of")
            assert card.balance.text() == "200" and to_send(w) == 0

        finally:
            sampler.stop()
            stop_shell(shell)
    assert seen
    contradictions = [s for s in seen if s[1] > s[0]]
    assert not contradictions, contradictions[:3]
