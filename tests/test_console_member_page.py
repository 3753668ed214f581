"""The member page: the ledger as a timeline, phones, coupons and orders; an operator adjusts
points with a reason (an office event in the ledger, flagged for review and audited) and
revokes a phone (it can no longer refresh); a viewer can do neither. Real backend, real
terminals and wallets, Chromium."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from backend import schema
from backend.console.web import ConsoleSettings
from tests.console_browser import chromium, click_and_wait
from tests.console_browser import sign_in as browser_sign_in
from tests.console_office import Filled, fill, ledger_rows
from tests.console_session import console_user, csrf_of, sign_in
from tests.fixtures.backend import Backend, start_backend
from tests.fixtures.terminal import run_cli
from wallet.cli import main as wallet_main

PASSWORD = "a long enough password"


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Backend, Filled]]:
    root = tmp_path_factory.mktemp("office")
    served = start_backend(
        f"sqlite:///{root / 'backend.sqlite'}",
        root / "issuer",
        "sqlite",
        ConsoleSettings(secure_cookies=False),
    )
    backend = next(served)
    for name, role in (("otto", "operator"), ("vera", "viewer")):
        console_user(backend, name, role, PASSWORD)
    filled = fill(backend, root)
    yield backend, filled
    served.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from chromium(tmp_path_factory.mktemp("chromium-profile"), 1366, 768)


def by_id(driver: Any, element: str) -> Any:
    return driver.find_element("id", element)


def balance(backend: Backend, member: str) -> int:
    return int(backend.ledger(member)["balance"])


def audit_rows(backend: Backend, action: str) -> list[Any]:
    a = schema.audit_log
    with backend.engine.begin() as conn:
        return list(conn.execute(select(a).where(a.c.action == action).order_by(a.c.id)).all())


def test_the_page_shows_the_timeline_phones_coupons_and_orders(
    office: tuple[Backend, Filled], browser: Any
) -> None:
    backend, _ = office
    browser_sign_in(browser, backend, "vera", PASSWORD)
    browser.get(f"{backend.url}/console/members?member=M1")
    rows = browser.find_elements("css selector", "#ledger tbody tr")
    entries = [r for r in ledger_rows(backend) if r.member == "M1"]
    assert len(rows) == len(entries)
    newest = rows[0].find_elements("tag name", "td")
    assert int(newest[4].text) == balance(backend, "M1")  # the balance after the newest entry
    assert "Reward redeemed" in {r.find_elements("tag name", "td")[2].text for r in rows}
    phones = browser.find_elements("css selector", "#phones tbody tr")
    assert [p.get_attribute("class") for p in phones] == ["current"]
    assert "C-WELCOME" in by_id(browser, "member-coupons").text
    assert "O-1001" in by_id(browser, "member-orders").text
    assert not browser.find_elements("id", "adjust")  # a viewer gets no adjustment form
    assert not browser.find_elements("css selector", ".revoke-device")


def test_an_operator_adjusts_points_booked_flagged_and_audited(
    office: tuple[Backend, Filled], browser: Any
) -> None:
    backend, _ = office
    before = balance(backend, "M1")
    browser_sign_in(browser, backend, "otto", PASSWORD)
    browser.get(f"{backend.url}/console/members?member=M1")
    by_id(browser, "adjust-points").send_keys("25")
    by_id(browser, "adjust-reason").send_keys("Goodwill for a broken mug")
    click_and_wait(browser, by_id(browser, "adjust-submit"))
    assert by_id(browser, "done").text == "Points adjusted; a flag awaits review."
    assert int(by_id(browser, "balance").text) == before + 25 == balance(backend, "M1")
    entry = ledger_rows(backend)[-1]
    assert (entry.member, entry.kind, entry.points, entry.terminal) == (
        "M1",
        "adjust",
        25,
        "office",
    )
    first = browser.find_elements("css selector", "#ledger tbody tr")[0]
    assert "Office adjustment" in first.text and "+25" in first.text
    f = schema.flags
    with backend.engine.begin() as conn:
        flag = conn.execute(select(f).where(f.c.event == entry.event)).one()
    assert flag.kind == "office_adjustment" and flag.member == "M1"
    assert "otto" in flag.detail and "Goodwill" in flag.detail
    with backend.engine.begin() as conn:  # members.balance moved with the ledger
        cached = conn.execute(
            select(schema.members.c.balance).where(schema.members.c.id == "M1")
        ).scalar_one()
    assert cached == before + 25
    (row,) = audit_rows(backend, "points_adjust")
    assert (row.actor, row.role, row.target) == ("otto", "operator", "M1")
    assert json.loads(row.before) == {"balance": before}
    assert json.loads(row.after)["balance"] == before + 25
    assert json.loads(row.after)["event"] == entry.event


def test_a_wrong_adjustment_is_refused_beside_the_form_and_books_nothing(
    office: tuple[Backend, Filled], browser: Any
) -> None:
    backend, _ = office
    browser_sign_in(browser, backend, "otto", PASSWORD)
    entries = len(ledger_rows(backend))
    for points, reason, message in (
        ("0", "nothing at all", "Give a whole number of points"),
        ("-100000", "take it all", "The balance would fall below zero."),
    ):
        browser.get(f"{backend.url}/console/members?member=M1")
        by_id(browser, "adjust-points").send_keys(points)
        by_id(browser, "adjust-reason").send_keys(reason)
        click_and_wait(browser, by_id(browser, "adjust-submit"))
        assert message in by_id(browser, "adjust-error").text
    assert len(ledger_rows(backend)) == entries


def test_a_viewer_cannot_adjust_points_even_with_a_hand_made_request(
    office: tuple[Backend, Filled],
) -> None:
    backend, _ = office
    entries, audited, before = (
        len(ledger_rows(backend)),
        len(audit_rows(backend, "points_adjust")),
        balance(backend, "M2"),
    )
    viewer = sign_in(backend, "vera", PASSWORD)
    page = viewer.get(f"{backend.url}/console/members?member=M2", timeout=10).text
    assert 'id="adjust"' not in page
    reply = viewer.post(
        f"{backend.url}/console/members/adjust",
        data={"csrf": csrf_of(page), "member": "M2", "points": "500", "reason": "mine now"},
        timeout=10,
    )
    assert reply.status_code == 403
    assert len(ledger_rows(backend)) == entries and balance(backend, "M2") == before
    assert len(audit_rows(backend, "points_adjust")) == audited


def test_an_operator_revokes_a_phone_and_it_can_no_longer_refresh(
    office: tuple[Backend, Filled], browser: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    backend, filled = office
    assert run_cli(wallet_main, ["refresh", str(filled.wallets["M2"])])[0] == 0
    browser_sign_in(browser, backend, "otto", PASSWORD)
    browser.get(f"{backend.url}/console/members?member=M2")
    click_and_wait(browser, browser.find_element("css selector", ".revoke-device"))
    assert by_id(browser, "done").text.startswith("Phone revoked")
    phones = browser.find_elements("css selector", "#phones tbody tr")
    assert [p.get_attribute("class") for p in phones] == ["revoked"]
    rc, _ = run_cli(wallet_main, ["refresh", str(filled.wallets["M2"])])
    assert rc != 0 and "device_revoked" in capsys.readouterr().err
    c = schema.member_certificates
    with backend.engine.begin() as conn:
        live = conn.execute(
            select(func.count()).where(c.c.member == "M2", c.c.revoked_at.is_(None))
        ).scalar_one()
        revoked = set(conn.execute(select(c.c.cert_id).where(c.c.member == "M2")).scalars())
    assert live == 0
    bundle = backend.issuers().store.ensure(0).bundle  # the next bundle lists them
    assert revoked <= {cert.hex() for cert in bundle.revoked_certs}
    (row,) = audit_rows(backend, "device_revoke")
    assert row.actor == "otto" and row.target == "M2"
