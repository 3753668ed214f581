"""Every screen of the app in zh_CN shows Chinese: no Latin words outside ids, codes, amounts
and the names the data holds (staff, rewards, products), on the counter's screens, every
wizard page and the demo's phone window with its receipts tab.

Real widgets offscreen, driven as a cashier would (scans through the camera path, the keypad).
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from crypto.code import Purpose
from tests.latin_words import latin_words
from tests.test_ui_counter import camera_scan
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import WAIT, banner, make_shell, sign_in

# Names the data holds, shown as given: the fixture's staff, products and the document's
# names; "Lin" signs in, the order holds "Oolong tea".
DATA = frozenset({"Wang", "Lin", "Zhao", "Oolong", "tea", "Coffee", "Tote", "bag"})


def texts(top: QWidget) -> list[tuple[str, str]]:
    """(widget, text) for everything a person reads in ``top`` as it is shown."""
    found = []
    widgets = [top, *top.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisible():
            continue
        name = f"{type(w).__name__} {w.objectName()}".strip()
        if isinstance(w, QLabel | QAbstractButton):
            found.append((name, w.text()))
        elif isinstance(w, QLineEdit):
            found.append((name, w.text() or w.placeholderText()))
        elif isinstance(w, QComboBox):
            found += [(name, w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QTabWidget):
            found += [(name, w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QTableWidget):
            for row in range(w.rowCount()):
                for col in range(w.columnCount()):
                    item = w.item(row, col)
                    if item is not None:
                        found.append((f"{name} [{row},{col}]", item.text()))
            for col in range(w.columnCount()):
                header = w.horizontalHeaderItem(col)
                if header is not None:
                    found.append((f"{name} header", header.text()))
        if w.isWindow() and w.windowTitle():
            found.append((f"{name} title", w.windowTitle()))
    return found


def english_in(top: QWidget, where: str) -> list[str]:
    return [
        f"{where}: {name}: {text!r} -> {words}"
        for name, text in texts(top)
        if (words := latin_words(text.replace("<", " <").replace(">", "> "), DATA))
    ]


def test_every_counter_screen_in_chinese_is_chinese(qtbot, shell, terminal):
    shell.set_language("zh_CN")
    w = shell.window
    qtbot.waitUntil(lambda: w.online.isVisible(), timeout=WAIT)
    found = english_in(w, "signin")
    sign_in(qtbot, shell, "s1")
    member = terminal.member(tier="green", balance=300)
    order = member.document(
        "pickup", "O-2041", body={"items": [{"sku": "TEA", "name": "Oolong tea", "qty": 2}]}
    )
    camera_scan(shell, member.code(purpose=Purpose.PICKUP, document=order))
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.pickup, timeout=WAIT)
    found += english_in(w, "pickup")
    shell.counter.next_customer()
    camera_scan(shell, member.code())
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.member, timeout=WAIT)
    for key in "25":
        w.member.keypad.buttons[key].click()
    w.member.award_button.click()
    qtbot.waitUntil(lambda: banner(shell)[0] == "ok", timeout=WAIT)
    found += english_in(w, "member")
    for name in ("scan", "sync", "refund", "report", "staff_screen", "technician"):
        w.show_screen(getattr(w, name))
        qtbot.wait(50)
        found += english_in(w, name)
    assert not found, "\n".join(found)


def test_every_wizard_page_in_chinese_is_chinese(qtbot, qt_problems, tmp_path):
    from terminal.ui.views.wizard import PAGES

    shell = make_shell(qtbot, tmp_path / "new", language="en")
    shell.start()
    try:
        w = shell.window
        qtbot.waitUntil(lambda: w.stack.currentWidget() is w.wizard, timeout=WAIT)
        # The device lists arrive from a worker thread: "No camera" is among them.
        qtbot.waitUntil(lambda: w.wizard.camera.count() > 0, timeout=WAIT)
        # The technician picks Chinese on the wizard's first page, after the lists came.
        w.wizard.language.setCurrentIndex(w.wizard.language.findData("zh_CN"))
        qtbot.waitUntil(lambda: w.wizard.language_label.text() != "Language", timeout=WAIT)
        found = []
        for index, _page in enumerate(PAGES):
            w.wizard.go(index)
            qtbot.wait(30)
            found += english_in(w, f"wizard page {index}")
        assert not found, "\n".join(found)
    finally:
        shell.shutdown()


@pytest.mark.parametrize("first", ["en", "zh_CN"])
def test_the_demo_phone_window_in_chinese_is_chinese_after_a_switch(qtbot, shell, tmp_path, first):
    """The phone's caption was set once in English and stayed so after a switch."""
    from terminal.cli.app_demo_cmd import demo_printer
    from terminal.demo.phone import PhoneFrames, PhoneWindow
    from tests.member_codes import Member, make_issuer
    from wallet.store import Wallet, save_wallet

    shell.set_language(first)
    member = Member(make_issuer(), member="M1001")
    wallet = tmp_path / "wallet.json"
    save_wallet(wallet, Wallet("M1001", member.device_key, member.certificate))
    phone = PhoneWindow(wallet, PhoneFrames(), demo_printer(tmp_path))
    qtbot.addWidget(phone)
    phone.show()
    phone.present()
    shell.set_language("zh_CN")
    qtbot.wait(30)
    found = english_in(phone, "phone")
    phone.put_away()
    phone.tabs.setCurrentIndex(1)
    qtbot.wait(30)
    found += english_in(phone, "phone receipts")
    assert not found, "\n".join(found)
    assert "结账" in phone.caption.text() or "收起" in phone.caption.text()
