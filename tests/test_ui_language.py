"""Every sentence translated with its numbers, in both languages, in the real app.

Refusal templates are read from the core's source and held to the translation; the Chinese
keeps each figure; counts use Qt's plural forms; failures of the wizard and of sync show a
sentence chosen by their code (a real backend on 127.0.0.1, a closed port, a proxy that
stops answering), never a code or an exception's name; the language box and a message
already on screen follow a switch.
"""

from __future__ import annotations

import ast
import re
import socket
import xml.etree.ElementTree as ET
from pathlib import Path

from drivers.events import ScanEvent
from protocol.events import KINDS
from terminal.counter.results import Role
from terminal.counter.staff import PERMISSIONS
from terminal.sentences import Text
from terminal.ui import code_sentences, reason_texts
from terminal.ui.texts import translated
from terminal.ui.translations import SOURCE_DIR
from tests.fixtures.faults import FaultProxy
from tests.fixtures.office_staff import staff_from_office
from tests.fixtures.terminal import enrol_wallet, next_code, provision
from tests.test_ui_fixtures import *  # noqa: F403 (fixtures)
from tests.test_ui_fixtures import PINS, WAIT, banner, make_shell, sign_in, stop_shell

pytest_plugins = ["tests.fixtures.plugin"]
ROOT = Path(__file__).resolve().parent.parent
CORE = ("terminal/counter", "terminal/till")
PLACEHOLDER = re.compile(r"%[0-9n]")
# What must never reach a screen: a reason code (snake_case) or any Latin word at all in a
# Chinese sentence that names no id.
LATIN = re.compile(r"[A-Za-z]")


def sentence_calls():
    """(file, call, template node) for every CounterRefused(...) and Text(...) in the core."""
    for folder in CORE:
        for path in sorted((ROOT / folder).glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                index = {"CounterRefused": 1, "Text": 0}.get(name)
                if index is not None and len(node.args) > index:
                    yield path, node, node.args[index]


def policy_templates() -> set[str]:
    """The templates of the policy's refusals (protocol/policy.py, discount_refusal_parts)."""
    tree = ast.parse((ROOT / "protocol" / "policy.py").read_text())
    found = set()
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef) and function.name == "discount_refusal_parts":
            for node in ast.walk(function):
                if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple):
                    first = node.value.elts[0]
                    assert isinstance(first, ast.Constant), node.lineno
                    found.add(str(first.value))
    return found


def zh_messages():
    found = {}
    # Our own file, not untrusted input.
    for context in ET.parse(SOURCE_DIR / "terminal_zh_CN.ts").getroot().iter("context"):  # noqa: S314
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [f.text or "" for f in translation.iter("numerusform")]
            found[(context.findtext("name"), message.findtext("source"))] = forms or [
                translation.text or ""
            ]
    return found


def test_no_refusal_sentence_is_built_with_its_figures_inside():
    for path, node, template in sentence_calls():
        # An f-string, "%" or .format() bakes the figures into the text: it cannot be looked
        # up in the translation then. Figures go in as arguments.
        built = isinstance(template, ast.JoinedStr | ast.BinOp) or (
            isinstance(template, ast.Call) and getattr(template.func, "attr", "") == "format"
        )
        assert not built, f"{path.name}:{node.lineno}"


def test_every_refusal_template_of_the_core_is_listed_and_translated_with_its_placeholders():
    listed = set(reason_texts.CORE_TEMPLATES) | set(reason_texts.POLICY_TEMPLATES)
    zh = zh_messages()
    templates = {
        t.value
        for _path, _node, t in sentence_calls()
        if isinstance(t, ast.Constant) and isinstance(t.value, str)
    }
    assert len(templates) > 60  # the walk found the core's sentences
    policy = policy_templates()
    assert len(policy) == 5
    templates |= policy
    for template in templates:
        assert template in listed, template
        forms = zh[("reasons", template)]
        for text in forms:
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(template)), (
                template,
                text,
            )


def test_every_phrase_the_core_passes_as_an_argument_is_translated():
    # Roles and actions (staff.require), operation kinds (refunds): passed as Text(word).
    words = {role.value for role in Role} | set(PERMISSIONS) | set(KINDS)
    zh = zh_messages()
    for word in words:
        assert word in reason_texts.CORE_WORDS, word
        assert not LATIN.search(zh[("reasons", word)][0]), word


def test_an_argument_is_filled_in_once_and_never_read_as_a_placeholder():
    text = Text("Only %1 of %2 left to hand over.", ("3", "Cup %1 large"))
    assert text.english() == "Only 3 of Cup %1 large left to hand over."


def test_nested_phrases_and_figures_are_translated_with_the_sentence(qtbot, shell):
    shell.set_language("zh_CN")
    cap = Text(
        "Offline, at most %1 points per member per day can be redeemed here %2; "
        "%3 already used today.",
        (500, Text("without a supervisor"), 300),
    )
    assert translated(cap) == (
        "离线状态下，无主管授权时，每位会员每天在此最多可兑换 500 积分；今天已使用 300 积分。"
    )
    shell.set_language("en")
    assert translated(cap) == (
        "Offline, at most 500 points per member per day can be redeemed here without a "
        "supervisor; 300 already used today."
    )


