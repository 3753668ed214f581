"""The terminal and wallet against the real backend on 127.0.0.1, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import requests

from config.paths import DataPaths
from crypto.code import Purpose
from sync.outbox import Outbox
from tests.fixtures import members
from tests.fixtures.backend import Backend
from tests.fixtures.terminal import (
    award,
    enrol_wallet,
    next_code,
    provision,
    run_cli,
    sync,
    terminal,
)
from wallet.cli import main as wallet_main
from wallet.store import load_wallet

pytest_plugins = ["tests.fixtures.plugin"]


def test_award_then_sync_puts_the_points_in_the_ledger_once(
    backend: Backend, tmp_path: Path
) -> None:
    provision(backend, tmp_path / "t1")
    wallet = enrol_wallet(backend, "M1", tmp_path / "w.json")
    first = award(tmp_path / "t1", wallet, "12.50")
    second = award(tmp_path / "t1", wallet, "7.99")
    rc, report = sync(tmp_path / "t1")
    assert rc == 0, json.dumps(report)
    assert report | {"versions": None, "clock_offset_ms": None} == report | {
        "sent": 2,
        "accepted": 2,
        "duplicate": 0,
        "rejected": 0,
        "pending": 0,
        "versions": None,
        "clock_offset_ms": None,
    }
    ledger = backend.ledger("M1")
    assert [e["event"] for e in ledger["entries"]] == [first["event"], second["event"]]
    assert ledger["balance"] == 12 + 7


def test_points_follow_the_tier_multiplier_of_the_policy(backend: Backend, tmp_path: Path) -> None:
    provision(backend, tmp_path / "t1")
    with backend.engine.begin() as conn:
        from backend.members import set_tier

        set_tier(conn, "GOLD1", "gold", 0)
    wallet = enrol_wallet(backend, "GOLD1", tmp_path / "w.json")
    assert award(tmp_path / "t1", wallet, "12.50")["points"] == 18  # floor(12.50) x 1.5


def test_a_resent_event_is_a_duplicate_and_applied_once(backend: Backend, tmp_path: Path) -> None:
    provision(backend, tmp_path / "t1")
    wallet = enrol_wallet(backend, "M1", tmp_path / "w.json")
    done = award(tmp_path / "t1", wallet)
    sync(tmp_path / "t1")
    paths = DataPaths.resolve(tmp_path / "t1")
    with Outbox(paths.outbox, json.loads(paths.identity.read_text())["terminal_id"]) as outbox:
        outbox._db.execute("UPDATE events SET status = 'pending'")  # as if the reply was lost
    rc, report = sync(tmp_path / "t1")
    assert (rc, report["duplicate"], report["accepted"]) == (0, 1, 0)
    assert [e["event"] for e in backend.ledger("M1")["entries"]] == [done["event"]]


def test_the_same_code_used_at_two_terminals_is_applied_once_and_flagged(
    backend: Backend, tmp_path: Path
) -> None:
    provision(backend, tmp_path / "t1")
    provision(backend, tmp_path / "t2", store="S2")
    wallet = enrol_wallet(backend, "M1", tmp_path / "w.json")
    code = next_code(wallet)
    for data_dir in ("t1", "t2"):
        rc, out = terminal(
            ["award", "--data-dir", str(tmp_path / data_dir), "--amount", "10", code]
        )
        assert rc == 0, out
    assert sync(tmp_path / "t1")[1]["accepted"] == 1
    second = sync(tmp_path / "t2")[1]
    assert (second["accepted"], second["rejected"], second["reconciliation"]) == (0, 1, 1)
    ledger = backend.ledger("M1")
    assert ledger["balance"] == 10
    assert [f["kind"] for f in ledger["flags"]] == ["code_reused"]


def _outbox(data_dir: Path) -> Outbox:
    paths = DataPaths.resolve(data_dir)
    return Outbox(paths.outbox, json.loads(paths.identity.read_text())["terminal_id"])


def test_an_overdraft_by_offline_redemption_is_applied_and_reported(
    backend: Backend, tmp_path: Path
) -> None:
    provision(backend, tmp_path / "t1")
    phone = members.enrol(backend, "M9")
    with _outbox(tmp_path / "t1") as outbox:
        spent = outbox.append(members.redeem(phone, "cake"))
    assert sync(tmp_path / "t1")[1]["accepted"] == 1
    ledger = backend.ledger("M9")
    assert ledger["balance"] == spent.points < 0
    assert [f["kind"] for f in ledger["flags"]] == ["negative_balance"]


def test_a_pickup_order_and_a_coupon_count_once_across_terminals(
    backend: Backend, tmp_path: Path
) -> None:
    phone = members.enrol(backend, "M2")
    order = members.document(backend, "pickup", "O-1", "M2", body={"items": []})
    coupon = members.document(backend, "coupon", "C-1", "M2", body={"kind": "gift"})
    outcomes = []
    for name in ("t1", "t2"):
        provision(backend, tmp_path / name)
        with _outbox(tmp_path / name) as outbox:
            outbox.append(
                members.member_event(
                    phone, "pickup", 0, purpose=Purpose.PICKUP, document=order, order_id="O-1"
                )
            )
            outbox.append(
                members.member_event(
                    phone, "coupon", 0, purpose=Purpose.COUPON, document=coupon, coupon_id="C-1"
                )
            )
        outcomes.append(sync(tmp_path / name)[1])
    assert [(o["accepted"], o["rejected"]) for o in outcomes] == [(2, 0), (0, 2)]
    kinds = sorted(f["kind"] for f in backend.ledger("M2")["flags"])
    assert kinds == ["coupon_reused", "order_reused"]


def test_downloads_are_incremental_and_versioned(backend: Backend, tmp_path: Path) -> None:
    provision(backend, tmp_path / "t1")
    _, first = sync(tmp_path / "t1")
    assert first["versions"] == {
        "bundle": 1,
        "policy": 1,
        "catalog": 1,
        "pickup_orders": 0,
        "coupon_statuses": 0,
        "staff": 0,
    }
    from backend import downstream

    paths = DataPaths.resolve(tmp_path / "t1")
    phone = members.enrol(backend, "M1")
    coupon = members.document(backend, "coupon", "C-9", "M1", body={"kind": "gift"})
    with _outbox(tmp_path / "t1") as outbox:  # used here, so its status comes down
        outbox.append(
            members.member_event(
                phone, "coupon", 0, purpose=Purpose.COUPON, document=coupon, coupon_id="C-9"
            )
        )

    with backend.engine.begin() as conn:
        downstream.publish(conn, "policy", {"points_per_unit": "3"})
        downstream.add_order(conn, "O-7", "S1", "M1", {"items": ["tea"]})
        downstream.add_order(conn, "O-8", "S2", "M1", {})
    _, second = sync(tmp_path / "t1")
    assert second["versions"] == {
        "bundle": 1,
        "policy": 2,
        "catalog": 1,
        "pickup_orders": 1,
        "coupon_statuses": 1,
        "staff": 0,
    }
    _, third = sync(tmp_path / "t1")
    assert third["versions"]["coupon_statuses"] == 1  # nothing new: the same version
    from sync.state import TerminalState

    with TerminalState(paths.state) as state:
        assert (state.coupon_status("C-9"), state.coupon_status("C-1")) == ("used", None)
        assert state.synced_at("coupons") is not None
        assert [o["id"] for o in state.pickup_orders()] == ["O-7"]
        assert state.policy().points_per_unit == 3
        assert state.catalog()[0]["id"] == "coffee"


def test_wallet_refresh_carries_the_new_balance(backend: Backend, tmp_path: Path) -> None:
    provision(backend, tmp_path / "t1")
    wallet = enrol_wallet(backend, "M3", tmp_path / "w.json")
    award(tmp_path / "t1", wallet, "42.00")
    sync(tmp_path / "t1")
    rc, out = run_cli(wallet_main, ["refresh", str(wallet)])
    assert (rc, out["balance"]) == (0, 42)
    assert load_wallet(wallet).backend == backend.url


def test_the_openapi_document_is_published_with_versioned_paths(backend: Backend) -> None:
    doc = requests.get(f"{backend.url}/openapi.json", timeout=10).json()
    assert {"/v1/batches", "/v1/terminals/enrol", "/v1/authorisations"} <= set(doc["paths"])


def test_one_code_serves_every_operation_of_its_checkout_at_one_terminal(
    backend: Backend, tmp_path: Path
) -> None:
    # The terminal refuses the code in any other checkout; the backend refuses it elsewhere.
    provision(backend, tmp_path / "t1")
    provision(backend, tmp_path / "t2")
    phone = members.enrol(backend, "M4")
    text = phone.code()
    with _outbox(tmp_path / "t1") as outbox:
        earned = outbox.append(members.award(phone, "500.00", text=text))
        spent = outbox.append(members.redeem(phone, "coffee", text=text))
    with _outbox(tmp_path / "t2") as outbox:
        outbox.append(members.award(phone, "7.00", text=text))
    _, first = sync(tmp_path / "t1")
    assert (first["accepted"], first["rejected"]) == (2, 0)
    _, second = sync(tmp_path / "t2")
    assert (second["accepted"], second["rejected"]) == (0, 1)
    assert backend.ledger("M4")["balance"] == earned.points + spent.points


def test_editing_or_deleting_queued_events_is_flagged_by_the_chain(
    backend: Backend, tmp_path: Path
) -> None:
    provision(backend, tmp_path / "t1")
    phone = members.enrol(backend, "M6")
    with _outbox(tmp_path / "t1") as outbox:
        events = [outbox.append(members.award(phone, f"{p}.00")) for p in (1, 2, 3, 4, 5)]
        body = json.loads(outbox._db.execute("SELECT body FROM events WHERE seq = 2").fetchone()[0])
        body["points"] = 2000  # someone with the disk gives themselves points
        outbox._db.execute("UPDATE events SET body = ? WHERE seq = 2", (json.dumps(body),))
        outbox._db.execute("DELETE FROM events WHERE seq = 4")  # and hides another event
    sync(tmp_path / "t1")
    flags = {(f["kind"], f["event"]) for f in backend.ledger("M6")["flags"]}
    assert flags == {
        ("points_mismatch", events[1].id),  # the edited award itself is refused
        ("chain_broken", events[2].id),
        ("chain_gap", events[4].id),
    }
    assert backend.ledger("M6")["balance"] == 1 + 3 + 5
