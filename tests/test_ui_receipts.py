"""Receipts from the app: printed over ESC/POS on a real pty after an operation, reprinted
(the last one, one picked from the day's operations) in either language; a printer that is
not there gives a sentence and loses nothing."""

from __future__ import annotations

import os
import select
import tty

import pytest

from terminal.counter.receipts import WIDTH, Receipt, columns, escpos, render
from terminal.ui.receipt_texts import table
from terminal.ui.settings_file import update_settings
from tests.escpos_decode import decode, fields
from tests.test_ui_counter import camera_scan
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import WAIT, banner, sign_in


@pytest.fixture
def printer(qtbot, terminal):
    """A pty pair: the terminal prints on the slave, the test reads the master."""
    master, slave = os.openpty()
    tty.setraw(master)
    update_settings(terminal.data_dir / "settings.toml", {"printer": {"port": os.ttyname(slave)}})
    received = bytearray()

    def take() -> bytes:
        """Everything the printer got up to the next cut (the event loop runs meanwhile)."""

        def cut() -> bool:
            while select.select([master], [], [], 0)[0]:
                received.extend(os.read(master, 65536))
            return b"\x1dV\x00" in received

        qtbot.waitUntil(cut, timeout=WAIT)
        end = received.index(b"\x1dV\x00") + 3
        data = bytes(received[:end])
        del received[:end]
        return data

    yield take
    os.close(master)
    os.close(slave)


def award(qtbot, shell, terminal, amount: str = "25") -> None:
    camera_scan(shell, terminal.member(tier="gold", balance=1280).code())
    qtbot.waitUntil(lambda: shell.counter.member is not None, timeout=WAIT)
    screen = shell.window.member
    for key in amount:
        screen.keypad.buttons[key].click()
    screen.award_button.click()
    qtbot.waitUntil(lambda: shell.receipts.last is not None, timeout=WAIT)  # committed


def test_an_award_prints_its_receipt_and_reprints_in_chinese(qtbot, shell, terminal, printer):
    sign_in(qtbot, shell)
    award(qtbot, shell, terminal)
    assert "Awarded 37 points" in banner(shell)[1]
    lines, cut = decode(printer())
    assert cut and lines[0].strip() == "POINTS EARNED"
    first = fields(lines)
    assert first["Member"] == "*1001"  # M1001, masked
    assert first["Points"] == "+37"  # gold: floor(25) x 1.5
    assert first["Est. balance"] == "1317"
    assert first["Amount"] == "25 CNY" and first["Staff"] == "Lin"
    assert all(columns(line) <= WIDTH for line in lines)
    assert banner(shell)[0] == "ok"  # a receipt that printed says nothing over the award

    shell.set_language("zh_CN")
    shell.window.refund_button.click()
    shell.window.refund.receipts.last_button.click()
    lines, cut = decode(printer())
    assert cut and lines[0].strip() == "积分已到账" and lines[1].strip() == "*** 副本 ***"
    copy = fields(lines)
    assert copy["会员"] == "*1001" and copy["积分"] == "+37" and copy["预计余额"] == "1317"
    assert copy["金额"] == "25 CNY" and copy["等级"] == "金卡" and copy["店员"] == "Lin"
    assert all(columns(line) <= WIDTH for line in lines)
    qtbot.waitUntil(lambda: banner(shell) == ("info", "小票已重新打印。"), timeout=WAIT)

    # From the day's operations: laid out again from the stored event. The balance then has
    # moved on, so a copy does not claim one.
    refund = shell.window.refund
    qtbot.waitUntil(lambda: refund.table.rowCount() == 1, timeout=WAIT)
    refund.select(0)
    refund.receipts.picked_button.click()
    lines, _ = decode(printer())
    picked = fields(lines)
    assert lines[1].strip() == "*** 副本 ***" and picked["积分"] == "+37"
    assert "预计余额" not in picked
    assert {k: v for k, v in picked.items() if k != "预计余额"} == {
        k: v for k, v in copy.items() if k != "预计余额"
    }


def test_a_printer_that_is_not_there_gives_a_sentence_and_the_award_stays(
    qtbot, shell, terminal, tmp_path
):
    port = tmp_path / "no-printer"
    update_settings(terminal.data_dir / "settings.toml", {"printer": {"port": str(port)}})
    sign_in(qtbot, shell)
    award(qtbot, shell, terminal)
    qtbot.waitUntil(lambda: banner(shell)[0] == "refused", timeout=WAIT)
    assert banner(shell)[1] == (
        f"The receipt printer at {port} cannot be reached: is it on and connected?"
        " The operation is saved; reprint the receipt from Refund."
    )
    assert not port.exists()  # no file was made up in its place
    # Nothing lost: the award is queued and listed, and the card shows its points.
    qtbot.waitUntil(lambda: shell.sync.status.get("pending") == 1, timeout=WAIT)
    assert shell.window.member.card.balance.text() == "1,317"
    shell.set_language("zh_CN")
    shell.window.refund_button.click()
    refund = shell.window.refund
    qtbot.waitUntil(lambda: refund.table.rowCount() == 1, timeout=WAIT)
    refund.select(0)
    refund.receipts.picked_button.click()
    qtbot.waitUntil(lambda: "小票打印机" in banner(shell)[1], timeout=WAIT)
    assert banner(shell) == ("refused", f"无法连接小票打印机 {port}：请检查是否开机并已连接。")


