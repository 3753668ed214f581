"""The balance model (docs/counter.md) against the real backend, through `loyalty-terminal member`.

After every step the four figures are read as the POS reads them, and compared with the
backend's ledger where they must agree: after a sync nothing is counted twice or lost.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.fixtures.backend import Backend
from tests.fixtures.faults import FaultProxy
from tests.fixtures.terminal import admin, enrol_wallet, next_code, provision, run_cli, terminal
from wallet.cli import main as wallet_main

pytest_plugins = ["tests.fixtures.plugin"]

FIELDS = {
    "member",
    "tier",
    "online",
    "recent",
    "balance",
    "balance_as_of",
    "balance_source",
    "pending_points",
    "pending_operations",
    "available_points",
    "spendable_offline",
}


def member(data: Path, wallet: Path) -> dict[str, Any]:
    rc, out = terminal(["member", "--data-dir", str(data), next_code(wallet)])
    assert rc == 0, out
    assert set(out) == FIELDS
    assert out["available_points"] == out["balance"] + out["pending_points"]
    return dict(out)


def figures(out: dict[str, Any]) -> tuple[str, int, int, int, int]:
    return (
        out["balance_source"],
        out["balance"],
        out["pending_points"],
        out["available_points"],
        out["spendable_offline"],
    )


def ok(data: Path, *args: str) -> dict[str, Any]:
    rc, out = terminal([args[0], "--data-dir", str(data), *args[1:]])
    assert rc == 0 and out["ok"] is True, out
    return dict(out)


def refresh(wallet: Path) -> int:
    # At once: the card says by its ledger position which events it holds, whatever the
    # second it was stamped in (docs/counter.md).
    rc, out = run_cli(wallet_main, ["refresh", str(wallet)])
    assert rc == 0, out
    return int(out["balance"])


def test_the_four_figures_through_award_sync_refresh_offline_and_back(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    backend = sqlite_backend
    admin(backend, "reward", "--id", "R-MUG", "--name", "Mug", "--points", "30")
    port = int(backend.url.rsplit(":", 1)[1])
    with FaultProxy(port) as network:
        data = tmp_path / "terminal"
        provision(backend, data, "S1", url=network.url)
        wallet = enrol_wallet(backend, "M1", tmp_path / "wallet.json")
        assert terminal(["sync", "--data-dir", str(data)])[0] == 0  # the catalog

        # Online, before the sync: the backend's balance, the award on top of it.
        award = ok(data, "award", "--amount", "100.80", next_code(wallet))
        assert award["points"] == 100
        seen = member(data, wallet)
        assert seen["online"] is True
        assert figures(seen) == ("backend", 0, 100, 100, 0)  # earnings are not spendable offline
        assert seen["recent"][0]["event"] == award["event"]

        # After the sync the pending part has moved into the balance, which is the ledger's.
        assert terminal(["sync", "--data-dir", str(data)])[0] == 0
        assert figures(member(data, wallet)) == ("backend", 100, 0, 100, 0)
        assert backend.ledger("M1")["balance"] == 100

        # Offline with the old card: the accepted award is still on top of it, not lost.
        network.default = "refuse"
        seen = member(data, wallet)
        assert seen["online"] is False
        assert figures(seen) == ("card", 0, 100, 100, 0)

        # The phone refreshes: the award is in the card now, and counted once.
        assert refresh(wallet) == 100
        assert figures(member(data, wallet)) == ("card", 100, 0, 100, 100)

        # An offline redemption: pending on top of the card, and spent from what the card allows.
        spent = ok(data, "redeem", "--reward", "R-MUG", next_code(wallet))
        assert (spent["points"], spent["online"]) == (-30, False)
        assert figures(member(data, wallet)) == ("card", 100, -30, 70, 70)

        # Back online: the backend's balance has not got it yet; after a sync it has.
        network.default = "pass"
        assert figures(member(data, wallet)) == ("backend", 100, -30, 70, 70)
        assert terminal(["sync", "--data-dir", str(data)])[0] == 0
        assert figures(member(data, wallet)) == ("backend", 70, 0, 70, 70)
        assert backend.ledger("M1")["balance"] == 70
        assert refresh(wallet) == 70
        network.default = "refuse"
        assert figures(member(data, wallet)) == ("card", 70, 0, 70, 70)


def test_an_offline_refusal_quotes_the_figures_the_member_command_shows(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    backend = sqlite_backend
    admin(backend, "reward", "--id", "R-BIG", "--name", "Big", "--points", "150")
    port = int(backend.url.rsplit(":", 1)[1])
    with FaultProxy(port) as network:
        data = tmp_path / "terminal"
        provision(backend, data, "S1", url=network.url)
        wallet = enrol_wallet(backend, "M2", tmp_path / "wallet.json")
        assert terminal(["sync", "--data-dir", str(data)])[0] == 0
        ok(data, "award", "--amount", "200", next_code(wallet))
        assert terminal(["sync", "--data-dir", str(data)])[0] == 0
        assert refresh(wallet) == 200
        network.default = "refuse"
        ok(data, "redeem", "--reward", "R-BIG", next_code(wallet))
        shown = member(data, wallet)
        assert figures(shown) == ("card", 200, -150, 50, 50)
        rc, out = terminal(
            ["redeem", "--data-dir", str(data), "--reward", "R-BIG", next_code(wallet)]
        )
        assert (rc, out["reason"]) == (1, "insufficient_points")
        assert "can spend 50 points here (card balance 200 as of" in out["message"]
        assert "this reward needs 150" in out["message"]
        assert backend.ledger("M2")["balance"] == 200
