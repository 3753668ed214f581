"""Screenshots of every console page in both languages at 1024x768 and 1920x1080.

    .venv/bin/python scripts/console_screenshots.py [docs/screenshots]

Starts the real backend on a temporary SQLite file, fills it the real way (terminals
provisioned and synced with the terminal CLI, heartbeats, a member's purchases, a code used
at two counters), then photographs each page with headless Chromium (tests/console_browser).
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import requests  # noqa: E402
from sqlalchemy import update  # noqa: E402

from backend import schema  # noqa: E402
from backend.console.web import ConsoleSettings  # noqa: E402
from config.paths import DataPaths  # noqa: E402
from protocol import signing  # noqa: E402
from terminal.terminal_identity import load_identity  # noqa: E402
from tests.console_browser import chromium, click_and_wait, sign_in  # noqa: E402
from tests.console_session import console_user  # noqa: E402
from tests.fixtures.backend import Backend, start_backend  # noqa: E402
from tests.fixtures.office_staff import add_office_staff, office_staff  # noqa: E402
from tests.fixtures.terminal import (  # noqa: E402
    award,
    enrol_wallet,
    next_code,
    provision,
    sync,
    terminal,
)

PAGES = [
    "login",
    "fleet",
    "enrolment",
    "flags",
    "members",
    "documents",
    "orders",
    "exports",
    "staff",
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
    heartbeat(backend, *counters[0])
    heartbeat(
        backend,
        *counters[1],
        pending=4,
        oldest_pending_age_seconds=1260,
        last_error="backend unreachable: connection refused",
        clock_offset_ms=-2400,
    )
    heartbeat(backend, *counters[2], scanner="disconnected", camera="none")
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


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshots"
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
        for width, height in SIZES:
            browsers = chromium(root / f"profile-{width}", width, height)
            driver = next(browsers)
            for lang in ("en", "zh_CN"):
                shoot(driver, backend, out, lang, f"{width}x{height}")
            browsers.close()
    finally:
        served.close()
    return 0


def shoot(driver: Any, backend: Backend, out: Path, lang: str, size: str) -> None:
    from selenium.webdriver.common.by import By

    d = driver
    d.delete_all_cookies()
    d.get(f"{backend.url}/console/lang/{lang}?next=/console/login")
    d.save_screenshot(str(out / f"console-login-{lang}-{size}.png"))
    language_cookie = d.get_cookie("console_lang")
    sign_in(d, backend, "manager", PASSWORD)
    d.add_cookie(language_cookie)
    for page in PAGES[1:]:
        path = {"members": "members?member=M1001"}.get(page, page)
        d.get(f"{backend.url}/console/{path}")
        if page == "enrolment":
            d.find_element(By.ID, "store").send_keys("SH-001")
            click_and_wait(d, d.find_element(By.ID, "create"))
        d.save_screenshot(str(out / f"console-{page}-{lang}-{size}.png"))


if __name__ == "__main__":
    sys.exit(main())
