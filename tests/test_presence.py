"""Identification without a QR code (issue 12, item 3), end to end: a real backend on
127.0.0.1, real wallets enrolled through it, real terminals driven through their CLI.

The member reads out the 8-digit code ``loyalty-wallet totp`` prints; the terminal sends it with
the member number to the backend and gets a presence proof, which the award carries to the
backend in place of a scanned code.
"""

from __future__ import annotations

import contextlib
import io
import json
import socket
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select

from backend import presence, schema
from config.paths import DataPaths
from crypto.timestep import manual_code
from sync.client import SyncClient
from sync.errors import BackendUnavailable, Refused
from sync.http import SignedSession
from sync.outbox import Outbox
from terminal.cli.counter_cmd import POS
from terminal.counter import manual
from terminal.counter.service import CounterService
from terminal.terminal_identity import load_identity, save_identity
from tests.counter_setup import provision_offline
from tests.fixtures.backend import Backend
from tests.fixtures.clock import wait_for_room_in_window
from tests.fixtures.terminal import award, enrol_wallet, provision, run_cli, sync, terminal
from wallet.cli import main as wallet_main
from wallet.store import load_wallet, save_wallet

pytest_plugins = ["tests.fixtures.plugin"]


def _totp(wallet: Path, at: float | None = None) -> str:
    """What the member reads off the phone: ``loyalty-wallet totp``'s one line."""
    argv = ["totp", str(wallet)] + ([] if at is None else ["--at", str(at)])
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert wallet_main(argv) == 0
    text = out.getvalue().strip()
    assert len(text) == 8 and text.isdigit(), text
    return text


def _award_manual(data_dir: Path, member: str, totp: str, amount: str = "10.00") -> Any:
    argv = ["award", "--data-dir", str(data_dir), "--amount", amount, "--manual", member]
    return terminal([*argv, "--totp", totp])


def _queued(data_dir: Path) -> list[Any]:
    identity = load_identity(DataPaths.resolve(data_dir))
    with Outbox(DataPaths.resolve(data_dir).outbox, identity.terminal) as outbox:
        return outbox.unsent(100)


def _client(data_dir: Path) -> SyncClient:
    identity = load_identity(DataPaths.resolve(data_dir))
    return SyncClient(SignedSession(identity.backend, identity.terminal, identity.key))


@pytest.fixture
def setup(sqlite_backend: Backend, tmp_path: Path) -> tuple[Backend, Path, Path]:
    provision(sqlite_backend, tmp_path / "t1")
    wallet = enrol_wallet(sqlite_backend, "M1", tmp_path / "w.json")
    return sqlite_backend, tmp_path / "t1", wallet


def test_the_wallet_shows_the_code_of_the_secret_the_backend_holds(setup) -> None:
    backend, _, wallet = setup
    with backend.engine.begin() as conn:
        stored = conn.execute(
            select(schema.member_totp.c.secret).where(schema.member_totp.c.member == "M1")
        ).scalar_one()
    # Wrapped under the node's master key in the database (backend.keys.master), never in clear.
    assert stored != load_wallet(wallet).totp_secret
    secret = backend.issuers().vault.unwrap_text(stored, presence.totp_aad("M1"))
    assert load_wallet(wallet).totp_secret == secret
    at = time.time()
    assert _totp(wallet, at) == manual_code(secret, at)


def test_a_manual_award_lands_in_the_ledger_with_the_presence_proof(setup) -> None:
    backend, data_dir, wallet = setup
    rc, out = _award_manual(data_dir, "M1", _totp(wallet), "25.00")
    assert rc == 0, out
    assert (out["ok"], out["member"], out["points"]) == (True, "M1", 25)
    [queued] = _queued(data_dir)
    assert queued.code is None and queued.presence and queued.code_id.startswith("presence/")
    rc, report = sync(data_dir)
    assert rc == 0 and report["accepted"] == 1, report
    ledger = backend.ledger("M1")
    assert ledger["balance"] == 25 and [e["event"] for e in ledger["entries"]] == [out["event"]]
    assert ledger["flags"] == []


