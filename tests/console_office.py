"""A console backend filled the real way, for the office pages' tests and screenshots:
two stores' terminals provisioned and synced with the terminal CLI, members enrolled with
their wallets, purchases, a reward redeemed, a refund, a coupon and a pickup order."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from backend import downstream, schema
from backend.console.web import ConsoleSettings
from crypto.code import Purpose
from terminal.counter.results import Role, Staff
from terminal.counter.service import CounterService
from tests.console_session import console_user
from tests.fixtures.backend import Backend, start_backend
from tests.fixtures.terminal import admin, award, enrol_wallet, next_code, provision, run_cli
from tests.fixtures.terminal import sync as sync_terminal
from tests.fixtures.terminal import terminal as terminal_cli
from wallet.cli import main as wallet_main

SUPERVISOR = Staff("s1", "Shift lead", Role.SUPERVISOR)
PASSWORD = "a long enough password"


def office_backend(root: Path, users: Mapping[str, str]) -> Iterator[Backend]:
    """A backend with its console on a fresh SQLite file, and these users (name: role),
    each with ``PASSWORD``; for a module-scoped fixture to ``yield from``."""
    served = start_backend(
        f"sqlite:///{root / 'backend.sqlite'}",
        root / "issuer",
        "sqlite",
        ConsoleSettings(secure_cookies=False),
    )
    backend = next(served)
    for name, role in users.items():
        console_user(backend, name, role, PASSWORD)
    yield backend
    served.close()


def document(backend: Backend, name: str) -> tuple[int, dict[str, Any]]:
    """The current version and body of a published document (policy, catalog)."""
    with backend.engine.begin() as conn:
        return downstream.document(conn, name)


def field(driver: Any, key: str, value: str) -> None:
    """Type ``value`` into the browser's field ``key``, replacing what it held."""
    element = driver.find_element("id", key)
    element.clear()
    element.send_keys(value)


@dataclass(frozen=True)
class Filled:
    """What ``fill`` made: the terminals' data dirs and the wallets by member."""

    terminals: dict[str, Path]
    wallets: dict[str, Path]


def ok(*argv: str) -> dict[str, Any]:
    """A terminal command that must succeed; its JSON."""
    rc, out = terminal_cli(list(argv))
    assert rc == 0 and out.get("ok", True), out
    return dict(out)


def synced(data: Path) -> None:
    rc, out = sync_terminal(data)
    assert rc == 0 and out.get("rejected", 0) == 0, out


def refresh(wallet: Path) -> None:
    """The wallet's card and documents brought up to date, at once: no wait past the second of
    the last sync, since the card says by its ledger position which events it holds
    (docs/counter.md), whatever second it was stamped in."""
    rc, out = run_cli(wallet_main, ["refresh", str(wallet)])
    assert rc == 0, out


def fill(backend: Backend, root: Path) -> Filled:
    """Stores S1 and S2, members M1 and M2, and a day of real counter work, all synced."""
    admin(backend, "reward", "--id", "R-MUG", "--name", "Mug", "--points", "50")
    admin(backend, "reward", "--id", "R-BAG", "--name", "Bag", "--points", "20")
    terminals = {"S1": root / "t1", "S2": root / "t2"}
    for store, data in terminals.items():
        provision(backend, data, store)
    wallets = {m: enrol_wallet(backend, m, root / f"{m}.json") for m in ("M1", "M2")}
    for data in terminals.values():
        synced(data)  # the catalog with the rewards
    award(terminals["S1"], wallets["M1"], "120.00")
    award(terminals["S2"], wallets["M2"], "80.00")
    refunded = award(terminals["S2"], wallets["M2"], "30.00")
    checkin = next_code(wallets["M2"], Purpose.CHECKIN)
    ok("checkin", "--data-dir", str(terminals["S1"]), checkin)
    for data in terminals.values():
        synced(data)
    refresh(wallets["M1"])
    data = str(terminals["S1"])
    ok("redeem", "--data-dir", data, "--reward", "R-MUG", next_code(wallets["M1"]))
    ok("redeem", "--data-dir", data, "--reward", "R-BAG", next_code(wallets["M1"]))
    # A refund needs a supervisor: through the counter service, as the app's refund screen.
    service = CounterService.open(terminals["S2"])
    try:
        assert service.refund(refunded["event"], SUPERVISOR, None).ok
    finally:
        service.close()
    for data_dir in terminals.values():
        synced(data_dir)
    admin(
        backend, "coupon", "--member", "M1", "--id", "C-WELCOME", "--kind", "gift", "--value", "Tea"
    )
    admin(backend, "add-order", "--store", "S1", "--member", "M1", "--order", "O-1001")
    return Filled(terminals, wallets)


def ledger_rows(backend: Backend) -> list[Any]:
    """Every ledger entry, straight from the table."""
    with backend.engine.begin() as conn:
        return list(conn.execute(select(schema.ledger).order_by(schema.ledger.c.entry)).all())
