"""A stocked reward in the open reward dialog follows the link: real widgets offscreen, a real
backend behind a proxy that the test cuts and restores, the worker's own reports."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.fixtures.faults import FaultProxy
from tests.fixtures.office_staff import staff_from_office
from tests.fixtures.terminal import admin, enrol_wallet, next_code, provision
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import PINS, WAIT, make_shell, sign_in, stop_shell

pytest_plugins = ["tests.fixtures.plugin"]

CATALOG = {
    "rewards": [
        {"id": "R-MUG", "name": "Mug", "points": 50},
        {"id": "R-SCARF", "name": "Scarf", "name_zh": "围巾", "points": 100, "stock": 3},
    ]
}
REASON = "This reward needs the connection to check its stock."


def test_a_stocked_reward_is_off_while_the_link_is_down_and_on_when_it_is_back(
    qtbot, qt_problems, sqlite_backend, tmp_path
):
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps(CATALOG))
    admin(sqlite_backend, "publish", "--name", "catalog", "--file", str(catalog))
    port = int(sqlite_backend.url.rsplit(":", 1)[1])
    with FaultProxy(port) as network:
        data_dir = tmp_path / "t1"
        provision(sqlite_backend, data_dir, url=network.url)
        staff_from_office(sqlite_backend, data_dir, {"c1": ("Lin", "cashier", PINS["c1"])})
        shell = make_shell(qtbot, data_dir, sync_interval_ms=600_000)
        rounds: list[object] = []
        shell.sync.changed.connect(lambda change: change.round and rounds.append(change))
        shell.start()
        w = shell.window
        try:
            qtbot.waitUntil(
                lambda: shell.counter.is_open and shell.first_screen_shown, timeout=WAIT
            )
            qtbot.waitUntil(lambda: bool(rounds), timeout=WAIT)  # the catalog came down
            sign_in(qtbot, shell)
            wallet = enrol_wallet(sqlite_backend, "M9", tmp_path / "w.json")
            shell.bridge.scanned.emit("camera:0", next_code(wallet), 0.0)
            qtbot.waitUntil(lambda: w.stack.currentWidget() is w.member, timeout=WAIT)
            for key in "300":
                w.member.keypad.buttons[key].click()
            QTest.mouseClick(w.member.award_button, Qt.MouseButton.LeftButton)
            # The award reaches the ledger: the backend's figure is what can be spent online.
            qtbot.waitUntil(
                lambda: w.member.card.as_of.text().startswith("Server balance 300 as of"),
                timeout=WAIT,
            )

            QTest.mouseClick(w.member.redeem_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: shell.approvals.reward_dialog is not None, timeout=WAIT)
            dialog = shell.approvals.reward_dialog
            mug, scarf = dialog.buttons
            # Online: the backend counts the stock, so the scarf can be chosen.
            assert scarf.text() == "Scarf  ·  100 points", (scarf.text(), w.online.text())
            assert scarf.isEnabled()

            network.default = "refuse"  # the backend goes away; the next round finds out
            shell.sync.sync_now()
            qtbot.waitUntil(lambda: not scarf.isEnabled(), timeout=WAIT)
            assert scarf.text() == f"Scarf  ·  100 points\n{REASON}"
            assert mug.isEnabled() and dialog.isVisible()
            # The status bar and the dialog agree; the bar shows a round once the card has its
            # figures (shell_sync._refigure_member), milliseconds after the dialog heard.
            qtbot.waitUntil(lambda: w.online.text() == "Offline", timeout=WAIT)

            network.default = "pass"  # back: the scarf is on again in the same dialog
            shell.sync.sync_now()
            qtbot.waitUntil(scarf.isEnabled, timeout=WAIT)
            assert scarf.text() == "Scarf  ·  100 points"
            assert shell.approvals.reward_dialog is dialog
            dialog.reject()
        finally:
            stop_shell(shell)
