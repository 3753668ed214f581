"""The demo shows the whole product: its member can earn on the README's purchase and then
redeem the cheapest reward, and the demo's printer file holds every receipt, printed in the
screen's language and shown as text on the phone window's second tab.

The set-up is the demo's own (`terminal.cli.app_demo_cmd._set_up`) against its backend
process; the counter is the real CounterService on the demo's data.
"""

from __future__ import annotations

import json
import os
import time

import cv2
import pytest

from crypto.code import Purpose
from terminal.cli.app_demo_cmd import _set_up, demo_printer
from terminal.counter.receipts import Receipt, escpos, render, send
from terminal.counter.service import CounterService
from terminal.demo.backend_process import DemoBackend
from terminal.demo.phone import CASHIER
from terminal.demo.receipt_printer import PaperRoll
from tests import cli
from tests.escpos_decode import decode
from wallet.store import load_wallet, save_wallet

README_PURCHASE = "128.50"  # README: "Points were already given for this code: 192 for 128.50."


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo")
    backend = DemoBackend(folder)
    backend.start()
    try:
        data_dir, wallet = _set_up(backend, folder, "M1001")
        yield backend, data_dir, wallet
    finally:
        backend.stop()


def _scan(service: CounterService, wallet_path):
    wallet, code = load_wallet(wallet_path).next_code(time.time(), Purpose.CHECKOUT)
    save_wallet(wallet_path, wallet)
    return service.scan(code, service.new_checkout())


def test_the_demo_member_can_redeem_the_cheapest_reward_after_the_readme_purchase(demo):
    backend, data_dir, wallet = demo
    service = CounterService.open(data_dir)
    try:
        cheapest = min(service.catalog(), key=lambda reward: int(reward["points"]))
        staff = service.sign_in(CASHIER[0], CASHIER[3])
        view = _scan(service, wallet)
        # The phone's certificate carries the earlier purchase's points: the card shows them.
        assert view.balance > 0
        earned = service.award(view, README_PURCHASE, staff)
        assert earned.ok and earned.points == 192
        assert view.balance + earned.points >= int(cheapest["points"])
        service.sync_now()  # as the app's sync worker does after a commit
        redeemed = service.redeem(_scan(service, wallet), str(cheapest["id"]), staff)
        assert redeemed.ok, redeemed.message
        service.sync_now()
    finally:
        service.close()
    ledger = backend.admin("ledger", "--member", "M1001")
    assert f'"balance": {view.balance + 192 - int(cheapest["points"])}' in ledger


def test_the_demo_printer_is_a_file_the_app_prints_to_and_the_paper_roll_reads(tmp_path):
    printer = demo_printer(tmp_path)
    assert f'port = "{printer}"' in (tmp_path / "settings.toml").read_text()
    roll = PaperRoll(printer)
    assert roll.new_receipts() == []
    first = Receipt("award", "S1", "T-1", "Lin", "M1001", "ab" * 16, 1.7e9, 37, {"amount": "25"})
    data = escpos(render(first))
    # Sent as the app sends to /dev/usb/lp0, in two halves: the roll waits for the cut.
    send(data[:20], str(printer))
    assert roll.new_receipts() == []
    send(data[20:], str(printer))
    (lines,) = roll.new_receipts()
    assert lines == decode(data)[0]  # the test's own reference decoder agrees
    assert lines[0].strip() == "POINTS EARNED"
    send(b"\x1b@garbage\x07\x1dV\x00", str(printer))
    assert roll.new_receipts() == [None]


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_demo_prints_the_readme_purchase_and_shows_its_receipt(tmp_path, language):
    """The real demo command: the first scan, the README's purchase typed and awarded, the
    receipt out of its printer and on the phone's receipts tab (--check waits for it)."""
    out = tmp_path / "screen.png"
    config = tmp_path / "screen.json"
    screen = {"name": "s", "x": 0, "y": 0, "width": 1024, "height": 768}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    argv = ["demo", "--lang", language, "--award", README_PURCHASE, "--screenshot", out]
    result = cli.terminal(*argv, env=env, timeout=120, process=True)
    assert result.code == 0, result.stderr[-2000:]
    # The whole screen: the terminal and the phone with its receipts tab in front.
    assert cv2.imread(str(out)).shape[:2] == (768, 1024)
