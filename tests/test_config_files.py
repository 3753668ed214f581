"""Atomic writes: a secret is owner-only from its first byte, a public file readable, and a
key that others can read is refused (POSIX mode bits; tests/test_portable.py runs these
where ``os.fchmod`` does not exist)."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from config.errors import ConfigError
from config.files import check_secret_mode, write_atomic, write_secret

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="Windows keeps no mode bits")


@posix_only
def test_a_secret_is_owner_only_and_a_public_file_readable_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        write_secret(tmp_path / "terminal.key", b"k" * 32)
        write_atomic(tmp_path / "root.pub", b"ab" * 16)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "terminal.key").stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "root.pub").stat().st_mode) == 0o644
    check_secret_mode(tmp_path / "terminal.key")


def test_a_rewrite_replaces_the_whole_file_and_leaves_no_temporary_behind(tmp_path):
    target = tmp_path / "settings.toml"
    write_atomic(target, b"old contents, longer than the new ones")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.toml"]


@posix_only
def test_a_key_other_users_can_read_is_refused(tmp_path):
    key = tmp_path / "terminal.key"
    write_secret(key, b"k" * 32)
    key.chmod(0o640)
    with pytest.raises(ConfigError, match="readable by other users"):
        check_secret_mode(key)