def award(qtbot, shell, terminal, amount: str) -> str:
    """Scan the member, award ``amount`` on the keypad; the green banner."""
    shell.bridge.driver_sink(ScanEvent("camera:0", terminal.member().code(), 0.0))
    qtbot.waitUntil(lambda: shell.counter.member is not None, timeout=WAIT)
    screen = shell.window.member
    for key in amount:
        screen.keypad.buttons[key].click()
    shell.window.banner.hide()
    screen.award_button.click()
    qtbot.waitUntil(lambda: banner(shell)[0] == "ok", timeout=WAIT)
    return banner(shell)[1]


def test_counts_read_one_point_two_points_and_the_chinese_form_in_the_app(qtbot, shell, terminal):
    sign_in(qtbot, shell)
    card = shell.window.member.card
    assert award(qtbot, shell, terminal, "1").startswith("Awarded 1 point. ")
    assert card.pending.text() == "1 operation waiting to sync (+1 points)"
    shell.window.member.done_button.click()
    said = award(qtbot, shell, terminal, "2")  # x1.5 for the member's tier
    assert said.startswith("Awarded 3 points. ")
    assert card.pending.text() == "2 operations waiting to sync (+4 points)"
    shell.set_language("zh_CN")
    # The banner already on screen and the card both follow the switch.
    assert banner(shell)[1].startswith("已发放 3 积分。")
    qtbot.waitUntil(lambda: card.pending.text() == "2 笔操作等待同步（+4 积分）", timeout=WAIT)


def test_a_refusal_on_screen_follows_a_language_switch_both_ways(qtbot, shell):
    view = shell.window.signin
    view.staff_id.setText("c1")
    view.pin.setText("000000")
    view.submit.click()
    qtbot.waitUntil(lambda: banner(shell)[0] == "refused", timeout=WAIT)
    assert banner(shell)[1] == "Wrong staff id or PIN."
    shell.window.lang_button.click()
    assert banner(shell) == ("refused", "工号或密码错误。")
    shell.window.lang_button.click()
    assert banner(shell) == ("refused", "Wrong staff id or PIN.")


def test_the_language_box_follows_the_ui_however_the_language_was_chosen(
    qtbot, qt_problems, shell, tmp_path
):
    box = shell.window.wizard.language
    assert box.currentData() == "en"
    shell.window.lang_button.click()  # the top bar, while the wizard is not on screen
    assert box.currentData() == "zh_CN" and box.currentText() == "中文（简体）"
    shell.window.lang_button.click()
    assert box.currentData() == "en"
    # A new terminal started with --lang zh_CN opens the wizard with its box on Chinese.
    fresh = make_shell(qtbot, tmp_path / "new", language="zh_CN")
    fresh.start()
    try:
        wizard = fresh.window.wizard
        qtbot.waitUntil(lambda: fresh.window.stack.currentWidget() is wizard, timeout=WAIT)
        assert wizard.language.currentData() == "zh_CN"
        assert wizard.enrol_button.text() != "Enrol this terminal"
    finally:
        stop_shell(fresh)
    shell.translations.set_language("en")


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def enrol_in_chinese(qtbot, tmp_path, url: str, code: str) -> tuple[str, str]:
    """The wizard's answer in Chinese, then after choosing English in its language box."""
    shell = make_shell(qtbot, tmp_path / "new-terminal", language="zh_CN")
    shell.start()
    try:
        wizard = shell.window.wizard
        qtbot.waitUntil(lambda: shell.window.stack.currentWidget() is wizard, timeout=WAIT)
        wizard.url.setText(url)
        wizard.code.setText(code)
        wizard.enrol_button.click()
        waiting = wizard.enrol_result.text()
        qtbot.waitUntil(lambda: wizard.enrol_result.text() != waiting, timeout=WAIT)
        assert not wizard.enrolled
        chinese = wizard.enrol_result.text()
        wizard.language.setCurrentIndex(wizard.language.findData("en"))
        assert shell.translations.language == "en"
        return chinese, wizard.enrol_result.text()
    finally:
        stop_shell(shell)


def test_a_bad_enrolment_code_at_a_real_backend_is_a_chinese_sentence(
    qtbot, qt_problems, sqlite_backend, tmp_path
):
    said, english = enrol_in_chinese(qtbot, tmp_path, sqlite_backend.url, "NOT-A-REAL-CODE-1234")
    assert said == "该注册码无效、已使用或已过期。请向会员中心索取新的注册码。"
    assert not LATIN.search(said)
    # The answer on screen follows the switch, and English shows no code either.
    assert english == (
        "This enrolment code is unknown, already used or expired. Ask the loyalty office "
        "for a new code."
    )


