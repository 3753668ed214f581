"""One owner of the terminal's state, in the running app against the real backend.

One counter service per process is the only writer; the sync worker runs in its own thread
on its own connections, is woken by each commit, and its one ``SyncChange`` is fanned out by
the shell (here: the catalog on the member screen).
"""

from __future__ import annotations

from pathlib import Path

from sync.worker import SyncChange
from terminal.counter.context import CounterContext
from terminal.counter.service import CounterService
from terminal.ui.controllers.shell import Shell
from terminal.ui.views.wizard import PAGES
from tests.fixtures.backend import Backend
from tests.fixtures.office_staff import staff_from_office
from tests.fixtures.terminal import admin, enrol_wallet, next_code, provision
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import PINS, WAIT, banner, make_shell, sign_in, stop_shell

pytest_plugins = ["tests.fixtures.plugin"]


def provisioned(backend: Backend, data_dir: Path) -> Path:
    """A terminal enrolled at ``backend`` with a cashier and a technician."""
    provision(backend, data_dir)
    staff_from_office(
        backend,
        data_dir,
        {
            "s1": ("Wang", "supervisor", PINS["s1"]),
            "c1": ("Lin", "cashier", PINS["c1"]),
            "t1": ("Zhao", "technician", PINS["t1"]),
        },
    )
    return data_dir


def started(qtbot, data_dir: Path) -> Shell:
    """The app with a 10-minute sync interval: any prompt round was asked for."""
    shell = make_shell(qtbot, data_dir, sync_interval_ms=600_000)
    shell.start()
    qtbot.waitUntil(lambda: shell.counter.is_open and shell.first_screen_shown, timeout=WAIT)
    # The worker's first round, at start, is over: what follows is not that round.
    qtbot.waitUntil(lambda: shell.sync.last_sync is not None, timeout=WAIT)
    return shell


def award(qtbot, shell: Shell, code: str, amount: str) -> None:
    shell.bridge.scanned.emit("camera:0", code, 0.0)
    qtbot.waitUntil(lambda: shell.counter.member is not None, timeout=WAIT)
    shell.window.member.amount.setText(amount)
    shell.window.member.award_button.click()
    qtbot.waitUntil(lambda: "Awarded" in banner(shell)[1], timeout=WAIT)


def test_the_running_app_holds_exactly_one_counter_service(
    qtbot, qt_problems, sqlite_backend, tmp_path, monkeypatch
):
    # Count every service and every opening of the terminal's files as a counter context,
    # however it is reached (the app's factory, a controller, a helper).
    services: list[CounterService] = []
    contexts: list[Path | str | None] = []
    real_init, real_open = CounterService.__init__, CounterContext.open.__func__  # type: ignore[attr-defined]

    def counting_init(self: CounterService, ctx: CounterContext) -> None:
        services.append(self)
        real_init(self, ctx)

    def counting_open(cls, data_dir, **kwargs):
        contexts.append(data_dir)
        return real_open(cls, data_dir, **kwargs)

    monkeypatch.setattr(CounterService, "__init__", counting_init)
    monkeypatch.setattr(CounterContext, "open", classmethod(counting_open))
    data_dir = provisioned(sqlite_backend, tmp_path / "t1")
    wallet = enrol_wallet(sqlite_backend, "M8", tmp_path / "w.json")
    shell = started(qtbot, data_dir)
    try:
        sign_in(qtbot, shell, "c1")
        award(qtbot, shell, next_code(wallet), "30")
        # A sync asked for on the sync screen, answered by the worker.
        answers: list[SyncChange] = []
        shell.window.sync_button.click()
        shell.sync.sync_now(answers.append)
        qtbot.waitUntil(lambda: bool(answers), timeout=WAIT)
        assert answers[0].error is None
        assert sqlite_backend.ledger("M8")["balance"] == 30
        # A technician runs the wizard again and tests the sync from it.
        shell.counter.sign_out()
        sign_in(qtbot, shell, "t1")
        shell.window.technician.wizard_button.click()
        wizard = shell.window.wizard
        wizard.go(PAGES.index("sync"))
        wizard.sync_button.click()
        qtbot.waitUntil(lambda: "answered" in wizard.sync_result.text(), timeout=WAIT)
        assert len(services) == 1 and len(contexts) == 1
        assert shell.counter.service is services[0]
    finally:
        stop_shell(shell)
    assert len(services) == 1 and len(contexts) == 1


