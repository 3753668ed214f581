"""A storage fault in the running app: the cashier reads what to do, and nothing is saved."""

from __future__ import annotations

import shutil

from sync.outbox import Outbox
from terminal.counter.service import CounterService
from tests.counter_setup import Terminal
from tests.test_storage_faults import fill, small_filesystem
from tests.test_ui_counter import camera_scan, wait_banner
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import make_shell, sign_in, stop_shell


def test_the_cashier_reads_what_to_do_when_the_disk_fills_mid_shift(
    qtbot, qt_problems, staffed_template, tmp_path
):
    with small_filesystem(tmp_path / "disk", 2048) as disk:
        shutil.copytree(staffed_template.data_dir, disk / "t")
        terminal = Terminal(disk / "t", staffed_template.issuer)
        shell = make_shell(
            qtbot,
            terminal.data_dir,
            factory=lambda: CounterService.open(terminal.data_dir, clock=terminal.clock),
        )
        shell.start()
        try:
            qtbot.waitUntil(lambda: shell.counter.is_open, timeout=20_000)
            sign_in(qtbot, shell)
            camera_scan(shell, terminal.member().code())
            qtbot.waitUntil(lambda: shell.counter.member is not None, timeout=20_000)
            fill(disk)
            screen = shell.window.member
            for key in "25":
                screen.keypad.buttons[key].click()
            screen.award_button.click()
            text = wait_banner(qtbot, shell, "refused")
            assert text == (
                "The terminal's disk is full. Nothing was saved. Call a technician to free space."
            )
            assert "Something went wrong" not in text
        finally:
            stop_shell(shell)
            (disk / "filler").unlink(missing_ok=True)
        with Outbox(terminal.data_dir / "outbox.sqlite", "T1") as outbox:
            assert outbox.counts().get("pending", 0) == 0


def test_the_wizards_sync_test_names_a_damaged_data_file(
    qtbot, qt_problems, staffed_template, tmp_path
):
    from terminal.ui.controllers.provision import ProvisionController
    from terminal.ui.texts import Said, said

    shutil.copytree(staffed_template.data_dir, tmp_path / "t")
    # A real damaged file: the outbox's header overwritten, as a failing disk leaves it.
    outbox = tmp_path / "t" / "outbox.sqlite"
    outbox.write_bytes(b"this is not a database" * 200)
    shell = make_shell(qtbot, tmp_path / "t")
    try:
        results: list[tuple[str, object, Said]] = []
        provision: ProvisionController = shell.provision
        provision.result.connect(lambda which, ok, text: results.append((which, ok, text)))
        provision.test_sync()
        qtbot.waitUntil(
            lambda: any(r[0] == "sync" and r[1] is False for r in results), timeout=20_000
        )
        # The sentence comes as a function that builds it in the chosen language.
        text = said(next(t for which, ok, t in results if which == "sync" and ok is False))
        assert text == (
            "A data file on this terminal is damaged. Nothing was saved. "
            "Call a technician and do not delete anything."
        )
    finally:
        stop_shell(shell)
