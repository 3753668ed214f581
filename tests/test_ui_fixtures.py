"""Shared fixtures for the Qt app tests: a real provisioned terminal, staff, the running app.

Qt warnings and criticals fail the test that caused them. Imported by the ``test_ui_*``
modules (``from tests.test_ui_fixtures import *``); it holds no tests itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QtMsgType, qInstallMessageHandler

from terminal.counter.results import Role
from terminal.counter.service import CounterService
from terminal.counter.staff import StaffStore
from terminal.ui.app import Options, build, qt_app
from terminal.ui.controllers.shell import Shell
from tests.counter_setup import Terminal, provision_offline

# The offscreen platform cannot do this; it says so on every top-level window it shows.
BENIGN = ("This plugin does not support propagateSizeHints()",)

# Generous: the 2 shared cores are often busy with other test runs.
WAIT = 20_000

PINS = {"c1": "111111", "s1": "222222", "t1": "333333"}


@pytest.fixture
def qt_problems() -> Iterator[list[str]]:
    """Collect Qt warnings and criticals; the test fails if any were raised."""
    problems: list[str] = []

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        serious = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
        if kind in serious and not any(b in message for b in BENIGN):
            problems.append(message)

    previous = qInstallMessageHandler(handler)
    yield problems
    qInstallMessageHandler(previous)
    assert not problems, f"Qt warnings: {problems}"


def add_staff(data_dir: Path) -> None:
    store = StaffStore(data_dir / "staff.sqlite")
    try:
        supervisor = store.add(None, "s1", "Wang", Role.SUPERVISOR, PINS["s1"])
        store.add(supervisor, "c1", "Lin", Role.CASHIER, PINS["c1"])
        store.add(supervisor, "t1", "Zhao", Role.TECHNICIAN, PINS["t1"])
    finally:
        store.close()


@pytest.fixture(scope="session")
def staffed_template(tmp_path_factory) -> Terminal:
    """One provisioned terminal with staff (scrypt is slow); tests copy its files."""
    terminal = provision_offline(tmp_path_factory.mktemp("template") / "terminal")
    add_staff(terminal.data_dir)
    return terminal


@pytest.fixture
def terminal(staffed_template, tmp_path) -> Terminal:
    """A fresh copy of the provisioned terminal, with the same issuer and a test clock."""
    import shutil

    data_dir = tmp_path / "terminal"
    shutil.copytree(staffed_template.data_dir, data_dir)
    return Terminal(data_dir, staffed_template.issuer)


def make_shell(qtbot, data_dir: Path, factory=None, **options) -> Shell:
    app = qt_app()
    shell, wedge = build(
        app,
        Options(
            data_dir=data_dir,
            language=options.pop("language", "en"),
            factory=factory,
            start_devices=options.pop("start_devices", False),
            sound=False,
            **options,
        ),
    )
    qtbot.addWidget(shell.window)
    shell._test_wedge = wedge  # type: ignore[attr-defined]
    return shell


def stop_shell(shell: Shell) -> None:
    shell.shutdown()
    qt_app().removeEventFilter(shell._test_wedge)  # type: ignore[attr-defined]
    shell.translations.set_language("en")


@pytest.fixture
def shell(qtbot, qt_problems, terminal) -> Iterator[Shell]:
    """The app on the provisioned terminal, started, on the sign-in screen."""
    s = make_shell(
        qtbot,
        terminal.data_dir,
        factory=lambda: CounterService.open(terminal.data_dir, clock=terminal.clock),
    )
    s.start()
    qtbot.waitUntil(lambda: s.counter.is_open and s.first_screen_shown, timeout=WAIT)
    yield s
    stop_shell(s)


def sign_in(qtbot, shell: Shell, staff_id: str = "c1") -> None:
    """Type the id and PIN with the on-screen keypad, press Sign in, wait for the scan screen."""
    view = shell.window.signin
    view.staff_id.setText(staff_id)
    view.keypad.target = view.pin
    for digit in PINS[staff_id]:
        view.keypad.buttons[digit].click()
    view.submit.click()
    qtbot.waitUntil(lambda: shell.counter.staff is not None, timeout=WAIT)


def banner(shell: Shell) -> tuple[str, str]:
    b = shell.window.banner
    return (b.property("state") if b.isVisible() else "", b.text())
