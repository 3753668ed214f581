"""The console in a real headless Chromium against the real backend (one browser, one server
for the module): sign-in, wrong passwords and lockout, roles and CSRF refused on the server,
an enrolment code that provisions a real terminal, a flag raised by two real terminals and
resolved, a stale terminal, a catalog edit reaching a terminal."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
import requests
from selenium.webdriver.support.ui import WebDriverWait
from sqlalchemy import func, select, update

from backend import downstream, schema
from backend.console.accounts import FAILURES_PER_ACCOUNT
from backend.console.web import ConsoleSettings
from drivers.decoders import ZxingDecoder
from protocol import signing
from tests.console_browser import chromium, click_and_wait, sign_in, wait_for_path
from tests.console_session import console_user
from tests.fixtures.backend import Backend, start_backend
from tests.fixtures.clock import wait_for_room_in_window
from tests.fixtures.terminal import enrol_wallet, next_code, provision, sync, terminal
from tests.test_console_heartbeat import REPORT

USERS = {
    "ada": ("admin", "ada's long password"),
    "otto": ("operator", "otto's long password"),
    "vera": ("viewer", "vera's long password"),
    "lena": ("operator", "lena's long password"),
}


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    root = tmp_path_factory.mktemp("office")
    served = start_backend(
        f"sqlite:///{root / 'backend.sqlite'}",
        root / "issuer",
        "sqlite",
        ConsoleSettings(secure_cookies=False),  # plain HTTP on 127.0.0.1
    )
    backend = next(served)
    for name, (role, password) in USERS.items():
        console_user(backend, name, role, password)
    yield backend
    served.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from chromium(tmp_path_factory.mktemp("chromium-profile"))


def by_id(driver: Any, element: str) -> Any:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, element)


def count(backend: Backend, table: Any, *where: Any) -> int:
    with backend.engine.begin() as conn:
        return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())


def as_user(driver: Any, backend: Backend, name: str) -> None:
    sign_in(driver, backend, name, USERS[name][1])


def test_sign_in_switch_language_and_sign_out(browser: Any, office: Backend):
    browser.delete_all_cookies()
    browser.get(f"{office.url}/console/fleet")
    wait_for_path(browser, "/console/login")  # no session: the sign-in page
    as_user(browser, office, "ada")
    assert browser.current_url.endswith("/console/fleet")
    assert by_id(browser, "user").text == "ada"
    assert "Fleet" in browser.title
    click_and_wait(browser, by_id(browser, "lang-switch"))
    wait_for_path(browser, "/console/fleet")
    assert "终端" in browser.title and "会员运营中心" in browser.page_source
    click_and_wait(browser, by_id(browser, "lang-switch"))
    click_and_wait(browser, by_id(browser, "sign-out"))
    wait_for_path(browser, "/console/login")
    browser.get(f"{office.url}/console/fleet")
    wait_for_path(browser, "/console/login")  # the session ended on the server


def test_wrong_passwords_then_lockout_even_with_the_right_one(browser: Any, office: Backend):
    wait_for_room_in_window(FAILURES_PER_ACCOUNT.window, 30)
    browser.delete_all_cookies()
    for attempt in range(5):
        browser.get(f"{office.url}/console/login")
        by_id(browser, "name").send_keys("lena")
        by_id(browser, "password").send_keys(f"not lena's password {attempt}")
        click_and_wait(browser, by_id(browser, "submit"))
        assert by_id(browser, "error").text == "Wrong name or password."
    browser.get(f"{office.url}/console/login")
    by_id(browser, "name").send_keys("lena")
    by_id(browser, "password").send_keys(USERS["lena"][1])
    click_and_wait(browser, by_id(browser, "submit"))
    assert "Too many failed sign-ins" in by_id(browser, "error").text
    sessions = schema.console_sessions
    assert count(office, sessions, sessions.c.user == "lena") == 0
    # Another account from the same address is not locked out.
    as_user(browser, office, "otto")
    assert by_id(browser, "user").text == "otto"


def test_a_viewer_is_refused_an_operators_action(browser: Any, office: Backend):
    as_user(browser, office, "vera")
    browser.get(f"{office.url}/console/enrolment")
    assert not browser.find_elements("id", "create-code")  # no form shown to a viewer
    codes = count(office, schema.enrolment_codes)
    # The viewer builds the operator's form themself, with their own valid CSRF token.
    browser.execute_script(
        """
        const f = document.createElement('form');
        f.method = 'post'; f.action = '/console/enrolment';
        for (const [k, v] of [['csrf', document.querySelector('input[name=csrf]').value],
                              ['store', 'S1'], ['hours', '24']]) {
          const i = document.createElement('input'); i.name = k; i.value = v; f.appendChild(i);
        }
        document.body.appendChild(f); f.submit();
        """
    )
    WebDriverWait(browser, 15).until(lambda d: d.find_elements("id", "refused"))
    assert by_id(browser, "refused").text == "Your role does not allow this action."
    assert count(office, schema.enrolment_codes) == codes


def test_a_form_without_the_sessions_csrf_token_is_refused(browser: Any, office: Backend):
    as_user(browser, office, "otto")
    browser.get(f"{office.url}/console/enrolment")
    codes = count(office, schema.enrolment_codes)
    browser.execute_script(
        "document.querySelector('#create-code input[name=csrf]').value = 'forged-token';"
    )
    by_id(browser, "store").send_keys("S1")
    click_and_wait(browser, by_id(browser, "create"))
    assert "did not come from this console" in by_id(browser, "refused").text
    assert count(office, schema.enrolment_codes) == codes
    # A cross-site post carries the cookie at most, never the token: refused the same way.
    cookie = browser.get_cookie("console_session")["value"]
    reply = requests.post(
        f"{office.url}/console/enrolment",
        data={"store": "S1"},
        cookies={"console_session": cookie},
        timeout=10,
    )
    assert reply.status_code == 403
    assert count(office, schema.enrolment_codes) == codes


def test_an_enrolment_code_from_the_console_provisions_a_real_terminal(
    browser: Any, office: Backend, tmp_path: Path
):
    as_user(browser, office, "otto")
    browser.get(f"{office.url}/console/enrolment")
    by_id(browser, "store").send_keys("S7")
    click_and_wait(browser, by_id(browser, "create"))
    code = by_id(browser, "new-code").text
    # The QR code on the screen holds the same code, read by the terminal's own decoder.
    png = by_id(browser, "qr").screenshot_as_png
    gray = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    assert ZxingDecoder().decode(gray) == [code]
    data = tmp_path / "terminal"
    argv = ["provision", "--backend", office.url, "--code", code, "--data-dir", str(data)]
    rc, out = terminal(argv)
    assert rc == 0, out
    assert out["store"] == "S7"
    browser.get(f"{office.url}/console/fleet")
    row = by_id(browser, f"terminal-{out['terminal']}")
    assert "S7" in row.text
    browser.get(f"{office.url}/console/enrolment")
    assert f"Used by {out['terminal']}" in by_id(browser, "codes").text
    rc, again = terminal([*argv[:-1], str(tmp_path / "second")])
    assert rc != 0, again  # a code is used once


def test_a_flag_raised_by_two_real_terminals_is_resolved(
    browser: Any, office: Backend, tmp_path: Path
):
    t1, t2 = tmp_path / "t1", tmp_path / "t2"
    provision(office, t1, "S2")
    second = provision(office, t2, "S2")["terminal"]
    wallet = enrol_wallet(office, "M-flag", tmp_path / "wallet.json")
    shown = next_code(wallet)  # one code shown at two counters
    for data in (t1, t2):
        rc, out = terminal(["award", "--data-dir", str(data), "--amount", "8.00", shown])
        assert rc == 0, out
    assert sync(t1)[1]["accepted"] == 1
    assert sync(t2)[1]["rejected"] == 1
    flags = schema.flags
    with office.engine.begin() as conn:
        flag = conn.execute(select(flags).where(flags.c.member == "M-flag")).one()
    assert (flag.kind, flag.terminal) == ("code_reused", second)

    as_user(browser, office, "otto")
    browser.get(f"{office.url}/console/flags?store=S2")
    row = by_id(browser, f"flag-{flag.id}")
    assert "code_reused" in row.text and second in row.text and "S2" in row.text
    row.find_element("name", "note").send_keys("photo of the code; cashier briefed")
    click_and_wait(browser, row.find_element("css selector", "button"))
    assert by_id(browser, "done").text == "Flag resolved."
    assert not browser.find_elements("id", f"flag-{flag.id}")  # gone from the open queue
    browser.get(f"{office.url}/console/flags?state=resolved&member=M-flag")
    assert (
        "Resolved by otto: photo of the code; cashier briefed"
        in by_id(browser, f"flag-{flag.id}").text
    )
    resolutions = schema.flag_resolutions
    assert count(office, resolutions, resolutions.c.flag == flag.id) == 1


def test_a_terminal_silent_for_36_hours_is_shown_stale(
    browser: Any, office: Backend, tmp_path: Path
):
    quiet = provision(office, tmp_path / "quiet", "S3")["terminal"]
    busy_dir = tmp_path / "busy"
    busy = provision(office, busy_dir, "S3")["terminal"]
    _heartbeat(office, busy_dir, busy)
    health = schema.terminal_health
    with office.engine.begin() as conn:  # 37 hours pass for the quiet one
        conn.execute(
            update(health)
            .where(health.c.terminal == quiet)
            .values(last_contact_at=int(time.time()) - 37 * 3600)
        )
    as_user(browser, office, "vera")
    browser.get(f"{office.url}/console/fleet")
    quiet_row, busy_row = by_id(browser, f"terminal-{quiet}"), by_id(browser, f"terminal-{busy}")
    assert "stale" in quiet_row.get_attribute("class").split()
    assert quiet_row.find_element("css selector", ".badge").text == "stale"
    assert "stale" not in busy_row.get_attribute("class").split()
    assert "1.4.2 / 1 / 1 / 1" in busy_row.text and "-850 ms" in busy_row.text
    browser.get(f"{office.url}/console/lang/zh_CN?next=/console/fleet")
    assert by_id(browser, f"terminal-{quiet}").find_element("css selector", ".badge").text == "失联"
    browser.get(f"{office.url}/console/lang/en?next=/console/fleet")


def test_a_sync_from_the_command_line_reports_its_queue_and_no_devices_it_did_not_open(
    browser: Any, office: Backend, tmp_path: Path
):
    data = tmp_path / "by-hand"
    synced_by_hand = provision(office, data, "S5")["terminal"]
    wallet = enrol_wallet(office, "M-by-hand", tmp_path / "wallet.json")
    rc, out = terminal(["award", "--data-dir", str(data), "--amount", "5.00", next_code(wallet)])
    assert rc == 0, out
    rc, report = sync(data)
    assert (rc, report["accepted"], report["heartbeat"]) == (0, 1, True), report
    health = schema.terminal_health
    with office.engine.begin() as conn:
        stored = conn.execute(select(health.c.report).where(health.c.terminal == synced_by_hand))
        sent = json.loads(stored.scalar_one())
    assert (sent["pending"], sent["scanner"], sent["camera"]) == (0, "unknown", "unknown")
    as_user(browser, office, "vera")
    browser.get(f"{office.url}/console/fleet")
    row = by_id(browser, f"terminal-{synced_by_hand}")
    assert row.find_element("css selector", ".devices").text == "not checked / not checked"
    browser.get(f"{office.url}/console/lang/zh_CN?next=/console/fleet")
    row = by_id(browser, f"terminal-{synced_by_hand}")
    assert row.find_element("css selector", ".devices").text == "未检查 / 未检查"
    browser.get(f"{office.url}/console/lang/en?next=/console/fleet")


def test_the_documents_page_shows_what_terminals_receive_and_publishes_nothing(
    browser: Any, office: Backend, tmp_path: Path
):
    data = tmp_path / "counter"
    provision(office, data, "S4")
    before = sync(data)[1]["versions"]["catalog"]
    as_user(browser, office, "ada")  # an administrator: even they edit in the forms
    browser.get(f"{office.url}/console/documents")
    with office.engine.begin() as conn:
        _, catalog = downstream.document(conn, "catalog")
    assert json.loads(by_id(browser, "catalog-body").text) == catalog
    assert (
        browser.find_elements("css selector", "textarea, form[action^='/console/documents']") == []
    )
    assert by_id(browser, "catalog-form-link").get_attribute("href").endswith("/console/catalog")
    rc, report = sync(data)
    assert rc == 0 and report["versions"]["catalog"] == before, report


def _heartbeat(backend: Backend, data: Path, terminal_id: str) -> None:
    from config.paths import DataPaths
    from terminal.terminal_identity import load_identity

    key = load_identity(DataPaths.resolve(data)).key
    body = json.dumps(REPORT).encode()
    headers = signing.sign_request(
        key, terminal_id, "POST", "/v1/heartbeat", body, int(time.time())
    )
    reply = requests.post(f"{backend.url}/v1/heartbeat", data=body, headers=headers, timeout=10)
    assert reply.status_code == 200, reply.text
