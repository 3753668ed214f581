"""The reward dialog in the app, offscreen: a reward's Chinese name on a Chinese screen, only
what this store offers today, and the offline refusal of a stocked reward in words."""

from __future__ import annotations

from sync.state import TerminalState
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import WAIT, banner
from tests.test_ui_spend import member_on_screen, spent_events, tap

CATALOG = {
    "rewards": [
        {"id": "R-MUG", "name": "Mug", "name_zh": "马克杯", "points": 300},
        {"id": "R-BAG", "name": "Tote bag", "points": 200, "cash": "5.00"},
        {"id": "R-S9", "name": "Umbrella", "name_zh": "雨伞", "points": 100, "stores": ["S9"]},
        {"id": "R-OLD", "name": "Calendar", "points": 100, "valid_until": "2027-01-14"},
        {"id": "R-LIMITED", "name": "Scarf", "name_zh": "围巾", "points": 100, "stock": 3},
    ]
}


def publish(terminal) -> None:
    with TerminalState(terminal.data_dir / "state.sqlite") as state:
        state.save_document("catalog", 2, CATALOG)


def open_dialog(qtbot, shell):
    tap(shell.window.member.redeem_button)
    qtbot.waitUntil(lambda: shell.approvals.reward_dialog is not None, timeout=WAIT)
    return shell.approvals.reward_dialog


def test_the_reward_dialog_shows_the_chinese_name_on_a_chinese_screen(qtbot, shell, terminal):
    publish(terminal)
    shell.set_language("zh_CN")
    member_on_screen(qtbot, shell, terminal, balance=1000)
    dialog = open_dialog(qtbot, shell)
    names = [b.text().split("  ·  ")[0] for b in dialog.buttons]
    # A reward without name_zh keeps its name; other stores' and past rewards are not offered.
    assert names == ["马克杯", "Tote bag", "围巾"]
    shell.set_language("en")  # the open dialog follows the switch
    assert [b.text().split("  ·  ")[0] for b in dialog.buttons] == ["Mug", "Tote bag", "Scarf"]
    dialog.reject()


def test_a_stocked_reward_chosen_offline_is_refused_in_words(qtbot, shell, terminal):
    publish(terminal)
    shell.set_language("zh_CN")
    member_on_screen(qtbot, shell, terminal, balance=1000)
    dialog = open_dialog(qtbot, shell)
    tap(dialog.buttons[2])
    qtbot.waitUntil(lambda: banner(shell)[0] == "refused", timeout=WAIT)
    assert banner(shell)[1] == "此礼品需联网核对库存，离线时不能兑换。"
    assert spent_events(terminal) == []
