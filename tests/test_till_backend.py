"""The till API on a terminal provisioned from a real backend, with real enrolled wallets:
the award of a till's sale reaches the ledger once, offline sales sync later, and the member
can be identified through the till by number and manual code.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import socket
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from backend import presence
from config.paths import DataPaths
from terminal.counter.service import CounterService
from terminal.terminal_identity import load_identity, save_identity
from tests.fixtures.backend import Backend
from tests.fixtures.clock import wait_for_room_in_window
from tests.fixtures.terminal import enrol_wallet, next_code, provision, sync
from tests.till_setup import Till
from wallet.cli import main as wallet_main

pytest_plugins = ["tests.fixtures.plugin"]


@dataclass
class OnlineTerminal:
    """A provisioned data dir, opened with the real clock (Till's ``term``)."""

    data_dir: Path

    def open(self) -> CounterService:
        return CounterService.open(self.data_dir)


def _totp(wallet: Path) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert wallet_main(["totp", str(wallet)]) == 0
    return out.getvalue().strip()


@pytest.fixture
def setup(sqlite_backend: Backend, tmp_path: Path):
    provision(sqlite_backend, tmp_path / "t1")
    wallet = enrol_wallet(sqlite_backend, "M1", tmp_path / "w.json")
    till = Till(OnlineTerminal(tmp_path / "t1"))
    yield sqlite_backend, till, wallet
    till.stop()


def _open(till: Till, ref: str, amount: str, **extra: str):
    return till.post("/v1/sales", {"sale_ref": ref, "amount": amount, "currency": "CNY", **extra})


def _dead_backend(data_dir: Path) -> str:
    """Point the terminal at a port nobody listens on; returns the real backend's URL."""
    paths = DataPaths.resolve(data_dir)
    identity = load_identity(paths)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}"
    save_identity(paths, replace(identity, backend=dead))
    return identity.backend


def _point_back(data_dir: Path, url: str) -> None:
    paths = DataPaths.resolve(data_dir)
    save_identity(paths, replace(load_identity(paths), backend=url))


def test_a_tills_sale_lands_in_the_ledger_with_its_sale_ref(setup) -> None:
    backend, till, wallet = setup
    assert _open(till, "S-1", "40.00", code=next_code(wallet)).status_code == 200
    done = till.post("/v1/sales/S-1/confirm", {"paid_amount": "40.00"})
    assert done.status_code == 200, done.text
    rc, report = sync(till.term.data_dir)
    assert rc == 0 and report["accepted"] == 1, report
    ledger = backend.ledger("M1")
    assert ledger["balance"] == done.json()["result"]["earned"] > 0
    assert ledger["flags"] == []


def test_a_replayed_sale_ref_is_refused_by_the_backend(setup) -> None:
    backend, till, wallet = setup
    _open(till, "S-1", "40.00", code=next_code(wallet))
    till.post("/v1/sales/S-1/confirm", {"paid_amount": "40.00"})
    assert sync(till.term.data_dir)[1]["accepted"] == 1
    before = backend.ledger("M1")["balance"]
    # The terminal's sale store is lost (or copied away): the same till rings the same sale
    # up again with a fresh, genuine code. Only the backend can still tell.
    till.stop()
    (till.term.data_dir / "till.sqlite").unlink()
    for suffix in ("-wal", "-shm"):
        (till.term.data_dir / f"till.sqlite{suffix}").unlink(missing_ok=True)
    replayed = Till(till.term)
    try:
        _open(replayed, "S-1", "40.00", code=next_code(wallet))
        assert replayed.post("/v1/sales/S-1/confirm", {"paid_amount": "40.00"}).status_code == 200
    finally:
        replayed.stop()
        till.start()  # for the fixture's teardown
    rc, report = sync(till.term.data_dir)
    assert rc == 0 and report["accepted"] == 0 and report["rejected"] == 1, report
    ledger = backend.ledger("M1")
    assert ledger["balance"] == before
    assert "sale_reused" in [flag["kind"] for flag in ledger["flags"]]


