"""Lockouts stay per terminal, are reported in the heartbeat, and the office clears one.

A real backend and a real terminal provisioned against it: the cashier is locked out by wrong
PINs typed into the terminal's own StaffStore, the terminal's sync worker (its real round:
push, pull, heartbeat) reports it, the console's Staff page shows it in Chromium, an operator
clears it, and the terminal's next round lifts it. Clears forged, replayed, made up or sent by
a viewer change nothing.
"""

from __future__ import annotations

import contextlib
import io
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from backend import schema
from backend.console.web import ConsoleSettings
from crypto.issuer import new_issuer
from protocol.canonical import canonical_json
from protocol.staff_directory import ClearedLockout
from sync.errors import BadReply
from sync.outbox import Outbox
from sync.staff_pull import verified_staff
from sync.state import TerminalState
from terminal.counter.errors import CounterRefused
from terminal.counter.lockout import LONGEST_LOCK, SignInLocked
from terminal.counter.staff import StaffStore
from terminal.sync_setup import open_worker
from terminal.terminal_identity import load_identity
from tests.console_browser import chromium, click_and_wait
from tests.console_browser import sign_in as browser_sign_in
from tests.console_session import console_user, post_form, sign_in
from tests.fixtures.backend import Backend, start_backend
from tests.fixtures.office_staff import office_staff, staff_from_office
from tests.fixtures.terminal import paths, provision

pytest_plugins = ["tests.fixtures.plugin"]

PASSWORD = "a long enough password"
PINS = {"c1": "111111", "s1": "222222"}
WRONG = "999999"


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Backend]:
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


@pytest.fixture
def counter(office: Backend, tmp_path: Path) -> Path:
    data_dir = tmp_path / "t1"
    provision(office, data_dir)
    accounts = {"c1": ("Lin", "cashier", PINS["c1"]), "s1": ("Wang", "supervisor", PINS["s1"])}
    staff_from_office(office, data_dir, accounts)
    return data_dir


def lock_out(data_dir: Path, staff_id: str = "c1", start: float | None = None) -> None:
    """Wrong PINs at this terminal until ``staff_id`` is locked for some 15 minutes from now.

    The lock doubles with each wrong PIN after the fifth, but only once the last lock is over:
    the clock is the injected one, walked through those waits from ``start`` (16 min ago)."""
    now = [time.time() - 960 if start is None else start]
    store = StaffStore(paths(data_dir).staff, clock=lambda: now[0])
    try:
        while True:
            try:
                store.sign_in(staff_id, WRONG)
            except SignInLocked as locked:
                if now[0] + locked.retry_after > time.time() + 600:
                    return
                now[0] += locked.retry_after + 1
            except CounterRefused as refused:
                assert refused.reason == "bad_sign_in", refused.reason
    finally:
        store.close()


def sign_in_here(data_dir: Path, staff_id: str = "c1") -> str:
    """The PIN's answer at the counter: the staff id, or the refusal's reason."""
    store = StaffStore(paths(data_dir).staff)
    try:
        return store.sign_in(staff_id, PINS[staff_id]).staff_id
    except CounterRefused as refused:
        return refused.reason
    finally:
        store.close()


def sync_round(data_dir: Path) -> dict[str, Any]:
    """One round of the terminal's own sync worker: push, pull (staff too), heartbeat."""
    worker = open_worker(data_dir)
    p = paths(data_dir)
    try:
        with Outbox(p.outbox, worker.files.terminal) as outbox, TerminalState(p.state) as state:
            report = worker.run_once(outbox, state)
    finally:
        worker.stop()
    assert report.get("error") is None and not report.get("pull_errors"), report
    return report


def reported(office: Backend, data_dir: Path) -> list[dict[str, Any]]:
    """The lockouts of the terminal's latest heartbeat, as the backend keeps them."""
    h = schema.terminal_health
    terminal = load_identity(paths(data_dir)).terminal
    with office.engine.begin() as conn:
        report = conn.execute(select(h.c.report).where(h.c.terminal == terminal)).scalar_one()
    assert PINS["c1"] not in report and WRONG not in report  # no PIN ever travels
    return list(json.loads(report)["lockouts"])


def count(office: Backend, table: Any, *where: Any) -> int:
    with office.engine.begin() as conn:
        query = select(func.count()).select_from(table)
        return int(conn.execute(query.where(*where) if where else query).scalar_one())


def clears(office: Backend) -> int:
    return count(office, schema.staff_lockout_clears)


def audited(office: Backend) -> int:
    return count(office, schema.audit_log, schema.audit_log.c.action == "staff_lockout_clear")


def clear_form(data_dir: Path, lockout: dict[str, Any]) -> dict[str, str]:
    terminal = load_identity(paths(data_dir)).terminal
    return {"terminal": terminal, "id": lockout["staff"], "since": str(lockout["since"])}


