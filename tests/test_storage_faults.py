"""Storage faults on real files: a full filesystem, a file size limit, a damaged database.

Each is caused for real (a small tmpfs, RLIMIT_FSIZE, bytes written over the file header) and
the real command runs in its own process. It must exit 4 with a named reason and a sentence,
print no traceback, and leave nothing half-done: the award is not in the outbox.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.errors import StorageCorrupt, StorageFull, StorageIOError
from sync.outbox import Outbox
from sync.sqlite_util import classify, connect
from tests.counter_setup import provision_offline
from tests.member_codes import make_issuer
from tests.requirements import require

EXIT_STORAGE = 4


def _can_mount() -> bool:
    return os.geteuid() == 0 and sys.platform.startswith("linux")


@contextlib.contextmanager
def small_filesystem(where: Path, size_kib: int) -> Iterator[Path]:
    """A tmpfs of ``size_kib`` mounted at ``where`` (root only: a real full disk)."""
    require(_can_mount(), "mounting a small tmpfs needs root on Linux")
    where.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0700", "tmpfs", str(where)],
        check=True,
    )
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(directory: Path) -> None:
    """Write until the filesystem refuses: ENOSPC."""
    fd = os.open(directory / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
    finally:
        os.close(fd)


def live_terminal(data_dir: Path):
    return provision_offline(data_dir, make_issuer(int(time.time()) - 600))


def live_code(setup) -> str:
    now = time.time()
    return setup.member("M1001", issued_at=int(now) - 60).code(at=now)


def run_award(data_dir: Path, code: str, *, file_size_limit: int | None = None):
    def limit() -> None:
        if file_size_limit is not None:
            # The write past the limit fails with EFBIG instead of killing the process.
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, resource.RLIM_INFINITY))

    return subprocess.run(
        [
            sys.executable,
            "-m",
            "terminal",
            "award",
            "--data-dir",
            str(data_dir),
            "--amount",
            "25",
            "-",
        ],  # the code comes on stdin, never on the command line
        input=code,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit,
        check=False,
    )


def last_json(stdout: str) -> dict[str, object]:
    return json.loads(stdout.strip().splitlines()[-1])


def queued_awards(data_dir: Path) -> int:
    with Outbox(data_dir / "outbox.sqlite", "T1") as outbox:
        return int(outbox.counts().get("pending", 0))


def test_a_full_disk_exits_4_with_a_sentence_and_queues_nothing(tmp_path):
    with small_filesystem(tmp_path / "disk", 1024) as disk:
        setup = live_terminal(disk / "t")
        code = live_code(setup)
        fill(disk)
        proc = run_award(setup.data_dir, code)
        (disk / "filler").unlink()
        assert proc.returncode == EXIT_STORAGE, proc.stderr
        out = last_json(proc.stdout)
        assert out["ok"] is False
        assert out["reason"] == "storage_full"
        assert "disk is full" in str(out["message"])
        assert "Traceback" not in proc.stderr
        assert queued_awards(setup.data_dir) == 0


def test_a_file_size_limit_is_a_named_io_fault_and_nothing_is_half_saved(tmp_path):
    setup = live_terminal(tmp_path / "t")
    code = live_code(setup)
    # One page: SQLite cannot size its shared-memory or write-ahead file past it.
    proc = run_award(setup.data_dir, code, file_size_limit=4096)
    assert proc.returncode == EXIT_STORAGE, proc.stderr
    out = last_json(proc.stdout)
    assert out["reason"] == "storage_io"  # the disk has room: an I/O fault, not "full"
    assert "Traceback" not in proc.stderr
    assert queued_awards(setup.data_dir) == 0
    # With room again, the same terminal works: the fault damaged nothing.
    assert run_award(setup.data_dir, live_code(setup)).returncode == 0
    assert queued_awards(setup.data_dir) == 1


def test_a_damaged_outbox_exits_4_and_says_do_not_delete(tmp_path):
    setup = live_terminal(tmp_path / "t")
    assert run_award(setup.data_dir, live_code(setup)).returncode == 0
    code = live_code(setup)
    outbox = setup.data_dir / "outbox.sqlite"
    with outbox.open("r+b") as raw:
        raw.write(b"this is not an SQLite header at all" * 4)
    proc = run_award(setup.data_dir, code)
    assert proc.returncode == EXIT_STORAGE, proc.stderr
    out = last_json(proc.stdout)
    assert out["reason"] == "storage_corrupt"
    assert "do not delete" in str(out["message"])
    assert "Traceback" not in proc.stderr


def test_sqlite_result_codes_name_the_fault_not_the_message_words(tmp_path):
    with small_filesystem(tmp_path / "disk", 256) as disk:
        db = connect(disk / "x.sqlite")
        db.execute("CREATE TABLE t (b BLOB)")
        with pytest.raises(Exception) as caught:
            for _ in range(1000):
                db.execute("INSERT INTO t VALUES (?)", (b"x" * 8000,))
        db.close()
    assert isinstance(classify(caught.value), StorageFull)
    not_a_db = tmp_path / "not.sqlite"
    not_a_db.write_bytes(b"\x00garbage" * 512)
    with pytest.raises(StorageCorrupt):
        db = connect(not_a_db)
        db.execute("SELECT * FROM sqlite_master").fetchall()
    # A bug in our own SQL stays a bug: it is not dressed up as the disk's fault.
    db = connect(tmp_path / "ok.sqlite")
    with pytest.raises(Exception) as bug:
        db.execute("SELEKT 1")
    assert classify(bug.value) is None
    assert isinstance(classify(OSError(5, "Input/output error")), StorageIOError)
