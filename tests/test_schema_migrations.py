"""The terminal's SQLite files carry a schema version: release 0.1.0's files migrate and keep
every row; a file from a newer build is refused with exit 4 and left byte for byte as it was.

The release files in tests/data/release-0.1.0 were written by that release's own code
(tests/make_release_fixtures.py).
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from sync.errors import SchemaTooNew
from sync.outbox import OUTBOX_SCHEMA, Outbox, Status
from sync.schema import Schema, create_tables, migrate
from sync.sqlite_util import connect
from sync.state import STATE_SCHEMA, TerminalState
from terminal.counter.staff import STAFF_SCHEMA, StaffStore
from terminal.replay import SEEN_SCHEMA, SeenCodes
from terminal.till.schema import TILL_SCHEMA
from terminal.till.store import SaleStore
from terminal.till.tokens import TillTokens
from tests.cli import terminal
from tests.counter_setup import CASHIER, provision_offline

RELEASE = Path(__file__).parent / "data" / "release-0.1.0"
FILES = {
    "outbox.sqlite": (OUTBOX_SCHEMA, lambda p: Outbox(p, "T1")),
    "state.sqlite": (STATE_SCHEMA, TerminalState),
    "staff.sqlite": (STAFF_SCHEMA, StaffStore),
    "till.sqlite": (TILL_SCHEMA, SaleStore),
    "seen-codes.sqlite": (SEEN_SCHEMA, SeenCodes),
}


def rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, in a stable order."""
    db = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        # Table names come from the file's own catalogue, quoted: not user input.
        return {t: sorted(db.execute(f'SELECT * FROM "{t}"').fetchall()) for t in tables}  # noqa: S608
    finally:
        db.close()


def version(path: Path) -> int:
    db = sqlite3.connect(path)
    try:
        return int(db.execute("PRAGMA user_version").fetchone()[0])
    finally:
        db.close()


def set_version(path: Path, value: int) -> None:
    db = sqlite3.connect(path)
    try:
        db.execute(f"PRAGMA user_version = {int(value)}")
        db.commit()
    finally:
        db.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_release_file_migrates_to_this_version_and_keeps_every_row(tmp_path, name):
    schema, open_store = FILES[name]
    path = tmp_path / name
    shutil.copyfile(RELEASE / name, path)
    assert version(path) == 0  # release 0.1.0 wrote no version
    before = rows(path)
    store = open_store(path)
    store.close()
    assert version(path) == schema.version >= 1
    after = rows(path)
    for table, content in before.items():
        # Later steps may append columns (ALTER TABLE ADD COLUMN): the old ones keep every value.
        width = len(content[0]) if content else 0
        assert [row[:width] for row in after[table]] == content, table


def test_a_release_data_dir_goes_on_working_after_the_upgrade(tmp_path):
    data = provision_offline(tmp_path / "terminal", terminal_id="T1")
    for name in FILES:
        shutil.copyfile(RELEASE / name, data.data_dir / name)
    service = data.open()
    try:
        member = data.member("M2002", tier="gold")
        view = service.scan(member.code(), service.new_checkout())
        assert service.award(view, "10", CASHIER).ok
    finally:
        service.close()
    with Outbox(data.data_dir / "outbox.sqlite", "T1") as outbox:
        counts = outbox.counts()
        assert counts[Status.ACCEPTED] == 1 and counts[Status.PENDING] == 2
        assert len(outbox.reconciliation()) == 1  # the release's rejected event is still there
    staff = StaffStore(data.data_dir / "staff.sqlite")
    try:
        assert staff.sign_in("c1", "111111").staff_id == "c1"  # the release's PIN hash
    finally:
        staff.close()
    sales, tokens = (
        SaleStore(data.data_dir / "till.sqlite"),
        TillTokens(data.data_dir / "till.sqlite"),
    )
    try:
        sale = sales.get("till-1", "sale-1")
        assert sale is not None and sale.state == "awaiting_member"
        assert [t["name"] for t in tokens.tills()] == ["till-1"]
    finally:
        sales.close()
        tokens.close()


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_file_from_a_newer_build_is_refused_and_left_as_it_was(tmp_path, name):
    schema, open_store = FILES[name]
    path = tmp_path / name
    shutil.copyfile(RELEASE / name, path)
    set_version(path, schema.version + 1)
    before = digest(path)
    with pytest.raises(SchemaTooNew) as refused:
        open_store(path)
    assert refused.value.kind == "storage_too_new" and "newer version" in refused.value.advice
    assert (refused.value.found, refused.value.supported) == (schema.version + 1, schema.version)
    assert digest(path) == before
    assert version(path) == schema.version + 1