def test_a_lockout_is_reported_shown_cleared_by_an_operator_and_lifted_at_the_next_sync(
    office: Backend, counter: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from selenium.webdriver.common.by import By

    lock_out(counter)
    lock_out(counter, "nobody-here")  # an id that is no account is never reported
    assert sign_in_here(counter) == "locked_out"
    sync_round(counter)
    (lockout,) = reported(office, counter)
    assert lockout["staff"] == "c1" and lockout["failures"] >= 10
    assert lockout["since"] < time.time() < lockout["until"] <= time.time() + LONGEST_LOCK
    terminal = load_identity(paths(counter)).terminal
    for driver in chromium(tmp_path_factory.mktemp("chromium-profile"), 1366, 768):
        browser_sign_in(driver, office, "operator", PASSWORD)
        # The fleet page marks the terminal, and the mark leads to the Staff page.
        driver.get(f"{office.url}/console/fleet")
        mark = driver.find_element(By.CSS_SELECTOR, f"#terminal-{terminal} a.badge.lockout")
        assert mark.text == "1 locked out"
        click_and_wait(driver, mark)
        assert driver.current_url == f"{office.url}/console/staff#lockouts"
        (row,) = driver.find_elements(By.CSS_SELECTOR, "#lockouts tr.lockout")
        cells = [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
        assert cells[:5] == [terminal, "S1", "c1", "Lin", str(lockout["failures"])]
        click_and_wait(driver, row.find_element(By.CSS_SELECTOR, "button.clear-lockout"))
        notice = driver.find_element(By.ID, "done").text
        assert notice == "The lockout is cleared. The terminal takes it at its next sync."
        (row,) = driver.find_elements(By.CSS_SELECTOR, "#lockouts tr.lockout")
        assert "waits for the terminal's next sync" in row.text
        assert not row.find_elements(By.CSS_SELECTOR, "button.clear-lockout")
        driver.get(f"{office.url}/console/fleet")  # cleared: the mark is gone before the sync
        assert not driver.find_elements(By.CSS_SELECTOR, ".badge.lockout")
        assert sign_in_here(counter) == "locked_out"  # not before the terminal's sync
        sync_round(counter)
        assert reported(office, counter) == []
        assert sign_in_here(counter) == "c1"
        driver.get(f"{office.url}/console/staff")
        assert driver.find_element(By.ID, "no-lockouts").text.startswith("No account is")
        driver.get(f"{office.url}/console/lang/zh_CN?next=/console/staff")
        assert "终端上被锁定的员工" in driver.page_source
        driver.get(f"{office.url}/console/audit?action=staff_lockout_clear")
        (entry,) = driver.find_elements(By.CSS_SELECTOR, "#audit tbody tr")
        assert "operator" in entry.text and "c1 @ " + terminal in entry.text
    a = schema.audit_log
    with office.engine.begin() as conn:
        entry = conn.execute(select(a).where(a.c.action == "staff_lockout_clear")).one()
    assert (entry.actor, entry.role, entry.source) == ("operator", "operator", "console")
    assert json.loads(entry.before)["failures"] == lockout["failures"]
    assert PINS["c1"] not in entry.before + entry.after


def test_a_clear_reaches_only_a_lockout_that_began_before_it(office: Backend, counter: Path):
    lock_out(counter)
    sync_round(counter)
    (first,) = reported(office, counter)
    operator = sign_in(office, "operator", PASSWORD)
    post_form(operator, office, "/console/staff", "/console/staff/lockouts/clear")  # no fields
    assert clears(office) == 0
    done = post_form(
        operator,
        office,
        "/console/staff",
        "/console/staff/lockouts/clear",
        **clear_form(counter, first),
    )
    assert done.status_code == 200 and clears(office) == 1
    old_document = _signed_get(counter, "/v1/staff?since=0")
    # The cashier is locked out again after the clear was made, before the terminal synced.
    lock_out(counter, start=first["until"] + 1)
    sync_round(counter)  # the clear is in this document: it began before the new lockout
    assert sign_in_here(counter) == "locked_out"
    (second,) = reported(office, counter)
    assert second["since"] > first["since"]
    # A later document that still carries the old clear clears nothing new either.
    office_staff(office, "disable", "--id", "s1")
    sync_round(counter)
    assert sign_in_here(counter) == "locked_out"
    # The old signed document replayed: refused as not newer, the lockout stays.
    with pytest.raises(BadReply, match="not newer"):
        _verify(counter, old_document, held=_held(counter))
    assert sign_in_here(counter) == "locked_out"
    # A clear naming a start the terminal did not report (a future one would clear lockouts
    # that have not happened yet) is refused, and nothing is recorded or audited.
    made_up = {**clear_form(counter, second), "since": str(second["since"] + 10**6)}
    refused = post_form(
        operator, office, "/console/staff", "/console/staff/lockouts/clear", **made_up
    )
    assert "no longer reports this lockout" in refused.text
    assert (clears(office), audited(office)) == (1, 1)


def test_a_forged_clear_does_nothing(office: Backend, counter: Path):
    lock_out(counter)
    sync_round(counter)
    (lockout,) = reported(office, counter)
    me = load_identity(paths(counter)).terminal
    forged = {
        "name": "staff",
        "version": _held(counter) + 1,
        "store": "S1",
        "terminal": me,
        "body": {
            "accounts": [],
            "cleared": [{"id": "c1", "since": lockout["until"] + 10**6, "at": int(time.time())}],
        },
    }
    rogue = new_issuer(int(time.time()))
    reply = {
        "version": forged["version"],
        "changed": True,
        "signed": rogue.sign_payload(canonical_json(forged)).hex(),
    }
    with pytest.raises(BadReply, match="not signed by the issuer"):
        _verify(counter, reply, held=_held(counter))
    assert sign_in_here(counter) == "locked_out"
    sync_round(counter)  # the honest office has cleared nothing
    assert sign_in_here(counter) == "locked_out" and reported(office, counter) == [lockout]


def test_a_viewer_cannot_clear_a_lockout(office: Backend, counter: Path):
    lock_out(counter)
    sync_round(counter)
    (lockout,) = reported(office, counter)
    viewer = sign_in(office, "viewer", PASSWORD)
    assert viewer.get(f"{office.url}/console/staff", timeout=10).status_code == 403
    # The viewer sees the mark on the fleet page, but no link to a page they may not open.
    fleet_page = viewer.get(f"{office.url}/console/fleet", timeout=10).text
    assert '<span class="badge lockout">1 locked out</span>' in fleet_page
    assert 'href="/console/staff' not in fleet_page
    # With the viewer's own valid CSRF token, from a page they may see.
    refused = post_form(
        viewer,
        office,
        "/console/fleet",
        "/console/staff/lockouts/clear",
        **clear_form(counter, lockout),
    )
    assert refused.status_code == 403
    operator = sign_in(office, "operator", PASSWORD)
    no_token = operator.post(
        f"{office.url}/console/staff/lockouts/clear", data=clear_form(counter, lockout), timeout=10
    )
    assert no_token.status_code == 403
    assert (clears(office), audited(office)) == (0, 0)
    sync_round(counter)
    assert sign_in_here(counter) == "locked_out"


def test_a_clear_reaches_the_terminal_on_sqlite_and_postgresql(backend: Backend, tmp_path: Path):
    from backend import staff, staff_lockouts

    data_dir = tmp_path / "t1"
    provision(backend, data_dir)
    staff_from_office(backend, data_dir, {"c1": ("Lin", "cashier", PINS["c1"])})
    lock_out(data_dir)
    sync_round(data_dir)
    (lockout,) = reported(backend, data_dir)
    terminal = load_identity(paths(data_dir)).terminal
    with backend.engine.begin() as conn:
        (shown,) = staff_lockouts.current(conn, int(time.time()))
        assert (shown.terminal, shown.staff_id, shown.name) == (terminal, "c1", "Lin")
        before = staff.version(conn)
        staff_lockouts.clear(conn, terminal, "c1", lockout["since"], int(time.time()), "ops")
        assert staff.version(conn) == before + 1  # the terminal pulls again
    sync_round(data_dir)
    assert sign_in_here(data_dir) == "c1" and reported(backend, data_dir) == []


def test_a_lockout_reported_by_a_clock_ahead_is_not_cleared(office: Backend, counter: Path):
    """A start in the office's future would, once cleared, lift lockouts still to come."""
    from protocol import signing

    identity = load_identity(paths(counter))
    now = int(time.time())
    ahead = {"staff": "c1", "failures": 5, "since": now + 3600, "until": now + 3630}
    body = json.dumps(
        {
            "app_version": "1",
            "bundle_version": 1,
            "policy_version": 1,
            "catalog_version": 1,
            "pending": 0,
            "oldest_pending_age_seconds": None,
            "last_error": None,
            "clock_offset_ms": 0,
            "scanner": "ok",
            "camera": "ok",
            "lockouts": [ahead],
        }
    ).encode()
    headers = signing.sign_request(
        identity.key, identity.terminal, "POST", "/v1/heartbeat", body, now
    )
    import requests

    reply = requests.post(f"{office.url}/v1/heartbeat", data=body, headers=headers, timeout=10)
    assert reply.status_code == 200, reply.text
    operator = sign_in(office, "operator", PASSWORD)
    refused = post_form(
        operator,
        office,
        "/console/staff",
        "/console/staff/lockouts/clear",
        **clear_form(counter, ahead),
    )
    assert "clock was ahead" in refused.text
    assert (clears(office), audited(office)) == (0, 0)


def test_a_terminal_never_lets_a_clear_reach_a_lockout_after_now(office: Backend, counter: Path):
    """Even a clear naming the far future lifts only lockouts begun by the time it is applied:
    here the terminal's clock went back, so the lockout's start lies after "now"."""
    lock_out(counter, start=time.time() + 7200)
    held = _held(counter)
    reply = _signed_get(counter, "/v1/staff?since=0")
    p = paths(counter)
    found = verified_staff(
        reply,
        held - 1,
        terminal=load_identity(p).terminal,
        store="S1",
        bundle_path=p.trust_bundle,
        pinned_root=bytes.fromhex(p.pinned_root.read_text().strip()),
        now=time.time(),
    )
    assert found is not None
    far = ClearedLockout("c1", 2**39, int(time.time()))
    store = StaffStore(p.staff)
    try:
        store.apply_directory(held + 1, found[1], [far])
        assert [locked.staff_id for locked in store.locked_out()] == ["c1"]
    finally:
        store.close()
    assert sign_in_here(counter) == "locked_out"


def test_the_admin_cli_lists_and_clears_a_lockout_audited(office: Backend, counter: Path):
    from backend.cli import main as backend_main
    from tests.fixtures.terminal import run_cli

    lock_out(counter)
    sync_round(counter)
    terminal = load_identity(paths(counter)).terminal
    (listed,) = office_staff(office, "lockouts")["lockouts"]
    assert (listed["terminal"], listed["staff"], listed["name"]) == (terminal, "c1", "Lin")
    since = str(listed["since"])
    clear = ["--terminal", terminal, "--id", "c1", "--since", since]
    done = office_staff(office, "clear-lockout", *clear)
    assert (done["staff"], done["failures"]) == ("c1", listed["failures"])
    assert office_staff(office, "lockouts")["lockouts"][0]["cleared_at"] == done["cleared_at"]
    a = schema.audit_log
    with office.engine.begin() as conn:
        entry = conn.execute(select(a).where(a.c.action == "staff_lockout_clear")).one()
    assert (entry.source, entry.target) == ("cli", f"c1 @ {terminal}")
    sync_round(counter)
    assert sign_in_here(counter) == "c1"
    # Gone now: a second clear is refused with the reason, and nothing more is recorded.
    argv = ["admin", "staff", "clear-lockout", "--db", office.db_url, *clear]
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        rc, _ = run_cli(backend_main, argv)
    assert rc == 2 and "the terminal no longer reports this lockout" in err.getvalue()
    assert (clears(office), audited(office)) == (1, 1)


def _held(data_dir: Path) -> int:
    store = StaffStore(paths(data_dir).staff)
    try:
        return store.directory_version()
    finally:
        store.close()


def _verify(data_dir: Path, reply: dict[str, Any], held: int) -> None:
    p = paths(data_dir)
    verified_staff(
        reply,
        held,
        terminal=load_identity(p).terminal,
        store="S1",
        bundle_path=p.trust_bundle,
        pinned_root=bytes.fromhex(p.pinned_root.read_text().strip()),
        now=time.time(),
    )


def _signed_get(data_dir: Path, path: str) -> dict[str, Any]:
    """A GET signed with the terminal's own key, as its sync makes it."""
    from sync.http import SignedSession

    identity = load_identity(paths(data_dir))
    session = SignedSession(identity.backend, identity.terminal, identity.key)
    try:
        return dict(session.get(path))
    finally:
        session.close()


@pytest.mark.parametrize(
    ("cleared", "why"),
    [
        ("c1", "not a list"),
        ([["c1", 1, 2]], "a clear that is not a map"),
        ([{"id": "", "since": 1, "at": 2}], "an empty id"),
        ([{"id": "c1", "since": "1", "at": 2}], "a time as text"),
        ([{"id": "c1", "since": True, "at": 2}], "a time as a boolean"),
        ([{"id": "c1", "since": -1, "at": 2}], "a negative time"),
        ([{"id": "c1", "since": 1}], "no time of the clear"),
        ([{"id": "c1", "since": 1, "at": 2}] * 2001, "too many"),
    ],
)
def test_a_malformed_cleared_list_is_refused_by_name(cleared: Any, why: str) -> None:
    from protocol.staff_directory import parse_cleared

    with pytest.raises(ValueError, match=r"cleared lockout|clears too many"):
        parse_cleared({"accounts": [], "cleared": cleared})


def test_a_document_without_a_cleared_list_clears_nothing() -> None:
    from protocol.staff_directory import ClearedLockout, parse_cleared

    assert parse_cleared({"accounts": []}) == []
    clear = {"id": "c1", "since": 5, "at": 7}
    assert parse_cleared({"accounts": [], "cleared": [clear]}) == [ClearedLockout("c1", 5, 7)]
