"""The counter app serves the till API when ``[till] listen`` is set, and a code scanned at
the terminal while a till's sale awaits its member identifies that sale."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from terminal.counter.service import CounterService
from tests.fixtures.terminal import terminal as run_terminal
from tests.test_ui_counter import camera_scan
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import PINS, WAIT, banner, make_shell, sign_in, stop_shell


@pytest.fixture
def till_shell(qtbot, qt_problems, terminal) -> Iterator[object]:
    (terminal.data_dir / "settings.toml").write_text('[till]\nlisten = "127.0.0.1:0"\n')
    s = make_shell(
        qtbot,
        terminal.data_dir,
        factory=lambda: CounterService.open(terminal.data_dir, clock=terminal.clock),
    )
    s.start()
    qtbot.waitUntil(lambda: s.counter.is_open and s.counter.till is not None, timeout=WAIT)
    yield s
    stop_shell(s)


def _pair(terminal, staff: str) -> tuple[int, dict]:
    argv = ["till-pair", "--data-dir", str(terminal.data_dir), "--name", "t1", "--staff", staff]
    return run_terminal(argv)


def test_only_a_technician_pairs_a_till(till_shell, terminal, monkeypatch):
    monkeypatch.setenv("LOYALTY_PIN", PINS["c1"])
    rc, out = _pair(terminal, "c1")
    assert (rc, out["reason"]) == (1, "not_allowed")
    monkeypatch.setenv("LOYALTY_PIN", "000000")
    rc, out = _pair(terminal, "t1")
    assert rc == 1 and "token" not in out


def test_a_scan_at_the_terminal_identifies_the_tills_waiting_sale(
    qtbot, till_shell, terminal, monkeypatch
):
    monkeypatch.setenv("LOYALTY_PIN", PINS["t1"])
    rc, out = _pair(terminal, "t1")
    assert rc == 0, out
    port = till_shell.counter.till.server.port
    http = httpx.Client(
        base_url=f"http://127.0.0.1:{port}",
        headers={"Authorization": f"Bearer {out['token']}"},
        timeout=30,
    )
    body = {"sale_ref": "S-1", "amount": "20.00", "currency": "CNY"}
    assert http.post("/v1/sales", json=body).json()["state"] == "awaiting_member"
    sign_in(qtbot, till_shell)
    # The screen asks for the member's code for that sale, with its amount, on the scan
    # screen, in a space kept for it: nothing else on the screen moves.
    notice = till_shell.window.scan.till_notice
    scan_button = till_shell.window.scan.manual_go
    qtbot.waitUntil(lambda: "S-1" in notice.text.text(), timeout=WAIT)
    assert till_shell.window.stack.currentWidget() is till_shell.window.scan
    assert "¥20" in notice.text.text() and "Scan the member's code" in notice.text.text()
    where = scan_button.mapTo(till_shell.window, scan_button.rect().topLeft())
    seen: list[dict] = []
    till_shell.counter.till_sale.connect(seen.append)
    camera_scan(till_shell, terminal.member().code())
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT)
    assert seen[0]["state"] == "identified" and seen[0]["member"]["member"] == "M1001"
    assert http.get("/v1/sales/S-1").json()["state"] == "identified"
    # The code served the till's sale, not a member screen of the counter's own.
    assert till_shell.window.stack.currentWidget() is not till_shell.window.member
    qtbot.waitUntil(lambda: "M1001 identified" in notice.text.text(), timeout=WAIT)
    assert scan_button.mapTo(till_shell.window, scan_button.rect().topLeft()) == where
    # A second sale waits: the notice asks again; cancelled, the line empties.
    body = {"sale_ref": "S-2", "amount": "7.50", "currency": "CNY"}
    assert http.post("/v1/sales", json=body).json()["state"] == "awaiting_member"
    qtbot.waitUntil(lambda: "S-2" in notice.text.text(), timeout=WAIT)
    assert "¥7.50" in notice.text.text()
    assert http.post("/v1/sales/S-2/cancel", json={}).status_code == 200
    qtbot.waitUntil(lambda: "S-2" not in notice.text.text(), timeout=WAIT)
    http.close()


def test_the_member_screen_spends_the_most_points_as_cash_the_rules_allow(qtbot, shell, terminal):
    sign_in(qtbot, shell)
    camera_scan(shell, terminal.member(tier="gold", balance=1280).code())
    qtbot.waitUntil(lambda: shell.window.stack.currentWidget() is shell.window.member, timeout=WAIT)
    screen = shell.window.member
    for key in "30":
        screen.keypad.buttons[key].click()
    screen.discount_button.click()
    qtbot.waitUntil(lambda: till_dialog(shell) is not None, timeout=WAIT)
    till_dialog(shell).ok_button.click()  # the points and the money, confirmed
    qtbot.waitUntil(lambda: banner(shell)[0] == "ok" and "paid" in banner(shell)[1], timeout=WAIT)
    service = terminal.open()
    try:
        [spent] = [s.event for s in service.ctx.outbox.by_member("M1001")]
    finally:
        service.close()
    # Half of 30.00 is 1500 points, but offline the daily cap of 500 decides.
    assert (spent.kind, spent.points, spent.details["amount"]) == ("discount", -500, "5.00")


def till_dialog(shell):
    return shell.approvals.discount_dialog
