"""Staff from the office: a real backend's directory reaches real terminals at their sync.

Each terminal is provisioned against the running backend (``loyalty-terminal provision``), the
office changes its directory with ``loyalty-backend admin staff``, and the terminal's staff
file is read through the counter's own StaffStore after ``loyalty-terminal sync``.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import time
from pathlib import Path

import pytest

from backend.cli import main as backend_main
from crypto.issuer import new_issuer
from protocol.canonical import canonical_json
from sync.errors import BadReply
from sync.staff_pull import verified_staff
from terminal.counter.errors import CounterRefused
from terminal.counter.results import Role
from terminal.counter.staff import StaffStore
from tests.fixtures.backend import Backend
from tests.fixtures.terminal import paths, provision, sync, terminal

pytest_plugins = ["tests.fixtures.plugin"]

PINS = {"s1": "222222", "c1": "111111", "t1": "333333"}


def office(backend: Backend, monkeypatch, action: str, *args: str, pin: str = "") -> dict:
    """``loyalty-backend admin staff ACTION --db URL ARGS``; its JSON answer."""
    if pin:
        monkeypatch.setenv("LOYALTY_NEW_PIN", pin)
    try:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            rc = backend_main(["admin", "staff", action, "--db", backend.db_url, *args])
    finally:
        monkeypatch.delenv("LOYALTY_NEW_PIN", raising=False)
    assert rc == 0, out.getvalue()
    return dict(json.loads(out.getvalue()))


def add(backend: Backend, monkeypatch, staff_id: str, role: str, *where: str) -> None:
    office(
        backend,
        monkeypatch,
        "add",
        "--id",
        staff_id,
        "--name",
        staff_id.upper(),
        "--role",
        role,
        *(where or ("--store", "S1")),
        pin=PINS[staff_id],
    )


def sign_in(data_dir: Path, staff_id: str, pin: str | None = None):
    store = StaffStore(paths(data_dir).staff)
    try:
        return store.sign_in(staff_id, pin or PINS[staff_id])
    finally:
        store.close()


def refusal(data_dir: Path, staff_id: str, pin: str | None = None) -> str:
    with pytest.raises(CounterRefused) as refused:
        sign_in(data_dir, staff_id, pin)
    return refused.value.reason


def synced(data_dir: Path) -> dict:
    rc, out = sync(data_dir)
    assert rc == 0, out
    return out


def staff_cli(data_dir: Path, monkeypatch, *args: str, pin: str = "", new_pin: str = ""):
    monkeypatch.setenv("LOYALTY_PIN", pin)
    monkeypatch.setenv("LOYALTY_NEW_PIN", new_pin)
    return terminal(["staff", *args, "--data-dir", str(data_dir)])


@pytest.fixture
def counter(sqlite_backend, tmp_path) -> Path:
    data_dir = tmp_path / "t1"
    provision(sqlite_backend, data_dir)
    return data_dir


def test_an_office_supervisor_reaches_the_terminal_at_its_next_sync_and_signs_in(
    sqlite_backend, counter, monkeypatch
):
    assert refusal(counter, "s1") == "no_staff_directory"
    add(sqlite_backend, monkeypatch, "s1", "supervisor")
    assert refusal(counter, "s1") == "no_staff_directory"  # not before the sync
    assert synced(counter)["versions"]["staff"] == 1
    signed_in = sign_in(counter, "s1")
    assert (signed_in.staff_id, signed_in.role) == ("s1", Role.SUPERVISOR)
    assert refusal(counter, "s1", "999999") == "bad_sign_in"


def test_a_disabled_cashier_cannot_sign_in_after_the_next_sync(
    sqlite_backend, counter, monkeypatch
):
    add(sqlite_backend, monkeypatch, "c1", "cashier")
    synced(counter)
    assert sign_in(counter, "c1").role is Role.CASHIER
    office(sqlite_backend, monkeypatch, "disable", "--id", "c1")
    synced(counter)
    assert refusal(counter, "c1") == "account_disabled"


def test_a_technician_at_the_counter_cannot_create_or_raise_any_account(
    sqlite_backend, counter, monkeypatch
):
    add(sqlite_backend, monkeypatch, "t1", "technician")  # the store has no supervisor at all
    add(sqlite_backend, monkeypatch, "c1", "cashier")
    synced(counter)
    tech = ["--staff", "t1"]
    for role in ("supervisor", "technician", "cashier"):
        rc, out = staff_cli(
            counter,
            monkeypatch,
            "add",
            "--id",
            "x1",
            "--name",
            "X",
            "--role",
            role,
            *tech,
            pin=PINS["t1"],
            new_pin="444444",
        )
        assert (rc, out["reason"]) == (1, "staff_from_office"), out
    rc, out = staff_cli(
        counter, monkeypatch, "pin", "--id", "c1", *tech, pin=PINS["t1"], new_pin="444444"
    )
    assert (rc, out["reason"]) == (1, "staff_from_office"), out
    rc, out = staff_cli(counter, monkeypatch, "disable", "--id", "c1", *tech, pin=PINS["t1"])
    assert (rc, out["reason"]) == (1, "staff_from_office"), out
    assert refusal(counter, "x1", "444444") == "bad_sign_in"
    assert sign_in(counter, "c1").role is Role.CASHIER  # the cashier's PIN is unchanged
    listed = office(sqlite_backend, monkeypatch, "list")["accounts"]
    assert [(a["id"], a["role"]) for a in listed] == [("c1", "cashier"), ("t1", "technician")]


def test_a_deleted_staff_file_is_restored_by_the_next_sync(sqlite_backend, counter, monkeypatch):
    add(sqlite_backend, monkeypatch, "s1", "supervisor")
    synced(counter)
    for suffix in ("", "-wal", "-shm"):
        Path(str(paths(counter).staff) + suffix).unlink(missing_ok=True)
    # Nobody can make a first account in the empty file: the office is the truth.
    rc, out = staff_cli(
        counter,
        monkeypatch,
        "add",
        "--id",
        "x1",
        "--name",
        "X",
        "--role",
        "supervisor",
        new_pin="444444",
    )
    assert (rc, out["reason"]) == (1, "no_staff_directory"), out
    assert refusal(counter, "s1") == "no_staff_directory"
    synced(counter)
    assert sign_in(counter, "s1").role is Role.SUPERVISOR


def test_a_pin_changed_at_one_counter_works_at_another_of_the_store_after_its_sync(
    sqlite_backend, tmp_path, monkeypatch
):
    first, second = tmp_path / "t1", tmp_path / "t2"
    provision(sqlite_backend, first)
    provision(sqlite_backend, second)
    add(sqlite_backend, monkeypatch, "c1", "cashier")
    synced(first)
    synced(second)
    rc, out = staff_cli(first, monkeypatch, "pin", "--id", "c1", pin=PINS["c1"], new_pin="135790")
    assert (rc, out["ok"]) == (0, True), out
    assert sign_in(first, "c1", "135790").staff_id == "c1"  # taken here at once
    assert sign_in(second, "c1").staff_id == "c1"  # the other counter: old PIN until it syncs
    synced(second)
    assert sign_in(second, "c1", "135790").staff_id == "c1"
    assert refusal(second, "c1") == "bad_sign_in"


def test_an_offline_pin_change_is_refused_with_a_sentence(sqlite_backend, counter, monkeypatch):
    add(sqlite_backend, monkeypatch, "c1", "cashier")
    synced(counter)
    _point_at_nothing(counter)  # the network is down
    rc, out = staff_cli(counter, monkeypatch, "pin", "--id", "c1", pin=PINS["c1"], new_pin="135790")
    assert (rc, out["reason"]) == (1, "pin_change_offline"), out
    assert "online" in out["message"]
    assert sign_in(counter, "c1").staff_id == "c1"  # the old PIN stands, here and at the office
    assert refusal(counter, "c1", "135790") == "bad_sign_in"


def _point_at_nothing(data_dir: Path) -> None:
    """Point the terminal at a port where nothing listens."""
    import dataclasses
    import socket

    from terminal.terminal_identity import load_identity, save_identity

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    p = paths(data_dir)
    save_identity(p, dataclasses.replace(load_identity(p), backend=f"http://127.0.0.1:{port}"))


def test_a_forged_or_other_store_staff_document_is_refused(sqlite_backend, tmp_path, monkeypatch):
    mine, theirs = tmp_path / "t1", tmp_path / "t2"
    provision(sqlite_backend, mine)
    provision(sqlite_backend, theirs, store="S2")
    add(sqlite_backend, monkeypatch, "s1", "supervisor", "--store", "S2")
    synced(mine)
    assert refusal(mine, "s1") == "bad_sign_in"  # another store's supervisor is not sent here
    synced(theirs)
    assert sign_in(theirs, "s1").role is Role.SUPERVISOR
    p = paths(mine)
    root = bytes.fromhex(p.pinned_root.read_text().strip())
    me = _terminal_id(mine)

    def check(reply: dict, held: int = 0) -> None:
        verified_staff(
            reply,
            held,
            terminal=me,
            store="S1",
            bundle_path=p.trust_bundle,
            pinned_root=root,
            now=time.time(),
        )

    # The office's real document for the other store's terminal, replayed to this one.
    stolen = _signed_get(theirs, "/v1/staff?since=0")
    with pytest.raises(BadReply, match="another store or terminal"):
        check(stolen)
    # The same, claiming this store and terminal, but signed by an attacker's issuer.
    forged = {
        "name": "staff",
        "version": 99,
        "store": "S1",
        "terminal": me,
        "body": {"accounts": []},
    }
    rogue = new_issuer(int(time.time()))
    reply = {
        "version": 99,
        "changed": True,
        "signed": rogue.sign_payload(canonical_json(forged)).hex(),
    }
    with pytest.raises(BadReply, match="not signed by the issuer"):
        check(reply)
    # This terminal's own older document, replayed: the version never goes backwards.
    office(sqlite_backend, monkeypatch, "disable", "--id", "s1")
    mine_now = _signed_get(mine, "/v1/staff?since=0")
    with pytest.raises(BadReply, match="not newer"):
        check(mine_now, held=mine_now["version"])
    check(mine_now, held=mine_now["version"] - 1)  # the honest newer one is taken


def _signed_get(data_dir: Path, path: str) -> dict:
    """A GET signed with the terminal's own key, as its sync makes it."""
    from sync.http import SignedSession
    from terminal.terminal_identity import load_identity

    identity = load_identity(paths(data_dir))
    session = SignedSession(identity.backend, identity.terminal, identity.key)
    try:
        return dict(session.get(path))
    finally:
        session.close()


