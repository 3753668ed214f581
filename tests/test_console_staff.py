"""The console's Staff page: an operator adds, disables and re-PINs accounts that reach a real
terminal at its sync (with requests, and through the form in Chromium); a viewer is refused on
the server and nothing changes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from backend import staff
from backend.console.web import ConsoleSettings
from terminal.counter.errors import CounterRefused
from terminal.counter.results import Role
from terminal.counter.staff import StaffStore
from tests.console_session import console_user, post_form, sign_in
from tests.fixtures.backend import Backend, start_backend
from tests.fixtures.terminal import paths, provision, sync

PASSWORD = "a long enough password"


@pytest.fixture
def office(tmp_path) -> Iterator[Backend]:
    served = start_backend(
        f"sqlite:///{tmp_path / 'backend.sqlite'}",
        tmp_path / "issuer",
        "sqlite",
        ConsoleSettings(secure_cookies=False),
    )
    backend = next(served)
    for role in ("viewer", "operator"):
        console_user(backend, role, role, PASSWORD)
    yield backend
    served.close()


def directory(backend: Backend) -> list[dict]:
    with backend.engine.begin() as conn:
        return [a.to_json() for a in staff.accounts(conn)]


def terminal_sign_in(data_dir, staff_id: str, pin: str):
    assert sync(data_dir)[0] == 0
    store = StaffStore(paths(data_dir).staff)
    try:
        return store.sign_in(staff_id, pin)
    finally:
        store.close()


def test_an_operator_manages_staff_that_reach_the_terminal(office, tmp_path):
    data_dir = tmp_path / "t1"
    provision(office, data_dir)
    viewer = sign_in(office, "viewer", PASSWORD)
    assert viewer.get(f"{office.url}/console/staff", timeout=10).status_code == 403
    operator = sign_in(office, "operator", PASSWORD)
    page = operator.get(f"{office.url}/console/staff", timeout=10)
    assert page.status_code == 200 and 'id="add-staff"' in page.text
    fields = {"id": "s1", "name": "Wang", "role": "supervisor", "stores": "S1"}
    short = post_form(operator, office, "/console/staff", "/console/staff", **fields, pin="12")
    assert "a PIN must be 6 to 12 digits" in short.text and directory(office) == []
    added = post_form(operator, office, "/console/staff", "/console/staff", **fields, pin="246800")
    assert added.status_code == 200 and "Wang" in added.text
    assert terminal_sign_in(data_dir, "s1", "246800").role is Role.SUPERVISOR
    # A viewer's forged form (with its own valid CSRF token) changes nothing.
    refused = post_form(
        viewer, office, "/console/fleet", "/console/staff/enabled", id="s1", enabled="0"
    )
    assert refused.status_code == 403 and directory(office)[0]["enabled"] is True
    post_form(operator, office, "/console/staff", "/console/staff/pin", id="s1", pin="135790")
    assert terminal_sign_in(data_dir, "s1", "135790").staff_id == "s1"
    post_form(operator, office, "/console/staff", "/console/staff/enabled", id="s1", enabled="0")
    with pytest.raises(CounterRefused, match="disabled"):
        terminal_sign_in(data_dir, "s1", "135790")
    # A form without the session's CSRF token is refused.
    forged = operator.post(
        f"{office.url}/console/staff/enabled", data={"id": "s1", "enabled": "1"}, timeout=10
    )
    assert forged.status_code == 403 and directory(office)[0]["enabled"] is False


def test_in_chromium_an_operator_adds_and_disables_an_account_that_reaches_the_terminal(
    office, tmp_path
):
    from selenium.webdriver.common.by import By

    from tests.console_browser import chromium, click_and_wait
    from tests.console_browser import sign_in as browser_sign_in

    data_dir = tmp_path / "t1"
    provision(office, data_dir)
    for driver in chromium(tmp_path / "chromium-profile", 1366, 768):
        browser_sign_in(driver, office, "operator", PASSWORD)
        driver.get(f"{office.url}/console/staff")

        _add_in_form(driver, "12345")  # five digits: refused beside the form, nothing added
        assert "a PIN must be 6 to 12 digits" in driver.find_element(By.ID, "error").text
        assert directory(office) == []
        _add_in_form(driver, "246800")
        (row,) = driver.find_elements(By.CSS_SELECTOR, "#staff tbody tr")
        assert row.text.startswith("s1 Wang Supervisor S1 Enabled")
        assert terminal_sign_in(data_dir, "s1", "246800").role is Role.SUPERVISOR
        click_and_wait(driver, row.find_element(By.XPATH, ".//button[text()='Disable']"))
        (row,) = driver.find_elements(By.CSS_SELECTOR, "#staff tbody tr")
        assert "Disabled" in row.text
        with pytest.raises(CounterRefused, match="disabled"):
            terminal_sign_in(data_dir, "s1", "246800")


def _add_in_form(driver, pin: str) -> None:
    """Fill the Staff page's add form for supervisor s1 of S1 and send it."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    from tests.console_browser import click_and_wait

    for field, value in (("staff-id", "s1"), ("staff-name", "Wang"), ("staff-stores", "S1")):
        driver.find_element(By.ID, field).clear()
        driver.find_element(By.ID, field).send_keys(value)
    Select(driver.find_element(By.ID, "staff-role")).select_by_value("supervisor")
    driver.find_element(By.ID, "staff-pin").send_keys(pin)
    click_and_wait(driver, driver.find_element(By.ID, "staff-add"))
