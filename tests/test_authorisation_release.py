"""A sale that gives up what it held frees it at once (``POST /v1/authorisations/{event}/release``).

A till that lowers a discount or cancels a sale would otherwise keep the member's points held
for 15 minutes at every counter. Only the terminal that asked may release; an event the
ledger already has holds nothing any more; a release changes no balance.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from backend import schema
from config.paths import DataPaths
from protocol.events import new_event_id
from sync.client import Authorisation, SyncClient
from sync.http import SignedSession
from terminal.terminal_identity import load_identity
from tests.fixtures.backend import Backend
from tests.fixtures.terminal import award, enrol_wallet, next_code, provision, sync, terminal

pytest_plugins = ["tests.fixtures.plugin"]


def _client(data_dir: Path) -> SyncClient:
    identity = load_identity(DataPaths.resolve(data_dir))
    return SyncClient(SignedSession(identity.backend, identity.terminal, identity.key))


def _discount(client: SyncClient, code: str, points: int, event: str) -> Authorisation:
    request = {"event": event, "kind": "discount", "code": code, "checkout": "K1"}
    return client.authorise({**request, "points": points})


def _held(backend: Backend) -> int:
    with backend.engine.begin() as conn:
        total = conn.execute(select(func.coalesce(func.sum(schema.holds.c.points), 0)))
        return int(total.scalar_one())


def test_a_released_discount_frees_its_points_and_the_code_for_a_new_one(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    provision(sqlite_backend, tmp_path / "t1")
    wallet = enrol_wallet(sqlite_backend, "M1", tmp_path / "w.json")
    award(tmp_path / "t1", wallet, "900")
    sync(tmp_path / "t1")
    balance = sqlite_backend.ledger("M1")["balance"]
    client = _client(tmp_path / "t1")
    code = next_code(wallet)
    first = new_event_id()
    assert _discount(client, code, balance, first).approved
    # Held: a second checkout of the member finds nothing available.
    other = _discount(client, next_code(wallet), 1, new_event_id())
    assert (other.approved, other.reason) == (False, "insufficient_points")
    assert client.release(first) is True
    assert _held(sqlite_backend) == 0
    assert client.release(first) is False  # nothing left to give up
    # The same code and checkout may now ask for a smaller discount under a new event id.
    lower = _discount(client, code, balance - 100, new_event_id())
    assert (lower.online, lower.approved) == (True, True), lower.reason
    assert _held(sqlite_backend) == balance - 100
    assert sqlite_backend.ledger("M1")["balance"] == balance


def test_another_terminal_cannot_release_a_hold_and_a_booked_event_holds_nothing(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    provision(sqlite_backend, tmp_path / "t1")
    provision(sqlite_backend, tmp_path / "t2")
    wallet = enrol_wallet(sqlite_backend, "M1", tmp_path / "w.json")
    award(tmp_path / "t1", wallet, "900")
    sync(tmp_path / "t1")
    held = new_event_id()
    owner = _client(tmp_path / "t1")
    assert _discount(owner, next_code(wallet), 300, held).approved
    # A stolen key of another terminal learns nothing and frees nothing.
    assert _client(tmp_path / "t2").release(held) is False
    assert _held(sqlite_backend) == 300
    # An event id the backend never approved is answered the same.
    assert owner.release(new_event_id()) is False
    # Once the ledger has the event, its terminal cannot undo the hold it used.
    rc, out = terminal(
        ["redeem", "--data-dir", str(tmp_path / "t1"), "--reward", "coffee", next_code(wallet)]
    )
    assert rc == 0, out
    sync(tmp_path / "t1")
    with sqlite_backend.engine.begin() as conn:
        approvals = select(func.count()).select_from(schema.authorisations)
        before = int(conn.execute(approvals).scalar_one())
    assert owner.release(out["event"]) is False
    with sqlite_backend.engine.begin() as conn:
        assert int(conn.execute(approvals).scalar_one()) == before
