"""The Reports page: every figure is an SQL aggregate that equals what the ledger says, on
SQLite and PostgreSQL; each chart is an SVG whose plotted values are the ledger's; each CSV
has the same rows; readable in English and Chinese."""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from backend import schema, workers
from backend.cli import main as backend_main
from backend.console import member_actions, reports
from backend.console.web import ConsoleSettings
from tests.console_browser import chromium
from tests.console_browser import sign_in as browser_sign_in
from tests.console_office import fill, ledger_rows
from tests.console_session import console_user, sign_in
from tests.fixtures.backend import Backend, start_backend

pytest_plugins = ["tests.fixtures.plugin"]

PASSWORD = "a long enough password"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    root = tmp_path_factory.mktemp("office")
    served = start_backend(
        f"sqlite:///{root / 'backend.sqlite'}",
        root / "issuer",
        "sqlite",
        # A point worth 2 cents, as the office configured it (not the policy's rate).
        ConsoleSettings(secure_cookies=False, point_value=Decimal("0.02")),
    )
    backend = next(served)
    console_user(backend, "vera", "viewer", PASSWORD)
    fill(backend, root)
    with backend.engine.begin() as conn:  # an office adjustment: its own line in the liability
        member_actions.adjust_points(conn, "M2", 15, "goodwill", "otto", now_ms())
    yield backend
    served.close()


def now_ms() -> int:
    import time

    return int(time.time() * 1000)