def test_a_wrong_code_is_refused_and_nothing_is_queued(setup) -> None:
    _, data_dir, wallet = setup
    right = _totp(wallet)
    wrong = f"{(int(right) + 1) % 10**8:08d}"
    rc, out = _award_manual(data_dir, "M1", wrong)
    assert (rc, out["reason"]) == (1, "totp_invalid")
    assert "wrong" in out["message"]
    assert _queued(data_dir) == []


def test_a_code_for_an_unknown_member_is_refused_like_a_wrong_one(setup) -> None:
    _, data_dir, wallet = setup
    rc, out = _award_manual(data_dir, "NOBODY", _totp(wallet))
    assert (rc, out["reason"]) == (1, "totp_invalid")


def test_a_used_code_cannot_identify_anyone_again(setup) -> None:
    _, data_dir, wallet = setup
    code = _totp(wallet)
    assert _award_manual(data_dir, "M1", code)[0] == 0
    rc, out = _award_manual(data_dir, "M1", code)  # read off over the member's shoulder
    assert (rc, out["reason"]) == (1, "totp_used")
    assert len(_queued(data_dir)) == 1


def test_the_sixth_try_is_refused_even_with_the_right_code(setup) -> None:
    backend, data_dir, wallet = setup
    wait_for_room_in_window(presence.TOTP_TRIES.window, 30)
    client = _client(data_dir)
    right = _totp(wallet)
    wrong = f"{(int(right) + 5) % 10**8:08d}"
    for _ in range(5):
        with pytest.raises(Refused) as refused:
            client.presence("M1", wrong, "K1")
        assert refused.value.reason == "totp_invalid"
    with pytest.raises(BackendUnavailable) as locked:
        client.presence("M1", right, "K1")
    assert locked.value.reason == "totp_locked"
    assert locked.value.retry_after is not None and 0 < locked.value.retry_after <= 900
    rc, out = _award_manual(data_dir, "M1", right)  # and through the counter, a sentence
    assert (rc, out["reason"]) == (1, "totp_locked") and "QR code" in out["message"]
    assert _queued(data_dir) == []
    assert ("totp_locked", None) in [(f["kind"], f["event"]) for f in backend.ledger("M1")["flags"]]


def test_the_limit_is_per_member(setup, tmp_path: Path) -> None:
    backend, data_dir, _ = setup
    other = enrol_wallet(backend, "M2", tmp_path / "w2.json")
    client = _client(data_dir)
    for _ in range(6):
        with pytest.raises((Refused, BackendUnavailable)):
            client.presence("M1", "00000000", "K1")
    assert _award_manual(data_dir, "M2", _totp(other))[0] == 0


def test_a_terminal_without_a_backend_refuses_manual_identification(tmp_path: Path) -> None:
    setup = provision_offline(tmp_path / "t")
    rc, out = _award_manual(setup.data_dir, "M1", "12345678")
    assert (rc, out["reason"]) == (1, "manual_needs_online")
    assert "QR code" in out["message"]


def test_a_terminal_whose_backend_is_down_refuses_manual_identification(setup) -> None:
    _, data_dir, wallet = setup
    paths = DataPaths.resolve(data_dir)
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}"
    save_identity(paths, replace(load_identity(paths), backend=dead))
    rc, out = _award_manual(data_dir, "M1", _totp(wallet))
    assert (rc, out["reason"]) == (1, "manual_needs_online")
    assert _queued(data_dir) == []


def test_the_code_can_come_from_stdin_or_the_environment(setup, monkeypatch) -> None:
    _, data_dir, wallet = setup
    argv = ["award", "--data-dir", str(data_dir), "--amount", "5", "--manual", "M1"]
    monkeypatch.setattr("sys.stdin", io.StringIO(_totp(wallet) + "\n"))
    rc, out = terminal([*argv, "--totp", "-"])
    assert rc == 0, out
    monkeypatch.setenv("LOYALTY_TOTP", _totp(wallet, time.time() + 30))  # the next step's
    rc, out = terminal(argv)
    assert rc == 0, out
    assert len(_queued(data_dir)) == 2


