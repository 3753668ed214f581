"""Screenshots of every console page in both languages at 1024x768 and 1920x1080.

    .venv/bin/python scripts/console_screenshots.py [docs/screenshots] [--only PAGE,...]
                                                    [--size WxH ...]

The office's pages (reports, audit, member page) are taken at 1366x768 and 1920x1080:
    .venv/bin/python scripts/console_screenshots.py --only members,reports,audit \
        --size 1366x768 --size 1920x1080
The reports page is also taken whole (``console-reports-full-...``): its charts run long.
The forms (policy, coupons, orders-new) are taken with wrong values and their
messages (``-error``), then with the preview of a right change; the policy's tiers and
campaigns run below the fold, so those two are also taken whole (``-full``).

Starts the real backend on a temporary SQLite file, fills it the real way (terminals
provisioned and synced with the terminal CLI, heartbeats, a member's purchases, a code used
at two counters), then photographs each page with headless Chromium (tests/console_browser).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import requests  # noqa: E402
from sqlalchemy import select, update  # noqa: E402

from backend import schema  # noqa: E402
from backend.console.web import ConsoleSettings  # noqa: E402
from config.paths import DataPaths  # noqa: E402
from protocol import signing  # noqa: E402
from terminal.terminal_identity import load_identity  # noqa: E402
from tests.console_browser import chromium, click_and_wait, sign_in  # noqa: E402
from tests.console_session import console_user, post_form  # noqa: E402
from tests.console_session import sign_in as session_sign_in  # noqa: E402
from tests.fixtures.backend import Backend, start_backend  # noqa: E402
from tests.fixtures.office_staff import add_office_staff, office_staff  # noqa: E402
from tests.fixtures.terminal import (  # noqa: E402
    admin,
    award,
    enrol_wallet,
    next_code,
    provision,
    run_cli,
    sync,
    terminal,
)
from wallet.cli import main as wallet_main  # noqa: E402

PAGES = [
    "login",
    "fleet",
    "enrolment",
    "flags",
    "members",
    "documents",
    "policy",
    "catalog",
    "orders",
    "orders-new",
    "coupons",
    "reports",
    "exports",
    "staff",
    "audit",
]
SIZES = [(1024, 768), (1920, 1080)]
PASSWORD = "screenshots password"  # noqa: S105 (a throw-away demo account)


def heartbeat(backend: Backend, data: Path, terminal_id: str, **report: object) -> None:
    body = json.dumps(
        {
            "app_version": "1.4.2",
            "bundle_version": 1,
            "policy_version": 1,
            "catalog_version": 1,
            "pending": 0,
            "oldest_pending_age_seconds": None,
            "last_error": None,
            "clock_offset_ms": 120,
            "scanner": "ok",
            "camera": "ok",
            **report,
        }
    ).encode()
    key = load_identity(DataPaths.resolve(data)).key
    headers = signing.sign_request(
        key, terminal_id, "POST", "/v1/heartbeat", body, int(time.time())
    )
    reply = requests.post(f"{backend.url}/v1/heartbeat", data=body, headers=headers, timeout=10)
    reply.raise_for_status()


def fill(backend: Backend, root: Path) -> None:
    console_user(backend, "manager", "admin", PASSWORD)
    wallet = enrol_wallet(backend, "M1001", root / "wallet.json")
    counters = []
    for i, store in enumerate(["SH-001", "SH-001", "BJ-002", "GZ-003"]):
        data = root / f"t{i}"
        counters.append((data, provision(backend, data, store)["terminal"]))
    award(counters[0][0], wallet, "128.00")
    award(counters[2][0], wallet, "56.50")
    shown = next_code(wallet)
    for data, _ in counters[:2]:
        terminal(["award", "--data-dir", str(data), "--amount", "20.00", shown])
    for data, _ in counters:
        sync(data)
    counter_work(backend, counters[0][0], wallet)
    # Each sync above ends with the command's own heartbeat (devices not checked, no lockouts):
    # the app's heartbeats, sent after them, are what most terminals show.
    now = int(time.time())
    # Two cashiers' lockouts as the terminals report them; the office clears one (office_work).
    locked = {"staff": "2001", "failures": 10, "since": now - 100, "until": now + 860}
    heartbeat(backend, *counters[0], lockouts=[locked])
    heartbeat(
        backend,
        *counters[1],
        pending=4,
        oldest_pending_age_seconds=1260,
        last_error="backend unreachable: connection refused",
        clock_offset_ms=-2400,
    )
    heartbeat(
        backend,
        *counters[2],
        scanner="disconnected",
        camera="none",
        lockouts=[{"staff": "9001", "failures": 9, "since": now - 60, "until": now + 420}],
    )
    with backend.engine.begin() as conn:  # the last one has not been heard from for 3 days
        conn.execute(
            update(schema.terminal_health)
            .where(schema.terminal_health.c.terminal == counters[3][1])
            .values(last_contact_at=int(time.time()) - 3 * 86400)
        )
    backend.enrolment_code("SH-001")
    backend.enrolment_code("BJ-002")
    add_office_staff(backend, {"2001": ("王芳", "supervisor", "246800")}, "SH-001")
    add_office_staff(backend, {"1001": ("Lin Hui", "cashier", "135790")}, "SH-001")
    add_office_staff(backend, {"9001": ("Zhao Lei", "technician", "975310")}, "BJ-002")
    office_staff(backend, "disable", "--id", "1001")
    office_work(backend)


def counter_work(backend: Backend, data: Path, wallet: Path) -> None:
    """A tier move and a redemption at a counter, for reports and audit."""
    admin(backend, "reward", "--id", "R-MUG", "--name", "Mug", "--points", "50")
    admin(backend, "set-tier", "--member", "M1001", "--tier", "gold")
    sync(data)
    time.sleep(1.1)  # the card's balance is stamped in whole seconds
    run_cli(wallet_main, ["refresh", str(wallet)])
    terminal(["redeem", "--data-dir", str(data), "--reward", "R-MUG", next_code(wallet)])
    sync(data)


def office_work(backend: Backend) -> None:
    """The office's own actions: a coupon, an order, an adjustment, a lockout cleared, a flag."""
    admin(
        backend, "coupon", "--member", "M1001", "--id", "C-TEA", "--kind", "gift", "--value", "Tea"
    )
    admin(backend, "add-order", "--store", "SH-001", "--member", "M1001", "--order", "O-2001")
    session = session_sign_in(backend, "manager", PASSWORD)
    member = "/console/members?member=M1001"
    post_form(
        session,
        backend,
        member,
        "/console/members/adjust",
        member="M1001",
        points="30",
        reason="Goodwill: mug broken in transit",
    )
    with backend.engine.begin() as conn:
        health = schema.terminal_health
        rows = conn.execute(select(health.c.terminal, health.c.report)).all()
    for terminal_id, report in rows:
        for locked in json.loads(report or "{}").get("lockouts", []):
            if locked["staff"] == "9001":
                clear = {"terminal": terminal_id, "id": "9001", "since": str(locked["since"])}
                post_form(
                    session, backend, "/console/staff", "/console/staff/lockouts/clear", **clear
                )
    flags = session.get(f"{backend.url}/console/flags", timeout=10).text
    flag = re.search(r'id="flag-(\d+)"', flags).group(1)  # type: ignore[union-attr]
    post_form(session, backend, "/console/flags", f"/console/flags/{flag}/resolve", note="checked")


