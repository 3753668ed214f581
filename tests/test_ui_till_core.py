"""The till API inside the running app, against the real backend: one counter core per
process (the till's requests run on the app's core lane), every till commit wakes the sync
worker, and a till's reward and points as cash are held by the backend's authorisation."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
from sqlalchemy import func, select

from backend import schema
from terminal.counter.context import CounterContext
from terminal.counter.service import CounterService
from terminal.till import sales as till_sales
from terminal.ui.controllers.shell import Shell
from tests.fixtures.backend import Backend
from tests.fixtures.terminal import enrol_wallet, next_code
from tests.fixtures.terminal import terminal as run_terminal
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import PINS, WAIT, sign_in, stop_shell
from tests.test_ui_one_owner import provisioned, started

pytest_plugins = ["tests.fixtures.plugin"]


def paired(backend: Backend, tmp_path: Path, monkeypatch) -> tuple[Path, str]:
    """A terminal of ``backend`` set to serve the till API, and a paired till's token."""
    data_dir = provisioned(backend, tmp_path / "t1")
    settings = data_dir / "settings.toml"
    before = settings.read_text() if settings.exists() else ""
    settings.write_text(before + '\n[till]\nlisten = "127.0.0.1:0"\n')
    monkeypatch.setenv("LOYALTY_PIN", PINS["t1"])
    argv = ["till-pair", "--data-dir", str(data_dir), "--name", "till-1", "--staff", "t1"]
    rc, out = run_terminal(argv)
    assert rc == 0, out
    return data_dir, str(out["token"])


def serving(qtbot, data_dir: Path, token: str) -> tuple[Shell, httpx.Client]:
    """The app on ``data_dir`` serving the till API, and the paired till's client."""
    shell = started(qtbot, data_dir)
    qtbot.waitUntil(lambda: shell.counter.till is not None, timeout=WAIT)
    runner = shell.counter.till
    assert runner is not None
    http = httpx.Client(
        base_url=f"http://127.0.0.1:{runner.server.port}",
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    return shell, http


def till_app(qtbot, backend: Backend, tmp_path: Path, monkeypatch) -> tuple[Shell, httpx.Client]:
    return serving(qtbot, *paired(backend, tmp_path, monkeypatch))


def _sale(http: httpx.Client, ref: str, amount: str, code: str) -> dict:
    body = {"sale_ref": ref, "amount": amount, "currency": "CNY", "code": code}
    answer = http.post("/v1/sales", json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()


def _held_at_backend(backend: Backend, member: str) -> int:
    """Points the backend holds for the member's authorised events not yet arrived."""
    holds, events = schema.holds, schema.events
    with backend.engine.begin() as conn:
        return int(
            conn.execute(
                select(func.coalesce(func.sum(holds.c.points), 0)).where(
                    holds.c.member == member,
                    ~holds.c.event.in_(select(events.c.id)),
                )
            ).scalar_one()
        )


def test_the_till_runs_on_the_apps_one_core_and_its_commit_reaches_the_ledger_at_once(
    qtbot, qt_problems, sqlite_backend, tmp_path, monkeypatch
):
    data_dir, token = paired(sqlite_backend, tmp_path, monkeypatch)
    wallet = enrol_wallet(sqlite_backend, "M5", tmp_path / "w.json")
    # Count every counter core the app opens, however it is reached.
    services: list[CounterService] = []
    real_init = CounterService.__init__

    def counting_init(self: CounterService, ctx: CounterContext) -> None:
        services.append(self)
        real_init(self, ctx)

    monkeypatch.setattr(CounterService, "__init__", counting_init)
    # Which thread runs the till's confirm: the app's core lane, not the HTTP server's.
    threads: list[str] = []
    real_confirm = till_sales.TillDesk.confirm

    def confirm_on(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real_confirm(self, *args, **kwargs)

    monkeypatch.setattr(till_sales.TillDesk, "confirm", confirm_on)
    shell, http = serving(qtbot, data_dir, token)
    try:
        sign_in(qtbot, shell, "c1")
        _sale(http, "S-1", "50.00", next_code(wallet))
        done = http.post("/v1/sales/S-1/confirm", json={"paid_amount": "50.00"})
        assert done.status_code == 200, done.text
        earned = done.json()["result"]["earned"]
        assert earned > 0
        committed = time.monotonic()
        # The sync interval is ten minutes: only the commit's wake-up sends it this soon.
        qtbot.waitUntil(lambda: sqlite_backend.ledger("M5")["balance"] == earned, timeout=WAIT)
        took = time.monotonic() - committed
        assert took < 5, f"the till's award reached the ledger {took:.1f} s after its commit"
        assert threads and all(name.startswith("ui-core") for name in threads), threads
        assert len(services) == 1 and shell.counter.service is services[0]
    finally:
        http.close()
        stop_shell(shell)
    assert len(services) == 1


def test_a_tills_reward_and_points_as_cash_are_held_by_the_backend_online(
    qtbot, qt_problems, sqlite_backend, tmp_path, monkeypatch
):
    wallet = enrol_wallet(sqlite_backend, "M4", tmp_path / "w.json")
    shell, http = till_app(qtbot, sqlite_backend, tmp_path, monkeypatch)
    try:
        sign_in(qtbot, shell, "c1")
        _sale(http, "S-1", "500.00", next_code(wallet))
        assert http.post("/v1/sales/S-1/confirm", json={"paid_amount": "500.00"}).is_success
        qtbot.waitUntil(lambda: sqlite_backend.ledger("M4")["balance"] > 0, timeout=WAIT)
        balance = sqlite_backend.ledger("M4")["balance"]
        _sale(http, "S-2", "10.00", next_code(wallet))
        held = http.post("/v1/sales/S-2/discount", json={"points": 300})
        assert held.status_code == 200, held.text
        assert held.json()["discount"]["online"] is True
        reward = http.post("/v1/sales/S-2/redeem", json={"reward": "coffee"})
        assert reward.status_code == 200, reward.text
        assert reward.json()["reward"]["online"] is True
        cost = reward.json()["reward"]["points"]
        # The backend holds both under the ids the events will carry: no other counter or
        # till can spend these points meanwhile.
        assert _held_at_backend(sqlite_backend, "M4") == 300 + cost
        # More than the balance less those holds is refused by the backend, and holds nothing.
        _sale(http, "S-3", "500.00", next_code(wallet))
        over = http.post("/v1/sales/S-3/discount", json={"points": balance - 300 - cost + 100})
        assert (over.status_code, over.json()["error"]) == (422, "insufficient_points")
        assert _held_at_backend(sqlite_backend, "M4") == 300 + cost
        assert http.post("/v1/sales/S-3/cancel", json={}).is_success
        done = http.post("/v1/sales/S-2/confirm", json={"paid_amount": "7.00"})
        assert done.status_code == 200, done.text
        # The commit woke the worker: the events arrive, the holds end, the ledger is exact.
        earned = done.json()["result"]["earned"]
        want = balance - 300 - cost + earned
        qtbot.waitUntil(lambda: sqlite_backend.ledger("M4")["balance"] == want, timeout=WAIT)
        assert _held_at_backend(sqlite_backend, "M4") == 0
        assert sqlite_backend.ledger("M4")["flags"] == []
    finally:
        http.close()
        stop_shell(shell)