def test_a_reprint_with_no_printer_set_up_says_so(qtbot, shell, terminal):
    sign_in(qtbot, shell)
    shell.window.refund_button.click()
    shell.window.refund.receipts.last_button.click()
    assert banner(shell) == (
        "refused",
        "No receipt yet since the app started: pick the operation.",
    )
    award(qtbot, shell, terminal)
    shell.window.refund_button.click()
    shell.window.refund.receipts.last_button.click()
    qtbot.waitUntil(lambda: "printer" in banner(shell)[1], timeout=WAIT)
    assert banner(shell) == (
        "refused",
        "No receipt printer is set up: a technician sets [printer] port in settings.toml.",
    )


KINDS = [
    Receipt(
        "award",
        "S1",
        "T1",
        "Lin",
        "M1001",
        "e1",
        0,
        37,
        {"amount": "25", "tier": "gold", "multiplier": "1.5", "currency": "CNY"},
        balance_hint=1317,
    ),
    Receipt(
        "redeem",
        "S1",
        "T1",
        "Lin",
        "M1001",
        "e2",
        0,
        -900,
        {"name": "Blender", "cash": "5.00"},
        currency="CNY",
    ),
    Receipt(
        "refund",
        "S1",
        "T1",
        "Wang",
        "M1001",
        "e3",
        0,
        -18,
        {"amount": "12.50", "of": "25"},
        currency="CNY",
    ),
    Receipt(
        "void",
        "S1",
        "T1",
        "Wang",
        "M1001",
        "e4",
        0,
        900,
        {"reward": "R9"},
        original={"name": "Blender"},
    ),
    Receipt(
        "pickup",
        "S1",
        "T1",
        "Lin",
        "M1001",
        "e5",
        0,
        0,
        {"lines": [["Mug", 1]], "complete": False},
        order_id="O-7",
    ),
    Receipt(
        "coupon",
        "S1",
        "T1",
        "Lin",
        "M1001",
        "e6",
        0,
        0,
        {"coupon_kind": "amount", "value": 10},
        currency="CNY",
        coupon_id="C-5",
    ),
    Receipt("checkin", "S1", "T1", "Lin", "M1001", "e7", 0, 10, {"day": "2026-11-30"}),
    Receipt(
        "discount",
        "S1",
        "T1",
        "Lin",
        "M1001",
        "e8",
        0,
        -500,
        {"amount": "5.00", "sale_amount": "30.00", "currency": "CNY"},
    ),
]


def test_every_receipt_word_is_translated_and_fits_the_paper(qtbot, shell):
    shell.set_language("zh_CN")
    words = table()
    for receipt in KINDS:
        used: list[str] = []

        def record(template: str, used: list[str] = used) -> str:
            used.append(template)
            return template

        render(receipt.as_copy(), record)
        assert set(used) <= set(words), set(used) - set(words)
        assert all(words[t] != t or t == "%1 x%2" for t in used), receipt.kind
        lines, cut = decode(escpos(render(receipt.as_copy(), lambda t: words[t])))
        assert cut and all(columns(line) <= WIDTH for line in lines), lines
        labels = [line.split("  ")[0] for line in lines if "  " in line.strip()]
        assert labels and not any(label.strip().isascii() for label in labels), labels


@pytest.mark.parametrize(
    ("language", "title", "tier_row"),
    [("en", "POINTS EARNED", ("Tier", "Green")), ("zh_CN", "积分已到账", ("等级", "绿卡"))],
)
def test_the_demo_receipt_tab_shows_what_the_printer_got_in_the_screens_language(
    qtbot, shell, terminal, tmp_path, language, title, tier_row
):
    """The demo's printer is a file; the phone window's second tab shows the paper."""
    from terminal.cli.app_demo_cmd import demo_printer
    from terminal.demo.phone import PhoneFrames, PhoneWindow
    from wallet.store import Wallet, save_wallet

    printer = demo_printer(terminal.data_dir)
    member = terminal.member(tier="green", balance=300)
    wallet = tmp_path / "wallet.json"
    save_wallet(wallet, Wallet(member.member, member.device_key, member.certificate))
    phone = PhoneWindow(wallet, PhoneFrames(), printer)
    qtbot.addWidget(phone)
    assert phone.tabs.count() == 2 and phone.tabs.currentIndex() == 0
    shell.set_language(language)
    sign_in(qtbot, shell)
    camera_scan(shell, member.code())
    qtbot.waitUntil(lambda: shell.counter.member is not None, timeout=WAIT)
    for key in "25":
        shell.window.member.keypad.buttons[key].click()
    shell.window.member.award_button.click()
    qtbot.waitUntil(lambda: bool(phone.receipts.receipts), timeout=WAIT)
    assert phone.tabs.currentWidget() is phone.receipts  # the paper comes to the front
    (lines,) = phone.receipts.receipts
    assert lines == decode(printer.read_bytes())[0]
    assert lines[0].strip() == title
    label, value = tier_row
    assert any(line.startswith(label) and line.rstrip().endswith(value) for line in lines), lines
    shown = phone.receipts.paper.toPlainText()
    assert all(line.rstrip() in shown for line in lines)
