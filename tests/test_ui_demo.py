"""The demo's windows on real screen sizes: the terminal and the phone inside the screen's
available area, side by side where they fit; the demo's sign-ins shown in both languages.

Each screen size is its own process: the offscreen platform takes its screens from a config
file when the QApplication starts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, sys, tempfile
from pathlib import Path
sys.path.insert(0, {root!r})
from terminal.ui.app import qt_app
from terminal.demo.phone import PhoneFrames, PhoneWindow, place
from terminal.ui.translations import Translations
from terminal.ui.views.main_window import MainWindow
from tests.member_codes import Member, make_issuer

pytest_plugins = ["tests.fixtures.plugin"]
from wallet.store import Wallet, save_wallet

app = qt_app()
folder = Path(tempfile.mkdtemp())
Translations(app, folder).set_language({language!r})
member = Member(make_issuer(), member="M1001")
wallet = folder / "wallet.json"
save_wallet(wallet, Wallet("M1001", member.device_key, member.certificate))
(folder / "printer").write_bytes(b"")  # the demo's receipt printer: the phone's second tab
main, phone = MainWindow(), PhoneWindow(wallet, PhoneFrames(), folder / "printer")
area = app.primaryScreen().availableGeometry()
place(main, phone, area)
main.show()
phone.show()
app.processEvents()
place(main, phone, area)  # as the demo does once both are framed
phone.present()
app.processEvents()
rect = lambda r: [r.x(), r.y(), r.width(), r.height()]
print(json.dumps({{
    "area": rect(area),
    "windows": {{"terminal": rect(main.frameGeometry()), "phone": rect(phone.frameGeometry())}},
    "sign_ins": phone.sign_ins.text() if phone.sign_ins.isVisible() else "",
    "code": phone.code.pixmap().width(),
}}))
"""


def windows_on(tmp_path: Path, width: int, height: int, language: str = "en") -> dict:
    config = tmp_path / f"screen-{width}x{height}.json"
    screen = {"name": "s", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    child = CHILD.format(root=str(ROOT), language=language)
    out = subprocess.run(
        [sys.executable, "-c", child], env=env, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def inside(rect: list[int], area: list[int]) -> bool:
    x, y, w, h = rect
    ax, ay, aw, ah = area
    return ax <= x and ay <= y and x + w <= ax + aw and y + h <= ay + ah


@pytest.mark.parametrize("size", [(1600, 900), (1920, 1080), (1280, 800), (1024, 768)])
def test_every_demo_window_lies_within_the_screen(tmp_path, size):
    found = windows_on(tmp_path, *size)
    for name, rect in found["windows"].items():
        assert inside(rect, found["area"]), (name, rect, found["area"])
    terminal, phone = found["windows"]["terminal"], found["windows"]["phone"]
    if size[0] >= 1600:
        # Side by side, the terminal to the left, neither covering the other.
        assert terminal[0] + terminal[2] <= phone[0]
        assert terminal[2] >= 1024 and found["code"] >= 300
    else:
        # Too narrow for both: the phone over the terminal's right edge, as a member holds it
        # (its receipts tab's long hint once made it ask for 560 px and sit mid-screen).
        assert phone[0] + phone[2] == found["area"][0] + found["area"][2]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Supervisor: ID 2001, PIN 222222", "Technician: ID 9001, PIN 999999"]),
        ("zh_CN", ["主管：工号 2001，密码 222222", "技术员：工号 9001，密码 999999"]),
    ],
)
def test_the_phone_window_shows_the_demo_sign_ins(tmp_path, language, words):
    found = windows_on(tmp_path, 1600, 900, language)
    for text in words:
        assert text in found["sign_ins"]


def test_the_sign_ins_shown_are_the_demo_accounts(sqlite_backend, tmp_path):
    """What the demo prints and shows are the accounts it creates: each signs in."""
    from terminal.cli.app_demo_cmd import _add_staff
    from terminal.counter.staff import StaffStore
    from terminal.demo.phone import DEMO_STAFF, sign_ins_text
    from tests.fixtures.office_staff import add_office_staff
    from tests.fixtures.terminal import provision

    class Office:
        """The demo's backend process's add_staff, on the test's running backend."""

        def add_staff(self, staff_id: str, name: str, role: str, store: str, pin: str) -> None:
            add_office_staff(sqlite_backend, {staff_id: (name, role, pin)}, store)

    _add_staff(Office())
    provision(sqlite_backend, tmp_path / "t1")  # provisioning brings the office's staff
    store = StaffStore(tmp_path / "t1" / "staff.sqlite")
    try:
        for staff_id, name, role, pin in DEMO_STAFF:
            signed = store.sign_in(staff_id, pin)
            assert (signed.name, signed.role.value) == (name, role)
            assert f"id {staff_id}  PIN {pin}" in sign_ins_text()
    finally:
        store.close()