def test_an_offline_sale_syncs_later(setup) -> None:
    backend, till, wallet = setup
    till.stop()
    url = _dead_backend(till.term.data_dir)
    till.start()
    _open(till, "S-9", "30.00", code=next_code(wallet))
    done = till.post("/v1/sales/S-9/confirm", {"paid_amount": "30.00"})
    assert done.status_code == 200, done.text
    till.stop()
    _point_back(till.term.data_dir, url)
    till.start()
    rc, report = sync(till.term.data_dir)
    assert rc == 0 and report["accepted"] == 1, report
    assert backend.ledger("M1")["balance"] == done.json()["result"]["earned"]


def test_manual_identification_through_the_till(setup) -> None:
    backend, till, wallet = setup
    _open(till, "S-2", "25.00")
    answer = till.post("/v1/sales/S-2/member", {"member": "M1", "totp": _totp(wallet)})
    assert answer.status_code == 200, answer.text
    assert answer.json()["member"]["member"] == "M1"
    done = till.post("/v1/sales/S-2/confirm", {"paid_amount": "25.00"})
    [award] = till.events("award", member="M1")
    assert award.presence and award.code is None
    assert sync(till.term.data_dir)[1]["accepted"] == 1
    assert backend.ledger("M1")["balance"] == done.json()["result"]["earned"]


def test_a_wrong_manual_code_through_the_till_is_refused(setup) -> None:
    _, till, wallet = setup
    _open(till, "S-3", "25.00")
    wrong = f"{(int(_totp(wallet)) + 1) % 10**8:08d}"
    answer = till.post("/v1/sales/S-3/member", {"member": "M1", "totp": wrong})
    assert answer.status_code == 422 and answer.json()["error"] == "totp_invalid"
    assert till.http.get("/v1/sales/S-3").json()["state"] == "awaiting_member"


def test_manual_tries_through_the_till_are_rate_limited(setup) -> None:
    _, till, wallet = setup
    wait_for_room_in_window(presence.TOTP_TRIES.window, 30)
    right = _totp(wallet)
    wrong = f"{(int(right) + 5) % 10**8:08d}"
    for n in range(5):
        _open(till, f"S-{n}", "5.00")
        answer = till.post(f"/v1/sales/S-{n}/member", {"member": "M1", "totp": wrong})
        assert answer.json()["error"] == "totp_invalid"
    _open(till, "S-last", "5.00")
    locked = till.post("/v1/sales/S-last/member", {"member": "M1", "totp": right})
    assert locked.status_code == 422 and locked.json()["error"] == "totp_locked"


def test_manual_identification_through_the_till_needs_the_backend(setup) -> None:
    _, till, wallet = setup
    till.stop()
    _dead_backend(till.term.data_dir)
    till.start()
    _open(till, "S-4", "5.00")
    answer = till.post("/v1/sales/S-4/member", {"member": "M1", "totp": _totp(wallet)})
    assert answer.status_code == 422 and answer.json()["error"] == "manual_needs_online"


def test_copying_the_data_dir_keeps_the_tokens_hashed(setup, tmp_path: Path) -> None:
    _, till, _ = setup
    copy = tmp_path / "copy"
    shutil.copytree(till.term.data_dir, copy)
    assert till.token.encode() not in b"".join(
        p.read_bytes() for p in copy.iterdir() if p.is_file()
    )


