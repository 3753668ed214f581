"""A cashier (../shared/THREATS.md) with a PIN and the counter app, on real provisioned
terminals against the real backend on 127.0.0.1: points for a friend whose code is only a
photo, and refunds or voids that would create points, are refused, flagged, and leave the
friend's ledger unchanged."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from protocol.events import NewEvent
from terminal.counter.errors import CounterRefused
from terminal.counter.service import CounterService
from tests.counter_setup import CASHIER, SUPERVISOR
from tests.fixtures import members
from tests.fixtures.backend import Backend
from tests.fixtures.terminal import provision, sync

pytest_plugins = ["tests.fixtures.plugin"]


@pytest.fixture
def counters(sqlite_backend: Backend, tmp_path: Path) -> Iterator[dict[str, CounterService]]:
    """Two counters of store S1: the cashier's own and the one where the friend really shops."""
    opened = {}
    for name in ("mine", "friends"):
        provision(sqlite_backend, tmp_path / name)
        opened[name] = CounterService.open(tmp_path / name)
    yield opened
    for service in opened.values():
        service.close()


def _refused(action: Callable[[], Any]) -> str:
    with pytest.raises(CounterRefused) as info:
        action()
    assert info.value.message
    return info.value.reason


def _sync(service: CounterService) -> dict[str, Any]:
    rc, report = sync(service.ctx.paths.root)
    assert rc == 0, report
    return report


def _ledger(backend: Backend, member: str) -> tuple[int, list[str]]:
    report = backend.ledger(member)
    return report["balance"], [e["event"] for e in report["entries"]]


def test_a_photo_of_a_friends_old_code_earns_nothing(
    sqlite_backend: Backend, counters: dict[str, CounterService]
) -> None:
    friend = members.enrol(sqlite_backend, "FRIEND")
    photo = friend.code(at=time.time() - 600)  # taken at the friend's visit ten minutes ago
    mine = counters["mine"]
    assert _refused(lambda: mine.scan(photo, mine.new_checkout())) == "stale"
    assert _ledger(sqlite_backend, "FRIEND") == (0, [])


def test_a_friends_code_used_at_another_counter_is_rejected_and_flagged(
    sqlite_backend: Backend, counters: dict[str, CounterService]
) -> None:
    friend = members.enrol(sqlite_backend, "FRIEND")
    text = friend.code()  # the friend pays at their counter; the cashier photographs the code
    theirs, mine = counters["friends"], counters["mine"]
    honest = theirs.award(theirs.scan(text, theirs.new_checkout()), "20.00", CASHIER)
    assert _sync(theirs)["accepted"] == 1
    before = _ledger(sqlite_backend, "FRIEND")
    # At the cashier's own counter, which has not seen the code: it verifies offline...
    view = mine.scan(text, mine.new_checkout())
    mine.award(view, "500.00", CASHIER)
    # ...and in another checkout of the same counter it is refused at once.
    assert _refused(lambda: mine.scan(text, mine.new_checkout())) == "replayed"
    report = _sync(mine)
    assert (report["accepted"], report["rejected"]) == (0, 1)
    assert _ledger(sqlite_backend, "FRIEND") == before == (honest.points, [honest.event])
    flags = sqlite_backend.ledger("FRIEND")["flags"]
    assert [f["kind"] for f in flags] == ["code_reused"]


def test_refunds_and_voids_cannot_create_points(
    sqlite_backend: Backend, counters: dict[str, CounterService]
) -> None:
    friend = members.enrol(sqlite_backend, "FRIEND")
    theirs, mine = counters["friends"], counters["mine"]
    text = friend.code()
    earned = mine.award(mine.scan(text, mine.new_checkout()), "300.00", CASHIER)
    _sync(mine)
    # The friend's checkout code, also scanned at the other counter and used there first.
    members.refresh(friend)
    shared = friend.code()
    visit = theirs.checkin(theirs.scan(shared, theirs.new_checkout()), CASHIER)
    assert _sync(theirs)["accepted"] == 1
    mine.ctx.online = None  # the cashier's counter is offline: it redeems within the card
    coffee = mine.redeem(mine.scan(shared, mine.new_checkout()), "coffee", CASHIER)
    assert _sync(mine)["rejected"] == 1  # the code was claimed by the other counter
    before = _ledger(sqlite_backend, "FRIEND")
    assert before == (earned.points + visit.points, [earned.event, visit.event])
    # Reversing the rejected redemption would hand out points never spent: the counter refuses.
    assert _refused(lambda: mine.refund(str(coffee.event), SUPERVISOR)) == "original_rejected"
    # So does the backend when the void is queued behind the counter's back.
    mine.ctx.outbox.append(
        NewEvent(kind="void", member="FRIEND", points=-coffee.points, ref_event=coffee.event)
    )
    assert _sync(mine)["rejected"] == 1
    assert _ledger(sqlite_backend, "FRIEND") == before
    kinds = [f["kind"] for f in sqlite_backend.ledger("FRIEND")["flags"]]
    assert kinds == ["code_reused", "original_not_accepted"]
    # A refund takes back what the award gave, once, never more.
    refund = mine.refund(str(earned.event), SUPERVISOR)
    assert _refused(lambda: mine.refund(str(earned.event), SUPERVISOR)) == "already_refunded"
    _sync(mine)
    assert earned.points + refund.points == 0
    assert _ledger(sqlite_backend, "FRIEND")[0] == visit.points
