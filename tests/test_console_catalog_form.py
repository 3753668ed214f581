"""A catalog reward with a Chinese name, stock, dates and stores, edited in the console's form
in Chromium against the real backend, then redeemed at real terminals: a wrong value gets its
message beside its field and nothing is published; a reward with stock 1 for store S1 is
previewed, published, redeemed once online at S1, refused ``out_of_stock`` the second time,
refused at S2 (another store), then removed with its tick box."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from protocol.catalog import rewards_from_document
from sync.outbox import local_day
from tests.console_browser import chromium, click_and_wait
from tests.console_browser import sign_in as browser_sign_in
from tests.console_office import PASSWORD, document, field, office_backend, ok, refresh, synced
from tests.fixtures.backend import Backend
from tests.fixtures.terminal import enrol_wallet, next_code, provision
from tests.fixtures.terminal import terminal as terminal_cli


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    yield from office_backend(tmp_path_factory.mktemp("office"), {"ada": "admin"})


def catalog(backend: Backend) -> tuple[int, dict[str, Any]]:
    return document(backend, "catalog")


def refused(*argv: str) -> dict[str, Any]:
    """A terminal command that must be refused; its JSON."""
    rc, out = terminal_cli(list(argv))
    assert rc != 0 and not out.get("ok", False), out
    return dict(out)


def test_wrong_stock_dates_and_stores_get_their_messages_and_nothing_is_published(
    office: Backend, tmp_path: Path
) -> None:
    version, _ = catalog(office)
    for driver in chromium(tmp_path / "profile", 1366, 768):
        browser_sign_in(driver, office, "ada", PASSWORD)
        driver.get(f"{office.url}/console/catalog")
        field(driver, "reward-id", "R-GIFT")
        field(driver, "reward-name", "Gift")
        field(driver, "reward-points", "10")
        field(driver, "reward-stock", "-1")
        field(driver, "reward-valid_from", "2027-02-01")
        field(driver, "reward-valid_until", "2027-01-31")
        field(driver, "reward-stores", "S1, store two")
        click_and_wait(driver, driver.find_element("id", "preview-reward"))
        assert driver.find_element("id", "reward-stock-error").text == "A whole number, 0 or more"
        assert driver.find_element("id", "reward-valid_until-error").text == (
            "Must not be before the first day"
        )
        assert driver.find_element("id", "reward-stores-error").text.startswith("Store ids")
        assert not driver.find_elements("id", "reward-valid_from-error")
        assert not driver.find_elements("id", "reward-name-error")
        assert driver.find_element("id", "reward-stock").get_attribute("value") == "-1"
        assert not driver.find_elements("id", "publish-catalog")
        field(driver, "reward-stock", "1")
        field(driver, "reward-valid_from", "2027-02-30")
        field(driver, "reward-stores", "S1")
        click_and_wait(driver, driver.find_element("id", "preview-reward"))
        assert driver.find_element("id", "reward-valid_from-error").text.startswith("A date")
        assert not driver.find_elements("id", "reward-stock-error")
        # Removing a reward the catalog does not have: said beside the id.
        field(driver, "reward-id", "R-NONE")
        driver.find_element("id", "reward-remove").click()
        click_and_wait(driver, driver.find_element("id", "preview-reward"))
        assert driver.find_element("id", "reward-id-error").text.startswith("The catalog has no")
    assert catalog(office)[0] == version


def test_a_stocked_reward_of_one_store_is_redeemed_once_there_and_nowhere_else(
    office: Backend, tmp_path: Path
) -> None:
    here, elsewhere = tmp_path / "s1", tmp_path / "s2"
    provision(office, here, "S1")
    provision(office, elsewhere, "S2")
    wallet = enrol_wallet(office, "M7", tmp_path / "wallet.json")
    synced(here)
    ok("award", "--data-dir", str(here), "--amount", "100.00", next_code(wallet))
    synced(here)
    today = local_day(dt.datetime.now().timestamp())  # the counters' local day
    start, end = (today - dt.timedelta(days=1)).isoformat(), (today + dt.timedelta(days=1))
    version, before = catalog(office)
    for driver in chromium(tmp_path / "profile", 1920, 1080):
        browser_sign_in(driver, office, "ada", PASSWORD)
        driver.get(f"{office.url}/console/catalog")
        values = {
            "id": "R-GIFT",
            "name": "Gift",
            "name_zh": "礼物",
            "points": "10",
            "stock": "1",
            "valid_from": start,
            "valid_until": end.isoformat(),
            "stores": "S1",
        }
        for key, value in values.items():
            field(driver, f"reward-{key}", value)
        click_and_wait(driver, driver.find_element("id", "preview-reward"))
        rows = driver.find_elements("css selector", "#changes tbody tr")
        assert [r.get_attribute("id") for r in rows] == [f"change-{k}" for k in values]
        assert rows[-1].text.split()[-2:] == ["—", "S1"]
        assert catalog(office)[0] == version  # nothing before Publish
        click_and_wait(driver, driver.find_element("id", "publish-catalog"))
        assert driver.find_element("id", "done").text.startswith("Catalog published")
        row = driver.find_element("id", "reward-row-R-GIFT").text
        assert "礼物" in row and f"{start} – {end.isoformat()}" in row
        new_version, after = catalog(office)
        assert new_version == version + 1
        assert after["rewards"] == [
            *before["rewards"],
            {
                "id": "R-GIFT",
                "name": "Gift",
                "name_zh": "礼物",
                "points": 10,
                "stock": 1,
                "valid_from": start,
                "valid_until": end.isoformat(),
                "stores": ["S1"],
            },
        ]
        rewards_from_document(after)  # what the terminals apply
        synced(here)
        synced(elsewhere)
        refresh(wallet)
        first = ok("redeem", "--data-dir", str(here), "--reward", "R-GIFT", next_code(wallet))
        assert (first["points"], first["online"]) == (-10, True)
        second = refused("redeem", "--data-dir", str(here), "--reward", "R-GIFT", next_code(wallet))
        assert second["reason"] == "out_of_stock"
        other = refused(
            "redeem", "--data-dir", str(elsewhere), "--reward", "R-GIFT", next_code(wallet)
        )
        assert other["reason"] == "reward_not_here"
        synced(here)
        assert office.ledger("M7")["balance"] == 90  # one gift, once
        # Removed with its tick box: the preview names every field going.
        driver.get(f"{office.url}/console/catalog?reward=R-GIFT")
        driver.find_element("id", "reward-remove").click()
        click_and_wait(driver, driver.find_element("id", "preview-reward"))
        rows = driver.find_elements("css selector", "#changes tbody tr")
        assert [r.text.split()[-1] for r in rows] == ["—"] * len(values)
        assert driver.find_element("id", "removing").text == "removing R-GIFT"
        click_and_wait(driver, driver.find_element("id", "publish-catalog"))
        assert not driver.find_elements("id", "reward-row-R-GIFT")
    assert catalog(office)[1]["rewards"] == before["rewards"]
