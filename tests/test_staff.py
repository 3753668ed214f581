"""Staff accounts on a real staff database: who may add, disable and reset whom, the lockout."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from terminal.counter.errors import CounterRefused
from terminal.counter.lockout import LONGEST_LOCK, SignInLocked, lock_seconds
from terminal.counter.results import Role, Staff
from terminal.counter.staff import StaffStore
from tests.counter_setup import Clock

ROOT = Path(__file__).resolve().parent.parent
PINS = {"c1": "135791", "t1": "246802", "s1": "975310"}


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path, clock) -> StaffStore:
    s = StaffStore(tmp_path / "staff.sqlite", clock)
    yield s
    s.close()


def refused(action) -> str:
    with pytest.raises(CounterRefused) as info:
        action()
    assert info.value.message  # always a sentence
    return info.value.reason


def staffed(store: StaffStore) -> dict[str, Staff]:
    """A store set up locally: its supervisor first, then a technician and a cashier."""
    supervisor = store.add(None, "s1", "Wang", Role.SUPERVISOR, PINS["s1"])
    technician = store.add(supervisor, "t1", "Zhao", Role.TECHNICIAN, PINS["t1"])
    cashier = store.add(supervisor, "c1", "Lin", Role.CASHIER, PINS["c1"])
    return {"t1": technician, "s1": supervisor, "c1": cashier}


def hash_of(store: StaffStore, staff_id: str) -> bytes:
    return store._db.execute(
        "SELECT pin_hash FROM staff WHERE staff_id = ?", (staff_id,)
    ).fetchone()[0]


def test_a_technician_never_creates_a_supervisor_not_even_a_new_stores_first(store):
    # The bug: a counter whose first account is a technician let it create the supervisor
    # that then approves its own refunds.
    technician = store.add(None, "t1", "Zhao", Role.TECHNICIAN, PINS["t1"])
    assert not store.has_supervisor()
    assert refused(lambda: store.add(technician, "s1", "Boss", Role.SUPERVISOR, "864200")) == (
        "above_own_rights"
    )
    assert [a.staff_id for a in store.accounts()] == ["t1"]
    # A technician still adds cashiers and technicians.
    assert store.add(technician, "c2", "Wu", Role.CASHIER, "123098").role is Role.CASHIER
    assert store.add(technician, "t2", "Qian", Role.TECHNICIAN, "123097").role is Role.TECHNICIAN


def test_a_technician_creates_no_second_supervisor(store):
    staffed(store)
    technician = store.sign_in("t1", PINS["t1"])
    assert refused(lambda: store.add(technician, "s2", "Boss", Role.SUPERVISOR, "864200")) == (
        "above_own_rights"
    )
    assert [a.staff_id for a in store.accounts()] == ["c1", "s1", "t1"]


def test_no_one_creates_an_account_above_their_own(store):
    staff = staffed(store)
    cashier = store.sign_in("c1", PINS["c1"])
    for role in Role:
        assert refused(lambda role=role: store.add(cashier, "x", "X", role, "864200")) == (
            "not_allowed"
        )
    assert store.count() == 3
    # A supervisor adds any role, a second supervisor too.
    assert store.add(staff["s1"], "s2", "Li", Role.SUPERVISOR, "864200").role is Role.SUPERVISOR


def test_add_never_replaces_an_existing_account(store):
    staff = staffed(store)
    before = hash_of(store, "t1")
    assert refused(lambda: store.add(staff["s1"], "t1", "Evil", Role.SUPERVISOR, "999999")) == (
        "staff_exists"
    )
    assert hash_of(store, "t1") == before
    assert store.sign_in("t1", PINS["t1"]).role is Role.TECHNICIAN
    assert refused(lambda: store.sign_in("t1", "999999")) == "bad_sign_in"


def test_the_first_account_needs_no_sign_in_and_every_later_one_does(store):
    store.add(None, "c1", "Lin", Role.CASHIER, PINS["c1"])
    assert refused(lambda: store.add(None, "s1", "Wang", Role.SUPERVISOR, PINS["s1"])) == (
        "sign_in_required"
    )


def test_a_technician_cannot_reset_or_disable_a_supervisor(store):
    staff = staffed(store)
    before = hash_of(store, "s1")
    technician = store.sign_in("t1", PINS["t1"])
    assert refused(lambda: store.reset_pin(technician, "s1", "111222")) == "not_allowed"
    assert refused(lambda: store.set_enabled(technician, "s1", False)) == "not_allowed"
    assert refused(lambda: store.reset_pin(staff["c1"], "s1", "111222")) == "not_allowed"
    assert hash_of(store, "s1") == before
    assert store.sign_in("s1", PINS["s1"]).role is Role.SUPERVISOR


def test_a_supervisor_resets_a_pin_and_the_holder_changes_their_own(store):
    staff = staffed(store)
    store.reset_pin(staff["s1"], "c1", "480480")
    assert refused(lambda: store.sign_in("c1", PINS["c1"])) == "bad_sign_in"
    assert store.sign_in("c1", "480480").staff_id == "c1"
    # The holder needs the current PIN; a wrong one counts towards the lockout.
    assert refused(lambda: store.change_own_pin("c1", "000000", "121212")) == "bad_sign_in"
    assert store.failures("c1") == 1
    store.change_own_pin("c1", "480480", "121212")
    assert store.sign_in("c1", "121212").staff_id == "c1"
    # A supervisor changes their own PIN with their PIN, not by a reset.
    assert refused(lambda: store.reset_pin(staff["s1"], "s1", "121212")) == "own_account"


def test_pins_are_6_to_12_digits(store):
    staffed(store)
    supervisor = store.sign_in("s1", PINS["s1"])
    for pin in ("12345", "1234567890123", "12345a", "１２３４５６", ""):
        assert refused(lambda pin=pin: store.add(supervisor, "c9", "X", Role.CASHIER, pin)) == (
            "bad_pin"
        )
        assert refused(lambda pin=pin: store.reset_pin(supervisor, "c1", pin)) == "bad_pin"
    store.add(supervisor, "c9", "X", Role.CASHIER, "123456789012")


def test_a_disabled_account_keeps_its_row_and_cannot_sign_in_or_act(store):
    staff = staffed(store)
    store.set_enabled(staff["s1"], "t1", False)
    assert [(a.staff_id, a.enabled) for a in store.accounts()] == [
        ("c1", True),
        ("s1", True),
        ("t1", False),
    ]
    assert refused(lambda: store.sign_in("t1", PINS["t1"])) == "account_disabled"
    # A technician signed in before being disabled can no longer add anyone.
    assert refused(lambda: store.add(staff["t1"], "c5", "X", Role.CASHIER, "864200")) == (
        "account_disabled"
    )
    assert refused(lambda: store.set_enabled(staff["s1"], "s1", False)) == "own_account"
    store.set_enabled(staff["s1"], "t1", True)
    assert store.sign_in("t1", PINS["t1"]).role is Role.TECHNICIAN
    actions = store._db.execute("SELECT actor, action, staff_id FROM staff_changes").fetchall()
    assert ("s1", "disable", "t1") in actions and ("s1", "enable", "t1") in actions


def test_an_enabled_supervisor_always_remains_so_a_technician_never_makes_one(store):
    staff = staffed(store)
    second = store.add(staff["s1"], "s2", "Li", Role.SUPERVISOR, "864200")
    store.set_enabled(second, "s1", False)
    assert refused(lambda: store.set_enabled(second, "s2", False)) == "own_account"
    assert store.has_supervisor()
    technician = store.sign_in("t1", PINS["t1"])
    assert refused(lambda: store.add(technician, "s3", "Sun", Role.SUPERVISOR, "864201")) == (
        "above_own_rights"
    )


def locked(action) -> int:
    with pytest.raises(SignInLocked) as info:
        action()
    assert f"Try again in {info.value.retry_after} s." in info.value.message
    return info.value.retry_after


def test_five_wrong_pins_lock_the_id_for_longer_each_time(store, clock):
    staffed(store)
    for _ in range(4):
        assert refused(lambda: store.sign_in("c1", "000000")) == "bad_sign_in"
    assert locked(lambda: store.sign_in("c1", "000000")) == 30
    # Locked: even the right PIN is refused, and the wait is told.
    clock.now += 10
    assert locked(lambda: store.sign_in("c1", PINS["c1"])) == 20
    assert store.failures("c1") == 5  # attempts during the lock are not counted
    clock.now += 20
    assert locked(lambda: store.sign_in("c1", "000000")) == 60
    clock.now += 60
    assert locked(lambda: store.sign_in("c1", "000000")) == 120
    clock.now += 120
    assert store.sign_in("c1", PINS["c1"]).staff_id == "c1"  # a success clears it
    assert store.failures("c1") == 0
    # Another account is not affected by c1's lock.
    assert store.sign_in("s1", PINS["s1"]).staff_id == "s1"


def test_the_lock_doubles_up_to_an_hour():
    assert [lock_seconds(n) for n in range(4, 9)] == [0, 30, 60, 120, 240]
    assert lock_seconds(12) == LONGEST_LOCK and lock_seconds(10_000) == LONGEST_LOCK


def test_an_unknown_id_locks_exactly_like_a_real_one(store, clock):
    staffed(store)
    answers = {}
    for staff_id in ("c1", "ghost"):
        seen = []
        for _ in range(4):
            with pytest.raises(CounterRefused) as info:
                store.sign_in(staff_id, "000000")
            seen.append((info.value.reason, info.value.message))
        seen.append(("locked_out", locked(lambda staff_id=staff_id: store.sign_in(staff_id, "0"))))
        answers[staff_id] = seen
    assert answers["c1"] == answers["ghost"]
    stored = [r[0] for r in store._db.execute("SELECT key FROM sign_in_failures")]
    assert len(stored) == 2 and "ghost" not in "".join(stored)  # ids are not kept in clear


def test_the_lockout_survives_a_restart_in_a_new_process(store, tmp_path):
    staffed(store)
    store.close()
    for _ in range(5):
        probe = subprocess.run(
            [sys.executable, "-c", SIGN_IN, str(tmp_path / "staff.sqlite"), "s1", "000000"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert probe.stdout.startswith("locked_out "), probe.stderr
    again = subprocess.run(
        [sys.executable, "-c", SIGN_IN, str(tmp_path / "staff.sqlite"), "s1", PINS["s1"]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert again.stdout.startswith("locked_out Too many wrong PINs"), again.stderr
    wait = int(again.stdout.rsplit("in ", 1)[1].split()[0])
    assert 0 < wait <= 30


def test_guesses_made_at_once_by_many_processes_are_all_counted(store, tmp_path):
    """Ten processes guess at the same moment: only five PINs are ever checked."""
    staffed(store)
    start = time.time() + 8  # after every process has imported and opened the database
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", SIGN_IN, str(tmp_path / "staff.sqlite"), "s1", f"00000{i}"],
            cwd=ROOT,
            env={**os.environ, "START_AT": str(start)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(10)
    ]
    reasons = Counter()
    for racer in racers:
        out, err = racer.communicate(timeout=120)
        reasons[out.split()[0] if out else err] += 1
    # Nobody got in, and only five attempts got as far as a PIN check: each one is counted
    # before its check, so the sixth and later find the ID locked (a count after the check
    # would let all ten guesses through before the first lock).
    assert set(reasons) <= {"bad_sign_in", "locked_out"} and sum(reasons.values()) == 10
    assert reasons["bad_sign_in"] <= 4
    assert store.failures("s1") == 5


SIGN_IN = """
import os
import sys
import time
from pathlib import Path
from terminal.counter.errors import CounterRefused
from terminal.counter.staff import StaffStore
store = StaffStore(Path(sys.argv[1]))
start = float(os.environ.get("START_AT", "0"))
while time.time() < start:
    time.sleep(0.001)
try:
    print("ok", store.sign_in(sys.argv[2], sys.argv[3]).role.value)
except CounterRefused as exc:
    print(exc.reason, exc.message)
"""


def test_an_old_staff_database_gains_the_disabled_column(tmp_path):
    import sqlite3

    old = sqlite3.connect(tmp_path / "staff.sqlite")
    old.execute(
        "CREATE TABLE staff (staff_id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL,"
        " salt BLOB NOT NULL, pin_hash BLOB NOT NULL)"
    )
    from terminal.counter.staff import hash_pin

    old.execute(
        "INSERT INTO staff VALUES ('s1', 'Wang', 'supervisor', ?, ?)",
        (b"s" * 16, hash_pin("4711", b"s" * 16)),
    )
    old.commit()
    old.close()
    store = StaffStore(tmp_path / "staff.sqlite")
    try:
        # An old short PIN still signs in; a new one must follow the rule.
        assert store.sign_in("s1", "4711").role is Role.SUPERVISOR
        assert store.has_supervisor() and store.accounts()[0].enabled
    finally:
        store.close()
