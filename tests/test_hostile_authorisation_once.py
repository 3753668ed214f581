"""A terminal asks the backend twice for one code in one checkout, under two event ids.

Each approval tells the counter it may confirm; the ledger accepts one redemption per code and
checkout, so a second approval is a reward handed over for free. The backend approves one
authorisation per code, kind and checkout, refuses the rest (``already_authorised``), flags
them, and holds nothing for them: asked one after the other, and by threads racing on SQLite
and PostgreSQL.
"""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import func, select

from backend import schema
from config.paths import DataPaths
from protocol.events import new_event_id
from sync.client import Authorisation, SyncClient
from sync.http import SignedSession
from terminal.terminal_identity import load_identity
from tests.fixtures.backend import Backend
from tests.fixtures.terminal import award, enrol_wallet, next_code, provision, sync

pytest_plugins = ["tests.fixtures.plugin"]


def _client(data_dir: Path) -> SyncClient:
    identity = load_identity(DataPaths.resolve(data_dir))
    return SyncClient(SignedSession(identity.backend, identity.terminal, identity.key))


def _member_with_points(backend: Backend, tmp_path: Path) -> Path:
    provision(backend, tmp_path / "t1")
    wallet = enrol_wallet(backend, "M1", tmp_path / "w.json")
    award(tmp_path / "t1", wallet, "900")  # green tier: 900 points, enough for two cakes
    sync(tmp_path / "t1")
    return wallet


def _redeem(client: SyncClient, code: str) -> Authorisation:
    request = {"event": new_event_id(), "kind": "redeem", "code": code, "checkout": "K1"}
    return client.authorise({**request, "reward": "cake"})


def _held(backend: Backend) -> tuple[int, int]:
    with backend.engine.begin() as conn:
        points = conn.execute(select(func.coalesce(func.sum(schema.holds.c.points), 0)))
        flags = conn.execute(
            select(func.count()).where(schema.flags.c.kind == "already_authorised")
        )
        return int(points.scalar_one()), int(flags.scalar_one())


def test_one_code_in_one_checkout_gets_one_redemption_approved(
    backend: Backend, tmp_path: Path
) -> None:
    wallet = _member_with_points(backend, tmp_path)
    client = _client(tmp_path / "t1")
    code = next_code(wallet)
    first = _redeem(client, code)
    assert (first.online, first.approved) == (True, True)
    second = _redeem(client, code)  # the same code and checkout, another event id
    assert (second.online, second.approved, second.reason) == (True, False, "already_authorised")
    assert _held(backend) == (350, 1)  # one hold; the second try flagged
    assert backend.ledger("M1")["balance"] == 900
    # Another code of the member (a new scan) is another checkout's business.
    assert _redeem(client, next_code(wallet)).approved


def test_racing_requests_for_one_code_and_checkout_get_one_approval(
    backend: Backend, tmp_path: Path
) -> None:
    wallet = _member_with_points(backend, tmp_path)
    code = next_code(wallet)
    clients = [_client(tmp_path / "t1") for _ in range(6)]
    answers: list[Authorisation] = []
    start = threading.Barrier(len(clients))

    def ask(client: SyncClient) -> None:
        start.wait()
        answers.append(_redeem(client, code))

    threads = [threading.Thread(target=ask, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    answered = [a for a in answers if a.online]
    assert sum(a.approved for a in answered) == 1, [a.reason for a in answers]
    assert {a.reason for a in answered if not a.approved} <= {"already_authorised"}
    assert _held(backend)[0] == 350
