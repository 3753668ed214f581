"""The audit trail: console actions and `loyalty-backend admin` commands are written with who,
role, address and the change, in the action's own transaction; refused actions write
nothing; secrets never reach it; the table refuses UPDATE and DELETE (SQLite and PostgreSQL);
the Audit page in Chromium lists both kinds, filters them and downloads them as CSV."""

from __future__ import annotations

import csv
import getpass
import io
import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import DBAPIError

from backend import db, schema
from backend.console import audit
from backend.console.web import ConsoleSettings
from tests.console_browser import chromium, click_and_wait
from tests.console_browser import sign_in as browser_sign_in
from tests.console_session import console_user, csrf_of, post_form, sign_in
from tests.fixtures.backend import Backend, start_backend
from tests.fixtures.terminal import admin

pytest_plugins = ["tests.fixtures.plugin"]

PASSWORD = "a long enough password"


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    root = tmp_path_factory.mktemp("office")
    served = start_backend(
        f"sqlite:///{root / 'backend.sqlite'}",
        root / "issuer",
        "sqlite",
        ConsoleSettings(secure_cookies=False),
    )
    backend = next(served)
    for name, role in (("ada", "admin"), ("otto", "operator"), ("vera", "viewer")):
        console_user(backend, name, role, PASSWORD)
    yield backend
    served.close()


def entries(backend: Backend, *where: Any) -> list[Any]:
    a = schema.audit_log
    with backend.engine.begin() as conn:
        return list(conn.execute(select(a).where(*where).order_by(a.c.id)).all())


def count(backend: Backend) -> int:
    with backend.engine.begin() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.audit_log)).scalar_one())


def test_a_console_action_is_written_with_who_role_address_and_change(office: Backend) -> None:
    session = sign_in(office, "otto", PASSWORD)
    # Stamped by the console's clock, as the code's own expiry is, not the host's: held here
    # ten minutes ahead (the session still open), where the system clock cannot be.
    moment = int(time.time()) + 600
    office.moved_clock().stop(at=moment)
    try:
        reply = post_form(
            session, office, "/console/enrolment", "/console/enrolment", store="S7", hours="2"
        )
    finally:
        office.moved_clock().resume()
    assert reply.status_code == 200
    a = schema.audit_log
    (row,) = entries(office, a.c.action == "enrolment_code", a.c.target == "S7")
    assert (row.actor, row.role, row.address, row.source) == (
        "otto",
        "operator",
        "127.0.0.1",
        "console",
    )
    assert json.loads(row.after) == {"hours": 2.0} and row.before is None
    assert row.at == moment
    code = reply.text.split('id="new-code">', 1)[1].split("<", 1)[0].strip()
    assert len(code) > 10  # the code shown once; it is in no audit entry
    assert all(code not in (r.after or "") for r in entries(office))


def test_an_admin_command_is_written_with_the_os_user_and_host(office: Backend) -> None:
    admin(office, "set-tier", "--member", "M-AUDIT", "--tier", "green")
    admin(office, "set-tier", "--member", "M-AUDIT", "--tier", "gold")
    a = schema.audit_log
    first, second = entries(office, a.c.action == "set_tier", a.c.target == "M-AUDIT")
    assert (second.actor, second.role, second.source) == (getpass.getuser(), "cli", "cli")
    assert second.address == socket.gethostname()
    assert json.loads(first.before) == {"tier": None}
    assert (json.loads(second.before), json.loads(second.after)) == (
        {"tier": "green"},
        {"tier": "gold"},
    )
    console_user(office, "newbie", "viewer", "the newbie's password")
    (account,) = entries(office, a.c.action == "console_user", a.c.target == "newbie")
    assert json.loads(account.after) == {"role": "viewer", "password": "set"}
    assert "newbie's password" not in (account.after or "")


def test_staff_changes_from_the_console_and_the_cli_are_written_without_a_pin(
    office: Backend,
) -> None:
    from tests.fixtures.office_staff import office_staff

    office_staff(
        office,
        "add",
        "--id",
        "aud1",
        "--name",
        "Lin",
        "--role",
        "cashier",
        "--store",
        "S1",
        pin="482915",
    )
    office_staff(office, "pin", "--id", "aud1", pin="739164")
    session = sign_in(office, "otto", PASSWORD)
    post_form(session, office, "/console/staff", "/console/staff/enabled", id="aud1", enabled="0")
    post_form(session, office, "/console/staff", "/console/staff/pin", id="aud1", pin="615283")
    refused = post_form(session, office, "/console/staff", "/console/staff/pin", id="aud1", pin="1")
    assert "a PIN must be 6 to 12 digits" in refused.text
    a = schema.audit_log
    rows = entries(office, a.c.target == "aud1")
    assert [(r.action, r.source) for r in rows] == [
        ("staff_add", "cli"),
        ("staff_pin", "cli"),
        ("staff_disable", "console"),
        ("staff_pin", "console"),
    ]
    added, _, disabled, pinned = rows
    assert added.before is None and json.loads(added.after)["role"] == "cashier"
    assert json.loads(disabled.before)["enabled"] is True
    assert json.loads(disabled.after)["enabled"] is False
    assert (pinned.actor, json.loads(pinned.after)["pin"]) == ("otto", "set")
    with office.engine.begin() as conn:
        stored = conn.execute(
            select(schema.staff_accounts.c.pin_hash).where(schema.staff_accounts.c.id == "aud1")
        ).scalar_one()
    for row in rows:
        text_of = (row.before or "") + (row.after or "")
        assert not any(secret in text_of for secret in ("482915", "739164", "615283", stored))


