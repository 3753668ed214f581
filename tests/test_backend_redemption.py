"""Online redemption authorisation against the real balance (the offline fallback is tested
with the counter operations)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from config.paths import DataPaths
from sync.client import SyncClient
from sync.events import new_event_id
from sync.http import SignedSession
from sync.outbox import Outbox
from terminal.terminal_identity import load_identity
from tests.fixtures import members
from tests.fixtures.backend import Backend
from tests.fixtures.faults import FaultProxy
from tests.fixtures.terminal import provision, sync

pytest_plugins = ["tests.fixtures.plugin"]


def _client(data_dir: Path, url: str | None = None) -> SyncClient:
    identity = load_identity(DataPaths.resolve(data_dir))
    return SyncClient(SignedSession(url or identity.backend, identity.terminal, identity.key))


def test_authorisation_approves_within_the_balance_and_holds_the_points(
    backend: Backend, tmp_path: Path
) -> None:
    provision(backend, tmp_path / "t1")
    phone = members.enrol(backend, "M1")
    paths = DataPaths.resolve(tmp_path / "t1")
    client = _client(tmp_path / "t1")
    with Outbox(paths.outbox, client.session.terminal) as outbox:
        outbox.append(members.award(phone, "500.00"))
    sync(tmp_path / "t1")
    coffee = members.redeem(phone, "coffee")  # 200 points of the 500
    first, second = new_event_id(), new_event_id()
    assert client.authorise_redemption(first, "M1", -coffee.points).approved
    refused = client.authorise_redemption(second, "M1", 301)  # 500 - 200 held
    assert (refused.online, refused.approved, refused.reason) == (
        True,
        False,
        "insufficient_balance",
    )
    again = client.authorise_redemption(first, "M1", -coffee.points)
    assert again.approved  # asking again for the same event is the same answer
    with Outbox(paths.outbox, client.session.terminal) as outbox:
        outbox.append(replace(coffee, event_id=first))
    sync(tmp_path / "t1")
    assert backend.ledger("M1")["balance"] == 500 + coffee.points
    assert client.authorise_redemption(second, "M1", 300).approved  # the hold went with ingest


def test_authorisation_is_offline_when_the_backend_is_slow(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    provision(sqlite_backend, tmp_path / "t1")
    port = int(sqlite_backend.url.rsplit(":", 1)[1])
    with FaultProxy(port, default="slow", delay=3.0) as proxy:
        client = _client(tmp_path / "t1", proxy.url)
        client.settings = client.settings.__class__(online_timeout_seconds=0.5)
        answer = client.authorise_redemption(new_event_id(), "M1", 10)
    assert (answer.online, answer.approved) == (False, False)
