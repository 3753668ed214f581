"""Every console action is refused on the server to a role below its own (403, nothing
changed), done for its role; CSV exports; every string in both languages; console accounts."""

from __future__ import annotations

import csv
import io
import re
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import requests
from sqlalchemy import func, select

from backend import downstream, ingest, schema, staff
from backend.cli import main as backend_main
from backend.console import (
    accounts,
    audit,
    catalog_form,
    coupon_form,
    i18n,
    order_form,
    policy_form,
    policy_rows,
    reports_page,
)
from backend.console.web import TEMPLATES, ConsoleSettings
from protocol.policy import policy_from_document
from tests.console_session import console_user, csrf_of, sign_in
from tests.fixtures.backend import Backend, start_backend
from tests.fixtures.terminal import award, enrol_wallet, provision, run_cli, sync

ROLES = ("viewer", "operator", "admin")
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
    for role in ROLES:
        console_user(backend, role, role, PASSWORD)
    data = root / "terminal"
    provision(backend, data, "S1")
    wallet = enrol_wallet(backend, "M1", root / "wallet.json")
    award(data, wallet, "30.00")
    assert sync(data)[1]["accepted"] == 1
    yield backend
    served.close()


def scalar(backend: Backend, query: Any) -> Any:
    with backend.engine.begin() as conn:
        return conn.execute(query).scalar_one_or_none()


def counter(table: Any) -> Callable[[Backend], Any]:
    return lambda b: scalar(b, select(func.count()).select_from(table))


def a_terminal(backend: Backend) -> str:
    t = schema.terminals
    return str(scalar(backend, select(t.c.id).where(t.c.status == "active").limit(1)))


def a_flag(backend: Backend) -> int:
    terminal = a_terminal(backend)
    with backend.engine.begin() as conn:
        ingest.flag_refused_batch(conn, terminal, "batch_replayed", "b1", 0)
    return int(scalar(backend, select(func.max(schema.flags.c.id))))


def a_live_code(backend: Backend) -> str:
    backend.enrolment_code("S5")
    c = schema.enrolment_codes
    return str(scalar(backend, select(c.c.code_hash).where(c.c.store == "S5").limit(1)))


def unique(prefix: str) -> str:
    return f"{prefix}{time.monotonic_ns()}"


# (least role, page with the form, action path or builder, fields, what the action changes)
ACTIONS: list[tuple[str, str, Any, Any, Callable[[Backend], Any]]] = [
    (
        "operator",
        "/console/enrolment",
        "/console/enrolment",
        lambda b: {"store": "S9"},
        counter(schema.enrolment_codes),
    ),
    (
        "operator",
        "/console/enrolment",
        "/console/enrolment/cancel",
        lambda b: {"code": a_live_code(b)},
        lambda b: scalar(b, select(func.min(schema.enrolment_codes.c.expires_at))),
    ),
    (
        "operator",
        "/console/flags",
        lambda b, f: f"/console/flags/{f['flag']}/resolve",
        lambda b: {"flag": str(a_flag(b)), "note": "checked"},
        counter(schema.flag_resolutions),
    ),
    (
        "operator",
        "/console/members?member=M1",
        "/console/members/login-code",
        lambda b: {"member": "M1"},
        counter(schema.member_login_codes),
    ),
    (
        "admin",
        "/console/members?member=M1",
        "/console/members/revoke",
        lambda b: {"member": "M1"},
        counter(schema.revocations),
    ),
    (
        "admin",
        "/console/fleet",
        "/console/fleet/revoke",
        lambda b: {"terminal": a_terminal(b)},
        lambda b: scalar(b, select(func.count()).where(schema.terminals.c.status == "revoked")),
    ),
    (
        "admin",
        "/console/orders/new",
        "/console/orders",
        lambda b: {
            "order": unique("O"),
            "store": "S1",
            "member": "M1",
            "item-0-sku": "CUP",
            "item-0-name": "Cup",
            "item-0-qty": "1",
        },
        counter(schema.pickup_orders),
    ),
    (
        "admin",
        "/console/coupons",
        "/console/coupons",
        lambda b: {
            "coupon": unique("C"),
            "member": "M1",
            "kind": "amount",
            "value": "5",
            "days": "7",
        },
        counter(schema.member_coupons),
    ),
    (
        "admin",
        "/console/catalog",
        "/console/catalog",
        lambda b: a_reward(b),
        lambda b: scalar(
            b, select(schema.documents.c.version).where(schema.documents.c.name == "catalog")
        ),
    ),
    (
        "admin",
        "/console/policy",
        "/console/policy",
        lambda b: policy_figures(b),
        lambda b: scalar(
            b, select(schema.documents.c.version).where(schema.documents.c.name == "policy")
        ),
    ),
    (
        "operator",
        "/console/members?member=M1",
        "/console/members/adjust",
        lambda b: {"member": "M1", "points": "5", "reason": "goodwill"},
        counter(schema.ledger),
    ),
    (
        "operator",
        "/console/members?member=M1",
        "/console/members/device/revoke",
        lambda b: a_fresh_phone(b),
        lambda b: scalar(
            b, select(func.count()).where(schema.member_devices.c.revoked_at.is_not(None))
        ),
    ),
    (  # a viewer may not even see the Staff page: the session's token from another page
        "operator",
        "/console/fleet",
        "/console/staff",
        lambda b: {"id": unique("x"), "role": "cashier", "stores": "S1", "pin": "246800"},
        counter(schema.staff_accounts),
    ),
    (
        "operator",
        "/console/fleet",
        "/console/staff/pin",
        lambda b: {"id": a_staff_account(b), "pin": "135790"},
        lambda b: scalar(b, select(func.max(schema.staff_accounts.c.version))),
    ),
]


