"""The counter commands as a POS calls them: receipts over ESC/POS on a real pty, usage errors."""

from __future__ import annotations

import os
import select
import time
import tty

from tests.counter_setup import provision_offline
from tests.fixtures.terminal import terminal
from tests.member_codes import make_issuer


def live_terminal(path):
    """A terminal and issuer on the real clock, as the CLI reads it."""
    return provision_offline(path, make_issuer(int(time.time()) - 600))


def live_code(setup, member="M1001"):
    now = time.time()
    return setup.member(member, issued_at=int(now) - 60).code(at=now)


def read_all(fd: int) -> bytes:
    data = b""
    while select.select([fd], [], [], 0.5)[0]:
        data += os.read(fd, 65536)
    return data


def test_award_receipt_is_printed_on_an_escpos_printer(tmp_path):
    setup = live_terminal(tmp_path / "t")
    master, slave = os.openpty()
    tty.setraw(master)
    try:
        code = live_code(setup, "M100042")
        rc, out = terminal(
            [
                "award",
                "--data-dir",
                str(setup.data_dir),
                "--amount",
                "25",
                "--print",
                "--printer",
                os.ttyname(slave),
                code,
            ]
        )
        assert rc == 0, out
        assert out["printed"] is True
        printed = read_all(master)
    finally:
        os.close(master)
        os.close(slave)
    assert b"POINTS EARNED" in printed and b"+37" in printed  # gold: floor(25) x 1.5
    assert b"***0042" in printed and b"M100042" not in printed  # the member id is masked
    assert printed.endswith(b"\x1dV\x00")  # ESC/POS cut


def test_a_missing_printer_never_undoes_the_operation(tmp_path):
    setup = live_terminal(tmp_path / "t")
    code = live_code(setup)
    rc, out = terminal(
        [
            "award",
            "--data-dir",
            str(setup.data_dir),
            "--amount",
            "10",
            "--print",
            "--printer",
            str(tmp_path / "no-such-port"),
            code,
        ]
    )
    assert rc == 0 and out["ok"] is True and out["event"]
    assert out["printed"] is False and "cannot open the receipt printer" in out["print_error"]


def test_usage_errors_exit_2_with_a_sentence(tmp_path):
    setup = live_terminal(tmp_path / "t")
    code = live_code(setup)
    from tests import cli

    not_provisioned = cli.terminal("award", "--data-dir", tmp_path / "none", "--amount", "5", code)
    assert not_provisioned.code == 2 and "not provisioned" in not_provisioned.stderr
    bad_item = cli.terminal("pickup", "--data-dir", setup.data_dir, "--item", "MUG", code)
    assert bad_item.code == 2 and "SKU=QTY" in bad_item.stderr
    bad_amount = cli.terminal("award", "--data-dir", setup.data_dir, "--amount", "1.234", code)
    assert bad_amount.code == 2 and "two decimals" in bad_amount.stderr
    for not_a_number in ("nan", "NaN", "inf", "-Infinity", "sNaN"):
        refused = cli.terminal(
            "award", "--data-dir", setup.data_dir, "--amount", not_a_number, code
        )
        assert refused.code == 2, not_a_number
        assert "amount" in refused.stderr and "Traceback" not in refused.stderr
    bad_day = cli.terminal("report", "--data-dir", setup.data_dir, "--day", "yesterday")
    assert bad_day.code == 2 and "YYYY-MM-DD" in bad_day.stderr
    assert "Traceback" not in not_provisioned.stderr + bad_item.stderr + bad_day.stderr