def test_an_unreachable_backend_at_enrolment_is_a_chinese_sentence(qtbot, qt_problems, tmp_path):
    url = f"http://127.0.0.1:{closed_port()}"
    said, english = enrol_in_chinese(qtbot, tmp_path, url, "ABCD-EFGH")
    assert said == "无法通过此地址连接会员服务器。请检查地址和网络后重试。"
    assert not LATIN.search(said)
    assert "Error" not in english and english.startswith("The loyalty server cannot be reached")


def test_sync_failures_on_the_sync_screen_are_sentences_by_their_code(
    qtbot, qt_problems, sqlite_backend, tmp_path
):
    port = int(sqlite_backend.url.rsplit(":", 1)[1])
    with FaultProxy(port) as network:
        data_dir = tmp_path / "t1"
        terminal_id = provision(sqlite_backend, data_dir, url=network.url)["terminal"]
        staff_from_office(sqlite_backend, data_dir, {"c1": ("Lin", "cashier", PINS["c1"])})
        shell = make_shell(qtbot, data_dir, language="zh_CN", sync_interval_ms=600_000)
        shell.start()
        try:
            qtbot.waitUntil(
                lambda: shell.counter.is_open and shell.first_screen_shown, timeout=WAIT
            )
            sign_in(qtbot, shell)
            # Something to send, so the round talks to the backend.
            wallet = enrol_wallet(sqlite_backend, "M8", tmp_path / "w.json")
            shell.bridge.scanned.emit("camera:0", next_code(wallet), 0.0)
            qtbot.waitUntil(lambda: shell.counter.member is not None, timeout=WAIT)
            network.default = "refuse"  # the backend goes away
            shell.window.member.amount.setText("30")
            shell.window.member.award_button.click()
            qtbot.waitUntil(lambda: banner(shell)[0] == "ok", timeout=WAIT)
            shell.window.sync_button.click()
            sync = shell.window.sync

            # A round's result is the sync screen's own line, not the banner (issue 11).
            def last_round() -> str:
                return str(sync.values["round"].text())

            def failure_after_retry() -> str:
                before = last_round()
                sync.sync_button.click()
                qtbot.waitUntil(
                    lambda: last_round() != before and last_round().startswith("同步失败"),
                    timeout=WAIT,
                )
                return last_round()

            unreachable = failure_after_retry()
            assert unreachable == (
                "同步失败，记录仍在队列中。"
                "无法连接会员服务器。记录保存在本终端，服务器恢复后会自动发送。"
            )
            network.default = "pass"
            sqlite_backend.revoke(terminal_id)
            revoked = failure_after_retry()
            assert revoked == "同步失败，记录仍在队列中。会员服务器已停用本终端。请联系技术员。"
            for said in (unreachable, revoked):
                assert not LATIN.search(said), said
            shell.set_language("en")
            assert last_round() == (
                "Sync failed; events stay queued. The loyalty server has blocked this "
                "terminal. Call a technician."
            )
        finally:
            stop_shell(shell)


def backend_rejection_codes() -> set[str]:
    """Every code the backend rejects an event with (backend: Rejected("code", ...))."""
    codes = set()
    for path in sorted((ROOT / "backend").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Rejected":
                first = node.args[0] if node.args else None
                if isinstance(first, ast.Constant):
                    codes.add(str(first.value).split(":", 1)[0])
                elif isinstance(first, ast.JoinedStr):  # "code_invalid:{reason}"
                    head = first.values[0]
                    assert isinstance(head, ast.Constant), path
                    codes.add(str(head.value).split(":", 1)[0])
    return codes


def test_every_rejection_of_the_backend_has_a_sentence_in_both_languages(qtbot, shell):
    codes = backend_rejection_codes()
    assert {"code_invalid", "points_mismatch", "cash_mismatch"} <= codes
    general = {str(code) for code in reason_texts.REASON_CODES}
    for code in codes:
        assert code in code_sentences.CODE_SENTENCES or code in general, code
    view = shell.window.sync
    shell.set_language("zh_CN")
    for code in sorted(codes):
        # As the sync screen gets it from the outbox: the code, then the backend's detail.
        said = view._cells(
            {"event_id": "E1", "member": "M1", "kind": "award", "reason": code + ": x"}
        )
        assert said[3] and not LATIN.search(said[3]), (code, said[3])


def test_every_count_has_its_english_singular_and_plural():
    english = {}
    # Our own file, not untrusted input.
    for context in ET.parse(SOURCE_DIR / "terminal_en.ts").getroot().iter("context"):  # noqa: S314
        for message in context.iter("message"):
            forms = [f.text or "" for f in message.iter("numerusform")]
            english[(context.findtext("name"), message.findtext("source"))] = forms
    counts = [key for key in zh_messages() if "%n" in key[1]]
    assert len(counts) >= 7
    for context, source in counts:
        forms = english.get((context, source))
        assert forms and len(forms) == 2, (context, source)
        for form in forms:
            assert "(s)" not in form, form
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(source)), form