def main() -> int:
    parser = argparse.ArgumentParser(description="console screenshots")
    parser.add_argument("out", nargs="?", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--only", help="comma-separated pages (default: all)")
    parser.add_argument("--size", action="append", help="WxH (repeatable)")
    args = parser.parse_args()
    pages = args.only.split(",") if args.only else PAGES
    sizes = [tuple(int(n) for n in s.split("x")) for s in args.size] if args.size else SIZES
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix="console-shots-"))
    served = start_backend(
        f"sqlite:///{root / 'backend.sqlite'}",
        root / "issuer",
        "sqlite",
        ConsoleSettings(secure_cookies=False),
    )
    backend = next(served)
    try:
        fill(backend, root)
        for width, height in sizes:
            browsers = chromium(root / f"profile-{width}", width, height)
            driver = next(browsers)
            for lang in ("en", "zh_CN"):
                shoot(driver, backend, out, lang, f"{width}x{height}", pages)
            browsers.close()
    finally:
        served.close()
    return 0


def shoot(driver: Any, backend: Backend, out: Path, lang: str, size: str, pages: list[str]) -> None:
    from selenium.webdriver.common.by import By

    d = driver
    d.delete_all_cookies()
    d.get(f"{backend.url}/console/lang/{lang}?next=/console/login")
    if "login" in pages:
        d.save_screenshot(str(out / f"console-login-{lang}-{size}.png"))
    language_cookie = d.get_cookie("console_lang")
    sign_in(d, backend, "manager", PASSWORD)
    d.add_cookie(language_cookie)
    for page in (p for p in pages if p != "login"):
        path = {"members": "members?member=M1001", "orders-new": "orders/new"}.get(page, page)
        d.get(f"{backend.url}/console/{path}")
        if page == "policy":  # wrong values beside their fields and rows, then a preview
            policy_shots(d, out, lang, size)
        if page in ("coupons", "orders-new"):
            form_shots(d, out, page, lang, size)
        if page == "catalog":  # a new reward previewed against the current catalog
            catalog_shots(d, out, lang, size)
        if page == "enrolment":
            d.find_element(By.ID, "store").send_keys("SH-001")
            click_and_wait(d, d.find_element(By.ID, "create"))
        d.save_screenshot(str(out / f"console-{page}-{lang}-{size}.png"))
        if page == "reports":
            whole(d, out / f"console-reports-full-{lang}-{size}.png")


