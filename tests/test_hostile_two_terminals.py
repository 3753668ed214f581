"""Two honest counters of one store at once, against the real backend on 127.0.0.1.

Each counter is a provisioned data dir whose every request goes through its own fault proxy
(so one can be cut off while the other is not); the races run the real counter operations in
two threads released together. Online, exactly one counter gets the order, the coupon, the
check-in, the code or the balance; offline, a counter that pulled the statuses refuses, and
what slips through while both are offline is rejected and flagged at ingest. Each test ends
with the backend's ledger holding only what was allowed.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from backend.cli import main as backend_main
from crypto.code import Purpose
from terminal.counter.errors import CounterRefused
from terminal.counter.results import OpResult
from terminal.counter.service import CounterService
from tests.counter_setup import CASHIER
from tests.fixtures.backend import Backend
from tests.fixtures.faults import FaultProxy
from tests.fixtures.terminal import award, enrol_wallet, next_code, run_cli, sync, terminal

pytest_plugins = ["tests.fixtures.plugin"]

Outcome = OpResult | CounterRefused
Operation = Callable[[CounterService, Any], OpResult]


@dataclass
class Counter:
    """One provisioned terminal and the network between it and the backend."""

    data: Path
    network: FaultProxy

    def online(self, up: bool) -> None:
        self.network.default = "pass" if up else "refuse"

    def sync(self) -> dict[str, Any]:
        rc, report = sync(self.data)
        assert rc == 0, report
        return report

    def attempt(self, code: str, purpose: Purpose, operation: Operation) -> Outcome:
        return race((self, code, purpose, operation))[0]


def admin(backend: Backend, *args: str) -> None:
    rc, out = run_cli(backend_main, ["admin", args[0], "--db", backend.db_url, *args[1:]])
    assert rc == 0, out


@contextmanager
def two_counters(backend: Backend, tmp_path: Path) -> Iterator[tuple[Counter, Counter]]:
    """Two counters of store S1, provisioned and synced, each behind its own proxy."""
    port = int(backend.url.rsplit(":", 1)[1])
    with ExitStack() as stack:
        counters = []
        for name in ("t1", "t2"):
            network = stack.enter_context(FaultProxy(port))
            data = tmp_path / name
            argv = ["provision", "--backend", network.url, "--data-dir", str(data)]
            rc, out = terminal([*argv, "--code", backend.enrolment_code("S1")])
            assert rc == 0, out
            counter = Counter(data, network)
            counter.sync()
            counters.append(counter)
        yield counters[0], counters[1]


def race(*attempts: tuple[Counter, str, Purpose, Operation]) -> list[Outcome]:
    """Scan at each counter, then run the operations in threads released at the same moment."""
    barrier = threading.Barrier(len(attempts))
    outcomes: list[Outcome | None] = [None] * len(attempts)
    errors: list[BaseException] = []

    def run(index: int, counter: Counter, code: str, purpose: Purpose, op: Operation) -> None:
        service = CounterService.open(counter.data)
        try:
            view = service.scan(code, service.new_checkout(), purpose)
            barrier.wait(timeout=30)
            outcomes[index] = op(service, view)
        except CounterRefused as exc:
            outcomes[index] = exc
        except BaseException as exc:  # surfaced below, with the thread's traceback
            errors.append(exc)
            barrier.abort()
        finally:
            service.close()

    threads = [threading.Thread(target=run, args=(i, *a)) for i, a in enumerate(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    if errors:
        raise errors[0]
    assert all(o is not None for o in outcomes)
    return [o for o in outcomes if o is not None]


def one_each(outcomes: list[Outcome]) -> tuple[OpResult, CounterRefused]:
    """Exactly one counter confirmed and the other was refused."""
    done = [o for o in outcomes if isinstance(o, OpResult)]
    refused = [o for o in outcomes if isinstance(o, CounterRefused)]
    assert (len(done), len(refused)) == (1, 1), outcomes
    assert done[0].ok
    return done[0], refused[0]


def pickup(service: CounterService, view: Any) -> OpResult:
    return service.pickup(view, CASHIER)


def use_coupon(service: CounterService, view: Any) -> OpResult:
    return service.coupon(view, CASHIER)


def checkin(service: CounterService, view: Any) -> OpResult:
    return service.checkin(view, CASHIER)


def redeem_coffee(service: CounterService, view: Any) -> OpResult:
    return service.redeem(view, "coffee", CASHIER)


def kinds(ledger: dict[str, Any]) -> list[str]:
    return sorted(e["kind"] for e in ledger["entries"])


def flag_kinds(ledger: dict[str, Any]) -> list[str]:
    return sorted(f["kind"] for f in ledger["flags"])


def order_and_coupon(backend: Backend, member: str, tmp_path: Path) -> Path:
    """A ready order of two cups and an unused coupon for the member, in a fresh wallet."""
    items = json.dumps({"items": [{"sku": "CUP", "name": "Cup", "qty": 2}]})
    admin(
        backend, "add-order", "--store", "S1", "--member", member, "--order", "O-1", "--body", items
    )
    admin(backend, "coupon", "--member", member, "--id", "C-1", "--kind", "amount")
    return enrol_wallet(backend, member, tmp_path / "wallet.json")


def test_two_counters_racing_for_one_pickup_order_hand_it_over_once(
    backend: Backend, tmp_path: Path
) -> None:
    wallet = order_and_coupon(backend, "M1", tmp_path)
    with two_counters(backend, tmp_path) as (t1, t2):
        codes = [next_code(wallet, Purpose.PICKUP) for _ in range(3)]
        outcomes = race(
            (t1, codes[0], Purpose.PICKUP, pickup), (t2, codes[1], Purpose.PICKUP, pickup)
        )
        done, refused = one_each(outcomes)
        assert (done.online, done.details["remaining"]) == (True, {"CUP": 0})
        assert refused.reason == "order_handed_over"
        assert "already handed over" in refused.message
        loser = t2 if done.event and _queued_at(t1, done.event) else t1
        for counter in (t1, t2):
            counter.sync()
        again = loser.attempt(codes[2], Purpose.PICKUP, pickup)
        assert isinstance(again, CounterRefused) and again.reason == "order_handed_over"
    ledger = backend.ledger("M1")
    assert [e["event"] for e in ledger["entries"]] == [done.event]
    assert ledger["balance"] == 0
    # Refused before anything was handed over: nothing for the office (issue 16, item 6).
    assert flag_kinds(ledger) == []


def test_an_order_begun_at_one_counter_is_finished_at_another_never_beyond_its_items(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    wallet = order_and_coupon(sqlite_backend, "M1", tmp_path)
    with two_counters(sqlite_backend, tmp_path) as (t1, t2):
        part = t1.attempt(
            next_code(wallet, Purpose.PICKUP),
            Purpose.PICKUP,
            lambda s, v: s.pickup(v, CASHIER, {"CUP": 1}),
        )
        assert isinstance(part, OpResult) and part.details["remaining"] == {"CUP": 1}
        # Counter 2's own outbox knows nothing of the order; the backend knows one cup is left.
        too_many = t2.attempt(
            next_code(wallet, Purpose.PICKUP),
            Purpose.PICKUP,
            lambda s, v: s.pickup(v, CASHIER, {"CUP": 2}),
        )
        assert isinstance(too_many, CounterRefused)
        assert too_many.reason == "items_exceed_remaining"
        assert "Still to hand over: 1 x Cup." in too_many.message
        rest = t2.attempt(next_code(wallet, Purpose.PICKUP), Purpose.PICKUP, pickup)
        assert isinstance(rest, OpResult) and rest.details["items"] == {"CUP": 1}
        assert rest.details["remaining"] == {"CUP": 0}
        for counter in (t1, t2):
            counter.sync()
        after = t1.attempt(next_code(wallet, Purpose.PICKUP), Purpose.PICKUP, pickup)
        assert isinstance(after, CounterRefused) and after.reason == "order_handed_over"
    ledger = sqlite_backend.ledger("M1")
    assert sorted(e["event"] for e in ledger["entries"]) == sorted([part.event, rest.event])
    assert flag_kinds(ledger) == []


def test_two_counters_racing_for_one_coupon_accept_it_once(
    backend: Backend, tmp_path: Path
) -> None:
    wallet = order_and_coupon(backend, "M1", tmp_path)
    with two_counters(backend, tmp_path) as (t1, t2):
        codes = [next_code(wallet, Purpose.COUPON) for _ in range(2)]
        outcomes = race(
            (t1, codes[0], Purpose.COUPON, use_coupon), (t2, codes[1], Purpose.COUPON, use_coupon)
        )
        done, refused = one_each(outcomes)
        assert done.online is True
        assert (refused.reason, refused.message) == (
            "coupon_used",
            "This coupon has already been used.",
        )
        for counter in (t1, t2):
            counter.sync()
    ledger = backend.ledger("M1")
    assert [e["event"] for e in ledger["entries"]] == [done.event]
    assert flag_kinds(ledger) == ["coupon_used"]


def test_a_member_checked_in_at_two_counters_at_once_is_checked_in_once(
    backend: Backend, tmp_path: Path
) -> None:
    wallet = enrol_wallet(backend, "M1", tmp_path / "wallet.json")
    with two_counters(backend, tmp_path) as (t1, t2):
        codes = [next_code(wallet, Purpose.CHECKIN) for _ in range(3)]
        outcomes = race(
            (t1, codes[0], Purpose.CHECKIN, checkin), (t2, codes[1], Purpose.CHECKIN, checkin)
        )
        done, refused = one_each(outcomes)
        assert refused.reason == "already_checked_in"
        for counter in (t1, t2):
            counter.sync()
        # After the event arrived, the check-in is in the ledger: still refused at either counter.
        later = (t1 if _queued_at(t2, done.event or "") else t2).attempt(
            codes[2], Purpose.CHECKIN, checkin
        )
        assert isinstance(later, CounterRefused) and later.reason == "already_checked_in"
    ledger = backend.ledger("M1")
    assert [e["event"] for e in ledger["entries"]] == [done.event]
    assert ledger["balance"] == 10
    assert flag_kinds(ledger) == ["already_checked_in", "already_checked_in"]


def test_a_code_used_at_one_counter_is_refused_at_the_other(
    backend: Backend, tmp_path: Path
) -> None:
    wallet = enrol_wallet(backend, "M1", tmp_path / "wallet.json")
    with two_counters(backend, tmp_path) as (t1, t2):
        earned = award(t1.data, wallet, "500")
        t1.sync()
        # One code shown at both counters at once (a photograph): one redemption, not two.
        code = next_code(wallet)
        done, refused = one_each(
            race(
                (t1, code, Purpose.CHECKOUT, redeem_coffee),
                (t2, code, Purpose.CHECKOUT, redeem_coffee),
            )
        )
        assert done.online is True and done.points == -200
        assert refused.reason == "code_used"
        assert "another counter" in refused.message
        # A code used for an award at one counter and synced, then shown at the other.
        shown = next_code(wallet)
        extra = t1.attempt(shown, Purpose.CHECKOUT, lambda s, v: s.award(v, "50", CASHIER))
        t1.sync()
        again = t2.attempt(shown, Purpose.CHECKOUT, redeem_coffee)
        assert isinstance(again, CounterRefused) and again.reason == "code_used"
        for counter in (t1, t2):
            counter.sync()
    ledger = backend.ledger("M1")
    assert sorted(e["event"] for e in ledger["entries"]) == sorted(
        [earned["event"], done.event, extra.event]
    )
    assert ledger["balance"] == 500 - 200 + 50
    assert flag_kinds(ledger) == ["code_used", "code_used"]


def test_one_balance_spent_at_two_counters_at_once_is_spent_once(
    backend: Backend, tmp_path: Path
) -> None:
    wallet = enrol_wallet(backend, "M1", tmp_path / "wallet.json")
    with two_counters(backend, tmp_path) as (t1, t2):
        earned = award(t1.data, wallet, "300")
        t1.sync()
        codes = [next_code(wallet) for _ in range(2)]
        done, refused = one_each(
            race(
                (t1, codes[0], Purpose.CHECKOUT, redeem_coffee),
                (t2, codes[1], Purpose.CHECKOUT, redeem_coffee),
            )
        )
        assert (done.online, done.details["balance"], done.details["available"]) == (True, 300, 100)
        assert refused.reason == "insufficient_points"
        assert refused.message == (
            "The member has 100 points available (balance 300); this reward needs 200."
        )
        for counter in (t1, t2):
            counter.sync()
    ledger = backend.ledger("M1")
    assert sorted(e["event"] for e in ledger["entries"]) == sorted([earned["event"], done.event])
    assert ledger["balance"] == 100
    assert ledger["flags"] == []


def test_offline_a_counter_refuses_what_its_last_pull_says_was_used(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    wallet = order_and_coupon(sqlite_backend, "M1", tmp_path)
    with two_counters(sqlite_backend, tmp_path) as (t1, t2):
        handed = t1.attempt(next_code(wallet, Purpose.PICKUP), Purpose.PICKUP, pickup)
        used = t1.attempt(next_code(wallet, Purpose.COUPON), Purpose.COUPON, use_coupon)
        assert isinstance(handed, OpResult) and isinstance(used, OpResult)
        t1.sync()
        t2.sync()  # pulls the order's and the coupon's statuses
        t2.online(False)
        order = t2.attempt(next_code(wallet, Purpose.PICKUP), Purpose.PICKUP, pickup)
        coupon = t2.attempt(next_code(wallet, Purpose.COUPON), Purpose.COUPON, use_coupon)
        assert isinstance(order, CounterRefused) and order.reason == "order_handed_over"
        assert "O-1 was already handed over" in order.message and "last synced" in order.message
        assert isinstance(coupon, CounterRefused) and coupon.reason == "coupon_used"
        assert "last synced" in coupon.message
        t2.online(True)
        assert t2.sync()["sent"] == 0  # nothing was queued at the second counter
    ledger = sqlite_backend.ledger("M1")
    assert [e["event"] for e in ledger["entries"]] == [handed.event, used.event]
    assert ledger["flags"] == []


def test_what_slips_through_while_both_are_offline_is_rejected_and_flagged_at_ingest(
    backend: Backend, tmp_path: Path
) -> None:
    wallet = order_and_coupon(backend, "M1", tmp_path)
    with two_counters(backend, tmp_path) as (t1, t2):
        t1.online(False)
        t2.online(False)
        outcomes = []
        for counter in (t1, t2):
            outcomes.append(
                counter.attempt(next_code(wallet, Purpose.PICKUP), Purpose.PICKUP, pickup)
            )
            outcomes.append(
                counter.attempt(next_code(wallet, Purpose.COUPON), Purpose.COUPON, use_coupon)
            )
            outcomes.append(
                counter.attempt(next_code(wallet, Purpose.CHECKIN), Purpose.CHECKIN, checkin)
            )
        assert all(isinstance(o, OpResult) and o.online is False for o in outcomes)
        t1.online(True)
        t2.online(True)
        assert t1.sync()["accepted"] == 3
        report = t2.sync()
        assert (report["accepted"], report["rejected"]) == (0, 3)
    ledger = backend.ledger("M1")
    first = [o.event for o in outcomes[:3] if isinstance(o, OpResult)]
    assert [e["event"] for e in ledger["entries"]] == first
    assert ledger["balance"] == 10  # one check-in
    assert flag_kinds(ledger) == ["checkin_reused", "coupon_reused", "order_reused"]


def _queued_at(counter: Counter, event: str) -> bool:
    """Whether the counter's outbox holds the event."""
    service = CounterService.open(counter.data)
    try:
        return any(e.id == event for e in service.recent_operations()[1])
    finally:
        service.close()
