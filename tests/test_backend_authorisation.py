"""Online authorisation against the real backend: the member from the code, the points from the
catalog, holds per event id until the event arrives or the hold expires (the races between
terminals are in test_hostile_two_terminals.py)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from backend import schema
from backend.member_codes import MemberCodes
from config.paths import DataPaths
from crypto.code import Purpose
from protocol.events import NewEvent, new_event_id
from sync.client import Authorisation, SyncClient
from sync.http import SignedSession
from sync.outbox import Outbox
from terminal.terminal_identity import load_identity
from tests.fixtures.backend import Backend
from tests.fixtures.faults import FaultProxy
from tests.fixtures.terminal import award, enrol_wallet, next_code, provision, sync

pytest_plugins = ["tests.fixtures.plugin"]


def _client(data_dir: Path, url: str | None = None) -> SyncClient:
    identity = load_identity(DataPaths.resolve(data_dir))
    return SyncClient(SignedSession(url or identity.backend, identity.terminal, identity.key))


def _redeem(client: SyncClient, wallet: Path, reward: str, **extra: Any) -> Authorisation:
    request = {"event": new_event_id(), "kind": "redeem", "code": next_code(wallet)}
    return client.authorise({**request, "checkout": "K1", "reward": reward, **extra})


def test_a_redemption_is_priced_by_the_catalog_and_its_points_held_until_the_event_arrives(
    backend: Backend, tmp_path: Path
) -> None:
    provision(backend, tmp_path / "t1")
    wallet = enrol_wallet(backend, "M1", tmp_path / "w.json")
    award(tmp_path / "t1", wallet, "500")  # green tier: 500 points
    sync(tmp_path / "t1")
    client = _client(tmp_path / "t1")
    first = {"event": new_event_id(), "kind": "redeem", "code": next_code(wallet)}
    first |= {"checkout": "K1", "reward": "cake"}
    answer = client.authorise(first)
    assert (answer.online, answer.approved) == (True, True)
    assert (answer.points, answer.balance, answer.available) == (-350, 500, 150)
    refused = _redeem(client, wallet, "cake")
    assert (refused.approved, refused.reason) == (False, "insufficient_points")
    assert (refused.balance, refused.available, refused.points) == (500, 150, -350)
    again = client.authorise(first)  # the same event asked again: the same approval
    assert (again.approved, again.available) == (True, 150)

    paths = DataPaths.resolve(tmp_path / "t1")
    with Outbox(paths.outbox, client.session.terminal) as outbox:
        # The event the counter queues for that approval, with its evidence.
        verified = MemberCodes(backend.issuers()).verify(first["code"], time.time())
        outbox.append(
            NewEvent(
                kind="redeem",
                member="M1",
                points=-350,
                event_id=first["event"],
                code=first["code"],
                code_id=verified.code_id,
                checkout="K1",
                catalog_version=1,
                details={"reward": "cake", "cash": "0"},
            )
        )
    sync(tmp_path / "t1")
    assert backend.ledger("M1")["balance"] == 150
    after = _redeem(client, wallet, "cake")  # the arrived event's hold no longer counts
    assert (after.reason, after.balance, after.available) == ("insufficient_points", 150, 150)


def test_an_expired_hold_no_longer_counts(sqlite_backend: Backend, tmp_path: Path) -> None:
    provision(sqlite_backend, tmp_path / "t1")
    wallet = enrol_wallet(sqlite_backend, "M1", tmp_path / "w.json")
    award(tmp_path / "t1", wallet, "300")
    sync(tmp_path / "t1")
    client = _client(tmp_path / "t1")
    assert _redeem(client, wallet, "coffee").approved
    assert _redeem(client, wallet, "coffee").reason == "insufficient_points"
    with sqlite_backend.engine.begin() as conn:  # fifteen minutes later
        conn.execute(update(schema.holds).values(expires_at=int(time.time()) - 1))
    assert _redeem(client, wallet, "coffee").approved


def test_the_member_comes_from_the_code_and_a_stale_catalog_is_refused(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    provision(sqlite_backend, tmp_path / "t1")
    wallet = enrol_wallet(sqlite_backend, "M1", tmp_path / "w.json")
    award(tmp_path / "t1", wallet, "300")
    sync(tmp_path / "t1")
    client = _client(tmp_path / "t1")
    # A terminal cannot name the member or the points: the request is malformed.
    forged = _redeem(client, wallet, "coffee", member="M2", points=1)
    assert (forged.online, forged.reason) == (False, "malformed")
    stale = _redeem(client, wallet, "coffee", catalog_version=0)
    assert (stale.approved, stale.reason) == (False, "catalog_outdated")
    unknown = _redeem(client, wallet, "yacht")
    assert (unknown.approved, unknown.reason) == (False, "unknown_reward")
    wrong = client.authorise(
        {
            "event": new_event_id(),
            "kind": "redeem",
            "code": next_code(wallet, Purpose.CHECKIN),
            "checkout": "K1",
            "reward": "coffee",
        }
    )
    assert (wrong.approved, wrong.reason) == (False, "wrong_purpose")
    with sqlite_backend.engine.begin() as conn:
        assert conn.execute(select(schema.holds)).all() == []


def test_authorisation_is_offline_when_the_backend_is_slow(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    provision(sqlite_backend, tmp_path / "t1")
    wallet = enrol_wallet(sqlite_backend, "M1", tmp_path / "w.json")
    port = int(sqlite_backend.url.rsplit(":", 1)[1])
    with FaultProxy(port, default="slow", delay=3.0) as proxy:
        client = _client(tmp_path / "t1", proxy.url)
        client.settings = client.settings.__class__(online_timeout_seconds=0.5)
        answer = _redeem(client, wallet, "coffee")
    assert (answer.online, answer.approved) == (False, False)


def test_a_handover_is_held_item_by_item_and_never_beyond_the_order(
    backend: Backend, tmp_path: Path
) -> None:
    from backend import downstream

    with backend.engine.begin() as conn:
        downstream.add_order(
            conn, "O-1", "S1", "M1", {"items": [{"sku": "CUP", "qty": 2}, {"sku": "LID", "qty": 1}]}
        )
    provision(backend, tmp_path / "t1")
    wallet = enrol_wallet(backend, "M1", tmp_path / "w.json")
    client = _client(tmp_path / "t1")

    def ask(items: dict[str, int] | None) -> Authorisation:
        request = {"event": new_event_id(), "kind": "pickup", "checkout": "K1"}
        request |= {"code": next_code(wallet, Purpose.PICKUP)}
        return client.authorise(request | ({"items": items} if items else {}))

    beyond = ask({"CUP": 3})
    assert (beyond.reason, beyond.remaining) == ("items_exceed_remaining", {"CUP": 2, "LID": 1})
    assert ask({"SPOON": 1}).reason == "unknown_item"
    first = ask({"CUP": 1})
    assert (first.approved, first.items, first.remaining) == (
        True,
        {"CUP": 1},
        {"CUP": 1, "LID": 1},
    )
    rest = ask(None)  # everything that remains, as the backend counts it
    assert (rest.items, rest.remaining) == ({"CUP": 1, "LID": 1}, {"CUP": 0, "LID": 0})
    done = ask(None)
    assert (done.reason, done.remaining) == ("order_handed_over", {"CUP": 0, "LID": 0})
    with backend.engine.begin() as conn:
        held = conn.execute(select(schema.order_holds.c.sku, schema.order_holds.c.qty)).all()
    assert sorted((str(s), int(q)) for s, q in held) == [("CUP", 1), ("CUP", 1), ("LID", 1)]
    assert backend.ledger("M1")["entries"] == []


def test_a_coupon_claim_is_given_again_for_its_event_and_freed_when_it_expires(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    from backend import member_documents

    with sqlite_backend.engine.begin() as conn:
        now = int(time.time())
        member_documents.add_coupon(conn, "C-1", "M1", {"kind": "gift"}, None, now + 86400, now)
    provision(sqlite_backend, tmp_path / "t1")
    wallet = enrol_wallet(sqlite_backend, "M1", tmp_path / "w.json")
    client = _client(tmp_path / "t1")

    def request() -> dict[str, Any]:
        code = next_code(wallet, Purpose.COUPON)
        return {"event": new_event_id(), "kind": "coupon", "code": code, "checkout": "K1"}

    first = request()
    assert client.authorise(first).approved
    assert client.authorise(first).approved  # the same event again: the same approval
    assert client.authorise(request()).reason == "coupon_used"
    with sqlite_backend.engine.begin() as conn:  # the event never came; fifteen minutes pass
        conn.execute(update(schema.claims).values(expires_at=int(time.time()) - 1))
        conn.execute(update(schema.authorisations).values(expires_at=int(time.time()) - 1))
    assert client.authorise(request()).approved


def test_points_as_cash_are_held_like_a_reward_and_never_beyond_what_is_available(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    """A till's points as cash (kind ``discount``): the points the terminal names are held
    against the balance less every live hold, a reward's included; a check-in code or a request
    without points is refused, and a refusal holds nothing."""
    provision(sqlite_backend, tmp_path / "t1")
    wallet = enrol_wallet(sqlite_backend, "M1", tmp_path / "w.json")
    award(tmp_path / "t1", wallet, "500")  # 500 points
    sync(tmp_path / "t1")
    client = _client(tmp_path / "t1")

    def discount(points: int | None, purpose: Purpose = Purpose.CHECKOUT) -> Authorisation:
        request = {"event": new_event_id(), "kind": "discount", "checkout": "K1"}
        request["code"] = next_code(wallet, purpose)
        if points is not None:
            request["points"] = points
        return client.authorise(request)

    held = discount(300)
    assert (held.approved, held.points, held.balance, held.available) == (True, -300, 500, 200)
    reward = _redeem(client, wallet, "cake")  # 350 points: only 200 are left
    assert (reward.approved, reward.reason, reward.available) == (
        False,
        "insufficient_points",
        200,
    )
    over = discount(201)
    assert (over.approved, over.reason, over.available) == (False, "insufficient_points", 200)
    assert (discount(None).approved, discount(None).reason) == (False, "malformed")
    wrong = discount(100, Purpose.CHECKIN)
    assert (wrong.approved, wrong.reason) == (False, "wrong_purpose")
    last = discount(200)  # what the refusals did not hold is still there
    assert (last.approved, last.available) == (True, 0)
