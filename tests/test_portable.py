"""The terminal's side runs where POSIX-only modules do not exist (Windows store counters).

Each check runs in a fresh interpreter (tests/no_posix.py) where ``fcntl``, ``termios``,
``pwd``, ``grp`` and ``resource`` raise ImportError and ``os.fchmod`` is gone.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The counter's core: operations, caps, pre-flight checks, replay, the outbox, staff, settings
# and receipts, on real SQLite files (none of them needs Qt or a backend).
CORE_TESTS = (
    "tests/test_counter_operations.py",
    "tests/test_counter_caps.py",
    "tests/test_counter_preflight.py",
    "tests/test_replay.py",
    "tests/test_sync_outbox.py",
    "tests/test_staff.py",
    "tests/test_config.py",
    "tests/test_config_files.py",
    "tests/test_receipts_printer.py",
)


# -n0: in this process, where the blocker is; a worker pytest-xdist started would not have it.
PYTEST = ("-q", "-p", "no:cacheprovider", "-n0")


def run_without_posix(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "tests.no_posix", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_the_blocker_really_hides_the_posix_only_modules():
    probe = run_without_posix("pytest", *PYTEST, "tests/no_posix_probe.py")
    assert probe.returncode == 0, probe.stdout + probe.stderr


def test_every_module_of_the_terminals_side_imports_without_posix_only_modules():
    result = run_without_posix("imports")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all modules imported" in result.stdout


def test_the_counters_core_tests_pass_without_posix_only_modules():
    result = run_without_posix("pytest", *PYTEST, "-W", "ignore::UserWarning", *CORE_TESTS)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and " failed" not in result.stdout
