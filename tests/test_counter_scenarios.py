"""A day at the counter against the real backend on 127.0.0.1: online, then offline, then sync.

Everything goes through the real commands (loyalty-terminal, loyalty-wallet, loyalty-backend);
at the end the backend's ledger must hold exactly the points each operation reported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from crypto.code import Purpose
from tests.fixtures.backend import Backend
from tests.fixtures.faults import FaultProxy
from tests.fixtures.office_staff import staff_from_office
from tests.fixtures.terminal import admin, enrol_wallet, provision, run_cli, terminal
from wallet.cli import main as wallet_main
from wallet.store import load_wallet, save_wallet

pytest_plugins = ["tests.fixtures.plugin"]

# The PIN travels in the environment (LOYALTY_PIN), never on the command line.
SUPERVISOR = ["--staff", "s1"]
SUPERVISOR_PIN = "471100"


@pytest.fixture(autouse=True)
def supervisor_pin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOYALTY_PIN", SUPERVISOR_PIN)
    monkeypatch.setenv("LOYALTY_NEW_PIN", SUPERVISOR_PIN)


def code(wallet: Path, purpose: Purpose = Purpose.CHECKOUT, document: str | None = None) -> str:
    import time

    updated, text = load_wallet(wallet).next_code(time.time(), purpose, document)
    save_wallet(wallet, updated)
    return text


def op(data_dir: Path, *args: str) -> dict[str, Any]:
    rc, out = terminal([args[0], "--data-dir", str(data_dir), *SUPERVISOR, *args[1:]])
    assert rc == 0, out
    assert out["ok"] is True and out["event"]
    return dict(out)


def refused(data_dir: Path, *args: str) -> dict[str, Any]:
    rc, out = terminal([args[0], "--data-dir", str(data_dir), *SUPERVISOR, *args[1:]])
    assert rc == 1, out
    assert out["ok"] is False and out["message"]
    return dict(out)


def provision_via(network: FaultProxy, backend: Backend, data: Path) -> None:
    """Provision a terminal whose every request goes through the fault proxy."""
    code = backend.enrolment_code("S1")
    rc, out = terminal(
        ["provision", "--backend", network.url, "--code", code, "--data-dir", str(data)]
    )
    assert rc == 0, out


def test_a_day_at_the_counter_online_then_offline(backend: Backend, tmp_path: Path) -> None:
    port = int(backend.url.rsplit(":", 1)[1])
    with FaultProxy(port) as network:
        data = tmp_path / "terminal"
        provision_via(network, backend, data)
        staff_from_office(backend, data, {"s1": ("Wang", "supervisor", SUPERVISOR_PIN)})
        admin(backend, "reward", "--id", "R-MUG", "--name", "Mug", "--points", "30")
        admin(
            backend, "reward", "--id", "R-BAG", "--name", "Bag", "--points", "20", "--cash", "5.00"
        )
        admin(
            backend,
            "add-order",
            "--store",
            "S1",
            "--member",
            "M1",
            "--order",
            "O-1",
            "--body",
            '{"items": [{"sku": "CUP", "name": "Cup", "qty": 2}]}',
        )
        admin(
            backend, "coupon", "--member", "M1", "--id", "C-1", "--kind", "amount", "--value", "20"
        )
        wallet = enrol_wallet(backend, "M1", tmp_path / "wallet.json")
        assert {k for k, _ in load_wallet(wallet).documents} == {"pickup:O-1", "coupon:C-1"}
        assert terminal(["sync", "--data-dir", str(data)])[0] == 0  # the catalog comes down

        reported: list[dict[str, Any]] = []
        award = op(data, "award", "--amount", "100.80", code(wallet))
        assert award["points"] == 100  # green tier: floor(100.80) x 1
        reported.append(award)
        assert terminal(["sync", "--data-dir", str(data)])[0] == 0
        assert run_cli(wallet_main, ["refresh", str(wallet)])[1]["balance"] == 100

        # Online: the backend authorises against the real balance.
        online = op(data, "redeem", "--reward", "R-MUG", code(wallet))
        assert (online["points"], online["online"]) == (-30, True)
        reported.append(online)
        too_much = refused(data, "redeem", "--reward", "R-MUG", "--cash", "1", code(wallet))
        assert too_much["reason"] == "wrong_cash"
        reported.append(op(data, "checkin", code(wallet, Purpose.CHECKIN)))
        assert (
            refused(data, "checkin", code(wallet, Purpose.CHECKIN))["reason"]
            == "already_checked_in"
        )
        reported.append(op(data, "coupon", code(wallet, Purpose.COUPON)))
        assert refused(data, "coupon", code(wallet, Purpose.COUPON))["reason"] == "coupon_used"
        reported.append(op(data, "pickup", "--item", "CUP=1", code(wallet, Purpose.PICKUP)))
        reported.append(op(data, "pickup", code(wallet, Purpose.PICKUP)))
        assert (
            refused(data, "pickup", code(wallet, Purpose.PICKUP))["reason"] == "already_handed_over"
        )
        refund = op(data, "refund", "--event", award["event"], "--amount", "50")
        assert refund["points"] == -49  # floor(100 x 50 / 100.80)
        reported.append(refund)

        # The network goes down: redemptions fall back to the offline caps.
        network.default = "refuse"
        offline = op(data, "redeem", "--reward", "R-BAG", "--cash", "5.00", code(wallet))
        assert (offline["points"], offline["online"]) == (-20, False)
        reported.append(offline)
        rc, report = terminal(["sync", "--data-dir", str(data)])
        assert rc == 1 and report["pending"] >= 1
        assert report["heartbeat"] is False  # the backend took no report either

        network.default = "pass"
        rc, report = terminal(["sync", "--data-dir", str(data)])
        assert rc == 0, report
        assert (report["rejected"], report["pending"], report["heartbeat"]) == (0, 0, True)

    ledger = backend.ledger("M1")
    assert sorted(e["event"] for e in ledger["entries"]) == sorted(r["event"] for r in reported)
    assert ledger["balance"] == sum(r["points"] for r in reported) == 100 - 30 + 10 - 49 - 20
    assert ledger["flags"] == []
    refreshed = run_cli(wallet_main, ["refresh", str(wallet)])[1]
    assert refreshed["balance"] == ledger["balance"]
    assert refreshed["documents"] == []  # the order was handed over and the coupon used


def test_offline_redemptions_at_two_terminals_may_overdraw_and_are_reported(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    backend = sqlite_backend
    admin(backend, "reward", "--id", "R-MUG", "--name", "Mug", "--points", "80")
    port = int(backend.url.rsplit(":", 1)[1])
    with FaultProxy(port) as network:
        dirs = [tmp_path / "t1", tmp_path / "t2"]
        for data in dirs:
            provision_via(network, backend, data)
            assert terminal(["sync", "--data-dir", str(data)])[0] == 0
        wallet = enrol_wallet(backend, "M2", tmp_path / "w.json")
        with backend.engine.begin() as conn:
            from backend.members import set_tier

            set_tier(conn, "M2", "green", 0)
        rc, _ = terminal(["award", "--data-dir", str(dirs[0]), "--amount", "100", code(wallet)])
        assert rc == 0
        assert terminal(["sync", "--data-dir", str(dirs[0])])[0] == 0
        run_cli(wallet_main, ["refresh", str(wallet)])  # the certificate now says 100
        network.default = "refuse"
        for data in dirs:  # each terminal alone sees enough points
            rc, out = terminal(
                ["redeem", "--data-dir", str(data), "--reward", "R-MUG", code(wallet)]
            )
            assert (rc, out["online"]) == (0, False), out
        network.default = "pass"
        for data in dirs:
            assert terminal(["sync", "--data-dir", str(data)])[0] == 0
    ledger = backend.ledger("M2")
    assert ledger["balance"] == 100 - 80 - 80
    assert "negative_balance" in [f["kind"] for f in ledger["flags"]]


def test_spend_to_the_next_tier_comes_from_the_backend_when_it_answers(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    from terminal.counter.service import CounterService

    port = int(sqlite_backend.url.rsplit(":", 1)[1])
    with FaultProxy(port) as network:
        data = tmp_path / "terminal"
        provision_via(network, sqlite_backend, data)
        wallet = enrol_wallet(sqlite_backend, "M7", tmp_path / "w.json")
        assert (
            terminal(["award", "--data-dir", str(data), "--amount", "100.80", code(wallet)])[0] == 0
        )
        assert (
            terminal(["award", "--data-dir", str(data), "--amount", "0.70", code(wallet)])[0] == 0
        )
        assert terminal(["sync", "--data-dir", str(data)])[0] == 0
        service = CounterService.open(data)
        try:
            view = service.scan(code(wallet), service.new_checkout())
            assert (view.next_tier, view.spend_to_next_tier) == ("silver", None)
            live = service.with_live_figures(view)
            assert str(live.spend_to_next_tier) == "1898.50"  # 2000 - (100.80 + 0.70)
            network.default = "refuse"
            assert service.with_live_figures(view).spend_to_next_tier is None
        finally:
            service.close()


def test_a_member_revoked_at_the_backend_is_refused_after_the_next_sync(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    data = tmp_path / "terminal"
    provision(sqlite_backend, data)
    wallet = enrol_wallet(sqlite_backend, "M8", tmp_path / "w.json")
    assert terminal(["award", "--data-dir", str(data), "--amount", "5", code(wallet)])[0] == 0
    admin(
        sqlite_backend,
        "revoke-member",
        "--member",
        "M8",
        "--issuer",
        str(sqlite_backend.issuer_dir),
    )
    assert terminal(["sync", "--data-dir", str(data)])[0] == 0
    rc, out = terminal(["award", "--data-dir", str(data), "--amount", "5", code(wallet)])
    assert (rc, out["reason"]) == (1, "revoked")


def test_a_catalog_changed_on_the_way_is_refused_and_the_signed_one_kept(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    from sync.state import TerminalState

    port = int(sqlite_backend.url.rsplit(":", 1)[1])
    with FaultProxy(port) as network:
        data = tmp_path / "terminal"
        provision_via(network, sqlite_backend, data)
        admin(sqlite_backend, "reward", "--id", "R-TV", "--name", "TV", "--points", "90000")
        network.default = "tamper"
        rc, report = terminal(["sync", "--data-dir", str(data)])
        assert rc == 1 and "catalog" in report["pull_errors"]
        with TerminalState(data / "state.sqlite") as state:
            assert all(r["id"] != "R-TV" for r in state.catalog())
            assert state.policy().offline_cap_points == 500
        network.default = "pass"
        assert terminal(["sync", "--data-dir", str(data)])[0] == 0
        with TerminalState(data / "state.sqlite") as state:
            tv = [r for r in state.catalog() if r["id"] == "R-TV"]
            assert tv == [{"id": "R-TV", "name": "TV", "points": 90000}]
            assert state.policy().offline_cap_points == 500