def catalog_shots(driver: Any, out: Path, lang: str, size: str) -> None:
    """Wrong stock, dates and stores beside their fields (``-error``), then a new reward with
    its Chinese name, stock, dates and stores previewed."""
    from selenium.webdriver.common.by import By

    values = {
        "reward-id": "R-TEA",
        "reward-name": "Tea",
        "reward-name_zh": "绿茶",
        "reward-points": "30",
        "reward-stock": "-1",
        "reward-valid_from": "2027-02-01",
        "reward-valid_until": "2027-01-31",
        "reward-stores": "S1, store two",
    }
    typed(driver, values)
    click_and_wait(driver, driver.find_element(By.ID, "preview-reward"))
    driver.save_screenshot(str(out / f"console-catalog-error-{lang}-{size}.png"))
    typed(
        driver,
        {
            "reward-stock": "100",
            "reward-valid_from": "2027-01-01",
            "reward-valid_until": "2027-03-31",
            "reward-stores": "S1",
        },
    )
    click_and_wait(driver, driver.find_element(By.ID, "preview-reward"))


def typed(driver: Any, values: dict[str, str]) -> None:
    """Each field by id cleared and typed into, as a person would."""
    from selenium.webdriver.common.by import By

    for key, value in values.items():
        driver.find_element(By.ID, key).clear()
        driver.find_element(By.ID, key).send_keys(value)


def policy_shots(d: Any, out: Path, lang: str, size: str) -> None:
    """The policy form with wrong figures, tiers and a campaign, then a right change's preview."""
    from selenium.webdriver.common.by import By

    soon = time.strftime("%Y-%m-%d 00:00", time.gmtime(time.time() + 86400))
    later = time.strftime("%Y-%m-%d 00:00", time.gmtime(time.time() + 15 * 86400))
    typed(d, {"checkin_points": "25", "max_discount_share": "1.5", "tier-2-min_spend": "1500"})
    campaign = "双倍积分两周" if lang == "zh_CN" else "Double points fortnight"
    typed(d, {"tier-3-name": "silver", "campaign-0-name": campaign})
    typed(d, {"campaign-0-multiplier": "2", "campaign-0-starts": later})
    typed(d, {"campaign-0-ends": soon, "campaign-0-tiers": "gold, diamond"})
    click_and_wait(d, d.find_element(By.ID, "preview-policy"))
    d.save_screenshot(str(out / f"console-policy-error-{lang}-{size}.png"))
    whole(d, out / f"console-policy-error-full-{lang}-{size}.png")
    typed(d, {"max_discount_share": "0.4", "tier-2-min_spend": "8000", "tier-3-name": "platinum"})
    typed(d, {"tier-1-multiplier": "1.3", "campaign-0-starts": soon, "campaign-0-ends": later})
    typed(d, {"campaign-0-tiers": "gold, platinum"})
    click_and_wait(d, d.find_element(By.ID, "preview-policy"))
    whole(d, out / f"console-policy-full-{lang}-{size}.png")


def form_shots(d: Any, out: Path, page: str, lang: str, size: str) -> None:
    """A coupon's or an order's form with wrong values, then the preview of a right one."""
    from selenium.webdriver.common.by import By

    if page == "coupons":
        typed(d, {"coupon-coupon": "C 20", "coupon-member": "M1001", "coupon-value": "150"})
        typed(d, {"coupon-store": "SH-001, BJ 2", "coupon-days": "0"})
        d.find_element(By.CSS_SELECTOR, "#coupon-kind option[value=percent]").click()
        click_and_wait(d, d.find_element(By.ID, "preview-coupon"))
        d.save_screenshot(str(out / f"console-coupons-error-{lang}-{size}.png"))
        typed(d, {"coupon-coupon": "C-SPRING-20", "coupon-value": "20"})
        title = "春季八折" if lang == "zh_CN" else "Spring 20% off"
        typed(d, {"coupon-title": title, "coupon-store": "SH-001", "coupon-days": "30"})
        click_and_wait(d, d.find_element(By.ID, "preview-coupon"))
        return
    typed(d, {"order-order": "O-2002", "order-store": "SH 001", "order-member": "M1001"})
    typed(d, {"item-0-sku": "MUG-01", "item-0-qty": "0", "item-1-sku": "MUG-01"})
    typed(d, {"item-1-name": "杯子" if lang == "zh_CN" else "Mug", "item-1-qty": "1"})
    click_and_wait(d, d.find_element(By.ID, "preview-order"))
    d.save_screenshot(str(out / f"console-orders-new-error-{lang}-{size}.png"))
    typed(d, {"order-store": "SH-001", "item-0-qty": "2"})
    tea = "绿茶 250 克" if lang == "zh_CN" else "Green tea 250 g"
    mug = "旅行杯" if lang == "zh_CN" else "Travel mug"
    typed(d, {"item-1-sku": "TEA-250", "item-1-name": tea, "item-0-name": mug})
    click_and_wait(d, d.find_element(By.ID, "preview-order"))


def whole(driver: Any, path: Path) -> None:
    """The whole page, not only what the window shows."""
    import base64

    height = driver.execute_script("return document.documentElement.scrollHeight")
    width = driver.execute_script("return document.documentElement.clientWidth")
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        },
    )
    path.write_bytes(base64.b64decode(shot["data"]))


if __name__ == "__main__":
    sys.exit(main())