def a_staff_account(backend: Backend) -> str:
    """A new office account, for one change."""
    staff_id = unique("a")
    with backend.engine.begin() as conn:
        staff.add(conn, staff_id, "", "cashier", ("S1",), "246800", int(time.time()))
    return staff_id


def a_reward(backend: Backend) -> dict[str, str]:
    """A new reward as the catalog form sends it, based on the current version."""
    with backend.engine.begin() as conn:
        version, _ = downstream.document(conn, "catalog")
    return {"id": unique("R"), "name": "Tea", "points": "30", "based_on": str(version)}


def policy_figures(backend: Backend) -> dict[str, str]:
    """The policy form as sent with one figure changed, based on the current version."""
    with backend.engine.begin() as conn:
        version, body = downstream.document(conn, "policy")
    shown = policy_form.current_values(body)
    return {
        **shown,
        **policy_rows.current_rows(policy_from_document(version, body)),
        "checkin_points": str(int(shown["checkin_points"]) + 1),
        "based_on": str(version),
    }


def a_fresh_phone(backend: Backend) -> dict[str, str]:
    """A new member's enrolled phone, for one revocation."""
    member = unique("P")
    enrol_wallet(backend, member, backend.issuer_dir.parent / f"{member}.json")
    d = schema.member_devices
    device = scalar(backend, select(d.c.device_public).where(d.c.member == member))
    return {"member": member, "device": str(device)}


@pytest.mark.parametrize(("least", "page", "action", "fields", "changed"), ACTIONS)
def test_each_action_is_refused_below_its_role_and_done_at_it(
    office: Backend, least: str, page: str, action: Any, fields: Any, changed: Any
):
    for role in ROLES:
        session = sign_in(office, role, PASSWORD)
        form = fields(office)
        path = action(office, form) if callable(action) else action
        before, audited = changed(office), counter(schema.audit_log)(office)
        csrf = csrf_of(session.get(f"{office.url}{page}", timeout=10).text)
        reply = session.post(f"{office.url}{path}", data={**form, "csrf": csrf}, timeout=30)
        if ROLES.index(role) < ROLES.index(least):
            assert reply.status_code == 403, (role, path)
            assert "Your role does not allow this action." in reply.text
            assert changed(office) == before, (role, path)
            assert counter(schema.audit_log)(office) == audited  # nothing done, nothing audited
        else:
            assert reply.status_code == 200, (role, path, reply.text[-300:])
            assert changed(office) != before, (role, path)
            assert counter(schema.audit_log)(office) == audited + 1, (role, path)
            return


def test_pages_need_a_session(office: Backend):
    pages = ("fleet", "enrolment", "flags", "members", "documents", "orders", "exports")
    office_pages = ("reports", "reports/points.svg", "reports/liability.csv", "audit", "audit.csv")
    for page in (*pages, *office_pages):
        reply = requests.get(f"{office.url}/console/{page}", timeout=10, allow_redirects=False)
        assert (reply.status_code, reply.headers["location"]) == (303, "/console/login")
    reply = requests.post(
        f"{office.url}/console/fleet/revoke", data={"terminal": a_terminal(office)}, timeout=10
    )
    assert reply.url.endswith("/console/login")


def test_exports_ledger_and_flags_as_csv_for_a_period(office: Backend):
    session = sign_in(office, "viewer", PASSWORD)
    terminal = a_terminal(office)
    with office.engine.begin() as conn:  # text a rooted terminal chose, shaped as a formula
        ingest.flag_refused_batch(
            conn, terminal, "batch_bad_signature", '=HYPERLINK("x")', int(time.time())
        )
    today = time.strftime("%Y-%m-%d", time.gmtime())
    reply = session.get(
        f"{office.url}/console/exports/ledger.csv", params={"from": today, "to": today}, timeout=10
    )
    assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(reply.content.decode("utf-8-sig"))))
    assert [(r["member"], r["kind"], r["points"]) for r in rows][:1] == [("M1", "award", "30")]
    flags = session.get(
        f"{office.url}/console/exports/flags.csv", params={"from": today, "to": today}, timeout=10
    )
    details = [r["detail"] for r in csv.DictReader(io.StringIO(flags.content.decode("utf-8-sig")))]
    assert '\'=HYPERLINK("x")' in details  # never a live formula
    yesterday = time.strftime("%Y-%m-%d", time.gmtime(time.time() - 86400))
    empty = session.get(
        f"{office.url}/console/exports/ledger.csv",
        params={"from": yesterday, "to": yesterday},
        timeout=10,
    )
    assert empty.content.decode("utf-8-sig").strip().count("\n") == 0  # the header only
    bad = session.get(
        f"{office.url}/console/exports/ledger.csv", params={"from": today, "to": "x"}, timeout=10
    )
    assert bad.status_code == 403


