"""The reward dialog in the app, offscreen: a reward's Chinese name on a Chinese screen, only
what this store offers today (and why none, when none is), a stocked reward off while the
link is down, and the reward's Chinese name on a Chinese receipt."""

from __future__ import annotations

import pytest

from sync.state import TerminalState
from tests.escpos_decode import decode, fields
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import WAIT, banner
from tests.test_ui_receipts import printer  # noqa: F401 (fixture)
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


def test_offline_a_stocked_reward_is_off_with_its_reason_in_either_language(qtbot, shell, terminal):
    publish(terminal)
    shell.set_language("zh_CN")
    member_on_screen(qtbot, shell, terminal, balance=1000)
    dialog = open_dialog(qtbot, shell)
    scarf = dialog.buttons[2]
    # The terminal is offline: only the backend knows how many scarves are left.
    assert not scarf.isEnabled()
    assert scarf.text() == "围巾  ·  100 积分\n此礼品需联网核对库存，离线时不能兑换。"
    assert dialog.buttons[0].isEnabled()  # an unstocked reward stays on
    tap(scarf)
    assert dialog.isVisible() and spent_events(terminal) == []
    shell.set_language("en")
    assert scarf.text() == (
        "Scarf  ·  100 points\nThis reward needs the connection to check its stock."
    )
    # Back on when the link is: tests/test_ui_reward_stock_link.py, with a real backend.
    dialog.reject()


def test_a_stocked_reward_chosen_as_the_link_goes_is_still_refused_in_words(qtbot, shell, terminal):
    publish(terminal)
    shell.set_language("zh_CN")
    member_on_screen(qtbot, shell, terminal, balance=1000)
    dialog = open_dialog(qtbot, shell)
    # The dialog last heard the link was up; the core, which decides, finds it down.
    dialog.set_offline(False)
    tap(dialog.buttons[2])
    qtbot.waitUntil(lambda: banner(shell)[0] == "refused", timeout=WAIT)
    assert banner(shell)[1] == "此礼品需联网核对库存，离线时不能兑换。"
    assert spent_events(terminal) == []


@pytest.mark.parametrize(
    ("rewards", "english", "chinese"),
    [
        (
            [CATALOG["rewards"][2], CATALOG["rewards"][3]],  # another store's; a past one
            "No reward is offered at this store today.",
            "本店今天没有可兑换的礼品。",
        ),
        (
            [],
            "No rewards are available yet. Sync the terminal.",
            "暂无可兑换的礼品，请先同步终端。",
        ),
    ],
)
def test_no_reward_to_offer_says_why(qtbot, shell, terminal, rewards, english, chinese):
    with TerminalState(terminal.data_dir / "state.sqlite") as state:
        state.save_document("catalog", 2, {"rewards": rewards})
    member_on_screen(qtbot, shell, terminal, balance=1000)
    tap(shell.window.member.redeem_button)
    qtbot.waitUntil(lambda: banner(shell)[0] == "refused", timeout=WAIT)
    assert banner(shell)[1] == english
    assert shell.approvals.reward_dialog is None
    shell.set_language("zh_CN")  # the sentence on screen follows the switch
    assert banner(shell)[1] == chinese


def test_a_chinese_receipt_prints_the_rewards_chinese_name(
    qtbot,
    shell,
    terminal,
    printer,  # noqa: F811 (the fixture imported above)
):
    publish(terminal)
    shell.set_language("zh_CN")
    member_on_screen(qtbot, shell, terminal, balance=1000)
    tap(open_dialog(qtbot, shell).buttons[0])  # the mug, 300 points: within the offline cap
    data = printer()
    assert "马克杯".encode("gb18030") in data  # the printer's Chinese character set
    lines, cut = decode(data)
    assert cut and fields(lines)["奖品"] == "马克杯"
    # In English, the same redemption's copy names it as the catalog does.
    shell.set_language("en")
    shell.window.refund_button.click()
    shell.window.refund.receipts.last_button.click()
    lines, _ = decode(printer())
    assert fields(lines)["Reward"] == "Mug"
    # The mug has left the catalog since: a copy laid out from the event still names it.
    with TerminalState(terminal.data_dir / "state.sqlite") as state:
        state.save_document("catalog", 3, {"rewards": [CATALOG["rewards"][1]]})
    shell.set_language("zh_CN")
    refund = shell.window.refund
    qtbot.waitUntil(lambda: refund.table.rowCount() == 1, timeout=WAIT)
    refund.select(0)
    refund.receipts.picked_button.click()
    lines, _ = decode(printer())
    assert fields(lines)["奖品"] == "马克杯"