def test_a_refused_or_failed_action_writes_nothing(office: Backend) -> None:
    before = count(office)
    viewer = sign_in(office, "vera", PASSWORD)
    page = viewer.get(f"{office.url}/console/enrolment", timeout=10).text
    refused = viewer.post(
        f"{office.url}/console/enrolment",
        data={"csrf": csrf_of(page), "store": "S8", "hours": "2"},
        timeout=10,
    )
    assert refused.status_code == 403
    # The raw documents are to read: publishing goes through the forms, which are audited.
    raw = post_form(
        sign_in(office, "ada", PASSWORD),
        office,
        "/console/documents",
        "/console/documents/policy",
        body=json.dumps({"points_per_unit": 3}),
    )
    assert raw.status_code == 404
    assert count(office) == before


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_the_audit_table_refuses_update_and_delete(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if kind == "postgres":
        url = request.getfixturevalue("pg_cluster").new_database()
    else:
        url = f"sqlite:///{tmp_path / 'audit.sqlite'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    actor = audit.Actor("ada", "admin", "10.0.0.9", "console", 1_700_000_000)
    with engine.begin() as conn:
        audit.record(
            conn, actor, "terminal_revoke", "T1", {"status": "active"}, {"status": "revoked"}
        )
    a = schema.audit_log
    for statement in (update(a).values(actor="mallory"), delete(a)):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(statement)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE id = 1"))  # by hand, too
    with engine.begin() as conn:
        assert conn.execute(select(a.c.actor)).scalars().all() == ["ada"]
    engine.dispose()


def test_the_audit_page_lists_console_and_cli_actions_filters_and_downloads(
    office: Backend, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    admin(office, "enrolment-code", "--store", "S-CLI")
    for driver in chromium(tmp_path_factory.mktemp("chromium-profile"), 1366, 768):
        browser_sign_in(driver, office, "otto", PASSWORD)
        driver.get(f"{office.url}/console/enrolment")  # an action through the console
        driver.find_element(By.ID, "store").send_keys("S-WEB")
        click_and_wait(driver, driver.find_element(By.ID, "create"))
        driver.get(f"{office.url}/console/audit")
        assert "Audit" in driver.title
        rows = driver.find_elements(By.CSS_SELECTOR, "#audit tbody tr.audit-enrolment_code")
        cells = [[c.text for c in row.find_elements(By.TAG_NAME, "td")] for row in rows]
        web = [c for c in cells if c[6] == "S-WEB"]
        cli = [c for c in cells if c[6] == "S-CLI"]
        assert len(web) == 1 and web[0][2] == "otto" and web[0][4] == "127.0.0.1"
        assert len(cli) == 1 and cli[0][2] == getpass.getuser() and cli[0][3] == "command line"
        Select(driver.find_element(By.ID, "source")).select_by_value("cli")
        click_and_wait(driver, driver.find_element(By.ID, "audit-apply"))
        shown = driver.find_elements(By.CSS_SELECTOR, "#audit tbody tr")
        assert shown and all(
            r.find_elements(By.TAG_NAME, "td")[3].text == "command line" for r in shown
        )
        link = driver.find_element(By.ID, "audit-csv").get_attribute("href")
        assert link.endswith("source=cli") or "source=cli" in link
        driver.get(f"{office.url}/console/lang/zh_CN?next=/console/audit")
        assert "操作审计" in driver.title and "命令行" in driver.page_source
    session = sign_in(office, "vera", PASSWORD)  # a viewer reads it and downloads it
    reply = session.get(f"{office.url}/console/audit.csv?action=enrolment_code", timeout=10)
    assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/csv")
    got = list(csv.DictReader(io.StringIO(reply.content.decode("utf-8-sig"))))
    assert {g["target"] for g in got} >= {"S-WEB", "S-CLI", "S7"}
    assert {g["action"] for g in got} == {"enrolment_code"}
    assert [g["id"] for g in got] == sorted((g["id"] for g in got), key=int)  # oldest first
