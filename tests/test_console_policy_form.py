"""The policy's figures and the catalog's rewards in forms, in Chromium against the real backend: a wrong value gets
its message beside its field and nothing is published; a right one is previewed against
the current version, published, audited, and reaches a real terminal at its next sync (a
check-in there earns the new points)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from backend import schema
from backend.console import policy_form, policy_rows
from crypto.code import Purpose
from protocol.policy import policy_from_document
from tests.console_browser import chromium, click_and_wait
from tests.console_browser import sign_in as browser_sign_in
from tests.console_office import PASSWORD, document, field, office_backend, ok, refresh, synced
from tests.console_session import csrf_of, sign_in
from tests.fixtures.backend import Backend
from tests.fixtures.terminal import enrol_wallet, next_code, provision


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    yield from office_backend(
        tmp_path_factory.mktemp("office"), {"ada": "admin", "otto": "operator"}
    )


def policy(backend: Backend) -> tuple[int, dict[str, Any]]:
    return document(backend, "policy")


def test_wrong_values_get_their_message_beside_the_field_and_nothing_is_published(
    office: Backend, tmp_path: Path
) -> None:
    version, _ = policy(office)
    for driver in chromium(tmp_path / "profile", 1366, 768):
        browser_sign_in(driver, office, "ada", PASSWORD)
        driver.get(f"{office.url}/console/policy")
        field(driver, "max_discount_share", "2")
        field(driver, "checkin_points", "2.5")
        field(driver, "currency", "yuan")
        click_and_wait(driver, driver.find_element("id", "preview-policy"))
        assert driver.find_element("id", "max_discount_share-error").text == (
            "Out of the allowed range"
        )
        assert driver.find_element("id", "checkin_points-error").text == "Give a whole number"
        assert driver.find_element("id", "currency-error").text.startswith("Three capital")
        assert not driver.find_elements("id", "points_per_unit-error")  # the right ones: none
        assert driver.find_element("id", "checkin_points").get_attribute("value") == "2.5"
        assert not driver.find_elements("id", "publish-policy")
    assert policy(office)[0] == version


def test_a_change_is_previewed_published_audited_and_reaches_a_terminal(
    office: Backend, tmp_path: Path
) -> None:
    data = tmp_path / "counter"
    provision(office, data, "S1")
    wallet = enrol_wallet(office, "M1", tmp_path / "wallet.json")
    synced(data)
    version, before = policy(office)
    for driver in chromium(tmp_path / "profile", 1920, 1080):
        browser_sign_in(driver, office, "ada", PASSWORD)
        driver.get(f"{office.url}/console/documents")
        click_and_wait(driver, driver.find_element("id", "policy-form-link"))
        old = driver.find_element("id", "checkin_points").get_attribute("value")
        field(driver, "checkin_points", "25")
        click_and_wait(driver, driver.find_element("id", "preview-policy"))
        rows = driver.find_elements("css selector", "#changes tbody tr")
        assert [r.get_attribute("id") for r in rows] == ["change-checkin_points"]
        assert rows[0].text.split()[-2:] == [old, "25"]
        assert policy(office)[0] == version  # a preview publishes nothing
        click_and_wait(driver, driver.find_element("id", "publish-policy"))
        assert driver.find_element("id", "done").text.startswith("Policy published")
        assert driver.find_element("id", "policy-version").text == f"Version {version + 1}"
    new_version, after = policy(office)
    assert new_version == version + 1 and after == {**before, "checkin_points": 25}
    a = schema.audit_log
    with office.engine.begin() as conn:
        row = conn.execute(select(a).where(a.c.action == "publish")).one()
    assert (row.actor, row.target) == ("ada", "policy")
    assert json.loads(row.after) == {"version": version + 1, "body": after}
    synced(data)
    checkin = ok("checkin", "--data-dir", str(data), next_code(wallet, Purpose.CHECKIN))
    assert checkin["points"] == 25


def test_an_operator_cannot_publish_and_a_stale_form_is_refused(office: Backend) -> None:
    version, body = policy(office)
    rows = policy_rows.current_rows(policy_from_document(version, body))
    shown = policy_form.current_values(body) | rows  # the form sends the tiers' rows too
    operator = sign_in(office, "otto", PASSWORD)
    page = operator.get(f"{office.url}/console/policy", timeout=10).text
    assert 'id="preview-policy"' not in page
    form = {**shown, "checkin_points": "99", "based_on": str(version), "csrf": csrf_of(page)}
    assert operator.post(f"{office.url}/console/policy", data=form, timeout=10).status_code == 403
    admin = sign_in(office, "ada", PASSWORD)
    page = admin.get(f"{office.url}/console/policy", timeout=10).text
    stale = {**form, "based_on": str(version - 1), "csrf": csrf_of(page)}
    reply = admin.post(f"{office.url}/console/policy", data=stale, timeout=10)
    assert reply.status_code == 409 and "published the policy meanwhile" in reply.text
    assert policy(office) == (version, body)


def catalog(backend: Backend) -> tuple[int, dict[str, Any]]:
    return document(backend, "catalog")


def test_a_reward_with_wrong_fields_gets_their_messages_and_nothing_is_published(
    office: Backend, tmp_path: Path
) -> None:
    version, _ = catalog(office)
    for driver in chromium(tmp_path / "profile", 1366, 768):
        browser_sign_in(driver, office, "ada", PASSWORD)
        driver.get(f"{office.url}/console/catalog")
        field(driver, "reward-id", "a tea")
        field(driver, "reward-name", "Tea")
        field(driver, "reward-points", "many")
        field(driver, "reward-cash", "1.234")
        click_and_wait(driver, driver.find_element("id", "preview-reward"))
        assert driver.find_element("id", "reward-id-error").text.startswith("Ids are 1 to 64")
        assert driver.find_element("id", "reward-points-error").text == "Give a whole number"
        assert driver.find_element("id", "reward-cash-error").text.startswith("An amount")
        assert not driver.find_elements("id", "reward-name-error")
        assert not driver.find_elements("id", "publish-catalog")
    assert catalog(office)[0] == version


def test_a_new_reward_is_previewed_published_and_redeemed_at_a_terminal_then_changed(
    office: Backend, tmp_path: Path
) -> None:
    data = tmp_path / "counter"
    provision(office, data, "S2")
    wallet = enrol_wallet(office, "M2", tmp_path / "wallet.json")
    synced(data)
    ok("award", "--data-dir", str(data), "--amount", "100.00", next_code(wallet))
    synced(data)
    version, before = catalog(office)
    for driver in chromium(tmp_path / "profile", 1920, 1080):
        browser_sign_in(driver, office, "ada", PASSWORD)
        driver.get(f"{office.url}/console/documents")
        click_and_wait(driver, driver.find_element("id", "catalog-form-link"))
        field(driver, "reward-id", "R-TEA")
        field(driver, "reward-name", "Tea")
        field(driver, "reward-points", "30")
        click_and_wait(driver, driver.find_element("id", "preview-reward"))
        rows = driver.find_elements("css selector", "#changes tbody tr")
        assert [r.get_attribute("id") for r in rows] == [
            "change-id",
            "change-name",
            "change-points",
        ]
        assert catalog(office)[0] == version
        click_and_wait(driver, driver.find_element("id", "publish-catalog"))
        assert driver.find_element("id", "done").text.startswith("Catalog published")
        assert "Tea" in driver.find_element("id", "reward-row-R-TEA").text
        synced(data)
        refresh(wallet)
        redeemed = ok("redeem", "--data-dir", str(data), "--reward", "R-TEA", next_code(wallet))
        assert redeemed["points"] == -30
        # Changing it: only what changes is previewed.
        click_and_wait(driver, driver.find_element("css selector", "#reward-row-R-TEA a"))
        assert driver.find_element("id", "reward-points").get_attribute("value") == "30"
        field(driver, "reward-points", "40")
        click_and_wait(driver, driver.find_element("id", "preview-reward"))
        rows = driver.find_elements("css selector", "#changes tbody tr")
        assert [r.text.split()[-2:] for r in rows] == [["30", "40"]]
        click_and_wait(driver, driver.find_element("id", "publish-catalog"))
    new_version, after = catalog(office)
    assert new_version == version + 2
    assert after["rewards"] == [*before["rewards"], {"id": "R-TEA", "name": "Tea", "points": 40}]
