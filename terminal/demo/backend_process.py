"""The reference backend for the demo: ``python -m backend serve`` on 127.0.0.1, SQLite.

The demo drives it as an operator would, through ``loyalty-backend admin``; the one-time codes
those commands print come back through a pipe, never through a command line or a log.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import requests


class DemoBackendFailed(RuntimeError):
    """The backend process did not start or an admin command failed; its log says why."""


class DemoBackend:
    """The backend process and its SQLite file in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.db_url = f"sqlite:///{folder / 'backend.sqlite'}"
        self.issuer = folder / "issuer"
        self.log_path = folder / "backend.log"
        self.url = ""
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def start(self, timeout: float = 60.0) -> None:
        """Start ``serve`` on a free port and wait until it answers."""
        # Migrating first, in the foreground, keeps the serve start short and its failure clear.
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        self._log = self.log_path.open("ab")
        argv = [sys.executable, "-m", "backend", "serve", "--db", self.db_url]
        argv += ["--port", str(port), "--issuer", str(self.issuer)]
        self._process = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log
        )
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + timeout
        while True:
            if self._process.poll() is not None:
                raise DemoBackendFailed(f"the demo's backend stopped; see {self.log_path}")
            if time.monotonic() > deadline:
                raise DemoBackendFailed(f"the demo's backend did not start; see {self.log_path}")
            try:
                if requests.get(f"{self.url}/v1/time", timeout=1).ok:
                    return
            except requests.ConnectionError:
                time.sleep(0.1)

    def admin(self, *argv: str, env: dict[str, str] | None = None) -> str:
        """Run ``loyalty-backend admin ...`` on this database; its standard output."""
        done = subprocess.run(
            [sys.executable, "-m", "backend", "admin", *argv, "--db", self.db_url],
            stdin=subprocess.DEVNULL,
            env={**os.environ, **(env or {})},
            capture_output=True,
            timeout=120,
            check=False,
        )
        if done.returncode != 0:
            with self.log_path.open("ab") as log:
                log.write(done.stderr)
            raise DemoBackendFailed(f"loyalty-backend admin {argv[0]} failed; see {self.log_path}")
        return done.stdout.decode()

    def enrolment_code(self, store: str) -> str:
        """A one-time terminal enrolment code for ``store`` (the last line printed)."""
        return self.admin("enrolment-code", "--store", store).strip().splitlines()[-1]

    def login_code(self, member: str) -> str:
        """What 'loyalty-backend admin login-code' prints: the member's one-time login."""
        return self.admin("login-code", "--member", member).strip().splitlines()[-1]

    def add_staff(self, staff_id: str, name: str, role: str, store: str, pin: str) -> None:
        """An account in the office's directory; the PIN in the child's environment only."""
        self.admin(
            *("staff", "add", "--id", staff_id, "--name", name, "--role", role, "--store", store),
            env={"LOYALTY_NEW_PIN": pin},
        )

    def set_tier(self, member: str, tier: str) -> None:
        self.admin("set-tier", "--member", member, "--tier", tier)

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(15)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(10)
        if self._log is not None:
            self._log.close()
