"""Every screen fits the counter sizes we support, in both languages: no cut or column-wrapped
text, nothing outside the window, every button a finger can hit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from crypto.code import Purpose
from sync.outbox import Outbox, Result, Status
from terminal.ui.views.dialogs import OverrideDialog
from tests.test_ui_counter import camera_scan
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import WAIT, banner, make_shell, sign_in, stop_shell
from tests.ui_layout_checks import problems

SIZES = [(1024, 768), (1280, 800), (1920, 1080)]
LANGUAGES = ["en", "zh_CN"]

# Two lines at 1280 px in English: what made the supervisor dialog clip its keypad.
LONG_WHY = (
    "Redeeming 900 points for Blender takes member M1001 over this terminal's offline limit "
    "of 500 points a day. A supervisor may approve it; the backend checks it at the next sync."
)


def assert_fits(found: dict) -> None:
    bad = [f"{where}: {problem}" for where, listed in found.items() for problem in listed]
    assert not bad, "\n".join(bad)


def lay_out(window, size: tuple[int, int]) -> None:
    window.resize(*size)
    QTest.qWait(30)
    # Chips a sync report has just shown lay out at the next layout request: flush it.
    QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    QApplication.processEvents()


def screens(shell) -> dict[str, object]:
    w = shell.window
    return {
        "scan": w.scan,
        "member": w.member,
        "pickup": w.pickup,
        "sync": w.sync,
        "refund": w.refund,
        "report": w.report,
        "staff": w.staff_screen,
        "technician": w.technician,
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_screen_fits_each_counter_size(qtbot, shell, terminal, language):
    shell.set_language(language)
    w = shell.window
    # The sync worker's first report shows the status chips: measure with them in place.
    qtbot.waitUntil(lambda: w.online.isVisible(), timeout=WAIT)
    found: dict[str, list[str]] = {}
    for size in SIZES:
        lay_out(w, size)
        found[f"signin {size}"] = problems(w, size)
    sign_in(qtbot, shell, "s1")  # a supervisor: the most buttons in the top bar
    member = terminal.member(tier="platinum")
    order = member.document(
        "pickup",
        "O-2041",
        body={"items": [{"sku": "TEA", "name": "Oolong tea 250 g", "qty": 2}]},
    )
    camera_scan(shell, member.code(purpose=Purpose.PICKUP, document=order))
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.pickup, timeout=WAIT)
    shell.counter.next_customer()
    # The gold card first: its last privilege, "free delivery", wraps to a line of its own
    # at 1024x768 and once lost the descender of its "y".
    camera_scan(shell, terminal.member(tier="gold").code())
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.member, timeout=WAIT)
    # After an award, as in the demo: the card has its waiting-operation line as well.
    for key in "25":
        w.member.keypad.buttons[key].click()
    w.member.award_button.click()
    qtbot.waitUntil(lambda: banner(shell)[0] == "ok", timeout=WAIT)
    for size in SIZES:
        lay_out(w, size)
        found[f"member gold {size}"] = problems(w, size)
    shell.counter.next_customer()
    camera_scan(shell, member.code())
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.member, timeout=WAIT)
    shown = [shell.counter.member.code_id]
    # The card's longest line: operations synced but not on the card yet.
    for amount in ("1000", "200"):
        camera_scan(shell, member.code())  # one award per code
        qtbot.waitUntil(lambda: shell.counter.member.code_id != shown[-1], timeout=WAIT)
        w.member.amount.setText(amount)
        w.member.award_button.click()
        qtbot.waitUntil(lambda: not w.member.amount.text(), timeout=WAIT)
        shown.append(shell.counter.member.code_id)
    with Outbox(terminal.data_dir / "outbox.sqlite", "T1", clock=terminal.clock) as outbox:
        answers = {e.id: Result(Status.ACCEPTED, None, position=1) for e in outbox.unsent()}
        outbox.record_results(answers)
    shell.counter.refigure()
    # 2,400 from the two awards, plus the first award's 37 if the worker had not sent it yet.
    qtbot.waitUntil(
        lambda: any(f in w.member.card.pending.text() for f in ("+2,400", "+2,437")), timeout=WAIT
    )
    # A long refusal in the strip: it must shrink to fit, never push the screen down.
    w.banner.show_message(
        "refused",
        "This code was already used at 12:04 on terminal T1. Ask the member to refresh the "
        "code in the app and scan again; a screenshot of an old code is never accepted.",
    )
    for name, screen in screens(shell).items():
        w.show_screen(screen)
        for size in SIZES:
            lay_out(w, size)
            found[f"{name} {size}"] = problems(w, size)
    assert_fits(found)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", ["supervisor", "technician"])
def test_the_pin_dialog_with_a_long_reason_fits_each_size(qtbot, shell, language, role):
    shell.set_language(language)
    found = {}
    for size in SIZES:
        lay_out(shell.window, size)
        dialog = OverrideDialog(shell.window, LONG_WHY, role)
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        hint = dialog.sizeHint()
        # The dialog opens at its natural size; that must fit the screen with room for a
        # window frame, and everything must show whole at that size.
        if hint.height() > size[1] - 60 or hint.width() > size[0]:
            found[size] = [f"the dialog needs {hint.width()}x{hint.height()}"]
            continue
        dialog.resize(hint)
        QApplication.processEvents()
        found[size] = problems(dialog, (hint.width(), hint.height()))
        dialog.close()
    assert_fits(found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_wizard_page_fits_each_counter_size(qtbot, qt_problems, tmp_path, language):
    from terminal.ui.views.wizard import PAGES

    shell = make_shell(qtbot, tmp_path / "new", language=language)
    shell.start()
    try:
        w = shell.window
        qtbot.waitUntil(lambda: w.stack.currentWidget() is w.wizard, timeout=WAIT)
        found = {}
        for index, page in enumerate(PAGES):
            w.wizard.go(index)
            for size in SIZES:
                lay_out(w, size)
                found[f"wizard {page} {size}"] = problems(w, size)
        assert_fits(found)
    finally:
        stop_shell(shell)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_gold_card_online_keeps_every_descender_at_each_size(qtbot, language):
    """The demo's card after the README's purchase: the backend's balance, the bar to the next
    tier, an operation waiting. At 1024x768 "free delivery" lost the descender of its "y"."""

    from terminal.counter.results import MemberView
    from terminal.ui.app import qt_app
    from terminal.ui.translations import Translations
    from terminal.ui.views.main_window import MainWindow

    translations = Translations(qt_app(), None)
    translations.set_language(language)
    try:
        found = _gold_card_problems(qtbot, MemberView, MainWindow)
    finally:
        # Off the application again: a translator left installed answers for the next test.
        translations.close()
    assert_fits(found)


def _gold_card_problems(qtbot, MemberView, MainWindow):
    import time

    window = MainWindow()
    qtbot.addWidget(window)
    privileges = ("member prices", "birthday gift", "free delivery")
    view = MemberView(
        "M1001",
        "gold",
        privileges,
        102,
        int(time.time()),
        192,
        1,
        "platinum",
        Decimal(20000),
        "c1",
        "checkout",
        spend_to_next_tier=Decimal(19932),
        balance_source="backend",
    )
    window.show()
    window.show_screen(window.member)
    window.member.show_member(view)
    found = {}
    for size in SIZES:
        lay_out(window, size)
        assert window.member.card.progress.isVisible()
        found[f"member gold online {size}"] = problems(window, size)
    return found
