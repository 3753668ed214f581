"""Every console page in Chinese is Chinese: tiers, ledger kinds, device states, flag details,
order and coupon states are named in Chinese; ids, codes and amounts show as they are.

Pages come from a live backend (a real server on 127.0.0.1) with the data a real office has:
a provisioned terminal that earned points and sent a heartbeat with a failing scanner, flags
raised by ingest and by the online authorisation, an order and a coupon.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator

import pytest
import requests

from backend import ingest
from backend.console.web import ConsoleSettings
from config.paths import DataPaths
from protocol import signing
from terminal.terminal_identity import load_identity
from tests.console_session import console_user, post_form, sign_in
from tests.fixtures.backend import Backend, start_backend
from tests.fixtures.terminal import admin, award, enrol_wallet, provision, sync
from tests.latin_words import latin_words, visible_text
from tests.test_console_heartbeat import REPORT

PASSWORD = "a long enough password"
PAGES = (
    "/console/fleet",
    "/console/enrolment",
    "/console/flags",
    "/console/flags?state=all",
    "/console/members?member=M1",
    "/console/documents",
    "/console/orders",
    "/console/orders/new",
    "/console/coupons",
    "/console/policy",
    "/console/exports",
)
# Names the data holds, shown as given: the catalog's rewards, the console user, documents.
DATA = frozenset({"admin", "Coffee", "Cake", "points_per_unit", "rewards", "name", "id"})


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Backend, str]]:
    root = tmp_path_factory.mktemp("office")
    served = start_backend(
        f"sqlite:///{root / 'backend.sqlite'}",
        root / "issuer",
        "sqlite",
        ConsoleSettings(secure_cookies=False),
    )
    backend = next(served)
    console_user(backend, "admin", "admin", PASSWORD)
    data = root / "terminal"
    terminal_id = provision(backend, data, "S1")["terminal"]
    wallet = enrol_wallet(backend, "M1", root / "wallet.json")
    admin(backend, "set-tier", "--member", "M1", "--tier", "gold")
    award(data, wallet, "30.00")
    assert sync(data)[1]["accepted"] == 1
    # A scanner that failed, as the terminal's heartbeat reports it.
    body = json.dumps(
        {**REPORT, "scanner": "error: off: cannot open /dev/ttyACM0", "camera": "absent"}
    ).encode()
    key = load_identity(DataPaths.resolve(data)).key
    headers = signing.sign_request(
        key, terminal_id, "POST", "/v1/heartbeat", body, int(time.time())
    )
    reply = requests.post(f"{backend.url}/v1/heartbeat", data=body, headers=headers, timeout=10)
    assert reply.status_code == 200, reply.text
    with backend.engine.begin() as conn:
        ingest.flag_refused_batch(conn, terminal_id, "chain_gap", "seq 4..6 missing", 0)
        ingest.flag_refused_batch(
            conn,
            terminal_id,
            "code_used",
            "online redeem refused: this code was already used at another counter or checkout",
            0,
        )
    admin(backend, "add-order", "--store", "S1", "--member", "M1", "--order", "O-1")
    admin(backend, "coupon", "--member", "M1", "--id", "C-1", "--kind", "percent", "--value", "10")
    yield backend, terminal_id
    served.close()


def _page(session: requests.Session, backend: Backend, path: str) -> str:
    reply = session.get(f"{backend.url}{path}", timeout=10)
    assert reply.status_code == 200, (path, reply.status_code)
    return reply.text


@pytest.mark.parametrize("path", PAGES)
def test_every_console_page_in_chinese_has_no_english_words(office, path):
    backend, _terminal = office
    session = sign_in(backend, "admin", PASSWORD)
    session.cookies.set("console_lang", "zh_CN")
    text = visible_text(_page(session, backend, path))
    assert not latin_words(text, DATA), (path, latin_words(text, DATA), text)


def test_the_fleet_names_device_states_and_the_member_page_tier_and_kinds(office):
    backend, terminal = office
    session = sign_in(backend, "admin", PASSWORD)
    session.cookies.set("console_lang", "zh_CN")
    fleet = _page(session, backend, "/console/fleet")
    # The terminal's own words stay reachable (hover), the column says it in Chinese.
    assert '<span title="off: cannot open /dev/ttyACM0">故障</span> / <span>未接入</span>' in fleet
    member = visible_text(_page(session, backend, "/console/members?member=M1"))
    assert "金卡" in member and "消费积分" in member
    flags = _page(session, backend, "/console/flags")
    assert "缺少序号 4–6" in flags
    assert "在线兑换礼品被拒绝：此码已在其他收银台或结账中使用" in flags
    session.cookies.set("console_lang", "en")
    english = _page(session, backend, "/console/fleet")
    assert '<span title="off: cannot open /dev/ttyACM0">error</span>' in english
    assert "seq 4..6 missing" in _page(session, backend, "/console/flags")
    assert terminal in english


# The forms' messages and previews, in Chinese: wrong values, then right ones.
FORM_POSTS = (
    (
        "/console/policy",
        "/console/policy/preview",
        {"tier-2-min_spend": "1", "tier-3-name": "gold", "campaign-0-name": "双倍积分"}
        | {"campaign-0-multiplier": "x", "campaign-0-starts": "soon", "campaign-0-ends": "later"},
        {"tier-1-multiplier": "1.3", "campaign-0-name": "双倍积分", "campaign-0-tiers": "gold"}
        | {"campaign-0-multiplier": "2", "campaign-0-starts": "2026-12-01"}
        | {"campaign-0-ends": "2026-12-08"},
    ),
    (
        "/console/coupons",
        "/console/coupons/preview",
        {"coupon": "C 2", "member": "M1", "kind": "percent", "value": "0", "days": "x"},
        {"coupon": "C-2", "member": "M9", "kind": "percent", "value": "15", "days": "30"},
    ),
    (
        "/console/orders/new",
        "/console/orders/preview",
        {"order": "O 2", "store": "S1", "member": "M1", "item-0-sku": "A", "item-0-qty": "0"},
        {"order": "O-2", "store": "S9", "member": "M9", "item-0-sku": "A-1"}
        | {"item-0-name": "绿茶", "item-0-qty": "2"},
    ),
)


@pytest.mark.parametrize(("page", "action", "wrong", "right"), FORM_POSTS)
def test_the_forms_messages_and_previews_in_chinese_have_no_english_words(
    office, page, action, wrong, right
):
    backend, _terminal = office
    session = sign_in(backend, "admin", PASSWORD)
    session.cookies.set("console_lang", "zh_CN")
    html = _page(session, backend, page)
    current = dict(re.findall(r'<input name="([^"]+)" id="[^"]+" value="([^"]*)"', html))
    for fields, status in ((wrong, 400), (right, 200)):
        reply = post_form(session, backend, page, action, **{**current, **fields})
        assert reply.status_code == status, (action, reply.text[-500:])
        text = visible_text(reply.text)
        assert not latin_words(text, DATA), (action, latin_words(text, DATA), text)
        assert ("field-error" in reply.text) == (status == 400)
