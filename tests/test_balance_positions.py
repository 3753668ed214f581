"""Balance model 2 through the real backend: an event is in a balance by its ledger position.

Each test replays a finding of issue 16 with the real backend (SQLite and PostgreSQL), the
real fault proxy and `loyalty-terminal member`, and failed on the clock rule it replaces.
Nothing here waits for a clock to tick: the order of events alone decides.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import select

from backend import members, schema
from crypto import certificate
from sync.outbox import Outbox
from terminal.counter.service import CounterService
from terminal.terminal_identity import load_identity
from tests.fixtures.backend import Backend
from tests.fixtures.faults import FaultProxy
from tests.fixtures.terminal import (
    admin,
    enrol_wallet,
    next_code,
    paths,
    provision,
    run_cli,
    terminal,
)
from wallet.cli import main as wallet_main
from wallet.store import load_wallet

pytest_plugins = ["tests.fixtures.plugin"]


def member(data: Path, wallet: Path) -> dict[str, Any]:
    rc, out = terminal(["member", "--data-dir", str(data), next_code(wallet)])
    assert rc == 0, out
    return dict(out)


def figures(out: dict[str, Any]) -> tuple[str, int, int, int, int, int]:
    return (
        out["balance_source"],
        out["balance"],
        out["pending_points"],
        out["pending_operations"],
        out["available_points"],
        out["spendable_offline"],
    )


def ok(data: Path, *args: str) -> dict[str, Any]:
    rc, out = terminal([args[0], "--data-dir", str(data), *args[1:]])
    assert rc == 0 and out["ok"] is True, out
    return dict(out)


def sync(data: Path) -> None:
    rc, out = terminal(["sync", "--data-dir", str(data)])
    assert rc == 0, out


def refresh(wallet: Path) -> int:
    """The phone fetches a fresh card at once: no waiting for the next second."""
    rc, out = run_cli(wallet_main, ["refresh", str(wallet)])
    assert rc == 0, out
    return int(out["balance"])


def test_a_card_refreshed_before_the_terminal_hears_of_the_acceptance_is_not_spent_twice(
    backend: Backend, tmp_path: Path
) -> None:
    # The straddle of issue 16: the backend commits the redemption, the phone refreshes
    # (its card of 310 holds it), and only then does the terminal record the acceptance
    # (the first reply was lost; the resend is answered "duplicate"). By the clock rule the
    # terminal's record came after the card's moment, so the 900 were subtracted again:
    # "card balance 310" became "can spend -590".
    admin(backend, "reward", "--id", "R-TV", "--name", "TV", "--points", "900")
    port = int(backend.url.rsplit(":", 1)[1])
    with FaultProxy(port) as network:
        data = tmp_path / "terminal"
        provision(backend, data, "S1", url=network.url)
        wallet = enrol_wallet(backend, "M1", tmp_path / "wallet.json")
        sync(data)  # the catalog
        ok(data, "award", "--amount", "1210", next_code(wallet))
        sync(data)
        assert refresh(wallet) == 1210

        spent = ok(data, "redeem", "--reward", "R-TV", next_code(wallet))
        assert (spent["points"], spent["online"]) == (-900, True)
        network.then("drop_reply")  # the batch commits; its answer never arrives
        terminal(["sync", "--data-dir", str(data)])
        assert ("POST", "/v1/batches", "drop_reply") in network.seen
        assert backend.ledger("M1")["balance"] == 310
        assert refresh(wallet) == 310  # the card holds the redemption
        sync(data)  # answered "duplicate", recorded after the card's moment

        network.default = "refuse"
        assert figures(member(data, wallet)) == ("card", 310, 0, 0, 310, 310)
        network.default = "pass"
        assert figures(member(data, wallet)) == ("backend", 310, 0, 0, 310, 310)


def test_spending_what_was_earned_here_since_the_card_never_shows_a_negative_figure(
    backend: Backend, tmp_path: Path
) -> None:
    # Issue 16: `loyalty-terminal member` printed "spendable_offline": -200. The card says 0;
    # the 200 earned here since are spent at once (authorised online): nothing is left of the
    # card, and the figure says 0, not -200.
    admin(backend, "reward", "--id", "R-200", "--name", "Lamp", "--points", "200")
    data = tmp_path / "terminal"
    provision(backend, data, "S1")
    wallet = enrol_wallet(backend, "M2", tmp_path / "wallet.json")
    sync(data)
    ok(data, "award", "--amount", "200", next_code(wallet))
    sync(data)
    spent = ok(data, "redeem", "--reward", "R-200", next_code(wallet))
    assert (spent["points"], spent["online"]) == (-200, True)
    seen = member(data, wallet)
    assert figures(seen) == ("backend", 200, -200, 1, 0, 0)
    sync(data)
    assert figures(member(data, wallet)) == ("backend", 0, 0, 0, 0, 0)


def test_three_offline_redemptions_at_this_terminal_use_up_a_card_of_300(
    backend: Backend, tmp_path: Path
) -> None:
    # Issue 16: offline, after three redemptions of 100 at this terminal on a card of 300,
    # `member` still said "available_points": 300.
    admin(backend, "reward", "--id", "R-100", "--name", "Cup", "--points", "100")
    port = int(backend.url.rsplit(":", 1)[1])
    with FaultProxy(port) as network:
        data = tmp_path / "terminal"
        provision(backend, data, "S1", url=network.url)
        wallet = enrol_wallet(backend, "M3", tmp_path / "wallet.json")
        sync(data)
        ok(data, "award", "--amount", "300", next_code(wallet))
        sync(data)
        assert refresh(wallet) == 300
        network.default = "refuse"
        for _ in range(3):
            spent = ok(data, "redeem", "--reward", "R-100", next_code(wallet))
            assert (spent["points"], spent["online"]) == (-100, False)
        assert figures(member(data, wallet)) == ("card", 300, -300, 3, 0, 0)
        rc, out = terminal(
            ["redeem", "--data-dir", str(data), "--reward", "R-100", next_code(wallet)]
        )
        assert (rc, out["reason"]) == (1, "insufficient_points")
        network.default = "pass"
        sync(data)
        network.default = "refuse"
        # Accepted now, still not on the old card: pending on it, and counted once.
        assert figures(member(data, wallet)) == ("card", 300, -300, 3, 0, 0)
        assert refresh(wallet) == 0
        assert figures(member(data, wallet)) == ("card", 0, 0, 0, 0, 0)


def test_positions_follow_commit_order_while_counters_sync_at_once(
    backend: Backend, tmp_path: Path
) -> None:
    # Three counters send their awards for one member at the same moment while the phone
    # refreshes and the summary is read: every balance ever handed out holds exactly the
    # ledger entries numbered up to its position, and the numbers are 1..n without a gap.
    wallet = enrol_wallet(backend, "M4", tmp_path / "wallet.json")
    counters = []
    for name in ("t1", "t2", "t3"):
        data = tmp_path / name
        provision(backend, data, "S1")
        sync(data)
        for amount in ("10", "20", "30"):
            ok(data, "award", "--amount", amount, next_code(wallet))
        counters.append(data)
    barrier = threading.Barrier(len(counters) + 1)
    errors: list[BaseException] = []
    seen: list[tuple[int, int]] = []

    def send(data: Path) -> None:
        service = CounterService.open(data)
        try:
            barrier.wait(timeout=30)
            service.sync_now()
        except BaseException as exc:  # surfaced below
            errors.append(exc)
        finally:
            service.close()

    def watch() -> None:
        barrier.wait(timeout=30)
        for _ in range(15):
            with backend.engine.begin() as conn:
                answer = members.summary(conn, "M4", int(time.time() * 1000))
            seen.append((answer["balance"], answer["position"]))
            refresh(wallet)
            claims = certificate.claims_of(load_wallet(wallet).certificate)
            assert claims.balance_position is not None
            seen.append((claims.balance, claims.balance_position))

    threads = [threading.Thread(target=send, args=(d,)) for d in counters]
    threads.append(threading.Thread(target=watch))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors

    entries = backend.ledger("M4")["entries"]
    with backend.engine.begin() as conn:
        positions = dict(
            conn.execute(select(schema.ledger.c.event, schema.ledger.c.position)).all()
        )
    assert sorted(positions.values()) == list(range(1, 10))
    points = {positions[e["event"]]: e["points"] for e in entries}
    for balance, position in seen:
        assert balance == sum(p for n, p in points.items() if n <= position)
    for data in counters:
        found = paths(data)
        with Outbox(found.outbox, load_identity(found).terminal) as outbox:
            for stored in outbox.by_member("M4"):
                assert stored.position == positions[stored.event.id]