def test_only_the_missing_steps_run_in_order_and_a_failed_step_changes_nothing(tmp_path):
    ran: list[str] = []

    def second(db: sqlite3.Connection) -> None:
        ran.append("second")
        db.execute("ALTER TABLE t ADD COLUMN b INTEGER")

    def broken(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE half (x)")
        raise sqlite3.OperationalError("the third step fails half way")

    path = tmp_path / "f.sqlite"
    connect(path, Schema("f", (create_tables("CREATE TABLE IF NOT EXISTS t (a)"),))).close()
    assert version(path) == 1
    connect(path, Schema("f", (create_tables("CREATE TABLE t (a)"), second))).close()
    assert ran == ["second"] and version(path) == 2  # step 1 did not run again
    db = sqlite3.connect(path, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        migrate(db, path, Schema("f", (create_tables(), second, broken)))
    db.close()
    assert ran == ["second"] and version(path) == 2
    assert "half" not in rows(path)


def test_the_cli_refuses_a_newer_file_with_exit_4_and_a_sentence(tmp_path):
    data = provision_offline(tmp_path / "terminal")
    staff = StaffStore(data.data_dir / "staff.sqlite")
    staff.close()
    set_version(data.data_dir / "staff.sqlite", STAFF_SCHEMA.version + 1)
    before = digest(data.data_dir / "staff.sqlite")
    result = terminal("staff", "list", "--data-dir", data.data_dir)
    assert result.code == 4, result.stderr
    assert result.json["reason"] == "storage_too_new"
    assert "newer version of the software" in result.stderr and "Traceback" not in result.stderr
    assert digest(data.data_dir / "staff.sqlite") == before


def test_the_app_refuses_a_data_dir_a_newer_build_used_with_exit_4(tmp_path):
    data = provision_offline(tmp_path / "terminal")
    set_version(data.data_dir / "state.sqlite", STATE_SCHEMA.version + 1)
    before = digest(data.data_dir / "state.sqlite")
    shot = tmp_path / "first.png"
    result = terminal(
        "run",
        "--data-dir",
        data.data_dir,
        "--screenshot",
        shot,
        env={"QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.code == 4, result.stderr
    assert "newer version of the software" in result.stderr and "Traceback" not in result.stderr
    assert not shot.exists() and digest(data.data_dir / "state.sqlite") == before


def test_a_newer_builds_seen_codes_file_is_not_taken_over_nor_retired(tmp_path):
    data = provision_offline(tmp_path / "terminal")
    seen = data.data_dir / "seen-codes.sqlite"
    shutil.copyfile(RELEASE / "seen-codes.sqlite", seen)
    set_version(seen, SEEN_SCHEMA.version + 1)
    before = digest(seen)
    with pytest.raises(SchemaTooNew):
        data.open()
    assert seen.exists() and digest(seen) == before


def test_a_release_seen_codes_file_is_taken_over_by_the_outbox(tmp_path):
    data = provision_offline(tmp_path / "terminal")
    shutil.copyfile(RELEASE / "seen-codes.sqlite", data.data_dir / "seen-codes.sqlite")
    release = shutil.copyfile(RELEASE / "seen-codes.sqlite", tmp_path / "release-seen.sqlite")
    data.open().close()
    assert not (data.data_dir / "seen-codes.sqlite").exists()
    claims = rows(data.data_dir / "outbox.sqlite")["seen_codes"]
    assert claims == rows(release)["seen_codes"] and len(claims) == 1
