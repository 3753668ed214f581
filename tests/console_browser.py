"""Headless Debian Chromium driven by selenium, for the console's browser tests and screenshots.

Skips without Chromium and chromedriver, except on CI, where it fails (tests.requirements).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.fixtures.backend import Backend
from tests.requirements import require

CHROMIUM = "/usr/bin/chromium"
DRIVER = "/usr/bin/chromedriver"
FLAGS = (
    "--headless=new",
    "--no-sandbox",  # root in a container has no user namespace for the sandbox
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--lang=en-US",
)


def chromium(profile: Path, width: int = 1280, height: int = 900) -> Iterator[Any]:
    """One browser with a fresh profile, closed at the end."""
    require(
        Path(CHROMIUM).exists() and Path(DRIVER).exists() and shutil.which("chromium") is not None,
        "Chromium and chromedriver are not installed (scripts/setup.sh --dev installs them)",
    )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={width},{height}")
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    driver.set_page_load_timeout(30)
    # The page itself is exactly width x height (the window would include its frame).
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    try:
        yield driver
    finally:
        driver.quit()


def sign_in(driver: Any, backend: Backend, name: str, password: str) -> None:
    """Through the sign-in form, starting signed out."""
    from selenium.webdriver.common.by import By

    driver.delete_all_cookies()
    driver.get(f"{backend.url}/console/login")
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(password)
    click_and_wait(driver, driver.find_element(By.ID, "submit"))
    wait_for_path(driver, "/console/")


def wait_for_path(driver: Any, fragment: str, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while fragment not in driver.current_url:
        assert time.monotonic() < deadline, driver.current_url
        time.sleep(0.05)


def click_and_wait(driver: Any, element: Any, timeout: float = 15) -> None:
    """Click something that loads a new page, and wait until the new page is there."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    old = driver.find_element(By.TAG_NAME, "html")
    element.click()
    wait = WebDriverWait(driver, timeout)

    def replaced(_driver: Any) -> bool:
        try:
            return bool(expected_conditions.staleness_of(old)(_driver))
        except WebDriverException as exc:
            # Chromium sometimes answers a look at a node of the page just left with this
            # inspector error instead of "stale element": it means the same thing.
            if "does not belong to the document" in str(exc):
                return True
            raise

    wait.until(replaced)
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