def _terminal_id(data_dir: Path) -> str:
    from terminal.terminal_identity import load_identity

    return load_identity(paths(data_dir)).terminal


def test_a_staff_document_copied_to_another_terminal_lets_nobody_sign_in_there(
    sqlite_backend, tmp_path, monkeypatch
):
    first, second = tmp_path / "t1", tmp_path / "t2"
    provision(sqlite_backend, first)
    provision(sqlite_backend, second)  # the same store, never synced since the supervisor came
    add(sqlite_backend, monkeypatch, "s1", "supervisor")
    synced(first)
    for suffix in ("", "-wal", "-shm"):
        Path(str(paths(second).staff) + suffix).unlink(missing_ok=True)
    store = StaffStore(paths(first).staff)
    store.close()  # checkpointed: the whole directory is in the main file
    shutil.copy(paths(first).staff, paths(second).staff)
    assert sign_in(first, "s1").staff_id == "s1"
    assert refusal(second, "s1") == "bad_sign_in"


def test_a_terminals_own_accounts_are_exported_once_to_the_office_and_come_back_signed(
    sqlite_backend, tmp_path, monkeypatch
):
    from tests.counter_setup import provision_offline

    old = provision_offline(tmp_path / "old").data_dir  # a counter from before the office
    store = StaffStore(paths(old).staff)
    try:
        boss = store.add(None, "s1", "Wang", Role.SUPERVISOR, PINS["s1"])
        store.add(boss, "c1", "Lin", Role.CASHIER, PINS["c1"])
        store.set_enabled(boss, "c1", False)
    finally:
        store.close()
    rc, exported = staff_cli(old, monkeypatch, "export", "--staff", "s1", pin=PINS["s1"])
    assert rc == 0, exported
    assert exported["store"] == "S1"
    assert all(PINS[a["id"]] not in json.dumps(a) for a in exported["accounts"])
    export_file = tmp_path / "export.json"
    export_file.write_text(json.dumps(exported))
    first = office(sqlite_backend, monkeypatch, "import", "--file", str(export_file))
    assert (first["added"], first["skipped"]) == (["c1", "s1"], [])
    again = office(sqlite_backend, monkeypatch, "import", "--file", str(export_file))
    assert (again["added"], again["skipped"]) == ([], ["c1", "s1"])  # offered once
    new = tmp_path / "new"
    provision(sqlite_backend, new)
    assert sign_in(new, "s1").role is Role.SUPERVISOR  # at provisioning, with the same PIN
    assert refusal(new, "c1") == "account_disabled"


def test_only_an_enabled_supervisor_from_the_office_lets_the_wizard_finish(
    sqlite_backend, counter, monkeypatch
):
    """The wizard's last step finishes on ``has_supervisor`` (the provision controller)."""

    def has_supervisor() -> bool:
        store = StaffStore(paths(counter).staff)
        try:
            return store.has_supervisor()
        finally:
            store.close()

    assert not has_supervisor()  # no directory yet
    add(sqlite_backend, monkeypatch, "t1", "technician")
    synced(counter)
    assert not has_supervisor()  # a technician is not enough
    add(sqlite_backend, monkeypatch, "s1", "supervisor")
    synced(counter)
    assert has_supervisor()
    office(sqlite_backend, monkeypatch, "disable", "--id", "s1")
    synced(counter)
    assert not has_supervisor()  # a disabled one is not either