def test_a_committed_award_wakes_the_worker_and_reaches_the_ledger_at_once(
    qtbot, qt_problems, sqlite_backend, tmp_path
):
    data_dir = provisioned(sqlite_backend, tmp_path / "t1")
    wallet = enrol_wallet(sqlite_backend, "M9", tmp_path / "w.json")
    shell = started(qtbot, data_dir)
    changes: list[SyncChange] = []
    shell.sync.changed.connect(changes.append)
    try:
        sign_in(qtbot, shell, "c1")
        award(qtbot, shell, next_code(wallet), "40")
        # The interval is ten minutes: only the wake-up can send it within WAIT (20 s; well
        # under a second on an idle machine). How fast is bench.bench_live_card's question.
        qtbot.waitUntil(lambda: sqlite_backend.ledger("M9")["balance"] == 40, timeout=WAIT)
        qtbot.waitUntil(lambda: any(c.accepted for c in changes), timeout=WAIT)
        sent = next(c for c in changes if c.accepted)
        assert (sent.round, sent.pushed, sent.accepted, sent.pending) == (True, 1, 1, 0)
        assert sent.serves >= 1  # a round asked for (the commit), not the timer's
        # The bar waits for the card's new figures (on the core lane), then both agree.
        qtbot.waitUntil(lambda: shell.window.pending.text() == "0 to send", timeout=WAIT)
        assert shell.window.online.text() == "Online"
    finally:
        stop_shell(shell)


def test_a_sync_that_brings_a_new_catalog_reloads_the_rewards_on_the_member_screen(
    qtbot, qt_problems, sqlite_backend, tmp_path
):
    data_dir = provisioned(sqlite_backend, tmp_path / "t1")
    wallet = enrol_wallet(sqlite_backend, "M7", tmp_path / "w.json")
    shell = started(qtbot, data_dir)  # its first round: the catalog is current
    try:
        sign_in(qtbot, shell, "c1")
        shell.bridge.scanned.emit("camera:0", next_code(wallet), 0.0)
        qtbot.waitUntil(lambda: shell.counter.member is not None, timeout=WAIT)
        shell.window.member.redeem_button.click()
        qtbot.waitUntil(lambda: shell.approvals.reward_dialog is not None, timeout=WAIT)
        first = shell.approvals.reward_dialog
        before = [b.text() for b in first.buttons]
        assert before and not any("Umbrella" in text for text in before)
        # Head office adds a reward while the cashier has the choice open; a sync brings it.
        # The head office adds a reward: a new catalog version at the backend.
        admin(sqlite_backend, "reward", "--id", "R-UMB", "--name", "Umbrella", "--points", "50")
        answers: list[SyncChange] = []
        shell.sync.sync_now(answers.append)
        qtbot.waitUntil(lambda: bool(answers), timeout=WAIT)
        assert answers[0].downloaded == frozenset({"catalog"})
        qtbot.waitUntil(lambda: shell.approvals.reward_dialog not in (None, first), timeout=WAIT)
        shown = shell.approvals.reward_dialog
        assert shown is not None and shown.isVisible()
        assert [b.text() for b in shown.buttons] == [
            *before,
            "Umbrella  ·  50 points\n50 points short",
        ]
        assert shell.window.stack.currentWidget() is shell.window.member
    finally:
        stop_shell(shell)


def test_after_a_round_the_member_on_screen_is_refigured_by_the_core(
    qtbot, qt_problems, sqlite_backend, tmp_path
):
    """The award is pending until the backend accepts it; the fan-out asks the core again."""
    data_dir = provisioned(sqlite_backend, tmp_path / "t1")
    wallet = enrol_wallet(sqlite_backend, "M6", tmp_path / "w.json")
    shell = started(qtbot, data_dir)
    amount = "12"
    updated: list[object] = []
    try:
        sign_in(qtbot, shell, "c1")
        award(qtbot, shell, next_code(wallet), amount)
        shell.counter.member_updated.connect(updated.append)
        qtbot.waitUntil(lambda: sqlite_backend.ledger("M6")["balance"] == int(amount), timeout=WAIT)
        # The round that carried the award made the shell ask the core for fresh figures.
        qtbot.waitUntil(lambda: bool(updated), timeout=WAIT)
        view = shell.counter.member
        assert view is not None and view is updated[-1]
        assert view.available_points == view.balance + view.pending_points
    finally:
        stop_shell(shell)