def test_points_as_cash_through_the_till_are_accepted_by_the_backend(setup) -> None:
    backend, till, wallet = setup
    _open(till, "S-1", "500.00", code=next_code(wallet))
    till.post("/v1/sales/S-1/confirm", {"paid_amount": "500.00"})
    assert sync(till.term.data_dir)[1]["accepted"] == 1
    earned = backend.ledger("M1")["balance"]
    _open(till, "S-2", "10.00", code=next_code(wallet))
    held = till.post("/v1/sales/S-2/discount", {"points": 300})
    assert held.status_code == 200, held.text
    reward = till.post("/v1/sales/S-2/redeem", {"reward": "coffee"})
    assert reward.status_code == 200, reward.text
    cost = reward.json()["reward"]["points"]
    done = till.post("/v1/sales/S-2/confirm", {"paid_amount": "7.00"})
    assert done.json()["result"]["spent"] == 300 + cost
    rc, report = sync(till.term.data_dir)
    assert rc == 0 and report["accepted"] == 3, report
    ledger = backend.ledger("M1")
    assert ledger["balance"] == earned - 300 - cost + done.json()["result"]["earned"]
    assert ledger["flags"] == []


def test_without_the_backend_a_tills_points_as_cash_fall_back_to_the_offline_rules(setup) -> None:
    backend, till, wallet = setup
    _open(till, "S-1", "900.00", code=next_code(wallet))
    assert till.post("/v1/sales/S-1/confirm", {"paid_amount": "900.00"}).status_code == 200
    assert sync(till.term.data_dir)[1]["accepted"] == 1
    assert backend.ledger("M1")["balance"] >= 600
    till.stop()
    url = _dead_backend(till.term.data_dir)
    till.start()
    _open(till, "S-2", "100.00", code=next_code(wallet))
    # The backend would hold 600 of the member's points; without its answer the card (its
    # balance as signed at enrolment: 0) decides, as for the counter's redemptions.
    over = till.post("/v1/sales/S-2/discount", {"points": 600})
    assert (over.status_code, over.json()["error"]) == (422, "insufficient_points")
    assert over.json()["message"].startswith("Offline, the member can spend 0 points here")
    till.stop()
    _point_back(till.term.data_dir, url)
    till.start()
    held = till.post("/v1/sales/S-2/discount", {"points": 600})
    assert held.status_code == 200, held.text
    assert held.json()["discount"]["online"] is True


def test_a_till_changes_and_cancels_its_points_as_cash_online(setup) -> None:
    backend, till, wallet = setup
    _open(till, "S-1", "700.00", code=next_code(wallet))
    assert till.post("/v1/sales/S-1/confirm", {"paid_amount": "700.00"}).status_code == 200
    assert sync(till.term.data_dir)[1]["accepted"] == 1
    balance = backend.ledger("M1")["balance"]
    _open(till, "S-2", "100.00", code=next_code(wallet))
    first = till.post("/v1/sales/S-2/discount", {"points": balance})
    assert first.status_code == 200, first.text
    # The customer keeps some points: the till lowers the discount, then drops it.
    lower = till.post("/v1/sales/S-2/discount", {"points": balance - 100})
    assert lower.status_code == 200, lower.text
    assert lower.json()["discount"]["points"] == balance - 100
    # More than the member has is refused, and the sale keeps what it held.
    over = till.post("/v1/sales/S-2/discount", {"points": balance + 1})
    assert (over.status_code, over.json()["error"]) == (422, "insufficient_points"), over.text
    # Still held at the backend: another sale of the member finds only 100 points.
    _open(till, "S-9", "100.00", code=next_code(wallet))
    beside = till.post("/v1/sales/S-9/discount", {"points": 200})
    assert (beside.status_code, beside.json()["error"]) == (422, "insufficient_points")
    assert till.post("/v1/sales/S-9/cancel", {}).status_code == 200
    assert till.post("/v1/sales/S-2/discount", {"points": 0}).status_code == 200
    assert till.post("/v1/sales/S-2/cancel", {}).status_code == 200
    # Nothing the cancelled sale held is left at the backend: the next sale may spend it all.
    _open(till, "S-3", "100.00", code=next_code(wallet))
    again = till.post("/v1/sales/S-3/discount", {"points": balance})
    assert again.status_code == 200, again.text
    assert again.json()["discount"]["online"] is True