def test_code_and_manual_together_are_a_usage_error(setup) -> None:
    _, data_dir, _ = setup
    argv = ["award", "--data-dir", str(data_dir), "--amount", "5", "--manual", "M1", "LP1:X"]
    rc, _ = terminal([*argv, "--totp", "12345678"])
    assert rc == 2


def test_a_member_enrolled_before_manual_codes_gets_a_secret_at_refresh(setup) -> None:
    backend, data_dir, wallet = setup
    with backend.engine.begin() as conn:  # as the database was before migration 0009
        conn.execute(delete(schema.member_totp).where(schema.member_totp.c.member == "M1"))
    save_wallet(wallet, replace(load_wallet(wallet), totp_secret=None))
    rc, out = run_cli(wallet_main, ["totp", str(wallet)])
    assert rc == 2
    rc, out = run_cli(wallet_main, ["refresh", str(wallet)])
    assert rc == 0, out
    assert _award_manual(data_dir, "M1", _totp(wallet))[0] == 0


def test_the_wallet_file_keeps_the_secret_private(setup) -> None:
    _, _, wallet = setup
    assert wallet.stat().st_mode & 0o077 == 0
    assert json.loads(wallet.read_text())["totp_secret"]


def test_a_manual_redemption_is_authorised_online_with_the_proof(setup) -> None:
    backend, data_dir, wallet = setup
    assert _award_manual(data_dir, "M1", _totp(wallet), "500.00")[0] == 0
    assert sync(data_dir)[1]["accepted"] == 1
    service = CounterService.open(data_dir)
    try:
        checkout = CounterService.new_checkout()
        view = manual.identify(service.ctx, "M1", _totp(wallet, time.time() + 30), checkout)
        assert (view.balance, view.code, view.presence != "") == (500, "", True)
        result = service.redeem(view, "coffee", POS)
    finally:
        service.close()
    assert (result.ok, result.online, result.points) == (True, True, -200)
    with backend.engine.begin() as conn:  # held by the online approval until the event arrives
        held = conn.execute(select(schema.holds.c.points)).scalars().all()
    assert held == [200]
    assert sync(data_dir)[1]["accepted"] == 1
    assert backend.ledger("M1")["balance"] == 300


def test_a_presence_request_over_4_kib_is_refused_before_it_is_read(setup) -> None:
    _, data_dir, _ = setup
    client = _client(data_dir)
    body = json.dumps({"member": "M1", "totp": "12345678", "checkout": "K" * 5000}).encode()
    with pytest.raises(Refused) as refused:
        client.session.post("/v1/presence", body)
    assert (refused.value.reason, refused.value.status) == ("too_large", 413)


def test_the_secret_never_reaches_the_terminal(setup) -> None:
    _, data_dir, wallet = setup
    secret = load_wallet(wallet).totp_secret
    assert secret
    assert _award_manual(data_dir, "M1", _totp(wallet))[0] == 0
    assert sync(data_dir)[1]["accepted"] == 1
    files = [p for p in Path(data_dir).rglob("*") if p.is_file()]
    assert files
    for path in files:
        assert secret.encode() not in path.read_bytes(), path


def test_the_member_command_identifies_by_number_and_code_and_shows_the_figures(setup) -> None:
    _, data_dir, wallet = setup
    assert award(data_dir, wallet, "40.00")["ok"]  # an earlier purchase, with the QR code
    assert sync(data_dir)[1]["accepted"] == 1
    rc, out = terminal(
        ["member", "--data-dir", str(data_dir), "--manual", "M1", "--totp", _totp(wallet)]
    )
    assert rc == 0, out
    assert (out["member"], out["online"], out["balance_source"]) == ("M1", True, "backend")
    assert (out["balance"], out["pending_points"], out["available_points"]) == (40, 0, 40)
    assert [r["kind"] for r in out["recent"]] == ["award"]
    rc, refused = terminal(
        ["member", "--data-dir", str(data_dir), "--manual", "M1", "--totp", "00000000"]
    )
    assert rc == 1 and refused["reason"] == "totp_invalid", refused
