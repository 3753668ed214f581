"""The web phone (member-js/web/, served by the JS wallet's ``serve``) in headless Chromium.

It enrols with a login code from the real backend and shows a code; a screenshot of its QR goes
through the terminal's decoder chain (``loyalty-terminal decode``) and verifies as that member's;
with the page's clock moved on 31 seconds it shows a different code.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crypto.trust import TrustStore
from crypto.verify import verify_code
from protocol.issuer_store import IssuerStore
from tests import cli
from tests.console_browser import chromium
from tests.fixtures.backend import Backend
from tests.test_member_js import JS_WALLET, NODE, REPO, _node  # noqa: F401 (the skip fixture)

pytest_plugins = ["tests.fixtures.plugin"]

PHONE = (390, 844)


@pytest.fixture
def web_phone(sqlite_backend: Backend) -> Iterator[str]:
    """``loyalty-wallet.mjs serve`` on a free port, forwarding to the real backend."""
    assert NODE is not None
    process = subprocess.Popen(
        [NODE, str(JS_WALLET), "serve", "--port", "0", "--backend", sqlite_backend.url],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line, process.stderr.read() if process.stderr else ""
        yield str(json.loads(line)["web_phone"])
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture
def phone(tmp_path: Path) -> Iterator[Any]:
    yield from chromium(tmp_path / "profile", *PHONE)


def _wait(condition: Any, timeout: float = 20) -> Any:
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        assert time.monotonic() < deadline, "the page did not get there"
        time.sleep(0.05)
    return value


def _shown_code(driver: Any) -> str:
    return str(driver.execute_script("return document.getElementById('qr').dataset.code || ''"))


def _enrol(driver: Any, url: str, backend: Backend, member: str, lang: str) -> str:
    from selenium.webdriver.common.by import By

    driver.get(f"{url}?lang={lang}")
    _wait(lambda: driver.find_element(By.ID, "enrol").is_displayed())
    driver.find_element(By.ID, "member").send_keys(member)
    driver.find_element(By.ID, "login").send_keys(backend.login_code(member))
    driver.find_element(By.ID, "enrol-button").click()
    return str(_wait(lambda: _shown_code(driver)))


def test_the_web_phone_enrols_shows_a_scannable_code_and_rotates_it(
    phone: Any, web_phone: str, sqlite_backend: Backend, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    code = _enrol(phone, web_phone, sqlite_backend, "MW1", "en")
    assert phone.find_element(By.ID, "member-id").text == "MW1"
    assert phone.find_element(By.ID, "seconds").text.startswith("New code in")

    # The screen, photographed, read by the terminal's own decoders, verified as MW1's.
    png = tmp_path / "phone.png"
    png.write_bytes(phone.find_element(By.ID, "qr").screenshot_as_png)
    decoded = cli.terminal("decode", png)
    assert decoded.code == 0, decoded.stderr
    assert decoded.json["codes"] == [code]
    trust = TrustStore.from_bundle(IssuerStore(sqlite_backend.issuer_dir).bundle_path.read_bytes())
    assert verify_code(code, trust, time.time()).member == "MW1"

    # The 8-digit code on request.
    phone.find_element(By.ID, "manual-button").click()
    assert len(phone.find_element(By.ID, "manual").text) == 8

    # The page's clock moved on 31 s (an injected clock, not a sleep): a different code.
    phone.execute_script("const real = Date.now; Date.now = () => real() + 31000")
    assert _wait(lambda: _shown_code(phone) not in ("", code))


def test_the_web_phone_speaks_chinese_and_says_why_a_login_code_is_refused(
    phone: Any, web_phone: str
) -> None:
    from selenium.webdriver.common.by import By

    phone.get(f"{web_phone}?lang=zh")
    _wait(lambda: phone.find_element(By.ID, "enrol").is_displayed())
    assert phone.find_element(By.ID, "enrol-button").text == "登录"
    phone.find_element(By.ID, "member").send_keys("MW2")
    phone.find_element(By.ID, "login").send_keys("WRONGWRONG12")
    phone.find_element(By.ID, "enrol-button").click()
    assert _wait(lambda: phone.find_element(By.ID, "error").text) == (
        "登录码无效，请获取新的登录码后重试。"
    )
    assert phone.execute_script("return localStorage.getItem('loyalty-wallet')") is None
