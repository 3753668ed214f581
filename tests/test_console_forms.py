"""The policy's tiers and campaigns, coupons and pickup orders in forms, in Chromium against
the real backend: a wrong value gets its message beside its field (or row) and nothing is
published or booked; a right one is previewed, then published or booked, audited, and
reaches a real provisioned terminal (an award there earns the new multipliers; the coupon
is accepted there once; the order is downloaded at the store's next sync and handed over)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from backend import schema
from backend.console import policy_rows
from crypto.code import Purpose
from protocol.policy import policy_from_document
from terminal.counter.service import CounterService
from tests.console_browser import chromium, click_and_wait
from tests.console_browser import sign_in as browser_sign_in
from tests.console_office import PASSWORD, document, office_backend, ok, refresh, synced
from tests.fixtures.backend import Backend
from tests.fixtures.terminal import enrol_wallet, next_code, provision


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    yield from office_backend(tmp_path_factory.mktemp("office"), {"ada": "admin"})


def policy(backend: Backend) -> tuple[int, dict[str, Any]]:
    return document(backend, "policy")


def count(backend: Backend, table: Any) -> int:
    with backend.engine.begin() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def fill(driver: Any, values: dict[str, str]) -> None:
    for key, value in values.items():
        element = driver.find_element("id", key)
        element.clear()
        element.send_keys(value)


def error(driver: Any, key: str) -> str:
    return str(driver.find_element("id", f"{key}-error").text)


def utc(seconds: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.gmtime(seconds))


def test_wrong_tiers_and_campaigns_get_their_message_beside_the_row(
    office: Backend, tmp_path: Path
) -> None:
    version, _ = policy(office)
    for driver in chromium(tmp_path / "profile", 1366, 768):
        browser_sign_in(driver, office, "ada", PASSWORD)
        driver.get(f"{office.url}/console/policy")
        # The default ladder: green 0, silver 2000, gold 8000, platinum 20000.
        assert driver.find_element("id", "tier-2-name").get_attribute("value") == "gold"
        fill(
            driver,
            {
                "tier-1-multiplier": "lots",
                "tier-2-min_spend": "1500",  # below silver's 2000
                "tier-3-name": "silver",  # a second silver
                "campaign-0-name": "Double week",
                "campaign-0-multiplier": "2",
                "campaign-0-starts": "2026-12-10",
                "campaign-0-ends": "2026-12-01",
                "campaign-0-tiers": "green, diamond",
                "campaign-1-name": "Tea days",
                "campaign-1-multiplier": "1.5",
                "campaign-1-starts": "next Monday",
                "campaign-1-ends": "2026-12-31 23:59",
            },
        )
        click_and_wait(driver, driver.find_element("id", "preview-policy"))
        assert error(driver, "tier-1-multiplier") == "Give a number, e.g. 1.5"
        assert error(driver, "tier-2-min_spend") == (
            "Must be above the threshold of the tier before"
        )
        assert error(driver, "tier-3-name") == "Another tier has this code"
        assert error(driver, "campaign-0-ends") == "Must be after the start"
        assert error(driver, "campaign-0-tiers").startswith("Only tier codes")
        assert error(driver, "campaign-1-starts") == "A UTC time, e.g. 2026-12-01 00:00"
        # The right fields have none, and what was typed is kept.
        for right in ("tier-0-name", "tier-2-name", "campaign-0-starts", "campaign-1-ends"):
            assert not driver.find_elements("id", f"{right}-error")
        assert driver.find_element("id", "campaign-1-starts").get_attribute("value") == (
            "next Monday"
        )
        assert driver.find_element("id", "tier-3-name").get_attribute("aria-invalid") == "true"
        assert not driver.find_elements("id", "publish-policy")
        # Every tier ticked for removal: the policy needs one.
        driver.get(f"{office.url}/console/policy")
        for i in range(4):
            driver.find_element("id", f"tier-{i}-remove").click()
        click_and_wait(driver, driver.find_element("id", "preview-policy"))
        assert driver.find_element("id", "tiers-error").text == (
            "The policy needs at least one tier."
        )
    assert policy(office)[0] == version


def test_tiers_and_a_campaign_are_previewed_published_and_earn_at_a_terminal(
    office: Backend, tmp_path: Path
) -> None:
    data = tmp_path / "counter"
    provision(office, data, "S1")
    wallet = enrol_wallet(office, "M1", tmp_path / "wallet.json")
    synced(data)
    before = ok("award", "--data-dir", str(data), "--amount", "10.00", next_code(wallet))
    assert before["points"] == 10  # green: x1, no campaign
    version, body = policy(office)
    now = time.time()
    for driver in chromium(tmp_path / "profile", 1920, 1080):
        browser_sign_in(driver, office, "ada", PASSWORD)
        driver.get(f"{office.url}/console/policy")
        assert driver.find_elements("id", "tier-5-name")  # two blank rows after the four
        assert not driver.find_elements("id", "tier-6-name")
        driver.find_element("id", "tier-3-remove").click()  # platinum goes
        fill(
            driver,
            {
                "tier-0-multiplier": "3",
                "tier-4-name": "diamond",
                "tier-4-multiplier": "2.5",
                "tier-4-min_spend": "50000",
                "campaign-0-name": "Double week",
                "campaign-0-multiplier": "2",
                "campaign-0-starts": utc(now - 86400),
                "campaign-0-ends": utc(now + 7 * 86400),
                "campaign-0-tiers": "green",
            },
        )
        click_and_wait(driver, driver.find_element("id", "preview-policy"))
        rows = {
            r.get_attribute("id"): r.text.split()[-2:]
            for r in driver.find_elements("css selector", "#changes tbody tr")
        }
        assert rows["change-tier-green-multiplier"] == ["1", "3"]
        assert rows["change-tier-platinum-min_spend"] == ["20000", "—"]
        assert rows["change-tier-diamond-min_spend"] == ["—", "50000"]
        assert rows["change-campaign-Double week-multiplier"] == ["—", "2"]
        assert rows["change-campaign-Double week-tiers"] == ["—", "Green"]  # in words
        assert policy(office)[0] == version  # a preview publishes nothing
        # The preview draws two more blank rows: any number of rows can be added.
        assert driver.find_elements("id", "tier-6-name")
        click_and_wait(driver, driver.find_element("id", "publish-policy"))
        assert driver.find_element("id", "done").text.startswith("Policy published")
        assert driver.find_element("id", "campaign-0-name").get_attribute("value") == (
            "Double week"
        )
    new_version, after = policy(office)
    assert new_version == version + 1
    assert [t["name"] for t in after["tiers"]] == ["green", "silver", "gold", "diamond"]
    assert after["tiers"][0] == {**body["tiers"][0], "multiplier": "3"}  # privileges kept
    assert after["tiers"][1:3] == body["tiers"][1:3]
    (campaign,) = after["campaigns"]
    assert (campaign["name"], campaign["multiplier"], campaign["tiers"]) == (
        "Double week",
        "2",
        ["green"],
    )
    assert {k: v for k, v in after.items() if k not in ("tiers", "campaigns")} == {
        k: v for k, v in body.items() if k not in ("tiers", "campaigns")
    }
    parsed = policy_from_document(new_version, after)  # what terminals apply
    assert parsed.multiplier("green", now) == 6
    a = schema.audit_log
    with office.engine.begin() as conn:
        row = conn.execute(select(a).where(a.c.action == "publish")).one()
    assert (row.actor, row.target, json.loads(row.after)["body"]) == ("ada", "policy", after)
    synced(data)
    award = ok("award", "--data-dir", str(data), "--amount", "10.00", next_code(wallet))
    assert award["points"] == 60  # 10 x green's 3 x the campaign's 2
    synced(data)  # and the backend, applying the same version, books it without a flag
    assert office.ledger("M1")["balance"] == 70


def test_a_coupon_with_wrong_fields_gets_their_messages_and_nothing_is_given(
    office: Backend, tmp_path: Path
) -> None:
    coupons = count(office, schema.member_coupons)
    for driver in chromium(tmp_path / "profile", 1366, 768):
        browser_sign_in(driver, office, "ada", PASSWORD)
        driver.get(f"{office.url}/console/orders")
        click_and_wait(driver, driver.find_element("id", "coupon-form-link"))
        fill(
            driver,
            {
                "coupon-coupon": "ten off",
                "coupon-member": "M9",
                "coupon-value": "150",
                "coupon-store": "S1, S 2",
                "coupon-days": "0",
            },
        )
        driver.find_element("css selector", "#coupon-kind option[value=percent]").click()
        click_and_wait(driver, driver.find_element("id", "preview-coupon"))
        assert error(driver, "coupon-coupon").startswith("Ids are 1 to 64")
        assert error(driver, "coupon-value") == "A whole percent from 1 to 100"
        assert error(driver, "coupon-store").startswith("Store ids separated by commas")
        assert error(driver, "coupon-days") == "From 1 to 3650 days"
        assert not driver.find_elements("id", "coupon-member-error")
        assert not driver.find_elements("id", "coupon-kind-error")
        assert driver.find_element("id", "coupon-value").get_attribute("value") == "150"
        assert not driver.find_elements("id", "give-coupon")
        # An amount with three decimals, a gift with no name.
        fill(driver, {"coupon-coupon": "C-X", "coupon-value": "1.234", "coupon-days": "7"})
        fill(driver, {"coupon-store": ""})
        driver.find_element("css selector", "#coupon-kind option[value=amount]").click()
        click_and_wait(driver, driver.find_element("id", "preview-coupon"))
        assert error(driver, "coupon-value").startswith("An amount above 0 with at most two")
        driver.find_element("css selector", "#coupon-kind option[value=gift]").click()
        fill(driver, {"coupon-value": ""})
        click_and_wait(driver, driver.find_element("id", "preview-coupon"))
        assert error(driver, "coupon-value") == "Name the gift: 1 to 64 characters"
    assert count(office, schema.member_coupons) == coupons


def test_a_coupon_is_previewed_given_and_accepted_once_at_a_terminal(
    office: Backend, tmp_path: Path
) -> None:
    data = tmp_path / "counter"
    provision(office, data, "S3")
    wallet = enrol_wallet(office, "M3", tmp_path / "wallet.json")
    coupons = count(office, schema.member_coupons)
    for driver in chromium(tmp_path / "profile", 1920, 1080):
        browser_sign_in(driver, office, "ada", PASSWORD)
        driver.get(f"{office.url}/console/coupons")
        fill(
            driver,
            {
                "coupon-coupon": "C-TEN",
                "coupon-member": "M3",
                "coupon-value": "10.00",
                "coupon-title": "Ten off",
                "coupon-store": "S3",
                "coupon-days": "7",
            },
        )
        click_and_wait(driver, driver.find_element("id", "preview-coupon"))
        rows = {
            r.get_attribute("id"): r.text
            for r in driver.find_elements("css selector", "#changes tbody tr")
        }
        assert rows["change-value"].endswith("10.00") and rows["change-store"].endswith("S3")
        assert rows["change-kind"].endswith("amount off")
        assert not driver.find_elements("id", "member-unknown")  # M3 has signed in
        assert count(office, schema.member_coupons) == coupons  # a preview gives nothing
        click_and_wait(driver, driver.find_element("id", "give-coupon"))
        assert driver.find_element("id", "done").text == "Coupon given."
        assert "C-TEN" in driver.find_element("tag name", "main").text
        # The same id again: its message beside the id, at the preview already.
        driver.get(f"{office.url}/console/coupons")
        fill(driver, {"coupon-coupon": "C-TEN", "coupon-member": "M3", "coupon-value": "5"})
        click_and_wait(driver, driver.find_element("id", "preview-coupon"))
        assert error(driver, "coupon-coupon") == "This id is already in use."
    assert count(office, schema.member_coupons) == coupons + 1
    a = schema.audit_log
    with office.engine.begin() as conn:
        row = conn.execute(select(a).where(a.c.action == "coupon_give")).one()
    assert (row.actor, row.target) == ("ada", "C-TEN")
    assert json.loads(row.after)["stores"] == ["S3"]
    refresh(wallet)
    accepted = ok("coupon", "--data-dir", str(data), next_code(wallet, Purpose.COUPON))
    assert accepted["ok"] is True
    synced(data)
    with office.engine.begin() as conn:
        status = conn.execute(
            select(schema.coupon_statuses.c.status).where(
                schema.coupon_statuses.c.coupon_id == "C-TEN"
            )
        ).scalar_one()
    assert status == "used"


def test_an_order_with_wrong_fields_gets_their_messages_and_nothing_is_booked(
    office: Backend, tmp_path: Path
) -> None:
    orders = count(office, schema.pickup_orders)
    for driver in chromium(tmp_path / "profile", 1366, 768):
        browser_sign_in(driver, office, "ada", PASSWORD)
        driver.get(f"{office.url}/console/orders")
        click_and_wait(driver, driver.find_element("id", "order-form-link"))
        fill(driver, {"order-order": "O-1", "order-store": "S1", "order-member": "M1"})
        click_and_wait(driver, driver.find_element("id", "preview-order"))
        assert driver.find_element("id", "items-error").text == "An order needs at least one item."
        fill(
            driver,
            {
                "order-store": "store one",
                "item-0-sku": "CUP",
                "item-0-qty": "0",
                "item-1-sku": "CUP",
                "item-1-name": "Cup",
                "item-1-qty": "two",
            },
        )
        click_and_wait(driver, driver.find_element("id", "preview-order"))
        assert error(driver, "order-store").startswith("Ids are 1 to 64")
        assert error(driver, "item-0-name") == "A name of 1 to 64 characters"
        assert error(driver, "item-0-qty") == "A whole number from 1 to 999"
        assert error(driver, "item-1-sku") == "This SKU is already in the order"
        assert error(driver, "item-1-qty") == "A whole number from 1 to 999"
        for right in ("order-order", "order-member", "item-0-sku", "item-1-name"):
            assert not driver.find_elements("id", f"{right}-error")
        assert not driver.find_elements("id", "book-order")
    assert count(office, schema.pickup_orders) == orders


def test_an_order_is_previewed_booked_and_handed_over_at_its_store_terminal(
    office: Backend, tmp_path: Path
) -> None:
    data = tmp_path / "counter"
    provision(office, data, "S4")
    wallet = enrol_wallet(office, "M4", tmp_path / "wallet.json")
    synced(data)
    orders = count(office, schema.pickup_orders)
    for driver in chromium(tmp_path / "profile", 1920, 1080):
        browser_sign_in(driver, office, "ada", PASSWORD)
        driver.get(f"{office.url}/console/orders/new")
        fill(
            driver,
            {
                "order-order": "O-77",
                "order-store": "S4",
                "order-member": "M4",
                "item-0-sku": "CUP",
                "item-0-name": "Cup",
                "item-0-qty": "2",
                "item-1-sku": "TEA",
                "item-1-name": "绿茶",
                "item-1-qty": "1",
            },
        )
        click_and_wait(driver, driver.find_element("id", "preview-order"))
        rows = [r.text for r in driver.find_elements("css selector", "#changes tbody tr")]
        assert rows == ["CUP Cup 2", "TEA 绿茶 1"]
        assert not driver.find_elements("id", "store-unknown")  # S4 has a terminal
        assert count(office, schema.pickup_orders) == orders  # a preview books nothing
        click_and_wait(driver, driver.find_element("id", "book-order"))
        assert driver.find_element("id", "done").text == "Order added."
    o = schema.pickup_orders
    with office.engine.begin() as conn:
        row = conn.execute(select(o).where(o.c.id == "O-77")).one()
    body = {
        "items": [{"sku": "CUP", "name": "Cup", "qty": 2}, {"sku": "TEA", "name": "绿茶", "qty": 1}]
    }
    assert (row.id, row.store, row.member, json.loads(row.body)) == ("O-77", "S4", "M4", body)
    synced(data)  # the store's terminal downloads the order
    service = CounterService.open(data)
    try:
        (downloaded,) = service.ctx.state.pickup_orders("M4")
    finally:
        service.close()
    assert (downloaded["id"], downloaded["body"]) == ("O-77", body)
    refresh(wallet)
    handed = ok("pickup", "--data-dir", str(data), next_code(wallet, Purpose.PICKUP))
    assert handed["ok"] is True
    synced(data)
    with office.engine.begin() as conn:
        status = conn.execute(select(o.c.status).where(o.c.id == "O-77")).scalar_one()
    assert status == "handed_over"


def test_rows_sent_back_unchanged_change_nothing_and_a_tier_change_drops_tier_multipliers() -> None:
    body = {
        "tiers": [  # listed highest first, numbers in two spellings
            {"name": "gold", "multiplier": "1.50", "min_spend": "8000.00"},
            {"name": "green", "multiplier": 1, "min_spend": 0, "colour": "#0a0"},
        ],
        "tier_multipliers": {"gold": "3"},
        "campaigns": [
            {"name": "Night owl", "multiplier": "1.2", "starts": 1767225601, "ends": 1767312000}
        ],
    }
    policy = policy_from_document(1, body)
    form = policy_rows.current_rows(policy)
    assert [form["tier-0-name"], form["tier-1-name"]] == ["green", "gold"]  # lowest first
    assert form["tier-1-multiplier"] == "3"  # what terminals apply, not what the list says
    assert form["campaign-0-starts"] == "2026-01-01 00:00:01"  # its second kept
    errors: dict[str, str] = {}
    tiers = policy_rows.read_tiers(form, errors)
    campaigns = policy_rows.read_campaigns(form, {t.name for t in tiers}, errors)
    assert errors == {}
    assert policy_rows.row_changes(policy, tiers, campaigns) == []
    assert policy_rows.with_rows(body, policy, tiers, campaigns) == body
    errors = {}
    tiers = policy_rows.read_tiers({**form, "tier-0-multiplier": "1.1"}, errors)
    changed = policy_rows.with_rows(body, policy, tiers, campaigns)
    assert "tier_multipliers" not in changed and changed["campaigns"] == body["campaigns"]
    assert changed["tiers"][0]["colour"] == "#0a0"  # a tier's other keys stay
    after = policy_from_document(2, changed)
    assert (after.tier("green").multiplier, after.tier("gold").multiplier) == (
        Decimal("1.1"),
        Decimal(3),
    )


def test_a_tier_name_already_in_the_policy_is_kept_even_when_a_new_one_could_not_have_it() -> None:
    row = {"tier-0-name": "VIP Gold", "tier-0-multiplier": "2", "tier-0-min_spend": "0"}
    errors: dict[str, str] = {}
    assert policy_rows.read_tiers(row, errors, frozenset({"VIP Gold"}))[0].name == "VIP Gold"
    assert errors == {}
    policy_rows.read_tiers(row, errors)
    assert errors == {"tier-0-name": "bad_tier_name"}