def day(ms: int) -> str:
    return reports.day_text(ms // reports.DAY_MS)


def expected_points(rows: list[Any]) -> list[dict[str, Any]]:
    """Points per day and store, summed here in Python, row by row from the ledger."""
    groups: dict[tuple[str, str], dict[str, int]] = defaultdict(
        lambda: {"issued": 0, "redeemed": 0, "cash": 0}
    )
    for r in rows:
        g = groups[(day(r.corrected_time_ms), r.store)]
        if r.kind in ("award", "checkin"):
            g["issued"] += r.points
        elif r.kind == "redeem":
            g["redeemed"] -= r.points
        elif r.kind == "discount":
            g["cash"] -= r.points
    return [{"day": d, "store": s, **g} for (d, s), g in sorted(groups.items())]


def expected_liability(rows: list[Any], value: Decimal) -> list[dict[str, Any]]:
    """Opening and closing outstanding points per day and store, from the ledger entries."""
    out = []
    for d, store in sorted({(day(r.recorded_at_ms), r.store) for r in rows}):
        mine = [r for r in rows if r.store == store]
        before = sum(r.points for r in mine if day(r.recorded_at_ms) < d)
        today = [r for r in mine if day(r.recorded_at_ms) == d]
        closing = before + sum(r.points for r in today)
        out.append(
            {
                "day": d,
                "store": store,
                "opening": before,
                "earned": sum(r.points for r in today if r.kind in ("award", "checkin")),
                "reversed": sum(r.points for r in today if r.kind == "refund" and r.points < 0),
                "redeemed": -sum(r.points for r in today if r.kind == "redeem"),
                "refunded": sum(r.points for r in today if r.kind == "refund" and r.points > 0),
                "adjusted": sum(r.points for r in today if r.kind == "adjust"),
                "closing": closing,
                "liability": str((closing * value).quantize(Decimal("0.01"))),
            }
        )
    return out


def check_reports_against_the_ledger(backend: Backend, value: Decimal) -> None:
    rows = ledger_rows(backend)
    kinds = {r.kind for r in rows}
    assert {"award", "checkin", "redeem", "refund"} <= kinds, kinds  # the data covers them
    period = reports.Period.last(30)
    with backend.engine.begin() as conn:
        assert reports.points_per_day(conn, period) == expected_points(rows)
        assert reports.liability(conn, period, value) == expected_liability(rows, value)
        members_total = conn.execute(select(func.sum(schema.members.c.balance))).scalar_one()
        by_reward = reports.redemptions_by_reward(conn, period)
        tiers = reports.tier_mix(conn)
        offline = reports.offline_share(conn, period)
        flags = reports.flags_per_week(conn, period)
        flag_count = conn.execute(select(func.count()).select_from(schema.flags)).scalar_one()
    assert sum(r.points for r in rows) == members_total  # the closing total is what members hold
    redeemed = defaultdict(int)
    for r in rows:
        if r.kind == "redeem":
            redeemed[-r.points] += 1
    assert {(x["reward"], x["points"]) for x in by_reward} == {("R-MUG", 50), ("R-BAG", 20)}
    assert sum(x["redemptions"] for x in by_reward) == sum(redeemed.values())
    assert sum(t["members"] for t in tiers) == 2
    counter_ops = [r for r in rows if r.terminal != member_actions.OFFICE]
    assert sum(x["operations"] for x in offline) == len(counter_ops)
    late = [
        r for r in counter_ops if r.recorded_at_ms - r.corrected_time_ms > reports.OFFLINE_AFTER_MS
    ]
    assert sum(x["offline"] for x in offline) == len(late)
    assert sum(x["flags"] for x in flags) == flag_count


def test_every_report_equals_the_ledger_on_sqlite(office: Backend) -> None:
    check_reports_against_the_ledger(office, Decimal("0.02"))


def test_every_report_equals_the_ledger_on_postgresql(pg_cluster: Any, tmp_path: Path) -> None:
    served = start_backend(pg_cluster.new_database(), tmp_path / "issuer", "postgres")
    backend = next(served)
    try:
        fill(backend, tmp_path)
        check_reports_against_the_ledger(backend, Decimal("0.01"))
    finally:
        served.close()


def plotted(svg: str) -> dict[int, list[float]]:
    """The values pygal plotted, by series number, in order."""
    root = ET.fromstring(svg)  # noqa: S314 (our own backend's chart, in a test)
    series: dict[int, list[float]] = {}
    for group in root.iter(f"{SVG}g"):
        found = re.search(r"\bserie-(\d+)\b", group.get("class", ""))
        if found:
            values = [
                float(d.text or "0") for d in group.iter(f"{SVG}desc") if d.get("class") == "value"
            ]
            series.setdefault(int(found.group(1)), []).extend(values)
    return series


def test_the_charts_plot_the_ledgers_figures_and_the_csv_has_its_rows(office: Backend) -> None:
    session = sign_in(office, "vera", PASSWORD)  # a viewer reads every report
    rows = ledger_rows(office)
    period = reports.Period.last(30)
    index = {reports.day_text(d): i for i, d in enumerate(period.days())}
    issued, redeemed = [0.0] * 30, [0.0] * 30
    for r in rows:
        if r.kind in ("award", "checkin"):
            issued[index[day(r.corrected_time_ms)]] += r.points
        elif r.kind == "redeem":
            redeemed[index[day(r.corrected_time_ms)]] -= r.points
    svg = session.get(f"{office.url}/console/reports/points.svg?days=30", timeout=30)
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    assert "<script" not in svg.text  # nothing runs, not even pygal's inert config
    values = plotted(svg.text)
    assert values[0] == issued and values[1] == redeemed and sum(issued) > 0

    outstanding = plotted(
        session.get(f"{office.url}/console/reports/liability.svg", timeout=30).text
    )
    assert outstanding[0][-1] == sum(r.points for r in rows)  # today's closing, all stores

    text = session.get(f"{office.url}/console/reports/liability.csv?days=30", timeout=30)
    got = list(csv.DictReader(io.StringIO(text.content.decode("utf-8-sig"))))
    want = expected_liability(rows, Decimal("0.02"))
    assert [{k: str(v) for k, v in w.items()} for w in want] == got

    one = session.get(f"{office.url}/console/reports/points.csv?days=365&store=S2", timeout=30)
    got = list(csv.DictReader(io.StringIO(one.content.decode("utf-8-sig"))))
    assert got and {g["store"] for g in got} == {"S2"}

    session.cookies.set("console_lang", "zh_CN")
    chinese = session.get(f"{office.url}/console/reports/points.svg", timeout=30).text
    assert "积分发放、兑换与抵现" in chinese and "发放" in chinese
    assert "Noto Sans CJK SC" in chinese  # a family that has the Chinese glyphs


def test_the_reports_page_shows_every_chart_in_chromium(
    office: Backend, tmp_path_factory: pytest.TempPathFactory
) -> None:
    console_user(office, "ada", "admin", PASSWORD)
    for driver in chromium(tmp_path_factory.mktemp("chromium-profile"), 1366, 768):
        browser_sign_in(driver, office, "ada", PASSWORD)
        driver.get(f"{office.url}/console/reports?days=30")
        assert "Reports" in driver.title
        images = driver.find_elements("css selector", "img.chart")
        assert len(images) == 7
        for image in images:  # each SVG loaded and drawn
            width = driver.execute_script(
                "return arguments[0].complete && arguments[0].naturalWidth", image
            )
            assert width == 960, image.get_attribute("src")
        closing = int(driver.find_element("id", "closing").text)
        assert closing == sum(r.points for r in ledger_rows(office))
        assert driver.find_element("id", "liability-money").text == str(
            (closing * Decimal("0.02")).quantize(Decimal("0.01"))
        )


def test_the_point_value_reaches_every_worker_and_a_wrong_one_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = workers.ServeSettings(
        f"sqlite:///{tmp_path / 'b.sqlite'}", tmp_path, point_value="0.02"
    )
    handed = workers.ServeSettings.from_json(settings.to_json())
    assert workers.console_settings(handed).point_value == Decimal("0.02")
    assert workers.console_settings(workers.ServeSettings("x", tmp_path)).point_value is None
    for wrong in ("abc", "0", "-1", "NaN"):
        argv = ["serve", "--db", str(tmp_path / "b.sqlite"), "--point-value", wrong]
        assert backend_main(argv) == 2
        assert "--point-value" in capsys.readouterr().err
