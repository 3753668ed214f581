"""Staff accounts through the real ``loyalty-terminal`` processes, PINs in the environment:
nobody escalates, nothing is overwritten, the lockout holds across processes, and no PIN is
ever accepted on a command line (where ``ps`` shows it to every local user)."""

from __future__ import annotations

import os
import pty
import select
import sys
import time
from pathlib import Path

import pytest

from terminal.counter.results import Role
from terminal.counter.staff import StaffStore
from tests import cli
from tests.counter_setup import provision_offline
from tests.member_codes import make_issuer

ROOT = Path(__file__).resolve().parent.parent
PINS = {"c1": "135791", "t1": "246802", "s1": "975310"}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A provisioned terminal on the real clock with a technician, a supervisor and a cashier."""
    data_dir = tmp_path_factory.mktemp("staff-cli") / "terminal"
    provision_offline(data_dir, make_issuer(int(time.time()) - 600))
    store = StaffStore(data_dir / "staff.sqlite")
    try:
        supervisor = store.add(None, "s1", "Wang", Role.SUPERVISOR, PINS["s1"])
        store.add(supervisor, "t1", "Zhao", Role.TECHNICIAN, PINS["t1"])
        store.add(supervisor, "c1", "Lin", Role.CASHIER, PINS["c1"])
    finally:
        store.close()
    return data_dir


@pytest.fixture
def data_dir(template, tmp_path) -> Path:
    import shutil

    shutil.copytree(template, tmp_path / "terminal")
    return tmp_path / "terminal"


def staff(data_dir: Path, *args: str, process: bool = False, **env: str) -> cli.Result:
    """``loyalty-terminal staff ...`` with ``env`` added and stdin not a terminal."""
    action, *rest = args
    return cli.terminal(
        "staff", action, "--data-dir", data_dir, *rest, stdin="", env=env, process=process
    )


def accounts(data_dir: Path) -> list[tuple[str, str, bool]]:
    listed = staff(data_dir, "list", "--staff", "s1", LOYALTY_PIN=PINS["s1"])
    assert listed.code == 0, listed.stderr
    return [(a["staff"], a["role"], a["enabled"]) for a in listed.json["accounts"]]


BEFORE = [("c1", "cashier", True), ("s1", "supervisor", True), ("t1", "technician", True)]


def test_a_technician_cannot_create_a_supervisor_when_one_exists(data_dir):
    out = staff(
        data_dir,
        "add",
        *("--staff", "t1", "--id", "s2", "--name", "Mine", "--role", "supervisor"),
        LOYALTY_PIN=PINS["t1"],
        LOYALTY_NEW_PIN="111222",
    )
    assert out.code == 1 and out.json["ok"] is False
    assert out.json["reason"] == "above_own_rights"
    assert accounts(data_dir) == BEFORE
    # The same technician adds a cashier: the refusal was about the role, not the person.
    ok = staff(
        data_dir,
        "add",
        *("--staff", "t1", "--id", "c2", "--name", "Wu", "--role", "cashier"),
        LOYALTY_PIN=PINS["t1"],
        LOYALTY_NEW_PIN="111222",
    )
    assert ok.code == 0 and (ok.json["staff"], ok.json["role"]) == ("c2", "cashier")


def test_a_technician_cannot_overwrite_a_supervisors_pin(data_dir):
    technician = {"LOYALTY_PIN": PINS["t1"], "LOYALTY_NEW_PIN": "111222"}
    for role in ("supervisor", "cashier"):
        out = staff(
            data_dir,
            "add",
            *("--staff", "t1", "--id", "s1", "--name", "Mine", "--role", role),
            **technician,
        )
        assert out.code == 1 and out.json["reason"] in ("above_own_rights", "staff_exists")
    reset = staff(data_dir, "pin", "--staff", "t1", "--id", "s1", **technician)
    assert reset.code == 1 and reset.json["reason"] == "not_allowed"
    disable = staff(data_dir, "disable", "--staff", "t1", "--id", "s1", **technician)
    assert disable.code == 1 and disable.json["reason"] == "not_allowed"
    # The supervisor's own PIN still works, and the new one does not.
    assert accounts(data_dir) == BEFORE
    wrong = staff(data_dir, "list", "--staff", "s1", LOYALTY_PIN="111222")
    assert wrong.code == 1 and wrong.json["reason"] == "bad_sign_in"


def test_a_cashier_adds_nobody(data_dir):
    for n, role in enumerate(("cashier", "technician", "supervisor")):
        out = staff(
            data_dir,
            "add",
            *("--staff", "c1", "--id", f"x{n}", "--name", "X", "--role", role),
            LOYALTY_PIN=PINS["c1"],
            LOYALTY_NEW_PIN="111222",
        )
        assert out.code == 1 and out.json["reason"] == "not_allowed", out.stdout
    listed = staff(data_dir, "list", "--staff", "c1", LOYALTY_PIN=PINS["c1"])
    assert listed.code == 1 and listed.json["reason"] == "not_allowed"
    assert accounts(data_dir) == BEFORE


def test_a_supervisor_disables_and_resets_and_the_holder_changes_their_pin(data_dir):
    supervisor = {"LOYALTY_PIN": PINS["s1"], "LOYALTY_NEW_PIN": "808080"}
    reset = staff(data_dir, "pin", "--staff", "s1", "--id", "c1", **supervisor)
    assert reset.code == 0 and reset.json["action"] == "pin"
    own = staff(data_dir, "pin", "--id", "c1", LOYALTY_PIN="808080", LOYALTY_NEW_PIN="909090")
    assert own.code == 0, own.stdout
    off = staff(data_dir, "disable", "--staff", "s1", "--id", "c1", **supervisor)
    assert off.code == 0 and off.json["enabled"] is False
    assert ("c1", "cashier", False) in accounts(data_dir)
    # A disabled cashier cannot sign in to run an operation; nothing is queued.
    award = cli.terminal(
        "award",
        *("--data-dir", data_dir, "--staff", "c1", "--amount", "10", "CODE"),
        stdin="",
        env={"LOYALTY_PIN": "909090"},
    )
    assert award.code == 1 and award.json["reason"] == "account_disabled"


def test_five_wrong_pins_lock_the_id_across_processes(data_dir):
    for _ in range(4):
        wrong = staff(data_dir, "list", "--staff", "s1", LOYALTY_PIN="000000")
        assert wrong.json["reason"] == "bad_sign_in"
    # The count and the lock live in the data dir: later processes see them.
    fifth = staff(data_dir, "list", "--staff", "s1", process=True, LOYALTY_PIN="000000")
    assert fifth.json["reason"] == "locked_out"
    assert fifth.json["message"] == "Too many wrong PINs for this staff ID. Try again in 30 s."
    right = staff(data_dir, "list", "--staff", "s1", process=True, LOYALTY_PIN=PINS["s1"])
    assert right.code == 1 and right.json["reason"] == "locked_out"
    assert "Try again in" in right.json["message"]


@pytest.mark.parametrize(
    ("command", "rest", "variable"),
    [
        (("staff", "list"), ("--staff", "s1", "--pin", PINS["s1"]), "LOYALTY_PIN"),
        (("staff", "list"), ("--staff", "s1", f"--pin={PINS['s1']}"), "LOYALTY_PIN"),
        (("award",), ("--staff", "s1", "--pin", PINS["s1"], "--amount", "5", "X"), "LOYALTY_PIN"),
        (
            ("redeem",),
            ("--reward", "R-MUG", "--override", "s1", "--override-pin", PINS["s1"], "X"),
            "LOYALTY_OVERRIDE_PIN",
        ),
        (
            ("staff", "add"),
            ("--id", "c9", "--name", "X", "--role", "cashier", "--new-pin", "123456"),
            "LOYALTY_NEW_PIN",
        ),
    ],
)
def test_a_pin_on_the_command_line_is_refused(data_dir, command, rest, variable):
    out = cli.terminal(*command, "--data-dir", data_dir, *rest, stdin="")
    assert out.code == 2
    assert "can be read by any local user" in out.stderr and variable in out.stderr
    assert "Traceback" not in out.stderr
    assert accounts(data_dir) == BEFORE


def test_the_help_offers_no_pin_option():
    for argv in (("award",), ("redeem",), ("report",), ("staff", "add"), ("staff", "pin")):
        shown = cli.terminal(*argv, "--help")
        assert shown.code == 0 and "--pin" not in shown.stdout and "LOYALTY_PIN" in shown.stdout


def test_no_pin_and_no_terminal_is_a_usage_error_naming_the_variable(data_dir):
    listed = staff(data_dir, "list", "--staff", "s1")
    assert listed.code == 2 and "set LOYALTY_PIN" in listed.stderr
    add = staff(
        data_dir,
        "add",
        *("--staff", "s1", "--id", "c9", "--name", "X", "--role", "cashier"),
        LOYALTY_PIN=PINS["s1"],
    )
    assert add.code == 2 and "set LOYALTY_NEW_PIN" in add.stderr
    override = cli.terminal(
        "redeem",
        *("--data-dir", data_dir, "--staff", "c1", "--reward", "R-MUG", "--override", "s1"),
        "CODE",
        stdin="",
        env={"LOYALTY_PIN": PINS["c1"]},
    )
    assert override.code == 2 and "set LOYALTY_OVERRIDE_PIN" in override.stderr
    assert accounts(data_dir) == BEFORE


def test_a_person_at_a_terminal_types_the_pin_at_a_prompt(data_dir):
    """With no variable set and a terminal on stdin, getpass asks without echo."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOYALTY_")}
    argv = [sys.executable, "-m", "terminal", "staff", "list", "--data-dir", str(data_dir)]
    pid, master = pty.fork()
    if pid == 0:  # the child: the pty is its controlling terminal
        os.chdir(ROOT)
        os.execve(sys.executable, [*argv, "--staff", "s1"], env)  # noqa: S606
    try:
        seen = read_until(master, b"PIN for s1: ")
        assert seen.endswith(b"PIN for s1: ")
        os.write(master, PINS["s1"].encode() + b"\n")
        rest = read_until(master, None)  # to the end: the child exits
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(master)
    assert os.waitstatus_to_exitcode(status) == 0
    assert PINS["s1"].encode() not in rest  # not echoed
    assert b'"staff": "s1"' in rest


def read_until(fd: int, marker: bytes | None, timeout: float = 30) -> bytes:
    """What the pty shows until ``marker`` (None: until the child closes it)."""
    data = b""
    deadline = time.monotonic() + timeout
    while (marker is None or marker not in data) and time.monotonic() < deadline:
        if select.select([fd], [], [], 0.5)[0]:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
    return data