def test_every_string_the_templates_use_exists_in_both_languages():
    used = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+)["']\s*[,)]""", template.read_text()))
    assert len(used) > 50, "the t() calls were not found"
    # Keys put together in templates: doc_<name>, role_<role>.
    used |= {"doc_catalog", "doc_policy", *(f"role_{r}" for r in accounts.ROLES)}
    # ... and audit_<action>, kind_<ledger kind>, report_<name>, series_<figure>, and states.
    used |= {f"audit_{a}" for a in audit.ACTIONS} | {f"kind_{k}" for k in i18n.LEDGER_KINDS}
    used |= {f"report_{n}" for n in reports_page.NAMES}
    used |= {f"series_{f}" for f in ("issued", "redeemed", "cash", "moves", "redemptions")}
    used |= {f"series_{f}" for f in ("offline_percent", "mean_delay", "outstanding")}
    used |= {f"phone_{s}" for s in ("current", "replaced", "revoked")}
    used |= {"source_console", "source_cli", "order_ready", "order_handed_over"}
    used |= {f"policy_{f.key}" for f in policy_form.FIELDS}
    used |= {"bad_number", "bad_whole_number", "out_of_range", "bad_currency"}
    used |= {f"reward_{k}" for k in catalog_form.KEYS} | {"bad_reward_name", "bad_cash"}
    # The policy's rows, the coupon and order forms: labels put together, and field messages.
    used |= {f"tier_{k}" for k in policy_rows.TIER_KEYS} | {"tier_row", "campaign_row"}
    used |= {f"campaign_{k}" for k in policy_rows.CAMPAIGN_KEYS} | {"bad_time", "unknown_tier"}
    used |= {f"item_{k}" for k in order_form.ITEM_KEYS}
    used |= {f"coupon_value_{k}" for k in ("amount", "percent", "gift")}
    used |= {*coupon_form.LABELS.values(), *order_form.LABELS.values()}
    # Keys the routes hand to the templates: refusals, errors, notices.
    routes = "".join(
        (TEMPLATES.parent / name).read_text()
        for name in (
            "pages.py",
            "session_pages.py",
            "member_page.py",
            "member_actions.py",
            "reports_page.py",
            "policy_form.py",
            "catalog_form.py",
            "policy_rows.py",
            "coupon_form.py",
            "order_form.py",
            "staff_page.py",
        )
    )
    # A lockout clear's refusals, worded by their key (backend/staff_lockouts.py).
    clears = routes + (TEMPLATES.parent.parent / "staff_lockouts.py").read_text()
    used |= {f"lockout_refused_{k}" for k in re.findall(r'LockoutError\(\s*"(\w+)"', clears)}
    assert {"lockout_refused_gone", "lockout_refused_clock_ahead"} <= used
    for pattern in (
        r'AdjustRefused\("(\w+)"\)',
        r'Refused\("(\w+)"\)',
        r'error="(\w+)"',
        r'done="(\w+)"',
        r'_form\((?:console, )?request, "(\w+)"',  # _login_form(console, request, ...)
        r'\] = "(\w+)"',  # a field's message: errors[key] = "..."
        r'(?:return|\() ?\(?None, "(\w+)"',  # a checker's (None, "message")
    ):
        used |= {key for key in re.findall(pattern, routes) if len(key) > 1}
    assert used <= set(i18n.STRINGS), used - set(i18n.STRINGS)
    for key, (english, chinese) in i18n.STRINGS.items():
        assert english.strip() and chinese.strip(), key
        assert re.findall(r"{\w+}", english) == re.findall(r"{\w+}", chinese), key
        if key not in ("lang_other",):
            assert re.search(r"[\u4e00-\u9fff]", chinese), f"{key} is not translated"


def test_console_user_takes_the_password_from_stdin_and_stores_only_a_hash(office: Backend):
    console_user(office, "carol", "viewer", "first password 123")
    users = schema.console_users
    stored = scalar(office, select(users.c.password_hash).where(users.c.name == "carol"))
    assert stored.startswith("scrypt$") and "first password" not in stored
    assert accounts.check_password("first password 123", stored)
    assert not accounts.check_password("first password 124", stored)
    session = sign_in(office, "carol", "first password 123")
    console_user(office, "carol", "operator", "second password 456")  # ends her sessions
    assert session.get(f"{office.url}/console/fleet", timeout=10).url.endswith("/console/login")
    argv = ["admin", "console-user", "--db", office.db_url, "--name", "dave", "--role", "admin"]
    import sys

    stdin, sys.stdin = sys.stdin, io.StringIO("short\n")
    try:
        rc, _ = run_cli(backend_main, argv)
    finally:
        sys.stdin = stdin
    assert rc == 2  # refused: too short
    assert scalar(office, select(users.c.name).where(users.c.name == "dave")) is None
