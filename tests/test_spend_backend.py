"""Refusals that name the real reason, and an order finished at another counter, against the
real backend on 127.0.0.1.

A redemption short of points whose code went stale while the reward was chosen is refused for
the points (a new code would not help). An order partly handed over at one counter is finished
at another of the same store (tests/test_hostile_two_terminals.py: a refused one names the
items and raises no flag); only a handover ingest had to reject is flagged.
"""

from __future__ import annotations

import dataclasses
import json
import time
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select

from backend import schema
from crypto.code import Purpose
from protocol import signing
from protocol.events import new_event_id
from terminal.counter.errors import CounterRefused
from terminal.counter.results import OpResult
from terminal.counter.service import CounterService
from tests.counter_setup import CASHIER
from tests.fixtures import members
from tests.fixtures.backend import Backend
from tests.fixtures.rogue import Rogue
from tests.fixtures.terminal import admin, next_code, provision
from tests.test_hostile_two_terminals import (
    flag_kinds,
    pickup,
    two_counters,
)
from tests.test_hostile_two_terminals import (
    order_and_coupon as ready_order,
)

pytest_plugins = ["tests.fixtures.plugin"]

LATE = 150.0  # seconds: five code steps, stale at the backend, within the terminal's leeway


def test_a_redemption_short_of_points_with_a_stale_code_is_refused_for_the_points(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    data = tmp_path / "terminal"
    provision(sqlite_backend, data)
    phone = members.enrol(sqlite_backend, "M7")  # 0 points; coffee costs 200
    now = time.time()
    synced = CounterService.open(data)
    try:
        synced.sync_now()  # the catalog comes down
    finally:
        synced.close()
    # The code was fresh when scanned (the terminal's moment), stale when the backend is asked.
    service = CounterService.open(data, clock=lambda: now - LATE)
    try:
        view = service.scan(phone.code(at=now - LATE), service.new_checkout())
        with pytest.raises(CounterRefused) as refused:
            service.redeem(view, "coffee", CASHIER)
    finally:
        service.close()
    assert refused.value.reason == "insufficient_points"
    assert refused.value.message == (
        "The member has 0 points available (balance 0); this reward needs 200."
    )
    assert sqlite_backend.ledger("M7")["entries"] == []


def test_a_stale_code_with_enough_points_is_still_refused_as_stale(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    data = tmp_path / "terminal"
    provision(sqlite_backend, data)
    phone = members.enrol(sqlite_backend, "M8")
    with sqlite_backend.engine.begin() as conn:
        conn.execute(
            schema.members.update().where(schema.members.c.id == "M8").values(balance=1000)
        )
    phone = members.refresh(phone)  # the card says 1000
    now = time.time()
    synced = CounterService.open(data)
    try:
        synced.sync_now()
    finally:
        synced.close()
    service = CounterService.open(data, clock=lambda: now - LATE)
    try:
        view = service.scan(phone.code(at=now - LATE), service.new_checkout())
        with pytest.raises(CounterRefused) as refused:
            service.redeem(view, "coffee", CASHIER)
    finally:
        service.close()
    assert refused.value.reason == "stale"


def test_an_order_begun_at_one_counter_is_finished_at_another_of_the_store(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    wallet = ready_order(sqlite_backend, "M1", tmp_path)  # order O-1: two cups
    with two_counters(sqlite_backend, tmp_path) as (t1, t2):
        part = t1.attempt(
            next_code(wallet, Purpose.PICKUP),
            Purpose.PICKUP,
            lambda s, v: s.pickup(v, CASHIER, {"CUP": 1}),
        )
        assert isinstance(part, OpResult) and part.details["remaining"] == {"CUP": 1}
        t1.sync()
        # Counter 2 finishes it: the backend knows what remains across counters.
        rest = t2.attempt(next_code(wallet, Purpose.PICKUP), Purpose.PICKUP, pickup)
        assert isinstance(rest, OpResult) and rest.online
        assert (rest.details["items"], rest.details["remaining"]) == ({"CUP": 1}, {"CUP": 0})
        assert rest.details["complete"] is True
        assert part.details["remaining_lines"] == [["Cup", 1]]  # the banner's words
        t2.sync()
        # Both handovers are in the ledger; the order is done; nothing was flagged.
        after = t1.attempt(next_code(wallet, Purpose.PICKUP), Purpose.PICKUP, pickup)
        assert isinstance(after, CounterRefused) and after.reason == "order_handed_over"
    ledger = sqlite_backend.ledger("M1")
    assert sorted(e["event"] for e in ledger["entries"]) == sorted([part.event, rest.event])
    assert flag_kinds(ledger) == []


def test_a_handover_another_counter_made_offline_is_rejected_and_flagged(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    wallet = ready_order(sqlite_backend, "M1", tmp_path)
    with two_counters(sqlite_backend, tmp_path) as (t1, t2):
        part = t1.attempt(
            next_code(wallet, Purpose.PICKUP),
            Purpose.PICKUP,
            lambda s, v: s.pickup(v, CASHIER, {"CUP": 1}),
        )
        assert isinstance(part, OpResult)
        t1.sync()
        t2.online(False)  # counter 2 cannot ask: it hands over both cups on its own count
        blind = t2.attempt(next_code(wallet, Purpose.PICKUP), Purpose.PICKUP, pickup)
        assert isinstance(blind, OpResult) and blind.online is False
        t2.online(True)
        t2.sync()
    ledger = sqlite_backend.ledger("M1")
    assert [e["event"] for e in ledger["entries"]] == [part.event]
    assert flag_kinds(ledger) == ["order_reused"]


def _authorise(rogue: Rogue, request: dict[str, Any]) -> dict[str, Any]:
    """A signed online authorisation request, as the terminal's key makes it."""
    body = json.dumps(request).encode()
    path = "/v1/authorisations"
    headers = signing.sign_request(rogue.key, rogue.terminal, "POST", path, body, int(time.time()))
    reply = requests.post(f"{rogue.backend.url}{path}", data=body, headers=headers, timeout=10)
    assert reply.status_code == 200, reply.text
    return dict(reply.json())


def test_a_rooted_counter_cannot_finish_an_order_beyond_what_was_authorised(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    items = {"items": [{"sku": "CUP", "name": "Cup", "qty": 2}]}
    admin(
        sqlite_backend,
        "add-order",
        "--store",
        "S1",
        "--member",
        "M1",
        "--order",
        "O-1",
        "--body",
        json.dumps(items),
    )
    phone = members.enrol(sqlite_backend, "M1")
    order = members.document(sqlite_backend, "pickup", "O-1", "M1", body=items)
    first, second = Rogue(sqlite_backend, tmp_path / "r1"), Rogue(sqlite_backend, tmp_path / "r2")

    def handover(rogue: Rogue, cups: int, checkout: str, event_id: str | None = None) -> Any:
        new = members.member_event(
            phone,
            "pickup",
            0,
            checkout=checkout,
            purpose=Purpose.PICKUP,
            document=order,
            order_id="O-1",
            details={"items": {"CUP": cups}, "complete": False},
        )
        return dataclasses.replace(new, event_id=event_id or new.event_id)

    begun = first.push(handover(first, 1, "K1"))
    assert begun["status"] == "accepted"
    # Counter 2 with no authorisation: the order is the first counter's.
    assert second.push(handover(second, 1, "K2"))["reason"] == "order_reused"
    # Authorised for the one cup left, it sends two.
    greedy = handover(second, 2, "K3", new_event_id())
    approved = _authorise(
        second,
        {
            "event": greedy.event_id,
            "kind": "pickup",
            "code": greedy.code,
            "checkout": "K3",
            "items": {"CUP": 1},
        },
    )
    assert approved["approved"] and approved["remaining"] == {"CUP": 0}
    assert second.push(greedy)["reason"] == "order_reused"
    # The cup as authorised: accepted, and the order is handed over in full.
    honest = handover(second, 1, "K4", new_event_id())
    approved = _authorise(
        second,
        {
            "event": honest.event_id,
            "kind": "pickup",
            "code": honest.code,
            "checkout": "K4",
            "items": {"CUP": 1},
        },
    )
    assert approved["approved"]
    assert second.push(honest)["status"] == "accepted"
    ledger = sqlite_backend.ledger("M1")
    assert len(ledger["entries"]) == 2
    assert flag_kinds(ledger) == ["order_reused", "order_reused"]
    with sqlite_backend.engine.begin() as conn:
        status = conn.execute(
            select(schema.pickup_orders.c.status).where(schema.pickup_orders.c.id == "O-1")
        ).scalar_one()
    assert status == "handed_over"


def test_offline_another_counter_refuses_an_order_begun_elsewhere_naming_what_is_left(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    wallet = ready_order(sqlite_backend, "M1", tmp_path)
    with two_counters(sqlite_backend, tmp_path) as (t1, t2):
        part = t1.attempt(
            next_code(wallet, Purpose.PICKUP),
            Purpose.PICKUP,
            lambda s, v: s.pickup(v, CASHIER, {"CUP": 1}),
        )
        assert isinstance(part, OpResult)
        t1.sync()
        t2.sync()  # the order statuses now say one cup went at another counter
        t2.online(False)
        states: list[Any] = []

        def look_then_hand_over(service: CounterService, view: Any) -> OpResult:
            states.append(service.order_state(view))
            return service.pickup(view, CASHIER)

        refused = t2.attempt(next_code(wallet, Purpose.PICKUP), Purpose.PICKUP, look_then_hand_over)
        assert isinstance(refused, CounterRefused) and refused.reason == "order_elsewhere"
        assert refused.message == (
            "Order O-1 was partly handed over at another counter; while the loyalty server"
            " does not answer, only that counter can go on. Still to hand over: 1 x Cup."
        )
        # The pickup screen shows the other counter's cup as handed over.
        assert [(line.name, line.handed_over) for line in states[0].lines] == [("Cup", 1)]
        t2.online(True)
        t2.sync()
    ledger = sqlite_backend.ledger("M1")
    assert [e["event"] for e in ledger["entries"]] == [part.event]
    assert flag_kinds(ledger) == []
