"""``loyalty-backend`` as operators run it: serve in a subprocess, admin commands on the file."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests import cli
from tests.fixtures.postgres import free_port
from tests.fixtures.terminal import award, terminal

REPO = Path(__file__).resolve().parent.parent


def _backend(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "backend", *argv],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_serve_admin_and_a_terminal_work_together(tmp_path: Path) -> None:
    db, port = tmp_path / "backend.sqlite", free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "backend", "serve", "--db", str(db), "--port", str(port)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if requests.get(f"{url}/v1/time", timeout=1).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        assert (tmp_path / "backend-issuer" / "root.key").stat().st_mode & 0o777 == 0o600
        code = _backend("admin", "enrolment-code", "--db", str(db), "--store", "S9")
        assert code.returncode == 0, code.stderr
        one_time = code.stdout.strip().splitlines()[-1]
        data_dir = tmp_path / "t1"
        rc, out = terminal(
            ["provision", "--backend", url, "--code", one_time, "--data-dir", str(data_dir)]
        )
        assert (rc, out["store"]) == (0, "S9")
        assert (data_dir / "terminal.key").stat().st_mode & 0o777 == 0o600
        assert (data_dir / "staff.key").stat().st_mode & 0o777 == 0o600
        login = _backend("admin", "login-code", "--db", str(db), "--member", "M5")
        assert login.returncode == 0, login.stderr
        # The member's login code goes through stdin, never argv.
        enrolled = cli.wallet(
            "enroll",
            "--backend",
            url,
            "--member",
            "M5",
            "--login",
            "-",
            "--out",
            tmp_path / "w",
            stdin=login.stdout.strip().splitlines()[-1] + "\n",
        )
        assert enrolled.code == 0, enrolled.stderr
        done = award(data_dir, tmp_path / "w", "3.00")
        assert terminal(["sync", "--data-dir", str(data_dir)])[0] == 0
        ledger = _backend("admin", "ledger", "--db", str(db), "--member", "M5")
        report = json.loads(ledger.stdout)
        assert (report["balance"], [e["event"] for e in report["entries"]]) == (3, [done["event"]])
        revoke = _backend(
            "admin", "revoke-terminal", "--db", str(db), "--terminal", out["terminal"]
        )
        assert revoke.returncode == 0
        rc, refused = terminal(["sync", "--data-dir", str(data_dir)])
        assert (rc, refused["error"]) == (1, "terminal_revoked")
    finally:
        server.terminate()
        server.wait(20)
