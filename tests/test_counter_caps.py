"""Offline caps that hold: checked in the transaction that queues the redemption.

Several real processes redeem for one member on one data directory at once; the cap must
hold in every trial. Redemptions the backend authorised online carry no offline risk and do
not count; the one-reward-per-code rule is decided before the cap.
"""

from __future__ import annotations

import multiprocessing

import pytest

from protocol.events import NewEvent
from sync.outbox import Outbox, Status
from terminal.counter.errors import CounterRefused
from terminal.counter.service import CounterService
from tests.counter_setup import CASHIER, provision_offline
from tests.member_codes import T0

PROCESSES = 4
TRIALS = 5


def _fixed_clock() -> float:
    return T0


def _redeem_in_a_process(data_dir: str, code: str, start: object, results: object) -> None:
    """One counter process: scan, wait for the others, then redeem the 300-point mug."""
    service = CounterService.open(data_dir, clock=_fixed_clock)
    try:
        view = service.scan(code, service.new_checkout())
        start.wait(30)  # type: ignore[attr-defined]
        try:
            result = service.redeem(view, "R-MUG", CASHIER)
            results.put(("ok", result.event))  # type: ignore[attr-defined]
        except CounterRefused as exc:
            results.put((exc.reason, exc.message))  # type: ignore[attr-defined]
    finally:
        service.close()


@pytest.mark.parametrize("trial", range(TRIALS))
def test_processes_racing_on_one_data_dir_never_pass_the_offline_cap(tmp_path, trial):
    terminal = provision_offline(tmp_path / "terminal")
    member = terminal.member(balance=5000)
    codes = [member.code() for _ in range(PROCESSES)]
    context = multiprocessing.get_context("fork")
    start, results = context.Barrier(PROCESSES), context.Queue()
    workers = [
        context.Process(
            target=_redeem_in_a_process, args=(str(terminal.data_dir), code, start, results)
        )
        for code in codes
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(30)
        assert worker.exitcode == 0
    # 300 + 300 > 500: exactly one mug, the others refused with the cap's sentence.
    assert sorted(reason for reason, _ in outcomes) == ["offline_cap"] * (PROCESSES - 1) + ["ok"]
    assert all("300 already used today" in text for reason, text in outcomes if reason != "ok")
    with Outbox(terminal.data_dir / "outbox.sqlite", "T1") as outbox:
        redeemed = [e for e in outbox.by_member("M1001") if e.event.kind == "redeem"]
    assert [e.event.points for e in redeemed] == [-300]


def test_redemptions_authorised_online_do_not_count_towards_the_offline_cap(tmp_path):
    terminal = provision_offline(tmp_path / "terminal")
    member = terminal.member(balance=5000)
    service = terminal.open()
    try:
        # What an online-authorised redemption leaves in the outbox (redeem.py's details).
        service.ctx.outbox.append(
            NewEvent(
                kind="redeem",
                member="M1001",
                points=-450,
                code_id="online-approved",
                staff="c1",
                details={"reward": "R-X", "name": "X", "cash": "0", "online": True},
            )
        )
        assert service.ctx.outbox.get(service.ctx.outbox.unsent(1)[0].id).status is Status.PENDING
        first = service.redeem(
            service.scan(member.code(), service.new_checkout()), "R-MUG", CASHIER
        )
        assert first.ok and first.points == -300
        with pytest.raises(CounterRefused) as info:
            service.redeem(service.scan(member.code(), service.new_checkout()), "R-MUG", CASHIER)
        assert info.value.reason == "offline_cap"
        assert "300 already used today" in info.value.message
    finally:
        service.close()


def test_the_same_code_again_is_refused_as_redeemed_before_any_cap(tmp_path):
    terminal = provision_offline(tmp_path / "terminal")
    service = terminal.open()
    try:
        view = service.scan(terminal.member(balance=5000).code(), service.new_checkout())
        assert service.redeem(view, "R-MUG", CASHIER).ok
        # 300 + 300 is over the cap too: the code rule answers first, so no supervisor is
        # fetched for a redemption that would be refused anyway.
        with pytest.raises(CounterRefused) as info:
            service.redeem(view, "R-MUG", CASHIER)
        assert info.value.reason == "already_redeemed"
    finally:
        service.close()
