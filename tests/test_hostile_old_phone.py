"""A thief with a member's old phone: after the member logs in on a new phone, the old one's
codes are refused by terminals once they hold the next bundle, and it can no longer refresh.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from backend import schema
from crypto import keys
from sync.enrol import enrol_member, refresh_member
from sync.errors import Refused
from tests.fixtures.backend import Backend
from tests.fixtures.members import issuer_of
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


def _cert_ids(backend: Backend, device: bytes) -> set[bytes]:
    certs = schema.member_certificates
    with backend.engine.begin() as conn:
        rows = conn.execute(
            select(certs.c.cert_id).where(certs.c.device_public == device.hex())
        ).all()
    return {bytes.fromhex(row.cert_id) for row in rows}


def _device(wallet: Path) -> bytes:
    return keys.public_raw(load_wallet(wallet).device_key)


def _award_refused(data_dir: Path, wallet: Path) -> str:
    rc, out = terminal(
        ["award", "--data-dir", str(data_dir), "--amount", "40.00", next_code(wallet)]
    )
    assert (rc, out["ok"]) == (1, False), out
    return str(out["reason"])


def test_the_old_phone_is_refused_after_the_member_moves_to_a_new_one(
    backend: Backend, tmp_path: Path
) -> None:
    data_dir = tmp_path / "t1"
    provision(backend, data_dir)
    old_phone = enrol_wallet(backend, "M1", tmp_path / "old.json")
    shutil.copy(old_phone, tmp_path / "old-first-cert.json")  # the thief keeps both certificates
    assert run_cli(wallet_main, ["refresh", str(old_phone)])[0] == 0
    assert len(_cert_ids(backend, _device(old_phone))) == 2
    award(data_dir, old_phone, "10.00")
    assert sync(data_dir)[0] == 0

    new_phone = enrol_wallet(backend, "M1", tmp_path / "new.json")  # logs in again, new phone

    revoked = issuer_of(backend).bundle.revoked_certs
    assert _cert_ids(backend, _device(old_phone)) <= revoked
    assert not _cert_ids(backend, _device(new_phone)) & revoked
    # Until it syncs, the terminal still holds the old bundle: the old code verifies offline.
    rc, out = terminal(["verify", "--data-dir", str(data_dir), next_code(old_phone)])
    assert (rc, out["ok"]) == (0, True)

    assert sync(data_dir)[0] == 0
    assert _award_refused(data_dir, old_phone) == "revoked"
    assert _award_refused(data_dir, tmp_path / "old-first-cert.json") == "revoked"
    award(data_dir, new_phone, "5.00")
    assert sync(data_dir)[0] == 0
    assert backend.ledger("M1")["balance"] == 15

    with pytest.raises(Refused) as refused:
        refresh_member(backend.url, "M1", load_wallet(old_phone).device_key)
    assert refused.value.reason == "device_replaced"
    rc, _ = run_cli(wallet_main, ["refresh", str(old_phone)])
    assert rc == 2
    assert backend.ledger("M1")["balance"] == 15


def test_logging_in_again_on_the_old_phone_makes_it_current_and_replaces_the_other(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    first = enrol_wallet(sqlite_backend, "M1", tmp_path / "a.json")
    second = enrol_wallet(sqlite_backend, "M1", tmp_path / "b.json")
    first_key, second_key = load_wallet(first).device_key, load_wallet(second).device_key
    with pytest.raises(Refused):
        refresh_member(sqlite_backend.url, "M1", first_key)

    login = sqlite_backend.login_code("M1")
    enrol_member(sqlite_backend.url, "M1", keys.public_raw(first_key), login)
    assert refresh_member(sqlite_backend.url, "M1", first_key).member == "M1"
    with pytest.raises(Refused) as refused:
        refresh_member(sqlite_backend.url, "M1", second_key)
    assert refused.value.reason == "device_replaced"
    revoked = issuer_of(sqlite_backend).bundle.revoked_certs
    assert _cert_ids(sqlite_backend, keys.public_raw(second_key)) <= revoked


def test_another_members_new_phone_revokes_nothing_of_this_member(
    sqlite_backend: Backend, tmp_path: Path
) -> None:
    mine = enrol_wallet(sqlite_backend, "M1", tmp_path / "m1.json")
    version = issuer_of(sqlite_backend).bundle.version
    enrol_wallet(sqlite_backend, "M2", tmp_path / "m2.json")
    enrol_wallet(sqlite_backend, "M2", tmp_path / "m2-new.json")
    bundle = issuer_of(sqlite_backend).bundle
    assert bundle.version == version + 1  # M2's first phone only
    assert not _cert_ids(sqlite_backend, _device(mine)) & bundle.revoked_certs
    assert refresh_member(sqlite_backend.url, "M1", load_wallet(mine).device_key).member == "M1"
